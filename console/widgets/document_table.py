"""The case's documents: Enter opens one with the system viewer, W saves it to a path."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from console.client import AttachmentInfo
from console.session import Session
from statemachine.text import N_

FILENAME = N_("File")
KIND = N_("Type")
SIZE = N_("Size")
FOR = N_("Sent as")
KB = N_("{size} kB")


class DocumentTable(DataTable[str]):
    """One row per document of the case."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", N_("Open document")),
        Binding("w", "save", N_("Save document")),
    ]

    class Chosen(Message):
        """A document to open (``save`` False) or save to a path."""

        def __init__(self, document: AttachmentInfo, save: bool) -> None:
            super().__init__()
            self.document = document
            self.save = save

    def __init__(self, session: Session) -> None:
        """Args:
        session: for the labels.
        """
        super().__init__(cursor_type="row", id="documents")
        self.session = session
        self.documents: list[AttachmentInfo] = []

    def on_mount(self) -> None:
        say = self.session.say
        self.add_column(say(FILENAME), width=28)
        self.add_column(say(KIND), width=16)
        self.add_column(say(SIZE), width=8)
        self.add_column(say(FOR), width=16)

    def show(self, documents: list[AttachmentInfo]) -> None:
        """List ``documents``."""
        self.documents = documents
        self.clear()
        for document in documents:
            size = self.session.say(KB, size=max(1, round(document["size"] / 1024)))
            label = document["requirement_label"] or ""
            self.add_row(document["filename"], document["media_type"], size, label)

    @property
    def current(self) -> AttachmentInfo | None:
        """The document under the cursor."""
        if not self.documents:
            return None
        return self.documents[self.cursor_row]

    def action_open(self) -> None:
        """Open the document under the cursor with the system viewer."""
        if self.current is not None:
            self.post_message(self.Chosen(self.current, save=False))

    def action_save(self) -> None:
        """Save the document under the cursor to a path."""
        if self.current is not None:
            self.post_message(self.Chosen(self.current, save=True))
