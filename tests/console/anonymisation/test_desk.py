"""The anonymisation on the desk: the proposal of a registered decision, the caseworker's
reverted and added replacements, accepting the preview, and that the accepted preview is
exactly what the register publishes (on SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from casestore.registerrecords import DecisionQuery
from locales import translator
from statemachine.errors import AccessError, ConflictError, InvalidInputError, NotFoundError
from tests.console.decisions.helpers import NAMES, Office, decide, open_office, pdf_text


def spans_of(preview: dict[str, Any]) -> list[dict[str, Any]]:
    """The preview's replacements as the console sends them back."""
    keys = ("start", "end", "replacement", "kind", "source", "kept")
    return [{key: span[key] for key in keys} for span in preview["spans"]]


def events(office: Office) -> list[str]:
    with office.store.read() as tx:
        return [e["kind"] for e in tx.casework(office.number).events]


def test_the_proposal_replaces_the_parties_numbers_and_other_names(
    db_url: str, tmp_path: Path
) -> None:
    with open_office(db_url, tmp_path) as office:
        decide(office)
        preview = office.desk.anonymisation(office.caseworker, office.number, lang="en")
        assert preview["version"] == 0 and preview["state"] == "proposed"
        assert preview["state_label"] == "Not accepted yet" and preview["can_accept"]
        found = {s["original"]: (s["replacement"], s["kind_label"]) for s in preview["spans"]}
        assert found["Hans Hansen"] == ("[lejer]", "Name")
        assert found["Hansens"] == ("[lejers]", "Name")
        assert found["Slemme Rasss A/S'"] == ("[udlejers]", "Organisation")
        assert found["Grethe Jensen"] == ("[person A]", "Name")
        assert found["12 34 56 78"] == ("[telefonnr.]", "Phone number")
        assert found["hansen@example.dk"] == ("[e-mail]", "E-mail address")
        assert all(name in preview["text"] for name in NAMES)
        assert not any(name in preview["result"] for name in NAMES)
        assert "AFGØRELSE" in preview["result"] and "KLAGEVEJLEDNING" in preview["result"]
        assert "case.anonymisation_saved" not in events(office)  # reading saved nothing


def test_who_may_anonymise(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        with pytest.raises(ConflictError, match="no registered decision"):
            office.desk.anonymisation(office.caseworker, office.number)
        decide(office)
        with pytest.raises(AccessError):
            office.desk.anonymisation(office.board, office.number)
        with pytest.raises(AccessError):
            office.desk.accept_anonymisation(office.board, office.number, version=0)
        with pytest.raises(NotFoundError):
            office.desk.anonymisation(office.stranger, office.number)
        with pytest.raises(NotFoundError):
            office.desk.save_anonymisation(office.stranger, office.number, version=0, spans=[])
        assert "case.anonymisation_saved" not in events(office)


def test_reverted_and_added_replacements_are_kept_as_the_caseworker_left_them(
    db_url: str, tmp_path: Path
) -> None:
    with open_office(db_url, tmp_path) as office:
        decide(office)
        desk, number = office.desk, office.number
        preview = desk.anonymisation(office.caseworker, number)
        spans = spans_of(preview)
        for span in spans:
            span["kept"] = preview["text"][span["start"] : span["end"]] != "Grethe Jensen"
        at = preview["text"].index("nabo,")
        spans.append(
            {
                "start": at,
                "end": at + 4,
                "replacement": "[naboen]",
                "kind": "person",
                "source": "caseworker",
                "kept": True,
            }
        )
        saved = desk.save_anonymisation(office.caseworker, number, version=0, spans=spans)
        assert saved["version"] == 1 and saved["state"] == "proposed"
        assert "[lejers] [naboen], Grethe Jensen, har bekræftet" in saved["result"]
        added = [s for s in saved["spans"] if s["source"] == "caseworker"]
        assert added[0]["original"] == "nabo" and added[0]["source_label"] == "Tilføjet i hånden"
        assert desk.anonymisation(office.lead, number)["result"] == saved["result"]
        assert events(office)[-1] == "case.anonymisation_saved"
        with pytest.raises(ConflictError, match="changed by someone else"):
            desk.save_anonymisation(office.caseworker, number, version=0, spans=spans)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"start": -1}, "Replacement 1 must have start and end"),
        ({"end": 10**6}, "Replacement 1 must have start and end"),
        ({"kind": "shoe_size"}, "kind"),
        ({"kept": "yes"}, "kept"),
        ({"replacement": "   "}, "Write the replacement"),
    ],
)
def test_a_replacement_that_does_not_fit_is_refused(
    db_url: str, tmp_path: Path, change: dict[str, Any], message: str
) -> None:
    with open_office(db_url, tmp_path) as office:
        decide(office)
        spans = spans_of(office.desk.anonymisation(office.caseworker, office.number))
        spans[0] = {**spans[0], **change}
        with pytest.raises(InvalidInputError) as refused:
            office.desk.save_anonymisation(
                office.caseworker, office.number, version=0, spans=spans, lang="en"
            )
        assert message in translator("en").render(refused.value.message)
        assert "case.anonymisation_saved" not in events(office)


