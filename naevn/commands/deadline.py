"""``naevn deadline``: the deadlines that apply to a case, for staff, lawyers and scripts."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from typing import TextIO

from locales import translator
from statemachine.catalog.casetypes import case_type
from statemachine.catalog.deadlines import Circumstances, LandlordUnits, deadlines_for
from statemachine.catalog.ids import CASE_TYPES, EVENTS, ROLES, Housing
from statemachine.catalog.municipalities import municipality
from statemachine.engine.dates import parse_date
from statemachine.errors import NaevnError, UnknownIdError
from statemachine.flows.intake.summaries import deadline_lines
from statemachine.text import t


class UsageError(NaevnError):
    """A command line that cannot be carried out; exits 2 with one line on stderr."""


HOUSINGS: tuple[Housing, ...] = ("private", "social")
"""The housing kinds the deadlines know (a commercial lease has no tribunal deadline)."""

LANDLORD_UNITS: tuple[LandlordUnits, ...] = ("one", "several")
"""The answers to --landlord-units."""

EPILOG = "\n".join(
    [
        *textwrap.wrap(
            ", ".join(CASE_TYPES), 78, initial_indent="case types: ", subsequent_indent="  "
        ),
        *textwrap.wrap(
            f"{', '.join(ROLES)} (a representative adds --side tenant, landlord or tenant_board)",
            78,
            initial_indent="roles: ",
            subsequent_indent="  ",
        ),
        *textwrap.wrap(", ".join(EVENTS), 78, initial_indent="events: ", subsequent_indent="  "),
        f"housing: {', '.join(HOUSINGS)}; landlord units: {', '.join(LANDLORD_UNITS)}",
        'dates: 2026-10-01, 1/10/2026 or "1. oktober 2026"',
        "",
        "example:",
        "  naevn deadline --case-type rent_increase --role tenant \\",
        "    --event notice_received=2026-10-01 --event objection_sent=2026-10-20 --json",
    ]
)
"""The end of ``naevn deadline --help``: every id the command takes."""


def circumstances(
    housing: str | None, kommunekode: str | None, landlord_units: str | None
) -> Circumstances:
    """The facts given by --housing, --municipality and --landlord-units, checked.

    Raises:
        UsageError: a value that is not one of the known ones.
    """
    home: Housing | None = None
    if housing is not None:
        if housing not in HOUSINGS:
            raise UsageError(f"--housing: unknown {housing!r}; use one of: {', '.join(HOUSINGS)}")
        home = "private" if housing == "private" else "social"
    code: int | None = None
    if kommunekode is not None:
        try:
            code = municipality(int(kommunekode)).code
        except (ValueError, UnknownIdError):
            raise UsageError(
                f"--municipality: no kommune has the code {kommunekode!r} (København is 101)"
            ) from None
    units: LandlordUnits | None = None
    if landlord_units is not None:
        if landlord_units not in LANDLORD_UNITS:
            raise UsageError(f"--landlord-units: unknown {landlord_units!r}; use one or several")
        units = "one" if landlord_units == "one" else "several"
    return Circumstances(housing=home, municipality=code, landlord_units=units)


def run(
    case_type_id: str,
    role: str,
    side: str | None,
    events: list[str],
    today: date,
    as_json: bool,
    lang: str,
    out: TextIO,
    facts: Circumstances | None = None,
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
    found = deadlines_for(ct.id, acting, dated, today, facts)
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
