"""Untranslated text: a message id with named parameters, rendered later in the reader's language.

The rules never translate. They return :class:`Text` values; the edges (terminal chat, HTTP
service, console) render them with the catalogs in ``locales/``. Parameters may themselves be
``Text`` (rendered first), dates (formatted per locale) or :class:`Money` (formatted as DKK).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Union


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it (gettext's no-op marker)."""
    return msgid


@dataclass(frozen=True)
class Money:
    """An amount in Danish kroner, formatted per locale ("7.500 kr.", "7.500,50 kr.")."""

    amount: Decimal
    """The amount in DKK."""


Param = Union[str, int, Decimal, date, Money, "Text", tuple["Param", ...]]
"""What a placeholder may be filled with; a tuple is rendered as a comma-separated list."""


@dataclass(frozen=True)
class Text:
    """A message id plus named parameters, translated at the edge.

    ``plural`` and ``count`` make it an ngettext message: ``count`` picks the form and is also
    available to the message as ``{count}``.
    """

    msgid: str
    """The English source text, which is also the gettext message id."""
    params: Mapping[str, Param] = field(default_factory=dict)
    """Values for the ``{named}`` placeholders."""
    plural: str | None = None
    """The plural English form, for counted messages."""
    count: int | None = None
    """The number that chooses singular or plural."""


def t(msgid: str, **params: Param) -> Text:
    """Build a :class:`Text`. The msgid must be a literal marked elsewhere with ``N_``."""
    return Text(msgid, params)


def tn(singular: str, plural: str, count: int, **params: Param) -> Text:
    """Build a counted :class:`Text` (ngettext); ``{count}`` is available to both forms."""
    return Text(singular, params, plural=plural, count=count)
