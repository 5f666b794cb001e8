"""Turns rendered in the filer's language: the turn protocol's JSON objects."""

from __future__ import annotations

from typing import Any

from locales import translator
from statemachine.engine.machine import TurnSpec
from statemachine.text import Text


def render_turn(spec: TurnSpec, session: str, lang: str, version: int) -> dict[str, Any]:
    """The turn as the protocol's JSON object, with every text in ``lang``.

    ``version`` is the draft's version: a client sends it back with its answer, so an answer
    from a stale tab is refused instead of landing on another question.
    """
    tr = translator(lang)
    turn: dict[str, Any] = {
        "session": session,
        "lang": lang,
        "state": spec.state,
        "messages": [tr.render(m) for m in spec.messages],
        "prompt": tr.render(spec.prompt),
        "help": tr.render(spec.help) if spec.help is not None else None,
        "input": {
            "kind": spec.input.kind,
            "required": spec.input.required,
            "options": [{"id": o.id, "label": tr.render(o.label)} for o in spec.input.options],
        },
        "errors": [tr.render(e) for e in spec.errors],
        "progress": {"step": spec.step, "total": spec.total},
        "actions": spec.actions,
        "done": spec.done,
        "case_number": spec.case_number,
        "version": version,
    }
    if spec.item is not None:
        turn["item"] = spec.item
    if spec.input.current is not None:
        turn["input"]["current"] = tr.param(spec.input.current)
    return turn


def render_text(text: Text | str, lang: str) -> str:
    """One message in ``lang``."""
    return translator(lang).render(text)
