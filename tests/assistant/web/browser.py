"""A browser without JavaScript, for tests: it reads a page's forms and posts them as a browser
would, picking options by their labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import httpx


@dataclass
class Control:
    """One input, textarea or button of a form."""

    tag: str
    name: str
    type: str
    value: str
    id: str = ""
    checked: bool = False
    text: str = ""


@dataclass
class Form:
    """One form of a page."""

    id: str
    action: str
    enctype: str
    controls: list[Control] = field(default_factory=list)


class Page(HTMLParser):
    """A page's forms, labels, title and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.forms: list[Form] = []
        self.labels: dict[str, str] = {}
        self.title = ""
        self.ids: set[str] = set()
        self._label: str | None = None
        self._control: Control | None = None
        self._in_title = False
        self.text_parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "form":
            self.forms.append(Form(a.get("id", ""), a.get("action", ""), a.get("enctype", "")))
        elif tag in ("input", "textarea", "button") and self.forms:
            kind = a.get("type", "submit" if tag == "button" else "text")
            control = Control(tag, a.get("name", ""), kind, a.get("value", ""), a.get("id", ""))
            control.checked = "checked" in a
            self.forms[-1].controls.append(control)
            if tag in ("textarea", "button"):
                self._control = control
        elif tag == "label":
            self._label = a.get("for", "")
            self.labels[self._label] = ""
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag in ("textarea", "button"):
            self._control = None
        elif tag == "label":
            self._label = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)
        if self._control is not None:
            self._control.text += data
        if self._label is not None:
            self.labels[self._label] += data
        if self._in_title:
            self.title += data

    @property
    def text(self) -> str:
        """The page's words, as a text browser would show them."""
        return " ".join(" ".join(self.text_parts).split())

    def form(self, form_id: str = "answer") -> Form:
        """The form with that id (or the first one posting to ``form_id`` as a path)."""
        for form in self.forms:
            if form.id == form_id or form.action == form_id:
                return form
        raise AssertionError(f"no form {form_id!r} on the page {self.title!r}")

    def label_of(self, control: Control) -> str:
        return " ".join(self.labels.get(control.id, "").split())


def submit(
    client: httpx.Client,
    page: Page,
    *,
    form: str = "answer",
    fill: dict[str, str] | None = None,
    pick: list[str] | None = None,
    button: str = "answer",
    file: tuple[str, bytes, str] | None = None,
    drop: tuple[str, ...] = (),
) -> httpx.Response:
    """Post one of the page's forms as a browser would.

    Args:
        fill: text fields by name.
        pick: the labels of the radios or checkboxes to choose (the others are cleared).
        button: the ``do`` value of the button pressed, or its text.
        file: a file for the form's file input.
        drop: fields to leave out (to forge a post).
    """
    chosen = page.form(form)
    data: list[tuple[str, str]] = []
    pressed = None
    for control in chosen.controls:
        if control.tag == "button" or control.type == "submit":
            if button in (control.value, " ".join(control.text.split())):
                pressed = control
            continue
        if control.type in ("radio", "checkbox"):
            on = page.label_of(control) in pick if pick is not None else control.checked
            if on:
                data.append((control.name, control.value))
            continue
        if control.type == "file":
            continue
        value = (fill or {}).get(control.name, control.value)
        data.append((control.name, value))
    assert pressed is not None, f"no button {button!r} on {page.title!r}"
    if pressed.name:
        data.append((pressed.name, pressed.value))
    data = [(k, v) for k, v in data if k not in drop]
    if chosen.enctype == "multipart/form-data":
        files: Any = {"file": file if file is not None else ("", b"", "application/octet-stream")}
        return client.post(chosen.action, data=_grouped(data), files=files)
    return client.post(chosen.action, data=_grouped(data))


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, str | list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return {k: v[0] if len(v) == 1 else v for k, v in grouped.items()}
