"""A person filing a case in a page, for the browser tests: each question answered as shown,
options chosen by the labels on the screen, with the mouse (the same clicks post forms when
JavaScript is off) or with the keyboard alone."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import FilePayload, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests import samples
from tests.durability.test_crash_chat import BY_KIND, BY_STATE
from tests.web.browser import Shown, next_turn, shown, slug


def labels_in(scope: Locator, kind: str) -> list[str]:
    """The visible labels of the ``radio`` or ``checkbox`` inputs in ``scope``, in order."""
    found = []
    for box in scope.locator(f"input[type={kind}]").all():
        box_id = box.get_attribute("id")
        label = scope.locator(f"label[for='{box_id}']")
        found.append(" ".join(label.inner_text().split()))
    return found


def document(note: str) -> FilePayload:
    """A small real PDF, distinct for each ``note``, as a browser's file chooser gives it."""
    return {"name": f"{slug(note)}.pdf", "mimeType": "application/pdf", "buffer": samples.pdf(note)}


def text_answer(state: str, kind: str) -> str:
    """A valid typed answer to a question of ``kind`` at ``state``."""
    if state == "ask_municipality":
        return "8000"
    answer = BY_STATE.get(state, BY_KIND[kind])
    assert isinstance(answer, str), (state, kind)
    return answer


