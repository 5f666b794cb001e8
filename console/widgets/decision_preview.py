"""The decision as it will read: header, box, standard sentence and sections, as plain lines
(the document is Danish, whatever the console's language)."""

from __future__ import annotations

from textual.widgets import Static

from console.client import DecisionDoc


def document_lines(document: DecisionDoc) -> list[str]:
    """The document as lines of text: the box's fields as ``label: value``, each heading in
    capitals above its paragraphs, the statutes as a list marked with "-"."""
    lines = [f"{label}: {value}" for label, value in document["header"]]
    lines += ["", "BOKS"]
    lines += [f"  {label}: {value}" for label, value in document["box"]]
    lines += ["", document["standard"]]
    for section in document["sections"]:
        lines += ["", str(section["heading"])]
        for n, paragraph in enumerate(section["paragraphs"]):
            lines.append(str(paragraph))
            if n == 0:
                lines += [f"  - {item}" for item in section["items"]]
    return lines


class DecisionPreview(Static):
    """The decision's text, shown read-only; :meth:`show` fills it."""

    DEFAULT_CSS = """
    DecisionPreview { padding: 0 1; width: 100%; }
    """

    def show(self, document: DecisionDoc) -> None:
        """Show ``document``."""
        self.update("\n".join(document_lines(document)), layout=True)
