"""The one list of ``error.code``s: every error class reports one of them, and every error
body the service's OpenAPI document describes (the filer's and the staff's) offers exactly it."""

from __future__ import annotations

from typing import Any

from naevn.web.openapi import document
from statemachine import errors
from statemachine.errors import ERROR_CODES, NaevnError


def test_every_error_class_reports_a_code_of_the_one_list() -> None:
    classes = [c for c in vars(errors).values() if isinstance(c, type)]
    codes = {c.code for c in classes if issubclass(c, NaevnError)}
    assert codes <= set(ERROR_CODES)


def test_every_error_body_in_the_service_document_offers_the_one_list() -> None:
    enums: list[list[str]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            code = node.get("properties", {}).get("code")
            if isinstance(code, dict) and "enum" in code:
                enums.append(code["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document())
    assert len(enums) >= 2  # the filer's Error and the staff's
    assert all(enum == list(ERROR_CODES) for enum in enums)
