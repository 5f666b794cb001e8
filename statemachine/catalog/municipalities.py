"""The 98 Danish municipalities, their postcodes, rent regulation and shared tribunals.

The postcode table is ``data/municipalities.csv``: one row per postcode (or range of Copenhagen
street postcodes) with its town and every municipality it reaches, the main one first.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

from statemachine.errors import UnknownIdError
from statemachine.text import t

_H, _S, _SD, _M, _N = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
)

# (kommunekode, name, region). Christiansø (411) is not a municipality and is left out.
_TABLE: Final[tuple[tuple[int, str, str], ...]] = (
    (101, "København", _H), (147, "Frederiksberg", _H), (151, "Ballerup", _H),
    (153, "Brøndby", _H), (155, "Dragør", _H), (157, "Gentofte", _H), (159, "Gladsaxe", _H),
    (161, "Glostrup", _H), (163, "Herlev", _H), (165, "Albertslund", _H), (167, "Hvidovre", _H),
    (169, "Høje-Taastrup", _H), (173, "Lyngby-Taarbæk", _H), (175, "Rødovre", _H),
    (183, "Ishøj", _H), (185, "Tårnby", _H), (187, "Vallensbæk", _H), (190, "Furesø", _H),
    (201, "Allerød", _H), (210, "Fredensborg", _H), (217, "Helsingør", _H),
    (219, "Hillerød", _H), (223, "Hørsholm", _H), (230, "Rudersdal", _H), (240, "Egedal", _H),
    (250, "Frederikssund", _H), (260, "Halsnæs", _H), (270, "Gribskov", _H),
    (400, "Bornholm", _H),
    (253, "Greve", _S), (259, "Køge", _S), (265, "Roskilde", _S), (269, "Solrød", _S),
    (306, "Odsherred", _S), (316, "Holbæk", _S), (320, "Faxe", _S), (326, "Kalundborg", _S),
    (329, "Ringsted", _S), (330, "Slagelse", _S), (336, "Stevns", _S), (340, "Sorø", _S),
    (350, "Lejre", _S), (360, "Lolland", _S), (370, "Næstved", _S), (376, "Guldborgsund", _S),
    (390, "Vordingborg", _S),
    (410, "Middelfart", _SD), (420, "Assens", _SD), (430, "Faaborg-Midtfyn", _SD),
    (440, "Kerteminde", _SD), (450, "Nyborg", _SD), (461, "Odense", _SD),
    (479, "Svendborg", _SD), (480, "Nordfyns", _SD), (482, "Langeland", _SD), (492, "Ærø", _SD),
    (510, "Haderslev", _SD), (530, "Billund", _SD), (540, "Sønderborg", _SD),
    (550, "Tønder", _SD), (561, "Esbjerg", _SD), (563, "Fanø", _SD), (573, "Varde", _SD),
    (575, "Vejen", _SD), (580, "Aabenraa", _SD), (607, "Fredericia", _SD),
    (621, "Kolding", _SD), (630, "Vejle", _SD),
    (615, "Horsens", _M), (657, "Herning", _M), (661, "Holstebro", _M), (665, "Lemvig", _M),
    (671, "Struer", _M), (706, "Syddjurs", _M), (707, "Norddjurs", _M), (710, "Favrskov", _M),
    (727, "Odder", _M), (730, "Randers", _M), (740, "Silkeborg", _M), (741, "Samsø", _M),
    (746, "Skanderborg", _M), (751, "Aarhus", _M), (756, "Ikast-Brande", _M),
    (760, "Ringkøbing-Skjern", _M), (766, "Hedensted", _M), (779, "Skive", _M),
    (791, "Viborg", _M),
    (773, "Morsø", _N), (787, "Thisted", _N), (810, "Brønderslev", _N),
    (813, "Frederikshavn", _N), (820, "Vesthimmerlands", _N), (825, "Læsø", _N),
    (840, "Rebild", _N), (846, "Mariagerfjord", _N), (849, "Jammerbugt", _N),
    (851, "Aalborg", _N), (860, "Hjørring", _N),
)  # fmt: skip

UNREGULATED_2024: Final[frozenset[int]] = frozenset(
    {530, 563, 210, 253, 657, 661, 756, 825, 846, 840, 760, 741, 269, 671, 787, 550, 573,
     820, 492}
)  # fmt: skip
"""The 19 unregulated municipalities on the list updated 21 March 2024 (domain.md §7).

