"""Who may use a session: its bearer token, checked against the hash the store keeps."""

from __future__ import annotations

import hmac

from assistant.protocol import NOT_YOURS
from assistant.service import codes
from statemachine.errors import AccessError
from statemachine.text import t


def check_token(token_hash: str, token: str | None) -> None:
    """Raise unless ``token`` hashes to ``token_hash``; no token at all is the local chat,
    which owns its store and is let in.

    Raises:
        AccessError: the token is not the session's (someone else's, or an ended one).
    """
    if token is not None and not hmac.compare_digest(codes.digest(token), token_hash):
        raise AccessError(t(NOT_YOURS))
