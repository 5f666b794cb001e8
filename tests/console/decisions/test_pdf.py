"""The decision PDF read back as text: every section and every box value, in Danish."""

from __future__ import annotations

from pathlib import Path

from tests.console.decisions.helpers import RENT_BOX, open_office, pdf_text

BOX_VALUES = {
    "Indbringer": "Lejer",
    "Formål": "Klage",
    "Lejemål": "Privat",
    "Indbringelsesdato": "23. november 2026",
    "Adresser": "Røde Mellemvej 101, 2300 København S",
    "Navn på indbringer": "Hans Hansen",
    "Navn(e) på part/medpart": "Ikke oplyst",
    "Navn(e) på modpart": "Slemme Rasss A/S",
    "Afgørelsesdato": "1. december 2026",
    "Afslutningsårsag": "Afsluttet med afgørelse om delvist medhold",
    "Sagsområde(r)": "Lejeforhøjelse og Varme, vand eller andet forbrug",
    "Lovgrundlag": "Lov om leje, Kap. 6. Lejens størrelse, § 42; Lov om leje, Kap. 7. "
    "Betaling af varme, vand m.m., § 77",
    "Medhold": "Lejer",
    "Gebyrpålæggelse": "Nej",
    "Besigtigelse": "Afholdt",
    "Almen interesse": "Ja",
    "Huslejefastsættelsesdato": "1. november 2026",
    "Huslejefastsættelsesmetode": "Omkostningsbestemt husleje",
    "Huslejekategori": "Månedlig husleje",
    "Huslejeangivelse": "Husleje for lejemålet",
    "Husleje": "7.250,50 kr.",
    "Areal": "45 m²",
}


def test_every_section_and_box_value(db_url: str, tmp_path: Path) -> None:
    with open_office(db_url, tmp_path) as office:
        desk, number = office.desk, office.number
        saved = desk.save_decision(office.caseworker, number, RENT_BOX)
        draft = pdf_text(desk.decision_document(office.caseworker, number))
        assert "UDKAST TIL AFGØRELSE" in draft
        desk.register_decision(office.lead, number, version=1, case_version=saved["case_version"])
        text = pdf_text(desk.decision_document(office.lead, number))
    assert "Huslejenævnet for København" in text
    assert "Dato: 1. december 2026" in text
    assert "Indbringelsesnummer: 10001" in text
    assert "Sagsnummer: 101-10001" in text
    assert "BOKS" in text
    for label, value in BOX_VALUES.items():
        assert f"{label} {value}" in text, label
    assert (
        "Huslejenævnet for København har den 1. december 2026 taget stilling til din sag vedr. "
        "Lejeforhøjelse og Varme, vand eller andet forbrug. Sagen omhandler lejemål: Røde "
        "Mellemvej 101, 2300 København S"
    ) in text
    order = [
        "AFGØRELSE Nævnet har besluttet, at sagen er: Afsluttet med afgørelse om delvist medhold.",
        "Huslejen fastsættes til 7.250,50 kr. om måneden fra den 1. november 2026.",
        "SAGSFREMSTILLING Hans Hansen har den 23. november 2026 via Huslejenaevn.dk anmodet om "
        "nævnets stillingtagen til Lejeforhøjelse og Varme, vand eller andet forbrug.",
        "Hans Hansen skrev: „Lejeforhøjelsen er ugyldig.“",
        "LOVGRUNDLAG OG BEGRUNDELSE Denne afgørelse er truffet med hjemmel i:",
        "• Lov om leje, Kap. 6. Lejens størrelse, § 42",
        "KLAGEVEJLEDNING Afgørelsen kan indbringes for Ankenævnet i Københavns Kommune inden 4 "
        "uger",
        "Fristen for at klage udløber den 30. december 2026.",
        "Klager ingen i tide, er afgørelsen endelig.",
    ]
    at = 0
    for part in order:
        found = text.find(part, at)
        assert found >= 0, part
        at = found + len(part)
    assert "UDKAST" not in text
