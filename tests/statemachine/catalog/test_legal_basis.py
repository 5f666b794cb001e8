"""What a filer is told of the law: the law and the rule in plain words, never the catalog's
doubt about a section number, which is kept for staff."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from locales import translator
from statemachine.catalog.deadlines import RULES
from statemachine.text import t

DOUBT = re.compile(
    r"not confirmed|unconfirmed|probably|uncertain|ikke bekræftet|formentlig|sandsynligvis|usikker",
    re.IGNORECASE,
)
LOCALES = Path(__file__).parents[3] / "locales"


def _bases() -> list[str]:
    bases = [rule.legal_basis for rule in RULES]
    bases += [r.social.legal_basis for r in RULES if r.social and r.social.legal_basis]
    return bases


def test_no_legal_basis_a_filer_reads_carries_doubt_in_either_language() -> None:
    for basis in _bases():
        for lang in ("da", "en"):
            shown = translator(lang).render(t(basis))
            assert DOUBT.search(shown) is None, (lang, shown)


def test_the_doubt_is_kept_for_staff_where_a_section_is_not_known() -> None:
    noted = {rule.id for rule in RULES if rule.staff_note}
    assert "rent_increase.tenant_objection" in noted and "rent_level.refund_window" in noted
    assert all(DOUBT.search(rule.staff_note) for rule in RULES if rule.staff_note)


def test_no_user_facing_string_of_either_catalog_says_a_section_is_unconfirmed() -> None:
    for lang in ("da", "en"):
        with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
            catalog = read_po(po, locale=lang)
        doubtful = [
            m.id
            for m in catalog
            if m.id and (DOUBT.search(str(m.id)) or DOUBT.search(str(m.string)))
        ]
        assert doubtful == [], (lang, doubtful)