No official list exists and third-party lists disagree (Lemvig, Thisted, Holstebro,
Vesthimmerland), so every municipality carries ``verify=True``; filing never depends on it."""

SHARED_TRIBUNALS: Final[tuple[tuple[int, ...], ...]] = ((161, 165), (230, 201), (260, 270))
"""Municipalities that share one tribunal: Glostrup/Albertslund, Rudersdal/Allerød and
Halsnæs/Gribskov (domain.md §1.1). Others may exist; these are the ones the sources name."""

# Names people use that are not the municipality's own.
_ALIASES: Final[dict[str, int]] = {
    "copenhagen": 101, "kobenhavns": 101, "elsinore": 217, "nordfyn": 480,
    "vesthimmerland": 820, "lyngby": 173,
}  # fmt: skip


@dataclass(frozen=True)
class Municipality:
    """A Danish municipality (kommune): the home's municipality decides the tribunal."""

    code: int
    """The official kommunekode, e.g. 101 for København."""
    name: str
    """The Danish name, e.g. "Høje-Taastrup". A proper name, so never translated."""
    region: str
    """The region it belongs to, e.g. "Region Hovedstaden"."""
    regulated: bool
    """Whether rent regulation applies (cost-based rent), from the 2024 list."""
    verify: bool = True
    """Whether the filer should verify ``regulated`` with the tribunal: always, for now."""


MUNICIPALITIES: Final[tuple[Municipality, ...]] = tuple(
    Municipality(code, name, region, regulated=code not in UNREGULATED_2024)
    for code, name, region in sorted(_TABLE)
)
"""All 98 municipalities, by kommunekode."""

_BY_CODE: Final[dict[int, Municipality]] = {m.code: m for m in MUNICIPALITIES}


def municipality(code: int) -> Municipality:
    """Look up a municipality by its kommunekode.

    Raises:
        UnknownIdError: if no municipality has that code.
    """
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownIdError(
            t("There is no municipality with the code {value}.", value=str(code))
        ) from None


def _fold(text: str) -> str:
    """A loose key for names: Danish letters and accents folded, spaces and dashes dropped.

    "Århus", "Aarhus" and "arhus" give the same key, as do "København" and "Kobenhavn".
    """
    text = text.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if c.isascii() and c.isalnum())
    return text.replace("aa", "a").replace("oe", "o").replace("ae", "a")


@cache
def _postcodes() -> tuple[dict[int, tuple[int, ...]], dict[str, list[int]]]:
    """Postcode → municipality codes, and folded town name → codes, from the CSV."""
    raw = (
        resources.files("statemachine.catalog")
        .joinpath("data/municipalities.csv")
        .read_text("utf-8")
    )
    by_postcode: dict[int, tuple[int, ...]] = {}
    by_town: dict[str, list[int]] = {}
    for row in csv.DictReader(io.StringIO(raw), delimiter=";"):
        first, _, last = row["postcode"].partition("-")
        codes = tuple(int(code) for code in row["municipalities"].split())
        # Later rows override a range, e.g. two airport postcodes inside København V.
        for postcode in range(int(first), int(last or first) + 1):
            by_postcode[postcode] = codes
        town = by_town.setdefault(_fold(row["town"]), [])
        town.extend(code for code in codes if code not in town)
    return by_postcode, by_town


def postcode_municipalities(postcode: int) -> list[Municipality]:
    """The municipalities a postcode reaches, the main one first; empty if unknown."""
    return [municipality(code) for code in _postcodes()[0].get(postcode, ())]


_POSTCODE = re.compile(r"^\s*(?:dk\s*-?\s*)?(\d{4})\b\s*(.*)$", re.IGNORECASE)
_NAMES: Final[dict[str, int]] = {_fold(m.name): m.code for m in MUNICIPALITIES} | {
    _fold(alias): code for alias, code in _ALIASES.items()
}


def _by_name(key: str) -> list[int]:
    """Codes for a folded name: exact names beat exact towns, which beat prefixes."""
    towns = _postcodes()[1]
    exact = [code for name, code in _NAMES.items() if name == key]
    if exact:
        return exact
    if key in towns:
        return towns[key]
    if len(key) < 2:
        return []
    found = [code for name, code in _NAMES.items() if name.startswith(key)]
    return found or [
        code for town, codes in towns.items() if town.startswith(key) for code in codes
    ]


def find_municipalities(text: str) -> list[Municipality]:
    """Find the municipality a filer means, from a postcode or a name.

    Accepts "2300", "2300 København S", "DK-2300", or a municipality or town name in any
    case, with or without Danish letters ("Kobenhavn", "Århus", "Aarhus", "Copenhagen").
    An exact name beats names that merely start with the text.

    Args:
        text: what the filer typed.

    Returns:
        The matching municipalities, the most likely first; several when it is ambiguous,
        such as a postcode that crosses a border; empty when nothing matches.
    """
    matched = _POSTCODE.match(text)
    if matched:
        found = postcode_municipalities(int(matched.group(1)))
        if found or not matched.group(2):
            return found
        text = matched.group(2)
    key = _fold(text)
    key = key.removesuffix("kommune") if key != "kommune" else ""
    if not key:
        return []
    codes = _by_name(key) or (_by_name(key[:-1]) if key.endswith("s") else [])
    return [municipality(code) for code in dict.fromkeys(codes)]
