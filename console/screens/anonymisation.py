"""The anonymisation preview: every replacement in the registered decision's text, and, side by
side, the words around the chosen one as written and as they will be published.

The caseworker keeps or reverts each replacement (Space), adds more by hand (A), saves
(Ctrl+S) and accepts the preview for publication (Ctrl+R, after a yes). What the right-hand
side shows is what the register publishes. The chosen replacement is put in ⟦ ⟧ on both
sides, and each row says ✓ (replaced) or ✗ (left as written): never colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Final, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from console.calls import run_call
from console.client import Anonymisation
from console.screens.confirm import Confirm
from console.screens.replacement import ReplacementDialog
from console.session import Session
from console.widgets.key_footer import KeyFooter
from console.widgets.replacement_table import ReplacementTable
from console.widgets.status_line import StatusLine
from statemachine.text import N_, tn

T = TypeVar("T")

LOADING = N_("Loading the anonymisation of case {number}…")
TITLE = N_("Anonymisation · case {number}")
LEGEND = N_("✓ replaced when published · ✗ left as written · ⟦ ⟧ the chosen one")
UNSAVED = N_("changed, not saved")
ACCEPTED_BY = N_("Accepted by {name}")
"""The state of an accepted preview, with who accepted it (the state label and the name
together do not fit 80 columns)."""
WRITTEN = N_("As written")
PUBLISHED = N_("As published")
NONE_FOUND = N_("Nothing to replace was found. Add words by hand with A.")
SAVED = N_("The replacements are saved. Accept them with Ctrl+R before publishing.")
ACCEPTED = N_("Accepted. A lead can now publish the case: X, then Publish the decision.")
ASK_ACCEPT = N_(
    "Accept the anonymisation of case {number}? The right-hand side is what the public "
    "register will show."
)
ASK_LEAVE = N_("Leave without saving your changes to the replacements?")
NOT_FOUND = N_("The text does not have “{words}” anywhere it is not already replaced.")
BY_HAND = N_("Added by hand")
COVERED = N_(
    "“{words}” cannot be replaced as well: the replacement of “{other}” covers some of the "
    "same words. Revert that one first (Space)."
)
BEFORE: Final = 70
"""How many characters of text each side shows before the chosen replacement (so that it is
seen without scrolling)."""
AFTER: Final = 240
"""How many characters each side shows after it."""
OPEN: Final = "⟦"
CLOSE: Final = "⟧"
SENT_KEYS: Final = ("start", "end", "replacement", "kind", "source", "kept")


class AnonymisationScreen(Screen[None]):
    """A case's anonymisation; Escape goes back to the case."""

    DEFAULT_CSS = """
    AnonymisationScreen ReplacementTable { height: 9; }
    AnonymisationScreen #legend { height: 1; padding: 0 1; }
    AnonymisationScreen Horizontal { height: 1fr; }
    AnonymisationScreen VerticalScroll { width: 1fr; border: round $primary; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
        Binding("space", "keep_or_revert", N_("Keep/revert")),
        Binding("a", "add", N_("Add words")),
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("ctrl+r", "accept", N_("Accept"), priority=True),
    ]

    class Shown(Message):
        """The preview came back from the client."""

        def __init__(self, preview: Anonymisation, done: str | None) -> None:
            super().__init__()
            self.preview = preview
            self.done = done

    def __init__(self, session: Session, number: str) -> None:
        """Args:
        session: the client, language and caller.
        number: the case whose decision is anonymised.
        """
        super().__init__()
        self.session = session
        self.number = number
        self.preview: Anonymisation | None = None
        self.spans: list[dict[str, Any]] = []
        """The replacements as the caseworker has them now (saved or not), in text order."""
        self.changed = False

    def compose(self) -> ComposeResult:
        say = self.session.say
        yield StatusLine(say(LOADING, number=self.number), id="status")
        yield Static(say(LEGEND), id="legend", markup=False)
        yield ReplacementTable(self.session, id="replacements")
        with Horizontal():
            with VerticalScroll(id="written-side") as written:
                written.border_title = say(WRITTEN)
                yield Static("", id="written", markup=False)
            with VerticalScroll(id="published-side") as published:
                published.border_title = say(PUBLISHED)
                yield Static("", id="published", markup=False)
        yield KeyFooter(self.session)

    def on_mount(self) -> None:
        self._call(self.session.client.anonymisation(self.number), self._shown(None))

    def _call(self, call: Awaitable[T], then: Callable[[T], None]) -> None:
        run_call(self, call, then, group="anonymisation")

    def _shown(self, done: str | None) -> Callable[[Anonymisation], None]:
        def show(preview: Anonymisation) -> None:
            self.post_message(self.Shown(preview, done))

        return show

    def on_anonymisation_screen_shown(self, message: Shown) -> None:
        self.preview = message.preview
        self.spans = [dict(span) for span in message.preview["spans"]]
        self.changed = False
        self._refresh()
        self.query_one(ReplacementTable).focus()
        if message.done:
            self.notify(message.done)
        elif not self.spans:
            self.notify(self.session.say(NONE_FOUND))

    # --- what is shown ------------------------------------------------------------------------

    def _refresh(self, at: int | None = None) -> None:
        preview = self.preview
        if preview is None:
            return
        say = self.session.say
        if self.changed:
            state = say(UNSAVED)
        elif preview["state"] == "accepted" and preview["accepted_by"]:
            state = say(ACCEPTED_BY, name=preview["accepted_by"])
        else:
            state = preview["state_label"]
        self.query_one(StatusLine).say(say(TITLE, number=self.number), state)
        self.query_one(ReplacementTable).show(self.spans, at=at)
        self._show_sides()
        self.refresh_bindings()

    def _show_sides(self) -> None:
        if self.preview is None:
            return
        index = self.query_one(ReplacementTable).current_index
        written, published = sides(self.preview["text"], self.spans, index)
        self.query_one("#written", Static).update(written)
        self.query_one("#published", Static).update(published)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_sides()

    @property
    def result(self) -> str:
        """The text as it will be published with the replacements as they stand now."""
        if self.preview is None:
            return ""
        return published_text(self.preview["text"], self.spans)

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Changing and accepting need the preview loaded."""
        if action in ("keep_or_revert", "add", "save", "accept"):
            return self.preview is not None
        return True

    def action_back(self) -> None:
        """Back to the case, after a yes when there are unsaved changes."""
        if not self.changed:
            self.dismiss(None)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(Confirm(self.session, self.session.say(ASK_LEAVE)), confirmed)

    def action_keep_or_revert(self) -> None:
        """Keep or revert the replacement under the cursor."""
        index = self.query_one(ReplacementTable).current_index
        if index is None:
            return
        span = self.spans[index]
        covering = [
            other
            for other in self.spans
            if other is not span and other["kept"] and overlaps(span, other)
        ]
        if not span["kept"] and covering:
            words, other = span["original"], covering[0]["original"]
            self.notify(self.session.say(COVERED, words=words, other=other), severity="warning")
            return
        span["kept"] = not span["kept"]
        self.changed = True
        self._refresh(at=index)

    def action_add(self) -> None:
        """Replace more words, everywhere they stand and are not replaced yet."""
        preview = self.preview
        if preview is None:
            return

        def add(asked: dict[str, str] | None) -> None:
            if not asked:
                return
            found = occurrences(preview["text"], asked["words"], self.spans)
            if not found:
                self.notify(self.session.say(NOT_FOUND, words=asked["words"]), severity="warning")
                return
            label = next((k["label"] for k in preview["kinds"] if k["value"] == asked["kind"]), "")
            for start, end in found:
                self.spans.append(
                    {
                        "start": start,
                        "end": end,
                        "original": preview["text"][start:end],
                        "replacement": asked["replacement"],
                        "kind": asked["kind"],
                        "kind_label": label,
                        "source": "caseworker",
                        "source_label": self.session.say(BY_HAND),
                        "kept": True,
                    }
                )
            self.spans.sort(key=lambda s: (s["start"], s["end"]))
            self.changed = True
            first = next(i for i, s in enumerate(self.spans) if s["start"] == found[0][0])
            self._refresh(at=first)
            added = tn(
                "Added {count} replacement of “{words}”.",
                "Added {count} replacements of “{words}”.",
                len(found),
                words=asked["words"],
            )
            self.notify(self.session.say(added))

        self.app.push_screen(ReplacementDialog(self.session, preview["kinds"]), add)

    def action_save(self) -> None:
        """Save the replacements as they stand."""
        self._save(then=self._shown(self.session.say(SAVED)))

    def _save(self, then: Callable[[Anonymisation], None]) -> None:
        if self.preview is None:
            return
        spans = [{key: span[key] for key in SENT_KEYS} for span in self.spans]
        call = self.session.client.save_anonymisation(
            self.number, version=self.preview["version"], spans=spans
        )
        self._call(call, then)

    def action_accept(self) -> None:
        """Accept the preview (saving the changes first) once the caseworker says yes."""

        def confirmed(yes: bool | None) -> None:
            if not yes or self.preview is None:
                return
            if self.changed:
                self._save(then=self._accept)
            else:
                self._accept(self.preview)

        question = self.session.say(ASK_ACCEPT, number=self.number)
        self.app.push_screen(Confirm(self.session, question), confirmed)

    def _accept(self, saved: Anonymisation) -> None:
        call = self.session.client.accept_anonymisation(self.number, version=saved["version"])
        self._call(call, self._shown(self.session.say(ACCEPTED)))


