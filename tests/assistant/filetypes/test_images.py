"""Pictures: decoded whole, and stored as a copy encoded again, without EXIF, GPS or comments."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, PngImagePlugin

from assistant.filetypes import JPEG, PNG
from tests import samples
from tests.assistant.filetypes.verdicts import accepted, refusal

GPS_IFD = 0x8825
ORIENTATION = 0x0112
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(512)


def _unreadable(name: str) -> str:
    return (
        f"{name} looks like a picture but cannot be opened: it may be damaged, or not a picture "
        "at all. Please take or save the picture again and upload the new copy."
    )


def _located() -> Image.Exif:
    """EXIF saying where and which way up a photo was taken: in Copenhagen, on its side."""
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[GPS_IFD] = {1: "N", 2: (55.0, 40.0, 34.0), 3: "E", 4: (12.0, 34.0, 6.0)}
    return exif


def test_a_jpeg_header_in_front_of_a_program_is_refused(tmp_path: Path) -> None:
    content = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + PROGRAM
    assert refusal(tmp_path, "photo.jpg", content) == _unreadable("photo.jpg")


def test_a_cut_off_png_is_refused(tmp_path: Path) -> None:
    whole = samples.picture("PNG", size=(64, 64))
    assert refusal(tmp_path, "scan.png", whole[: len(whole) // 2]) == _unreadable("scan.png")


def test_a_photo_is_stored_without_its_location_and_the_right_way_up(tmp_path: Path) -> None:
    sent = samples.picture("JPEG", size=(40, 30), exif=_located())
    assert Image.open(io.BytesIO(sent)).getexif().get_ifd(GPS_IFD)  # the test's own premise
    checked = accepted(tmp_path, "bolig.jpg", sent)
    assert checked.content is not None and checked.size == len(checked.content)
    stored = Image.open(io.BytesIO(checked.content))
    assert (stored.format, checked.media_type) == ("JPEG", JPEG)
    assert dict(stored.getexif()) == {}
    # The turn the EXIF tag asked for is applied to the pixels, so the photo is not on its side.
    assert stored.size == (30, 40)


def test_a_program_stuck_on_after_a_real_jpeg_is_not_stored(tmp_path: Path) -> None:
    checked = accepted(tmp_path, "photo.jpg", samples.JPEG + PROGRAM)
    assert checked.content is not None and PROGRAM not in checked.content
    assert checked.size == len(checked.content) < len(samples.JPEG + PROGRAM)


def test_a_jpeg_comment_is_not_stored(tmp_path: Path) -> None:
    sent = samples.picture("JPEG", comment=b"<script>alert(1)</script>")
    checked = accepted(tmp_path, "photo.jpg", sent)
    assert checked.content is not None and b"<script>" not in checked.content


def test_a_png_loses_its_text_and_exif_but_keeps_its_pixels(tmp_path: Path) -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "Vestergade 3, 2. tv.")
    sent = samples.picture("PNG", exif=_located(), pnginfo=text)
    checked = accepted(tmp_path, "scan.png", sent)
    assert checked.content is not None and checked.media_type == PNG
    stored = Image.open(io.BytesIO(checked.content))
    assert b"Vestergade" not in checked.content and dict(stored.getexif()) == {}
    assert stored.convert("RGB").tobytes() == Image.open(io.BytesIO(sent)).convert("RGB").tobytes()


def test_a_picture_with_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    # One bit a pixel, so the test's own picture stays small: 9 MB in memory, 10 kB as PNG.
    huge = Image.new("1", (9_000, 8_000))
    out = io.BytesIO()
    huge.save(out, "PNG")
    assert refusal(tmp_path, "scan.png", out.getvalue()) == (
        "scan.png is a picture of more than 70 megapixels. Please make it smaller and upload it "
        "again."
    )


def test_a_picture_named_as_another_type_is_named_for_what_it_is(tmp_path: Path) -> None:
    checked = accepted(tmp_path, "photo.png", samples.JPEG)
    assert (checked.media_type, checked.filename) == (JPEG, "photo.png.jpg")
