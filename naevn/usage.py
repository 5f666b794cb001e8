"""The command line's own usage errors, in the language the command was asked to speak.

argparse words its errors itself ("the following arguments are required: --role"), through
the gettext functions it imported at start-up. While ``naevn`` parses its arguments, those
functions are swapped for ours, which translate argparse's error messages (listed below, so
that they are in our catalogs) and leave everything else as it is: the help stays in one
language, English, from start to end.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Final

from locales import LANGUAGES, translator
from statemachine.text import N_

ERRORS: Final[frozenset[str]] = frozenset(
    {
        N_("the following arguments are required: %s"),
        N_("unrecognized arguments: %s"),
        N_("argument %(argument_name)s: %(message)s"),
        N_("invalid choice: %(value)r (choose from %(choices)s)"),
        N_("invalid %(type)s value: %(value)r"),
        N_("expected one argument"),
        N_("ambiguous option: %(option)s could match %(matches)s"),
        N_("not allowed with argument %s"),
        N_("one of the arguments %s is required"),
    }
)
"""argparse's error messages a user can meet, word for word as argparse writes them."""


def lang_in(argv: Sequence[str], default: str) -> str:
    """The language ``--lang`` asks for in ``argv``, or ``default`` when it names none we speak.

    Read before argparse runs, so that argparse's own errors come in that language too.
    """
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        else:
            continue
        return value if value in LANGUAGES else default
    return default


@contextmanager
def spoken_in(lang: str) -> Iterator[None]:
    """Within the block, argparse words its errors in ``lang``; its help is left as it is."""
    words = translator(lang)
    plain = argparse._  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return words.gettext(message) if message in ERRORS else plain(message)

    argparse._ = gettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = plain  # type: ignore[attr-defined]