def overlaps(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two replacements cover some of the same characters."""
    return bool(one["start"] < other["end"] and other["start"] < one["end"])


def occurrences(text: str, words: str, spans: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Where ``words`` stand in ``text`` as whole words (also in the genitive, "Bos"), outside
    every kept replacement."""
    if not words.strip():
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(words)}(?:s|')?(?!\w)")
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        piece = {"start": match.start(), "end": match.end()}
        if not any(s["kept"] and overlaps(piece, s) for s in spans):
            found.append((match.start(), match.end()))
    return found


def published_text(text: str, spans: list[dict[str, Any]], mark: int | None = None) -> str:
    """The text with every kept replacement in place; replacement ``mark`` (an index of
    ``spans``) in ⟦ ⟧, as replaced or, reverted, as written."""
    out: list[str] = []
    at = 0
    for index, span in enumerate(spans):
        if not span["kept"] and index != mark:
            continue
        if span["start"] < at:
            continue
        new = str(span["replacement"]) if span["kept"] else text[span["start"] : span["end"]]
        if index == mark:
            new = f"{OPEN}{new}{CLOSE}"
        out += [text[at : span["start"]], new]
        at = span["end"]
    out.append(text[at:])
    return "".join(out)


def sides(text: str, spans: list[dict[str, Any]], index: int | None) -> tuple[str, str]:
    """The words around replacement ``index``, as written and as published (each with the
    replacement in ⟦ ⟧); the whole text when there is none."""
    if index is None:
        return text, published_text(text, spans)
    span = spans[index]
    start, end = span["start"], span["end"]
    written = f"{text[:start]}{OPEN}{text[start:end]}{CLOSE}{text[end:]}"
    before = max(0, start - BEFORE)
    after = min(len(text), end + AFTER)
    inside = [
        (i, {**s, "start": s["start"] - before, "end": s["end"] - before})
        for i, s in enumerate(spans)
        if s["start"] >= before and s["end"] <= after
    ]
    mark = next(n for n, (i, _) in enumerate(inside) if i == index)
    shown = published_text(text[before:after], [s for _, s in inside], mark)
    written_shown = written[before : after + len(OPEN) + len(CLOSE)]
    lead = "…" if before > 0 else ""
    tail = "…" if after < len(text) else ""
    return lead + written_shown + tail, lead + shown + tail
