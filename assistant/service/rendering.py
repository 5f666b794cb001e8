"""Turns rendered in the filer's language: the engine's question as the protocol's object."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from assistant.protocol import Turn, TurnInput
from locales import translator
from statemachine.engine.draft import Draft
from statemachine.engine.machine import Engine, Presentation
from statemachine.text import Text


def render(spec: Presentation, session: str, lang: str, version: int) -> Turn:
    """The question as the turn protocol's object, with every text in ``lang``.

    ``version`` is the draft's version: a client sends it back with its answer, so an answer
    from a stale tab is refused instead of landing on another question.
    """
    tr = translator(lang)
    shown: TurnInput = {
        "kind": spec.input.kind,
        "required": spec.input.required,
        "options": [{"id": o.id, "label": tr.render(o.label)} for o in spec.input.options],
    }
    if spec.input.current is not None:
        shown["current"] = tr.param(spec.input.current)
    turn: Turn = {
        "session": session,
        "lang": lang,
        "state": spec.state,
        "messages": [tr.render(m) for m in spec.messages],
        "prompt": tr.render(spec.prompt),
        "help": tr.render(spec.help) if spec.help is not None else None,
        "input": shown,
        "errors": [tr.render(e) for e in spec.errors],
        "progress": {"step": spec.step, "total": spec.total, "title": tr.render(spec.title)},
        "actions": spec.actions,
        "done": spec.done,
        "case_number": spec.case_number,
        "version": version,
    }
    if spec.item is not None:
        turn["item"] = spec.item
    return turn


def turn_of(
    engine: Engine,
    session: str,
    draft: Draft,
    version: int,
    today: date,
    *,
    messages: Sequence[Text] = (),
    errors: Sequence[Text] = (),
) -> Turn:
    """The turn a draft is at, in its language, with ``messages`` and ``errors`` shown.

    Args:
        engine: the flow's engine, which says what the draft's state asks.
        session: the draft's id.
        draft: the draft.
        version: the draft's stored version.
        today: the turn's one reading of the clock.
        messages: lines to show before the question.
        errors: why the last answer was refused.
    """
    return render(engine.present(draft, today, messages, errors), session, draft.lang, version)