def test_kept_replacements_may_not_overlap(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        decide(office)
        spans = spans_of(office.desk.anonymisation(office.caseworker, office.number))
        first = spans[0]
        spans.append({**first, "start": first["start"] + 1, "source": "caseworker"})
        with pytest.raises(InvalidInputError, match="cover the same words"):
            office.desk.save_anonymisation(office.caseworker, office.number, version=0, spans=spans)
        spans[-1]["kept"] = False  # reverted, it may overlap
        saved = office.desk.save_anonymisation(
            office.caseworker, office.number, version=0, spans=spans
        )
        assert len(saved["spans"]) == len(spans)


def test_the_accepted_preview_is_what_the_register_publishes(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        version = decide(office)
        desk, number = office.desk, office.number
        preview = desk.anonymisation(office.caseworker, number)
        spans = spans_of(preview)
        spans[0]["kept"] = False  # the home's address stays: the caseworker's choice
        saved = desk.save_anonymisation(office.caseworker, number, version=0, spans=spans)
        with pytest.raises(ConflictError, match="anonymised"):
            desk.step(office.lead, number, "publish", version=version)
        offered = [s["step"] for s in desk.case(office.lead, number)["steps"]]
        assert "publish" not in offered
        accepted = desk.accept_anonymisation(office.caseworker, number, version=1)
        assert "publish" in [s["step"] for s in desk.case(office.lead, number)["steps"]]
        assert accepted["state"] == "accepted" and accepted["accepted_by"]
        assert accepted["version"] == 2 and not accepted["can_accept"]
        assert events(office)[-1] == "case.anonymised"
        with pytest.raises(ConflictError):
            desk.accept_anonymisation(office.caseworker, number, version=1)  # stale
        desk.step(office.lead, number, "publish", version=version)
        with office.store.read() as tx:
            [row] = tx.decisions_page(DecisionQuery()).rows
            pdf = tx.register_document(row.id)
        assert pdf is not None
        published = pdf_text(pdf)
        assert " ".join(saved["result"].split()) in published
        assert "Røde Mellemvej 101" in published
        assert not any(name in published for name in NAMES)
        with pytest.raises(ConflictError, match="correct the decision"):
            desk.save_anonymisation(office.caseworker, number, version=2, spans=spans)


def test_any_text_of_the_case_can_be_anonymised_for_a_hearing(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        before = events(office)
        done = office.desk.anonymise_text(
            office.caseworker,
            office.number,
            "Aktindsigt: Hans Hansen (CPR 010190-1234) skrev til Slemme Rasss A/S.",
        )
        assert "Hans Hansen" not in done["result"] and "010190-1234" not in done["result"]
        assert "Slemme Rasss" not in done["result"]
        assert {s["kind"] for s in done["spans"]} >= {"person", "cpr", "organisation"}
        assert events(office) == before
        with pytest.raises(InvalidInputError):
            office.desk.anonymise_text(office.caseworker, office.number, "   ")
