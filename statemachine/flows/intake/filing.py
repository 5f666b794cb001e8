"""What a finished draft files: the case's facts, parties, documents and deadlines.

Pure: it reads the draft's answers on the filer's path and returns plain data, which the
store writes in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from statemachine.engine.draft import Draft, split_key
from statemachine.errors import InvalidInputError
from statemachine.flows.intake import facts
from statemachine.flows.intake.parties import counterparty_kind
from statemachine.flows.intake.summaries import case_deadlines
from statemachine.text import t


@dataclass(frozen=True)
class PartyData:
    """A party to the case."""

    role: str
    """``filer``, ``representative``, ``co_party`` or ``counterparty``."""
    name: str
    """The person's or company's name."""
    kind: str
    """``person`` or ``company``."""
    address: str | None = None
    """Postal address, if known."""
    email: str | None = None
    """Email, if known."""
    phone: str | None = None
    """Phone, if known."""


@dataclass(frozen=True)
class Filing:
    """Everything the store needs to create a case from a draft."""

    municipality_code: int
    case_type: str
    extra_topics: list[str]
    role: str
    side: str
    housing: str
    lang: str
    answers: dict[str, Any]
    """The answers on the filer's path, keyed by state id (``state:item`` for documents)."""
    parties: list[PartyData]
    attachments: list[tuple[str, str]]
    """(attachment id, the catalog id of the document it answers)."""
    deadlines: list[dict[str, Any]]
    """The deadlines as computed at submission, in the ``naevn deadline --json`` shape."""


def contact_email(draft: Draft) -> str | None:
    """The e-mail address the filer gave for themselves (a representative's own), if any yet."""
    email = draft.answers.get("ask_email")
    return email if isinstance(email, str) and email.strip() else None


def filing_from(draft: Draft, answers: dict[str, Any], today: date) -> Filing:
    """Collect the filing from a draft at the declaration.

    Args:
        draft: the draft, with every answer.
        answers: the answers on the path (see ``Engine.path_answers``).
        today: the filing date, for the deadlines.

    Raises:
        InvalidInputError: if something essential is missing, which the flow prevents.
    """
    code = facts.municipality_code(draft)
    main = facts.main_case_type(draft)
    home = facts.housing(draft)
    role = answers.get("ask_role")
    if code is None or main is None or home is None or not isinstance(role, str):
        raise InvalidInputError(t("Some answers are missing. Please go back to the review."))
    address = answers.get("ask_address") or None
    # The filer's own address: the home's, for a tenant who still lives there.
    postal = answers.get("ask_postal_address") or (
        address if answers.get("ask_lives_at_home") is True else None
    )
    organisation = facts.files_as_organisation(draft)
    contact = {
        "name": answers.get("ask_organisation_name" if organisation else "ask_name", ""),
        "kind": "company" if organisation else "person",
        "address": postal,
        "email": answers.get("ask_email") or None,
        "phone": answers.get("ask_phone") or None,
    }
    parties: list[PartyData] = []
    if role == "representative":
        parties.append(
            PartyData(
                "filer",
                answers.get("ask_client_name", ""),
                "company" if answers.get("ask_client_kind") == "organisation" else "person",
                address if facts.side(draft) != "landlord" else None,
            )
        )
        parties.append(PartyData("representative", **contact))
    else:
        parties.append(PartyData("filer", **contact))
    if answers.get("ask_has_co_parties") is True or answers.get("ask_has_co_owners") is True:
        for line in str(answers.get("ask_co_parties", "")).splitlines():
            if line.strip():
                parties.append(PartyData("co_party", line.strip(), "person"))
    parties.append(
        PartyData(
            "counterparty",
            answers.get("ask_counterparty_name", ""),
            counterparty_kind(draft),
            answers.get("ask_counterparty_address") or None,
        )
    )
    attachments: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, value in answers.items():
        state, item = split_key(key)
        if state == "ask_attachment" and item and isinstance(value, dict):
            for file in value.get("files", []):
                # One file is filed as one document, even if an older draft names it twice.
                if file["id"] not in seen:
                    seen.add(file["id"])
                    attachments.append((file["id"], item))
    return Filing(
        municipality_code=code,
        case_type=main,
        extra_topics=facts.extra_topics(draft),
        role=role,
        side=facts.side(draft),
        housing=home,
        lang=draft.lang,
        answers=answers,
        parties=parties,
        attachments=attachments,
        deadlines=[d.as_json() for d in case_deadlines(draft, today, for_staff=True)],
    )
