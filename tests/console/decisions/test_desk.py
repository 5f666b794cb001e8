"""The decision on the desk: drafting, checking, registering (lifecycle step decide, the
parties' letters with the PDF, the appeal deadline from the notification) and corrections."""

from __future__ import annotations

from pathlib import Path

import pytest

from statemachine.errors import AccessError, ConflictError, InvalidInputError, NotFoundError
from tests.console.decisions.helpers import RENT_BOX, TODAY, open_office, pdf_text, put_on_agenda


def test_a_new_decision_starts_from_the_case(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        found = office.desk.decision(office.caseworker, office.number, lang="en")
        assert found["draft"] is None and found["current"] is None
        assert found["box"]["subjects"] == ["rent_increase", "utility_accounts"]
        assert "The decision date must be filled in." in found["problems"]
        document = found["document"]
        assert [s["heading"] for s in document["sections"]] == [
            "AFGØRELSE",
            "SAGSFREMSTILLING",
            "LOVGRUNDLAG OG BEGRUNDELSE",
            "KLAGEVEJLEDNING",
        ]
        assert "Hans Hansen har den" in found["standard"]["facts"]
        # København: the Ankenævn
        assert "Ankenævnet" in " ".join(document["sections"][3]["paragraphs"])


def test_draft_register_and_the_parties_get_it(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, number = office.desk, office.number
        saved = desk.save_decision(office.caseworker, number, RENT_BOX, lang="en")
        assert saved["draft"]["version"] == 1
        assert saved["problems"] == []
        edited = desk.save_decision(
            office.caseworker,
            number,
            {**RENT_BOX, "reasons_text": "Nævnet finder varslingen ugyldig."},
            version=1,
        )
        assert edited["draft"]["reasons_text"] == "Nævnet finder varslingen ugyldig."
        with pytest.raises(AccessError):
            desk.register_decision(
                office.caseworker, number, version=1, case_version=edited["case_version"]
            )
        done = desk.register_decision(
            office.lead, number, version=1, case_version=edited["case_version"], lang="en"
        )
        assert done["status"] == "decided"
        assert done["current"]["version"] == 1 and done["draft"] is None
        assert done["current"]["notified_on"] == TODAY.isoformat()
        with office.store.read() as tx:
            work = tx.casework(number)
            mail = tx.outbox_list(state="pending", limit=100)
        appeal = [d for d in work.deadlines if d["event"] == "decision_notified"]
        assert appeal[0]["rule"] == "appeal.ankenaevn"
        assert appeal[0]["starts"] == TODAY.isoformat()
        assert appeal[0]["ends"] == "2026-12-30"
        letters = [m for m in mail if m.kind == "decision"]
        assert {m.recipient_name for m in letters} == {"Hans Hansen", "Slemme Rasss A/S"}
        document = done["current"]["document_id"]
        assert all(m.attachments == (document,) for m in letters)
        assert "2026" in letters[0].body or "december" in letters[0].body
        pdf = desk.decision_document(office.lead, number)
        text = pdf_text(pdf)
        assert "UDKAST" not in text
        assert "Nævnet finder varslingen ugyldig." in text
        assert "Fristen for at klage udløber den 30. december 2026." in text
        assert [e["kind"] for e in work.events][-2:] == ["case.decision", "case.step"]


def test_invalid_values_and_dates_are_refused(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, number = office.desk, office.number
        with pytest.raises(InvalidInputError) as bad:
            desk.save_decision(office.caseworker, number, {**RENT_BOX, "outcome": "WON"}, lang="en")
        assert bad.value.details is not None
        assert "WON" in bad.value.details["problems"][0]
        with pytest.raises(InvalidInputError) as early:
            desk.save_decision(
                office.caseworker, number, {**RENT_BOX, "decided_on": "2026-01-01"}, lang="en"
            )
        assert "before the case was filed" in early.value.details["problems"][0]  # type: ignore[index]
        with pytest.raises(InvalidInputError):
            desk.save_decision(office.caseworker, number, {"colour": "red"})
        # a draft without the rent fields is saved, but cannot be registered
        rentless = {k: v for k, v in RENT_BOX.items() if not k.startswith("rent_")}
        saved = desk.save_decision(office.caseworker, number, rentless, lang="en")
        assert len(saved["problems"]) == 6
        with pytest.raises(InvalidInputError) as incomplete:
            desk.register_decision(
                office.lead, number, version=1, case_version=saved["case_version"], lang="en"
            )
        assert len(incomplete.value.details["problems"]) == 6  # type: ignore[index]


def test_another_tribunal_and_a_board_member(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        with pytest.raises(NotFoundError):
            office.desk.decision(office.stranger, office.number)
        with pytest.raises(NotFoundError):
            office.desk.save_decision(office.stranger, office.number, RENT_BOX)
        with pytest.raises(AccessError):
            office.desk.save_decision(office.board, office.number, RENT_BOX)


def test_only_a_case_on_the_agenda_is_decided(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        from tests.casestore.helpers import file_case

        fresh = file_case(office.store, 2, 101)
        saved = office.desk.save_decision(office.caseworker, fresh, RENT_BOX)
        with pytest.raises(ConflictError):
            office.desk.register_decision(
                office.lead, fresh, version=1, case_version=saved["case_version"]
            )
        put_on_agenda(office.store, fresh)
        case_version = office.desk.decision(office.lead, fresh)["case_version"]
        with pytest.raises(ConflictError):
            office.desk.register_decision(office.lead, fresh, version=2, case_version=case_version)


def test_a_correction_is_a_new_version_with_a_reason(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, number = office.desk, office.number
        saved = desk.save_decision(office.caseworker, number, RENT_BOX)
        done = desk.register_decision(
            office.lead, number, version=1, case_version=saved["case_version"]
        )
        changed = {**RENT_BOX, "rent_amount": "7000"}
        with pytest.raises(InvalidInputError):
            desk.save_decision(office.caseworker, number, changed)
        fixed = desk.save_decision(
            office.caseworker, number, changed, correction_reason="Lejen var regnet forkert."
        )
        assert fixed["draft"]["version"] == 2 and fixed["correction"] is True
        assert fixed["current"]["version"] == 1
        again = desk.register_decision(
            office.lead, number, version=2, case_version=fixed["case_version"]
        )
        assert again["status"] == done["status"] == "decided"
        assert [v["version"] for v in again["versions"]] == [1, 2]
        assert again["current"]["rent_amount"] == "7000.00"
        with office.store.read() as tx:
            work = tx.casework(number)
        corrected = [e for e in work.events if e["kind"] == "case.decision_corrected"]
        assert corrected[0]["data"]["reason"] == "Lejen var regnet forkert."
        text = pdf_text(desk.decision_document(office.lead, number))
        assert "Rettelse (version 2): Lejen var regnet forkert." in text
        old = pdf_text(desk.decision_document(office.lead, number, version=1))
        assert "7.250,50 kr." in old and "Rettelse" not in old
