"""Publication on the desk: the step ``publish`` writes both registers in its transaction, from
the current decision and its accepted anonymised text, and only then; a correction of a
published decision becomes a new register version, the old one kept withdrawn."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from casestore.registerrecords import DecisionQuery, RentQuery
from console.desk.publicfields import unit_address
from statemachine.errors import AccessError, ConflictError
from tests.console.decisions.helpers import NAMES, RENT_BOX, decide, open_office


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_publishing_needs_the_accepted_anonymisation(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        version = decide(office)
        with pytest.raises(ConflictError, match="anonymised"):
            office.desk.step(office.lead, office.number, "publish", version=version)
        with office.store.read() as tx:
            assert tx.casework(office.number).status == "decided"
            assert tx.decisions_page(DecisionQuery()).rows == []


def test_the_publish_step_writes_both_registers(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        version = decide(office)
        desk = office.desk
        desk.accept_anonymisation(office.caseworker, office.number, version=0)
        with pytest.raises(AccessError):
            desk.step(office.caseworker, office.number, "publish", version=version)
        after = desk.step(office.lead, office.number, "publish", version=version)
        assert after["status"] == "published"
        with office.store.read() as tx:
            [row] = tx.decisions_page(DecisionQuery(municipality=101)).rows
            [rent] = tx.rents_page(RentQuery(postcode=2300)).rows
            pdf = tx.register_document(row.id)
        assert row.case_number == office.number and row.version == 1
        assert row.outcome == "IN_PARTIAL_FAVOUR" and row.decided_on == date(2026, 12, 1)
        assert row.subjects == ("rent_increase", "utility_accounts")
        assert [s.id for s in row.statutes] == ["lejeloven:6:42", "lejeloven:7:77"]
        assert row.submitter == "tenant" and row.board == "hln"
        assert (rent.street, rent.number, rent.postcode) == ("Røde Mellemvej", "101", 2300)
        assert rent.amount == Decimal("7250.50") and rent.area == 45
        assert pdf is not None
        text = pdf_text(pdf)
        assert "Lejer [lejer], tlf. [telefonnr.], [e-mail], har klaget over [udlejers]" in text
        assert "[lejers] nabo, [person A], har bekræftet" in text and office.number in text
        assert not any(name in text for name in NAMES)


def test_a_correction_is_published_as_a_new_version(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        version = decide(office)
        desk = office.desk
        desk.accept_anonymisation(office.caseworker, office.number, version=0)
        desk.step(office.lead, office.number, "publish", version=version)
        with pytest.raises(ConflictError):
            desk.republish(office.lead, office.number)  # nothing corrected yet
        fixed = {**RENT_BOX, "rent_amount": "7100.00", "facts_text": "Grethe Jensen klagede."}
        saved = desk.save_decision(
            office.caseworker, office.number, fixed, correction_reason="Lejen var forkert."
        )
        desk.register_decision(
            office.lead,
            office.number,
            version=saved["draft"]["version"],
            case_version=saved["case_version"],
        )
        with pytest.raises(ConflictError, match="anonymised"):
            desk.republish(office.lead, office.number)  # the correction is not anonymised
        desk.accept_anonymisation(office.lead, office.number, version=0)
        desk.republish(office.lead, office.number)
        with office.store.read() as tx:
            [listed] = tx.decisions_page(DecisionQuery()).rows
            old = tx.register_decision(listed.id - 1)
            [rent] = tx.rents_page(RentQuery()).rows
            events = [e["kind"] for e in tx.casework(office.number).events]
            pdf = tx.register_document(listed.id)
        assert listed.version == 2 and listed.correction_reason == "Lejen var forkert."
        assert not old.listed and old.replaced_by == listed.id
        assert rent.amount == Decimal("7100.00")
        assert events[-1] == "case.republished"
        assert pdf is not None
        text = pdf_text(pdf)
        assert "7.100 kr. om måneden" in text and "[person A] klagede." in text
        assert "Grethe Jensen" not in text


def test_unit_addresses_as_filers_write_them() -> None:
    assert unit_address("Vestergade 12, 2. th.") == ("Vestergade", "12", "2", "th")
    assert unit_address("Røde Mellemvej 101, 2300 København S") == (
        "Røde Mellemvej",
        "101",
        "",
        "",
    )
    assert unit_address("Nørrebrogade 4B st tv") == ("Nørrebrogade", "4B", "st", "tv")
    assert unit_address("Ukendt") == ("Ukendt", "", "", "")
