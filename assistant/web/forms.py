"""A turn as form fields, and a posted form back as a protocol answer.

The page shows one question as one form (design.md, "The turn protocol"). Its fields are named
``value`` (and ``file`` for an upload); a button named ``do`` says what the post asks:
``answer``, one of the protocol's actions (``back``, ``help``, ``save``, ``restart``),
``edit:<key>`` (change an answer from the review) or ``pick:<option>`` (a choice offered as a
button, such as a review section).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from assistant.protocol import Turn, TurnOption
from statemachine.text import N_

ACTIONS: Final = frozenset({"back", "help", "save", "restart"})
"""The protocol's actions a page's buttons may ask for."""

CONTROLS: Final[Mapping[str, str]] = {
    "choice": "radios",
    "confirm": "radios",
    "multi_choice": "checkboxes",
    "long_text": "textarea",
    "file": "file",
    "none": "none",
}
"""How each input kind is asked; every other kind is a one-line input."""

TYPES: Final[Mapping[str, str]] = {"email": "email", "phone": "tel"}
"""The ``type`` of one-line inputs that are not plain text. Dates stay text: a date picker
hides the Danish way of writing one, and the dialogue reads several."""

MODES: Final[Mapping[str, str]] = {"money": "decimal", "number": "decimal", "phone": "tel"}
"""The on-screen keyboard for inputs that take numbers."""

AUTOCOMPLETE: Final[Mapping[str, str]] = {
    "ask_name": "name",
    "ask_contact_name": "name",
    "ask_email": "email",
    "ask_phone": "tel",
    "ask_postal_address": "street-address",
}
"""The questions about the filer's own details, by state, and what a browser may fill in
(WCAG 1.3.5)."""

HINTS: Final[Mapping[str, str]] = {
    "date": N_("For example 1/10/2026, 1.10.2026 or 1 October 2026."),
    "money": N_("In kroner, for example 7500."),
    "number": N_("A number, for example 75."),
    "multi_choice": N_("Choose all that apply, or none."),
    "file": N_("PDF, JPEG, PNG, Word (DOCX) or plain text, up to 20 MB."),
}
"""What the field takes, said under the question (msgids)."""

YES: Final = N_("Yes")
NO: Final = N_("No")


@dataclass(frozen=True)
class Choice:
    """One radio button or checkbox."""

    id: str
    """Its HTML id: ``value`` for the first, then ``value-2``, …"""
    value: str
    """What it posts."""
    label: str
    """What the filer reads (already in the page's language, or a msgid if ``msgid``)."""
    checked: bool = False
    """Whether it is chosen now (the answer given before)."""
    msgid: bool = False
    """Whether ``label`` is ours to translate (Yes, No) rather than the turn's own text."""


@dataclass(frozen=True)
class Field:
    """How one turn's question is asked on the page."""

    kind: str
    """The turn's input kind."""
    control: str
    """``radios``, ``checkboxes``, ``input``, ``textarea``, ``file`` or ``none``."""
    required: bool
    """Whether an empty answer is refused."""
    type: str = "text"
    """The one-line input's ``type``."""
    inputmode: str | None = None
    """The one-line input's ``inputmode``."""
    autocomplete: str | None = None
    """The ``autocomplete`` token, for the filer's own details."""
    value: str = ""
    """What the field holds now (the answer given before)."""
    current: str | None = None
    """The answer given before, as the filer reads it."""
    choices: list[Choice] = field(default_factory=list)
    """The radio buttons or checkboxes."""
    missing: list[Choice] = field(default_factory=list)
    """For a file: the "I do not have it" options."""
    hint: str | None = None
    """What the field takes (a msgid)."""

    @property
    def grouped(self) -> bool:
        """Whether the question is a fieldset whose legend is the prompt."""
        return self.control in ("radios", "checkboxes")


def field_of(turn: Turn) -> Field:
    """How ``turn``'s question is asked."""
    inp = turn["input"]
    kind = inp["kind"]
    current = inp.get("current")
    control = CONTROLS.get(kind, "input")
    common: dict[str, Any] = {
        "kind": kind,
        "control": control,
        "required": inp["required"],
        "current": current,
        "hint": HINTS.get(kind),
    }
    if kind == "confirm":
        yes_no = [TurnOption(id="yes", label=YES), TurnOption(id="no", label=NO)]
        return Field(**common, choices=_choices(yes_no, None, msgid=True, confirm=current))
    if control in ("radios", "checkboxes"):
        return Field(**common, choices=_choices(inp["options"], current, many=kind != "choice"))
    if control == "file":
        missing = [
            Choice(f"value-{n}", o["id"], o["label"]) for n, o in enumerate(inp["options"], 2)
        ]
        return Field(**common, missing=missing)
    return Field(
        **common,
        type=TYPES.get(kind, "text"),
        inputmode=MODES.get(kind),
        autocomplete=AUTOCOMPLETE.get(turn["state"]),
        value=current or "",
    )


def refilled(field: Field, given: Sequence[str]) -> Field:
    """``field`` holding what the filer posted, to show it again with its errors."""
    if field.grouped:
        choices = [replace(c, checked=c.value in given) for c in field.choices]
        return replace(field, choices=choices)
    if field.control in ("input", "textarea"):
        return replace(field, value=given[0] if given else "")
    return field


def answer_of(form: Mapping[str, Any], values: Sequence[str]) -> dict[str, Any]:
    """The protocol answer a posted form asks for.

    The form says which kind of question it answers (``kind``) and what its field showed
    (``shown``), so no turn is loaded to read it. Both only shape the filer's own answer,
    which the dialogue checks as it checks any other; a stale form's ``version`` is refused.

    Args:
        form: the posted fields (``do``, ``kind``, ``shown``, ``version``, …).
        values: every posted ``value`` (several for checkboxes).
    """
    do = str(form.get("do", "answer"))
    answer: dict[str, Any]
    if do in ACTIONS:
        answer = {"action": do}
    elif do.startswith("edit:"):
        answer = {"action": "edit", "target": do.removeprefix("edit:")}
    elif do.startswith("pick:"):
        answer = {"value": do.removeprefix("pick:")}
    else:
        answer = {"value": _value(str(form.get("kind", "")), form.get("shown"), values)}
    version = str(form.get("version", ""))
    if version.isdigit() and len(version) < 12:
        answer["version"] = int(version)
    return answer


def _value(kind: str, shown: Any, values: Sequence[str]) -> Any:
    """The ``value`` of an answer, from the posted fields."""
    given = [v for v in values if isinstance(v, str)]
    if kind == "none":
        return None
    if kind == "multi_choice":
        return given
    first = given[0] if given else ""
    if kind == "confirm":
        return {"yes": True, "no": False}.get(first)
    if kind in ("choice", "file"):
        return first or None
    if kind != "long_text":
        first = first.strip()
    # The field shows the answer given before as the filer reads it ("1 October 2026");
    # sent back unchanged, it means keep that answer.
    if not first.strip() or (isinstance(shown, str) and first.strip() == shown.strip()):
        return None
    return first


def _choices(
    options: Sequence[TurnOption],
    current: str | None,
    *,
    many: bool = False,
    msgid: bool = False,
    confirm: str | None = None,
) -> list[Choice]:
    chosen = _chosen(options, current, many=many) if confirm is None else set()
    result = []
    for n, option in enumerate(options, 1):
        checked = option["id"] in chosen
        if confirm is not None:
            checked = _is_confirm(option["id"], confirm)
        result.append(
            Choice(
                "value" if n == 1 else f"value-{n}",
                option["id"],
                option["label"],
                checked=checked,
                msgid=msgid,
            )
        )
    return result


def _chosen(options: Sequence[TurnOption], current: str | None, *, many: bool) -> set[str]:
    """The options the answer given before names (the turn tells it by label)."""
    if current is None:
        return set()
    if not many:
        return {o["id"] for o in options if o["label"] == current}
    text = f", {current}, "
    return {o["id"] for o in options if f", {o['label']}, " in text}


_YES_WORDS: Final = frozenset({"yes", "ja"})
_NO_WORDS: Final = frozenset({"no", "nej"})


def _is_confirm(option: str, current: str) -> bool:
    word = current.strip().casefold()
    return word in (_YES_WORDS if option == "yes" else _NO_WORDS)
