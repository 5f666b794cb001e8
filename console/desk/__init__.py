"""The staff service layer: :class:`Desk`, one plain method per staff call.

The staff HTTP API (:mod:`console.api`) and the console's embedded client both call it with
a signed-in :class:`console.access.Staff`; it checks scope and role in
:mod:`console.access` before anything is read for the caller or changed, and answers with
JSON-ready dicts in the staff API's shapes.
"""

from console.desk.changes import REPLY_DAYS, StaffRef
from console.desk.desk import Desk, Download

__all__ = ["REPLY_DAYS", "Desk", "Download", "StaffRef"]
