"""A list of choices to tick, where a ticked one carries ✓ and an unticked one an empty box:
Textual's own draws the same X for both and tells them apart by colour alone."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED = "✓"
"""The mark of a chosen item."""


class CheckList(SelectionList[str]):
    """A :class:`SelectionList` of string values whose marks differ by shape, not colour."""

    def render_line(self, y: int) -> Strip:
        """The line as Textual draws it, with its mark replaced by ✓ or a blank."""
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        mark = TICKED if selection.value in self.selected else " "
        segments[1] = Segment(mark, segments[1].style)
        return Strip(segments, strip.cell_length)
