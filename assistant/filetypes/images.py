"""Pictures: decoded whole, and kept as a copy encoded again, without their metadata.

Encoding a decoded picture again keeps only the pixels: a program hidden after the picture
data, and the EXIF block with the place the photo was taken (people photograph their homes),
do not reach the tribunal.
"""

from __future__ import annotations

import io
from typing import BinaryIO, Final

from PIL import Image, ImageOps

from assistant.filetypes.kinds import JPEG, PNG
from statemachine.errors import FileTypeError, LimitError
from statemachine.text import N_, t

MAX_PIXELS: Final = 70_000_000
"""The most pixels a picture may have (a 64-megapixel phone photo fits). Decoding takes about
three bytes per pixel, so this also bounds the memory one upload can take."""

UNREADABLE = N_(
    "{name} looks like a picture but cannot be opened: it may be damaged, or not a picture "
    "at all. Please take or save the picture again and upload the new copy."
)
TOO_MANY_PIXELS = N_(
    "{name} is a picture of more than 70 megapixels. Please make it smaller and upload it again."
)

_FORMATS: Final = {JPEG: "JPEG", PNG: "PNG"}


def clean_copy(file: BinaryIO, media_type: str, name: str) -> bytes:
    """Decode the picture in ``file`` and encode it again, with none of its metadata.

    The copy keeps the pixels, the picture's colour profile, and its orientation (applied to
    the pixels, since the EXIF tag that held it goes). A JPEG keeps its own quality tables,
    so it is not made worse than it was.

    Args:
        file: the picture, opened for reading.
        media_type: :data:`~assistant.filetypes.kinds.JPEG` or
            :data:`~assistant.filetypes.kinds.PNG`, as its first bytes say; only that
            format's decoder is tried.
        name: the file's display name, for the messages.

    Returns:
        The new encoding, to store instead of the file.

    Raises:
        LimitError: the picture has more than :data:`MAX_PIXELS` pixels.
        FileTypeError: it does not decode as a whole picture of its format.
    """
    kind = _FORMATS[media_type]
    try:
        with Image.open(file, formats=[kind]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise LimitError(t(TOO_MANY_PIXELS, name=name))
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
            return _encoded(image, kind)
    # Pillow's own bomb check runs inside open(), before ours, on pictures far past our limit.
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LimitError(t(TOO_MANY_PIXELS, name=name)) from None
    except LimitError:
        raise
    # A hostile picture can make a decoder fail in many ways (OSError, SyntaxError,
    # ValueError, struct.error, EOFError...); each means the same to the filer.
    except Exception:
        raise FileTypeError(t(UNREADABLE, name=name)) from None


def _encoded(image: Image.Image, kind: str) -> bytes:
    """The picture encoded as ``kind``, carrying its colour profile and nothing else."""
    out = io.BytesIO()
    profile = image.info.get("icc_profile")
    if kind == "JPEG":
        # An empty comment, since Pillow would otherwise copy the original's.
        image.save(
            out, "JPEG", quality="keep", subsampling="keep", icc_profile=profile, comment=b""
        )
    else:
        image.save(out, "PNG", icc_profile=profile)
    return out.getvalue()
