"""The text chat's file commands: ``files`` lists what was uploaded, ``remove N`` removes an
unused one; both read plainly, and an answer that only looks like a command stays an answer."""

from __future__ import annotations

import shutil
from pathlib import Path

from assistant.chat.plaintext import file_command
from tests.conftest import Naevn

GOLDEN = Path(__file__).parents[2] / "golden"


def test_a_filer_sees_their_files_and_removes_the_one_no_answer_uses(
    naevn: Naevn, tmp_path: Path
) -> None:
    for sample in (GOLDEN / "files").iterdir():
        shutil.copy(sample, tmp_path)
    # Up to the first two documents; then the lease is given again, which leaves its first
    # copy unused.
    typed = (GOLDEN / "tenant_rent_increase.en.in").read_text().splitlines()[:25]
    typed += ["back", "lejekontrakt.txt", "files", "remove 2", "remove 1", "files", "remove 9"]
    screen = naevn("chat", "--lang", "en", input="\n".join(typed) + "\n", cwd=tmp_path).stdout
    listings = screen.split("> files\n")[1:]
    assert listings[0].splitlines()[:4] == [
        "The files you have uploaded:",
        "  1. varsling.pdf (803 bytes, used in an answer)",
        "  2. lejekontrakt.txt (83 bytes, not used)",
        "  3. lejekontrakt.txt (83 bytes, used in an answer)",
    ]
    assert "> remove 2\nlejekontrakt.txt is removed.\n" in screen
    assert "> remove 1\nvarsling.pdf is part of one of your answers." in screen
    assert listings[1].splitlines()[1:3] == [
        "  1. varsling.pdf (803 bytes, used in an answer)",
        "  2. lejekontrakt.txt (83 bytes, used in an answer)",
    ]
    assert "> remove 9\nThere is no file number 9. Type files to see the list." in screen
    assert "\x1b" not in screen


def test_words_that_only_look_like_commands_are_answers() -> None:
    assert file_command("files") == ("files", "")
    assert file_command("Fjern 3") == ("remove", "3")
    assert file_command("remove the mould in the bathroom") is None
    assert file_command("filer fra udlejer") is None
    assert file_command("Jens Hansen") is None
