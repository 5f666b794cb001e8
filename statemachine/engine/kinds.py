"""The kinds of input a question can ask for (the turn protocol's ``input.kind``)."""

from __future__ import annotations

from typing import Final, Literal

InputKind = Literal[
    "choice",
    "multi_choice",
    "text",
    "long_text",
    "date",
    "number",
    "money",
    "email",
    "phone",
    "file",
    "confirm",
    "none",
]
"""Every input kind of the turn protocol."""

INPUT_KINDS: Final[tuple[InputKind, ...]] = (
    "choice",
    "multi_choice",
    "text",
    "long_text",
    "date",
    "number",
    "money",
    "email",
    "phone",
    "file",
    "confirm",
    "none",
)
