"""Municipalities: codes, regulation, shared tribunals and finding one from what is typed."""

from __future__ import annotations

from collections import Counter

import pytest

from statemachine.catalog.municipalities import (
    MUNICIPALITIES,
    find_municipalities,
    municipality,
    postcode_municipalities,
)
from statemachine.catalog.tribunals import tribunal_for
from statemachine.errors import UnknownIdError

UNREGULATED = {
    "Billund", "Fanø", "Fredensborg", "Greve", "Herning", "Holstebro", "Ikast-Brande", "Læsø",
    "Mariagerfjord", "Rebild", "Ringkøbing-Skjern", "Samsø", "Solrød", "Struer", "Thisted",
    "Tønder", "Varde", "Vesthimmerlands", "Ærø",
}  # fmt: skip


def test_there_are_98_municipalities_with_unique_codes_in_five_regions() -> None:
    assert len(MUNICIPALITIES) == 98
    assert len({m.code for m in MUNICIPALITIES}) == 98
    assert len({m.name for m in MUNICIPALITIES}) == 98
    assert Counter(m.region for m in MUNICIPALITIES) == {
        "Region Hovedstaden": 29,
        "Region Sjælland": 17,
        "Region Syddanmark": 22,
        "Region Midtjylland": 19,
        "Region Nordjylland": 11,
    }


@pytest.mark.parametrize(
    ("code", "name"),
    [(101, "København"), (147, "Frederiksberg"), (751, "Aarhus"), (461, "Odense"),
     (851, "Aalborg"), (400, "Bornholm"), (169, "Høje-Taastrup"), (492, "Ærø")],
)  # fmt: skip
def test_a_municipality_is_found_by_its_kommunekode(code: int, name: str) -> None:
    assert municipality(code).name == name


def test_christianso_is_not_a_municipality() -> None:
    with pytest.raises(UnknownIdError):
        municipality(411)


def test_the_2024_list_of_19_unregulated_municipalities_is_flagged_for_checking() -> None:
    assert {m.name for m in MUNICIPALITIES if not m.regulated} == UNREGULATED
    assert all(m.verify for m in MUNICIPALITIES)


def test_every_municipality_is_the_main_one_of_some_postcode() -> None:
    main = {found[0].code for p in range(1000, 10000) if (found := postcode_municipalities(p))}
    assert main == {m.code for m in MUNICIPALITIES}


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("8000", [751]),
        ("5000 Odense C", [461]),
        ("DK-9000", [851]),
        ("1050", [101]),
        ("1850", [147]),
        ("2000", [147, 101]),
        ("2300 København S", [101, 185]),
        ("2600", [161, 165]),
        ("3700 Rønne", [400]),
        ("9999", []),
    ],
)
def test_a_postcode_finds_every_municipality_it_reaches_main_first(
    text: str, codes: list[int]
) -> None:
    assert [m.code for m in find_municipalities(text)] == codes


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("København", [101]),
        ("Kobenhavn", [101]),
        ("KØBENHAVN", [101]),
        ("Copenhagen", [101]),
        ("Københavns Kommune", [101]),
        ("Århus", [751]),
        ("aarhus", [751]),
        ("Ålborg", [851]),
        ("Hoeje-Taastrup", [169]),
        ("høje taastrup", [169]),
        ("Naestved", [370]),
        ("Tarnby", [185]),
        ("Aero", [492]),
        ("Taastrup", [169]),
        ("Kastrup", [185, 101]),
        ("Vejle", [630]),
        ("Frederiks", [147, 250, 813]),
        ("Roskilde", [265]),
        ("Nowhere", []),
        ("", []),
    ],
)
def test_a_name_is_found_whatever_the_case_and_danish_letters(text: str, codes: list[int]) -> None:
    assert [m.code for m in find_municipalities(text)] == codes


def test_an_exact_name_beats_names_that_only_start_with_it() -> None:
    # "Lejre" is a municipality, and also a town whose postcode reaches Køge and Roskilde.
    assert [m.code for m in find_municipalities("Lejre")] == [350]
    assert [m.code for m in find_municipalities("Fredericia")] == [607]


@pytest.mark.parametrize(
    ("code", "members"),
    [(161, [161, 165]), (165, [161, 165]), (230, [230, 201]), (270, [260, 270]), (101, [101])],
)
def test_a_shared_tribunal_lists_all_its_municipalities(code: int, members: list[int]) -> None:
    # Host first: the shared tribunal has the host's code.
    for housing in ("private", "social"):
        assert list(tribunal_for(housing, code).members) == members
