"""``naevn deadline``: the deadlines that apply to a case, for staff, lawyers and scripts."""

from __future__ import annotations

import json
from datetime import date
from typing import TextIO

from locales import translator
from statemachine.catalog.casetypes import case_type
from statemachine.catalog.deadlines import deadlines_for
from statemachine.catalog.ids import EVENTS, ROLES
from statemachine.engine.dates import parse_date
from statemachine.errors import NaevnError, UnknownIdError
from statemachine.flows.intake.summaries import deadline_lines
from statemachine.text import t


class UsageError(NaevnError):
    """A command line that cannot be carried out; exits 2 with one line on stderr."""


def run(
    case_type_id: str,
    role: str,
    side: str | None,
    events: list[str],
    today: date,
    as_json: bool,
    lang: str,
    out: TextIO,
) -> None:
    """Print the deadlines for a case type, role and dated events.

    Raises:
        UsageError: an unknown case type, role, event or date.
    """
    tr = translator(lang)
    try:
        ct = case_type(case_type_id)
    except UnknownIdError as err:
        raise UsageError(
            tr.render(err.message) if not isinstance(err.message, str) else err.message
        ) from None
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r}; use one of: {', '.join(ROLES)}")
    acting = side or role
    if acting == "representative":
        raise UsageError("a representative must say which side they act for: --side tenant")
    dated: dict[str, date] = {}
    for event in events:
        name, sep, value = event.partition("=")
        if not sep or name not in EVENTS:
            raise UsageError(
                f"unknown event {name!r}; use NAME=DATE with NAME one of: {', '.join(EVENTS)}"
            )
        try:
            dated[name] = parse_date(value)
        except NaevnError as err:
            raise UsageError(f"{name}: {tr.render(err.message)}") from None
    found = deadlines_for(ct.id, acting, dated, today)
    if as_json:
        rows = []
        for d in found:
            row = d.as_json()
            row["consequence"] = tr.render(t(d.consequence))
            row["legal_basis"] = tr.render(t(d.legal_basis))
            rows.append(row)
        out.write(
            json.dumps(
                {"case_type": ct.id, "role": role, "today": today.isoformat(), "deadlines": rows},
                ensure_ascii=False,
            )
            + "\n"
        )
        return
    out.write(
        tr.render(
            t("Deadlines for {case_type}, as of {today}:", case_type=t(ct.label), today=today)
        )
        + "\n"
    )
    if not found:
        out.write(tr.render(t("No deadline applies from the dates given.")) + "\n")
    for d in found:
        out.write("\n")
        for line in deadline_lines(d):
            out.write(tr.render(line) + "\n")
