"""Publication: the lifecycle step ``publish`` writes the public registers, and the public
side's way into them."""

from __future__ import annotations

from console.desk.base import DeskBase
from console.public.service import Registers


class Publication(DeskBase):
    """The registers' side of the desk (a mixin of :class:`console.desk.Desk`)."""

    def registers(self) -> Registers:
        """The public registers over the desk's store, for the public pages and API."""
        return Registers(self._store)
