"""Rendering untranslated ``Text`` in one reader's language, from the compiled gettext catalogs."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Final

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

from statemachine.errors import NaevnError, UnknownIdError
from statemachine.text import Money, Param, Text, t

LANGUAGES: Final[tuple[str, ...]] = ("da", "en")
"""The languages naevn speaks; each has a catalog under ``locales/<lang>/LC_MESSAGES/``."""

CATALOG_DIR: Final[Path] = Path(__file__).resolve().parent
"""Where the ``<lang>/LC_MESSAGES/messages.{po,mo}`` catalogs live."""

DOMAIN: Final = "messages"
"""The gettext domain of every catalog."""

FORMAT_LOCALES: Final[Mapping[str, str]] = {"da": "da_DK", "en": "en_GB"}
"""The Babel locale used to format dates and numbers for each language.

English uses British conventions: "1 October 2026" reads the same way round as Danish does.
"""

CURRENCY_FORMATS: Final[Mapping[str, str | None]] = {"da": None, "en": "¤ #,##0.00"}
"""Babel currency patterns for amounts with øre; None is the locale's own ("7.500,50 kr.").

en_GB's own pattern gives "DKK7,500.50"; the space makes it "DKK 7,500.50", easier to read aloud.
"""

WHOLE_CURRENCY_FORMATS: Final[Mapping[str, str]] = {"da": "#,##0 ¤", "en": "¤ #,##0"}
"""Babel currency patterns for whole kroner: "357 kr.", not "357,00 kr.", which reads aloud as
"three hundred and fifty-seven comma zero zero"."""


class CatalogError(NaevnError):
    """A catalog that is missing or not compiled. An operator problem, so the message is plain."""

    title = "Translations missing"


class Translator:
    """Translates and formats for one language.

    Build one with :func:`translator`; construct it directly only to point at other catalogs
    (tests do).
    """

    def __init__(self, lang: str, directory: Path = CATALOG_DIR) -> None:
        """Load the compiled catalog for ``lang`` from ``directory``.

        Args:
            lang: one of :data:`LANGUAGES`.
            directory: the folder holding ``<lang>/LC_MESSAGES/messages.mo``.

        Raises:
            UnknownIdError: ``lang`` is not one of :data:`LANGUAGES`.
            CatalogError: there is no compiled catalog for ``lang``.
        """
        if lang not in LANGUAGES:
            raise UnknownIdError(
                t(
                    'There is no language "{lang}". Choose one of: {choices}.',
                    lang=lang,
                    choices=", ".join(LANGUAGES),
                )
            )
        self.lang = lang
        """The language code, as in :data:`LANGUAGES`."""
        self.locale = FORMAT_LOCALES[lang]
        """The Babel locale for dates and numbers."""
        self._translations = _load(directory, lang)

    def gettext(self, msgid: str) -> str:
        """The translation of ``msgid``, or ``msgid`` itself when the catalog lacks it."""
        return self._translations.gettext(msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The form of a counted message that fits ``n``, by the language's plural rule."""
        return self._translations.ngettext(singular, plural, n)

    def date(self, d: date) -> str:
        """A date in long form: "1. oktober 2026" (da), "1 October 2026" (en)."""
        return _long_date(d, self.locale)

    def money(self, m: Money | Decimal) -> str:
        """An amount in DKK: "7.500 kr." (da), "DKK 7,500" (en); øre only when there are any,
        "7.500,50 kr."."""
        amount = m.amount if isinstance(m, Money) else m
        if amount == amount.to_integral_value():
            whole = format_currency(
                amount,
                "DKK",
                format=WHOLE_CURRENCY_FORMATS[self.lang],
                locale=self.locale,
                currency_digits=False,
            )
            return _plain_spaces(whole)
        pattern = CURRENCY_FORMATS[self.lang]
        return _plain_spaces(format_currency(amount, "DKK", format=pattern, locale=self.locale))

    def number(self, n: int | Decimal) -> str:
        """A number with the locale's separators: "7.500,5" (da), "7,500.5" (en)."""
        return _decimal(n, self.locale)

    def render(self, text: Text | str) -> str:
        """Translate ``text`` and fill in its parameters, each formatted for this language.

        A plain ``str`` is a message id marked with ``N_`` (an option label, say): it is
        translated but not formatted, so braces in it stay as they are.

        Raises:
            KeyError: the translated message names a placeholder that ``text`` has no value for.
            ValueError: a counted message has no count.
        """
        if isinstance(text, str):
            return self.gettext(text)
        if not text.params and text.plural is None:
            # Most messages (prompts, option labels) have no placeholders: skip formatting.
            return self.gettext(text.msgid)
        params: dict[str, Param] = dict(text.params)
        if text.plural is not None:
            if text.count is None:
                raise ValueError(f"the counted message {text.msgid!r} has no count")
            template = self.ngettext(text.msgid, text.plural, text.count)
        else:
            template = self.gettext(text.msgid)
        if text.count is not None:
            params.setdefault("count", text.count)
        rendered = {name: self.param(value) for name, value in params.items()}
        for name, value in rendered.items():
            # "361,00 kr." at the end of a sentence must not become "361,00 kr..": a value that
            # ends in a full stop (an abbreviation, a nested sentence) takes the sentence's place.
            if value.endswith("."):
                template = template.replace(f"{{{name}}}.", f"{{{name}}}")
        return template.format(**rendered)

    def param(self, value: Param) -> str:
        """One parameter value as text in this language; nested ``Text`` is rendered first."""
        # Order matters: Money and Text are checked before the types they could be mistaken for,
        # and bool (an int) is refused because "True" is never meant for a reader.
        if isinstance(value, Text):
            return self.render(value)
        if isinstance(value, Money):
            return self.money(value)
        if isinstance(value, date):
            return self.date(value)
        if isinstance(value, bool):
            raise TypeError(f"a message parameter cannot be a bool: {value!r}")
        if isinstance(value, int | Decimal):
            return self.number(value)
        if isinstance(value, str):
            return value
        if isinstance(value, tuple):
            return ", ".join(self.param(item) for item in value)
        raise TypeError(f"cannot render a message parameter of type {type(value).__name__}")