@dataclass
class Filer:
    """A person filing a case in a page: answers each question as shown, with the mouse (or
    JavaScript off, the same clicks posting forms) or, with ``keyboard=True``, keys only.

    Options are chosen by their labels: the first one offered, except the language (the
    filer's) and yes/no questions (yes).
    """

    page: Page
    """The page, signed in to a draft (after :meth:`start`)."""
    lang: str = "en"
    """The filer's language."""
    keyboard: bool = False
    """Use only Tab, Shift-Tab, Enter, Space and the arrow keys (no clicks, no fills)."""
    uploaded: list[tuple[str, str]] = field(default_factory=list)
    """The files uploaded so far: each one's name and SHA-256 digest."""
    seen: list[Shown] = field(default_factory=list)
    """Every turn answered, in order."""
    keys: list[str] = field(default_factory=list)
    """Every key pressed (keyboard mode)."""
    typed: dict[str, str] = field(default_factory=dict)
    """Typed answers of the filer's own, by state, instead of the usual ones."""

    @property
    def yes(self) -> str:
        return "Ja" if self.lang == "da" else "Yes"

    @property
    def language(self) -> str:
        return "Dansk" if self.lang == "da" else "English"

    def start(self) -> Shown:
        """Open the start page in the filer's language and start a new case."""
        self.page.goto(f"/lang/{self.lang}?next=/")
        before = shown(self.page)
        start = self.page.locator("form[action='/start'] button[type=submit]")
        if self.keyboard:
            self.focus(start)
            self.press("Enter")
        else:
            start.click()
        return next_turn(self.page, before)

    def walk(
        self, until: str = "receipt", at: Callable[[Page, Shown], None] | None = None
    ) -> Shown:
        """Answer turn after turn until the page shows ``until`` (a state, or ``receipt``).

        Args:
            until: where to stop.
            at: called with each turn before it is answered (and with the last one).
        """
        now = shown(self.page)
        for _ in range(150):
            if at is not None:
                at(self.page, now)
            if now.state == until:
                return now
            assert not now.errors, (now, self.page.locator("#error-summary").inner_text())
            assert now.kind or now.state == "receipt", (now, self.page.url)
            self.seen.append(now)
            now = self.answer(now)
        raise AssertionError(f"never reached {until}; last {now}")

    def answer(self, now: Shown) -> Shown:
        """Answer the turn shown validly; return the turn that follows."""
        form = self.page.locator("#answer")
        state, kind = now.state, now.kind
        if state == "review":
            self.press_button(form.locator("#go-on"))
        elif kind in ("choice", "confirm", "multi_choice"):
            kind_of_box = "checkbox" if kind == "multi_choice" else "radio"
            labels = labels_in(form, kind_of_box)
            if state == "ask_language":
                wanted = self.language
            elif kind == "confirm":
                wanted = self.yes
            else:
                wanted = labels[0]
            self.choose(form, kind_of_box, labels, wanted)
            self.press_button(self.continue_in(form))
        elif kind == "file":
            self.upload(form, f"{len(self.uploaded) + 1} {state}")
            self.press_button(self.continue_in(form))
        elif kind == "none":
            self.press_button(self.continue_in(form))
        else:
            self.type_into(
                form.locator("#value"), self.typed.get(state) or text_answer(state, kind)
            )
        return next_turn(self.page, now)

    def continue_in(self, form: Locator) -> Locator:
        return form.locator("button[name=do][value=answer]")

    # Each way to act comes in two kinds: the mouse's, and the keyboard's.

    def choose(self, form: Locator, box: str, labels: list[str], wanted: str) -> None:
        index = labels.index(wanted)
        inputs = form.locator(f"input[type={box}]")
        if not self.keyboard:
            form.get_by_label(wanted, exact=True).check()
            return
        if box == "checkbox":
            self.focus(inputs.nth(index))
            self.press("Space")
        else:
            # Tab enters a radio group once, at its checked radio (or the first); the arrows
            # move and choose, and Space chooses the focused one.
            self.focus(inputs, group=True)
            at = self.page.evaluate(
                "(ids) => ids.indexOf(document.activeElement.id)",
                [box.get_attribute("id") for box in inputs.all()],
            )
            if at != index:
                for _ in range((index - at) % len(labels)):
                    self.press("ArrowDown")
            if not inputs.nth(index).is_checked():
                self.press("Space")
        assert inputs.nth(index).is_checked(), (wanted, labels)

    def upload(self, form: Locator, note: str) -> None:
        payload = document(note)
        chooser = form.locator("input[type=file]")
        if not self.keyboard:
            chooser.set_input_files(payload)
        else:
            self.choose_file(chooser, payload)
        self.uploaded.append((payload["name"], hashlib.sha256(payload["buffer"]).hexdigest()))

    def choose_file(self, chooser: Locator, payload: FilePayload) -> None:
        """Open the file input's chooser with Space and pick the file in it."""
        for _ in range(3):
            self.focus(chooser)
            try:
                with self.page.expect_file_chooser(timeout=3_000) as opened:
                    self.press("Space")
            except PlaywrightTimeout:
                # Now and then Chromium lets the first press go by (seen in about one run of
                # five); a person presses again.
                continue
            opened.value.set_files(payload)
            return
        raise AssertionError(f"Space on the file input opened no chooser ({self.focused()})")

    def type_into(self, box: Locator, text: str) -> None:
        if not self.keyboard:
            box.fill(text)
            self.press_button(self.continue_in(self.page.locator("#answer")))
            return
        self.focus(box)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.press("Delete")
        self.page.keyboard.type(text)
        self.keys.append(f"type {text!r}")
        # Over to Continue and back, as a person checks where they are before sending.
        self.press("Tab")
        self.press("Shift+Tab")
        assert box.evaluate("el => el === document.activeElement"), "Shift-Tab lost the field"
        if box.evaluate("el => el.tagName") == "TEXTAREA":
            self.focus(self.continue_in(self.page.locator("#answer")))
        self.press("Enter")

    def press_button(self, button: Locator) -> None:
        if not self.keyboard:
            button.click()
            return
        self.focus(button)
        self.press("Enter")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.keys.append(key)

    def focus(self, target: Locator, *, group: bool = False, limit: int = 80) -> None:
        """Tab (or, when it is behind the focus, Shift-Tab) until ``target`` has the focus.

        Args:
            target: one element, or with ``group`` the radios of a group (any one will do).
        """
        has_focus = "els => els.includes(document.activeElement)"
        if not group:
            target = target.first
        if target.evaluate_all(has_focus):
            return
        behind = target.first.evaluate(
            "el => !!document.activeElement && document.activeElement !== document.body && "
            "!!(el.compareDocumentPosition(document.activeElement) & "
            "Node.DOCUMENT_POSITION_FOLLOWING)"
        )
        key = "Shift+Tab" if behind else "Tab"
        for _ in range(limit):
            self.press(key)
            if target.evaluate_all(has_focus):
                return
        raise AssertionError(f"{key} never reached {target} (focus on {self.focused()})")

    def focused(self) -> str:
        found: str = self.page.evaluate(
            "() => (document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : '')"
        )
        return found
