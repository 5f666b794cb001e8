"""Session ids, bearer tokens and resume codes: made here, stored only as hashes."""

from __future__ import annotations

import hashlib
import secrets

RESUME_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
"""Crockford's base 32: no I, L, O or U, so a code read aloud or typed is hard to get wrong."""
RESUME_GROUPS = 4
"""A resume code is four groups of four characters: 16 × 5 = 80 bits."""

_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_session_id() -> str:
    """A public id for a dialogue session. It grants nothing on its own."""
    return "s_" + secrets.token_urlsafe(16)


def new_token() -> str:
    """A bearer token with 256 bits of randomness."""
    return secrets.token_urlsafe(32)


def new_resume_code() -> str:
    """A resume code such as ``7KQ2-M9XD-4TFA-JW3B`` (80 bits)."""
    chars = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(4 * RESUME_GROUPS))
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalise_resume_code(code: str) -> str:
    """The canonical form of a typed code: upper case, look-alikes folded, separators gone."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum()).translate(_FOLD)
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def digest(secret: str) -> str:
    """The hash under which a token or resume code is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()