@functools.cache
def translator(lang: str) -> Translator:
    """The shared :class:`Translator` for ``lang``, loaded once from the package catalogs.

    Raises:
        UnknownIdError: ``lang`` is not one of :data:`LANGUAGES`.
        CatalogError: the catalog for ``lang`` is missing or not compiled (run ``make``).
    """
    return Translator(lang)


@functools.lru_cache(maxsize=4096)
def _decimal(n: int | Decimal, locale: str) -> str:
    # Babel's number formatter costs ~50 µs; step numbers and counts repeat endlessly.
    return _plain_spaces(format_decimal(n, locale=locale))


@functools.lru_cache(maxsize=4096)
def _long_date(d: date, locale: str) -> str:
    # Babel's formatter costs ~20 µs a call; a dialogue shows the same few dates each turn.
    return _plain_spaces(format_date(d, format="long", locale=locale))


def _load(directory: Path, lang: str) -> Translations:
    """Open the compiled catalog, refusing to fall back to the English source text."""
    folder = directory / lang / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    # babel's Translations.load and gettext's fallback both answer a missing catalog with the
    # untranslated English, which would show a Danish reader English without anyone noticing.
    if not mo.is_file():
        if po.is_file():
            raise CatalogError(f"{po} is not compiled: run 'make' to build {mo.name}.")
        raise CatalogError(f"There is no catalog for {lang!r}: {po} is missing.")
    with mo.open("rb") as fp:
        return Translations(fp, domain=DOMAIN)


def _plain_spaces(formatted: str) -> str:
    """Babel's output with its no-break spaces made ordinary ones.

    Babel puts U+00A0 in "7.500,00 kr."; an invisible difference like that breaks string
    comparisons, copy-paste into answers and plain-text terminals, for no gain in a chat.
    """
    return formatted.replace("\u00a0", " ").replace("\u202f", " ")
