"""``naevn staff tribunals``: every tribunal by the code that scopes staff, a shared one under
its host's code, and the same tribunal the filer is told her case goes to."""

from __future__ import annotations

import json

import pytest

from locales import translator
from statemachine.catalog.tribunals import tribunal, tribunal_for
from statemachine.errors import UnknownIdError
from tests.conftest import Naevn


def test_every_municipality_has_one_tribunal_of_each_kind(naevn: Naevn) -> None:
    result = naevn("staff", "tribunals", "--json")
    assert result.returncode == 0, result.stderr
    listed = [json.loads(line) for line in result.stdout.splitlines()]
    # 98 municipalities, 3 pairs of which share one tribunal: 95 of each kind.
    assert len(listed) == 2 * 95
    for board in ("hln", "bkn"):
        served = [code for t in listed if t["board"] == board for code in t["municipalities"]]
        assert len(served) == len(set(served)) == 98
    shared = {t["code"]: t["municipalities"] for t in listed if len(t["municipalities"]) > 1}
    assert shared == {
        "hln-161": [161, 165],
        "hln-230": [230, 201],
        "hln-260": [260, 270],
        "bkn-161": [161, 165],
        "bkn-230": [230, 201],
        "bkn-260": [260, 270],
    }


def test_the_listing_reads_as_lines_for_a_person(naevn: Naevn) -> None:
    lines = naevn("staff", "tribunals").stdout.splitlines()
    assert lines[0] == "hln-101   The rent tribunal (huslejenævnet) for København: København (101)"
    assert (
        "bkn-161   The residents' complaints board (beboerklagenævnet) for Glostrup and "
        "Albertslund: Glostrup (161), Albertslund (165)"
    ) in lines


@pytest.mark.parametrize(
    ("housing", "code", "expected"),
    [("private", 101, "hln-101"), ("social", 165, "bkn-161"), ("private", 201, "hln-230")],
)
def test_a_home_goes_to_the_tribunal_of_its_municipality(
    housing: str, code: int, expected: str
) -> None:
    found = tribunal_for(housing, code)  # type: ignore[arg-type]
    assert found.code == expected and tribunal(expected) == found


def test_the_filer_and_the_staff_name_the_same_tribunal() -> None:
    from statemachine.flows.intake.summaries import tribunal as told

    da = translator("da")
    assert da.render(told("social", 165)) == da.render(tribunal("bkn-161").name)
    assert da.render(told("social", 165)) == "beboerklagenævnet for Glostrup og Albertslund"


def test_an_unknown_code_says_what_codes_look_like() -> None:
    with pytest.raises(UnknownIdError) as caught:
        tribunal("hln-999")
    assert "hln-101" in translator("en").render(caught.value.message)
