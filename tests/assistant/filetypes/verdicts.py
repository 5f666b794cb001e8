"""What the file checks say about a file the test writes: the check, or the refusal's English."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.filetypes import FileCheck, check_file
from statemachine.errors import UploadError
from statemachine.text import Text


def accepted(folder: Path, name: str, content: bytes) -> FileCheck:
    """Write ``content`` as ``name`` in ``folder`` and check it; it must be accepted."""
    path = folder / name
    path.write_bytes(content)
    return check_file(path)


def refusal(folder: Path, name: str, content: bytes) -> str:
    """Write ``content`` as ``name`` in ``folder`` and check it; the English a filer reads."""
    path = folder / name
    path.write_bytes(content)
    with pytest.raises(UploadError) as error:
        check_file(path)
    message = error.value.message
    assert isinstance(message, Text)
    return message.msgid.format(**message.params)
