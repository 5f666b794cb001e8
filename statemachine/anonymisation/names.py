"""The name recogniser: personal names the text adds beyond the case's parties.

Danish writes nouns in lower case, so a capitalised word inside a sentence is a proper noun.
A name is found as:

- a known first name, followed by more capitalised words or initials ("Mette Frederiksen",
  "Jens P. Holm"), or alone ("Mette oplyste");
- a known surname alone ("Jensen oplyste");
- any capitalised words after a title ("advokat Gjerløv", "fru Birkedal Ravnholt");

each also in the genitive ("Mettes", "Jens'"). A name that is also a common word ("Hans",
"Holm") is not taken alone at the start of a sentence, where it is the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from statemachine.anonymisation.namelist import COMMON_WORDS, FIRST_NAMES, SURNAMES

_WORD: Final = re.compile(
    r"(?<![\wæøåÆØÅ])(?:[A-ZÆØÅ][a-zæøåéüö]+(?:-[A-ZÆØÅ][a-zæøåéüö]+)?(?:'s|'|s)?"
    r"(?![\wæøåÆØÅ])|(?<![\wæøåÆØÅ.])[A-ZÆØÅ]\.|(?<=[A-ZÆØÅ]\.)[A-ZÆØÅ]\.)"
)
_TITLE_WORDS = """hr hr. herr fru frk frk. advokat advokaten advokatfuldmægtig vicevært viceværten
    ejendomsadministrator ejendomsmægler direktør direktøren formand formanden inspektør
    inspektøren sagsbehandler revisor landinspektør tømrer murer maler elektriker
    afdelingsformand næstformand kasserer beboer naboen nabo genbo lejeren udlejeren
    datter søn mor far ægtefælle samlever kæreste"""
TITLES: Final = frozenset(_TITLE_WORDS.split())
"""Words after which a capitalised word is a person's name ("advokat Gjerløv", "fru Holm")."""
_SENTENCE_END: Final = re.compile(r"(?:^|[.!?:;\n\"“”»«(]\s*|\n\s*[-–•*]\s*)$")


@dataclass(frozen=True)
class NameMatch:
    """A name in the text, and the parts it is made of."""

    start: int
    """Where it starts."""
    end: int
    """Where it ends (exclusive)."""
    parts: tuple[str, ...]
    """Its words, each without a genitive ending ("Mette", "Jensen")."""
    genitive: bool
    """Whether it stands in the genitive ("Jensens", "Jens'")."""


def base(word: str) -> tuple[str, bool]:
    """A word without its genitive ending, and whether it had one."""
    if word.endswith("'s"):
        return word[:-2], True
    if word.endswith("'"):
        return word[:-1], True
    if word.endswith("s") and not word.endswith("ss"):
        stem = word[:-1]
        if stem in FIRST_NAMES or stem in SURNAMES:
            return stem, True
    return word, False


def _known(word: str) -> bool:
    stem, _ = base(word)
    return stem in FIRST_NAMES or stem in SURNAMES or word in FIRST_NAMES or word in SURNAMES


def _first(word: str) -> bool:
    stem, _ = base(word)
    return word in FIRST_NAMES or stem in FIRST_NAMES


def _sentence_start(text: str, at: int) -> bool:
    return bool(_SENTENCE_END.search(text[max(0, at - 4) : at]))


def _title_before(text: str, at: int) -> bool:
    before = text[max(0, at - 40) : at].rstrip()
    words = before.split()
    return bool(words) and words[-1].lower().rstrip(",") in TITLES


def find_names(text: str) -> Iterator[NameMatch]:
    """Every personal name the recogniser finds, in text order (none overlapping).

    A name that is also a word is taken alone at a sentence's start when the text also gives it
    in a fuller name ("Ebbe Toft ... Toft oplyste").
    """
    matches = list(_find(text, frozenset()))
    seen = frozenset(part for m in matches if len(m.parts) > 1 for part in m.parts)
    if seen & COMMON_WORDS:
        matches = list(_find(text, seen))
    yield from matches


def _find(text: str, seen: frozenset[str]) -> Iterator[NameMatch]:
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        first = words[i]
        word = first.group(0)
        titled = _title_before(text, first.start())
        initial = word.endswith(".")
        starts = _first(word) or titled or initial or _known(word)
        if not starts:
            i += 1
            continue
        j = i
        # Join the following capitalised words and initials, separated by one space.
        while j + 1 < len(words):
            gap = text[words[j].end() : words[j + 1].start()]
            current = words[j].group(0)
            if gap != " " and not (current.endswith(".") and gap == ""):
                break
            if base(current)[1] and not current.endswith("."):
                break  # a genitive ends the name: "Mettes Hansen" is not one name
            j += 1
        parts = [base(w.group(0))[0] for w in words[i : j + 1]]
        genitive = base(words[j].group(0))[1]
        last = parts[-1]
        if not genitive and j > i and last.endswith("s") and not _known(last):
            # "Mette Gjerløvs": an unknown surname in -s after a first name is a genitive.
            parts[-1], genitive = last[:-1], True
        if j == i:
            alone = parts[0]
            if alone.endswith("."):
                i += 1
                continue
            at_start = _sentence_start(text, first.start())
            common = alone in COMMON_WORDS or word in COMMON_WORDS
            if not titled and at_start and common and alone not in seen:
                i += 1
                continue
            if not titled and not _known(word):
                i += 1
                continue
        elif not (titled or initial or any(_known(w.group(0)) for w in words[i : j + 1])):
            i = j + 1
            continue
        # An initial may not end a name ("Jens P." is "Jens" and the sentence's end).
        while j > i and words[j].group(0).endswith(".") and len(words[j].group(0)) == 2:
            j -= 1
            parts.pop()
        yield NameMatch(first.start(), words[j].end(), tuple(parts), genitive)
        i = j + 1
