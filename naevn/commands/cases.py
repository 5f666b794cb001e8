"""``naevn cases list`` and ``naevn cases show``: the filed cases, for administrators."""

from __future__ import annotations

import json
from typing import Any, TextIO

from casestore import CaseRecord, CaseSummary, Store
from statemachine.engine.values import escape_unshown

PAGE = 500
"""Cases read per query; the listing pages through the store, never loading all at once."""


def summary_json(case: CaseSummary) -> dict[str, Any]:
    """The list fields of a case, as in design.md."""
    return {
        "number": case.number,
        "case_type": case.case_type,
        "role": case.role,
        "housing": case.housing,
        "municipality_code": case.municipality_code,
        "status": case.status,
        "filed_at": case.filed_at.isoformat(),
    }


def record_json(case: CaseRecord) -> dict[str, Any]:
    """The whole case, as in design.md."""
    return {
        **summary_json(case),
        "side": case.side,
        "extra_topics": case.extra_topics,
        "answers": case.answers,
        "parties": case.parties,
        "attachments": case.attachments,
        "deadlines": case.deadlines,
        "events": case.events,
    }


def list_cases(store: Store, as_json: bool, out: TextIO) -> None:
    """One line, or one JSON object, per case, oldest first."""
    after: str | None = None
    while True:
        with store.read() as tx:
            page = tx.list_cases(limit=PAGE, after_number=after)
        for case in page:
            row = summary_json(case)
            if as_json:
                out.write(_dumps(row) + "\n")
            else:
                out.write(escape_unshown("  ".join(str(row[k]) for k in row)) + "\n")
        if len(page) < PAGE:
            return
        after = page[-1].number


def show_case(store: Store, number: str, as_json: bool, out: TextIO) -> None:
    """The whole case. Raises NotFoundError for an unknown number."""
    with store.read() as tx:
        case = tx.get_case(number)
    data = record_json(case)
    if as_json:
        out.write(_dumps(data) + "\n")
        return
    for key in (
        "number",
        "case_type",
        "role",
        "side",
        "housing",
        "municipality_code",
        "status",
        "filed_at",
    ):
        out.write(escape_unshown(f"{key}: {data[key]}") + "\n")
    out.write("answers:\n")
    for key, value in case.answers.items():
        out.write(f"  {escape_unshown(key)}: {_dumps(value)}\n")
    for section in ("parties", "attachments", "deadlines", "events"):
        out.write(f"{section}:\n")
        for item in data[section]:
            out.write("  " + _dumps(item) + "\n")


def _dumps(value: Any) -> str:
    """JSON as the terminal shows it: letters as they are, but control characters and
    direction overrides as escapes, so a party name cannot reorder or hide what is printed
    (an escape inside a JSON string is still the same JSON)."""
    return escape_unshown(json.dumps(value, ensure_ascii=False, default=str))
