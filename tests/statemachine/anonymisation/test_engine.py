"""The anonymisation engine's parts: inflection, the patterns, the choice of spans, applying."""

from __future__ import annotations

import pytest

from statemachine.anonymisation import KnownParty, apply, genitive, propose
from statemachine.anonymisation.parties import organisation_forms, person_forms


def _found(text: str, *parties: KnownParty) -> list[tuple[str, str]]:
    return [(s.kind, s.original) for s in propose(text, parties)]


def test_danish_genitives() -> None:
    assert genitive("Hansen") == ("Hansens", "Hansen's")
    assert genitive("Jens")[0] == "Jens'"
    assert "Slemme Rasss A/S'" in genitive("Slemme Rasss A/S")


def test_a_persons_forms() -> None:
    forms = person_forms("Hans Peter Hansen")
    for form in ("Hans Peter Hansen", "Hans Hansen", "H.P. Hansen", "Hansen", "Hans"):
        assert form in forms
    assert organisation_forms("Slemme Rasss A/S") == ("Slemme Rasss A/S", "Slemme Rasss")


def test_a_party_is_named_by_its_role_also_in_the_genitive() -> None:
    spans = propose(
        "Hans Hansens lejlighed. Hansen klagede.", [KnownParty("tenant", "Hans Hansen")]
    )
    assert [(s.original, s.replacement.msgid) for s in spans] == [
        ("Hans Hansens", "[tenant's]"),
        ("Hansen", "[tenant]"),
    ]


def test_a_relative_with_the_partys_surname_is_another_person() -> None:
    spans = propose("Grethe Hansen kom.", [KnownParty("tenant", "Hans Hansen")])
    assert [(s.original, s.source) for s in spans] == [("Grethe Hansen", "name_list")]


def test_other_people_keep_their_letter() -> None:
    spans = propose("Mette Jensen ringede. Senere skrev Jensen igen, og Ole Berg svarede.")
    assert [dict(s.replacement.params)["letter"] for s in spans] == ["A", "A", "B"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("cpr 010190-1234.", "cpr"),
        ("cpr 0101901234.", "cpr"),
        ("skriv til a.b@example.dk.", "email"),
        ("ring +45 12 34 56 78.", "phone"),
        ("ring 1234 5678.", "phone"),
        ("tlf. 12345678.", "phone"),
        ("reg.nr. 1234 kontonr. 0012345678.", "account"),
        ("betal til 1234-0012345678.", "account"),
        ("IBAN DK5000400440116243.", "account"),
        ("bor på Strandvejen 5, st. tv., 2900 Hellerup.", "address"),
    ],
)
def test_patterns(text: str, kind: str) -> None:
    assert [k for k, _ in _found(text)] == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Lejen er 7.500 kr. om måneden fra 1. maj 2025.",
        "Sagsnummer 101-10005, jf. § 19, stk. 2.",
        "CVR-nr. 12345678 er oplyst.",
        "Datoen 320190-1234 er ikke et cpr-nummer.",
        "Lov om leje, Kap. 5. Lejens størrelse, § 19.",
        "Per 1. januar stiger lejen. Hans bror deltog ikke.",
    ],
)
def test_what_is_not_personal_data_is_left(text: str) -> None:
    assert _found(text) == []


def test_an_address_keeps_its_postcode_and_town() -> None:
    text = "Sagen angår Røde Mellemvej 101, 2. th., 2300 København S."
    spans = propose(text)
    assert apply(text, [(s.start, s.end, "[adresse]") for s in spans]) == (
        "Sagen angår [adresse], 2300 København S."
    )


def test_apply_refuses_overlaps() -> None:
    with pytest.raises(ValueError, match="overlaps"):
        apply("abcdef", [(0, 3, "x"), (2, 4, "y")])
