"""Mine sager: a party's own pages of their cases, signed in without an account.

:mod:`~assistant.service.mine.signin` signs a browser in (a mailed one-time code, a case's
access code, a hearing code) within rate limits; :mod:`~assistant.service.mine.scope` is the
one place that decides what a signed-in viewer may see; :mod:`~assistant.service.mine.cases`
reads the cases through it and takes a party's reply.
"""

from assistant.service.mine.cases import CasePage, Mine, SavedDraft
from assistant.service.mine.scope import Viewer
from assistant.service.mine.signin import SignedIn

__all__ = ["CasePage", "Mine", "SavedDraft", "SignedIn", "Viewer"]
