"""The translator: Danish and English text, dates, amounts and counts as a reader sees them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from locales import CatalogError, Translator, translator
from statemachine.errors import UnknownIdError
from statemachine.text import Money, Text, t, tn

DANISH: dict[str, str | tuple[str, str]] = {
    "Your case about {topic} was received on {day}.": "Vi modtog din sag om {topic} den {day}.",
    "a rent increase": "en huslejestigning",
    "The fee is {fee}.": "Gebyret er {fee}.",
    "{count} file": ("{count} fil", "{count} filer"),
    "You have {count} day left to object to {what}.": (
        "Du har {count} dag til at gøre indsigelse mod {what}.",
        "Du har {count} dage til at gøre indsigelse mod {what}.",
    ),
}
"""A tiny Danish catalog; an empty English one stands for the source text."""

PLURALS = {
    "{count} file": "{count} files",
    "You have {count} day left to object to {what}.": (
        "You have {count} days left to object to {what}."
    ),
}


def _write_catalog(directory: Path, lang: str, *, compile_mo: bool = True) -> None:
    """Write ``<lang>/LC_MESSAGES/messages.po`` (and its .mo) the way ``make`` would."""
    catalog = Catalog(locale=lang, domain="messages")
    for msgid, msgstr in DANISH.items():
        translated = msgstr if lang == "da" else ("", "") if msgid in PLURALS else ""
        key = (msgid, PLURALS[msgid]) if msgid in PLURALS else msgid
        catalog.add(key, translated)
    folder = directory / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as po:
        write_po(po, catalog)
    if compile_mo:
        with (folder / "messages.mo").open("wb") as mo:
            write_mo(mo, catalog)


@pytest.fixture
def catalogs(tmp_path: Path) -> Path:
    """A catalog folder with compiled Danish and English catalogs."""
    for lang in ("da", "en"):
        _write_catalog(tmp_path, lang)
    return tmp_path


@pytest.fixture
def da(catalogs: Path) -> Translator:
    """A Danish translator on the test catalogs."""
    return Translator("da", catalogs)


@pytest.fixture
def en(catalogs: Path) -> Translator:
    """An English translator on the test catalogs."""
    return Translator("en", catalogs)


@pytest.mark.parametrize(
    ("lang", "value", "shown"),
    [
        ("da", date(2026, 10, 1), "1. oktober 2026"),
        ("en", date(2026, 10, 1), "1 October 2026"),
        ("da", Money(Decimal("7500")), "7.500 kr."),
        ("en", Money(Decimal("7500")), "DKK 7,500"),
        ("da", Money(Decimal("7500.00")), "7.500 kr."),
        ("da", Money(Decimal("7500.05")), "7.500,05 kr."),
        ("en", Money(Decimal("7500.05")), "DKK 7,500.05"),
        ("da", Money(Decimal("-123.5")), "-123,50 kr."),
        ("da", 12345, "12.345"),
        ("en", 12345, "12,345"),
        ("da", Decimal("7500.5"), "7.500,5"),
        ("en", Decimal("7500.5"), "7,500.5"),
        ("da", "Aarhus", "Aarhus"),
    ],
)
def test_parameters_are_formatted_the_way_the_reader_writes_them(
    catalogs: Path, lang: str, value: date | Money | int | Decimal | str, shown: str
) -> None:
    assert Translator(lang, catalogs).render(t("{value}", value=value)) == shown


def test_amounts_use_ordinary_spaces(da: Translator, en: Translator) -> None:
    assert "\u00a0" not in da.money(Decimal("7500")) + en.money(Decimal("7500"))


def test_nested_text_is_translated_before_it_is_filled_in(da: Translator, en: Translator) -> None:
    text = t(
        "Your case about {topic} was received on {day}.",
        topic=t("a rent increase"),
        day=date(2026, 10, 1),
    )
    assert da.render(text) == "Vi modtog din sag om en huslejestigning den 1. oktober 2026."
    assert en.render(text) == "Your case about a rent increase was received on 1 October 2026."


def test_amount_at_the_end_of_a_sentence_has_one_full_stop(da: Translator, en: Translator) -> None:
    text = t("The fee is {fee}.", fee=Money(Decimal("361")))
    assert (da.render(text), en.render(text)) == ("Gebyret er 361 kr.", "The fee is DKK 361.")


@pytest.mark.parametrize(
    ("count", "danish", "english"),
    [
        (0, "0 filer", "0 files"),
        (1, "1 fil", "1 file"),
        (2, "2 filer", "2 files"),
        (1000, "1.000 filer", "1,000 files"),
    ],
)
def test_counted_messages_pick_the_right_form(
    da: Translator, en: Translator, count: int, danish: str, english: str
) -> None:
    text = tn("{count} file", "{count} files", count)
    assert (da.render(text), en.render(text)) == (danish, english)


def test_counted_message_with_other_parameters(da: Translator) -> None:
    text = tn(
        "You have {count} day left to object to {what}.",
        "You have {count} days left to object to {what}.",
        1,
        what=t("a rent increase"),
    )
    assert da.render(text) == "Du har 1 dag til at gøre indsigelse mod en huslejestigning."


def test_untranslated_message_shows_the_english_source(da: Translator) -> None:
    assert da.render(t("Hello {name}.", name="Ida")) == "Hello Ida."


def test_plain_string_is_translated_but_not_formatted(da: Translator) -> None:
    assert da.render("a rent increase") == "en huslejestigning"
    assert da.render("{not a placeholder}") == "{not a placeholder}"


def test_missing_parameter_is_an_error_not_a_blank(da: Translator) -> None:
    with pytest.raises(KeyError, match="day"):
        da.render(t("Your case about {topic} was received on {day}.", topic="x"))


def test_counted_message_without_count_is_an_error(da: Translator) -> None:
    with pytest.raises(ValueError, match="no count"):
        da.render(Text("{count} file", plural="{count} files"))


def test_po_without_compiled_mo_fails_loudly(tmp_path: Path) -> None:
    _write_catalog(tmp_path, "da", compile_mo=False)
    with pytest.raises(CatalogError, match="run 'make'"):
        Translator("da", tmp_path)


def test_missing_catalog_fails_loudly_instead_of_showing_english(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="no catalog"):
        Translator("da", tmp_path)


@pytest.mark.parametrize("lang", ["de", "DA", "", "da_DK"])
def test_unknown_language_is_an_unknown_id(catalogs: Path, lang: str) -> None:
    with pytest.raises(UnknownIdError):
        Translator(lang, catalogs)
    with pytest.raises(UnknownIdError):
        translator(lang)
