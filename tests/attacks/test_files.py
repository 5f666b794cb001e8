"""Files: what a caseworker opens must be what it claims to be.

Each test uploads a hostile file of the outside review to a real ``naevn serve`` and checks
the status, and that nothing of a refused file is kept on disk or in the store; what is taken
is checked as stored.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from PIL import Image

from tests import samples
from tests.attacks import filer
from tests.service import Served, service_env, spawn

GPS_IFD = 0x8825


@dataclass
class Service:
    """A running service on SQLite and where it keeps things."""

    served: Served
    data_dir: Path
    db_file: Path

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.served.url, timeout=60)

    def stored(self) -> tuple[set[str], set[str]]:
        """The blobs on disk (``blobs/tmp`` left out), and the digests the rows name."""
        return filer.blobs(self.data_dir), filer.rows(self.db_file)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("files")
    served = spawn(service_env(f"sqlite:///{tmp / 'naevn.db'}", tmp / "data"))
    try:
        yield Service(served, tmp / "data", tmp / "naevn.db")
    finally:
        served.stop()


def _program_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("faktura.exe", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(4096))
    return out.getvalue()


def _bomb() -> bytes:
    """A Word document of about 2 MB whose picture unpacks to 2 GiB of zeros.

    Written by hand, since zipfile would take seconds to pack 2 GiB: one megabyte of zeros
    packed once, and its packing repeated (a full flush makes each the same).
    """
    piece = bytes(1 << 20)
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeeze.compress(piece) + squeeze.flush(zlib.Z_FULL_FLUSH)
    packed = block * 2048 + squeeze.flush()
    crc = 0
    for _ in range(2048):
        crc = zlib.crc32(piece, crc)
    with zipfile.ZipFile(io.BytesIO(samples.DOCX)) as docx:
        parts = [(i.filename, _stored(docx.read(i))) for i in docx.infolist()]
    parts.append(("word/media/image1.png", (zipfile.ZIP_DEFLATED, crc, 2048 << 20, packed)))
    return _zip(parts)


def _stored(content: bytes) -> tuple[int, int, int, bytes]:
    """An entry kept as it is: (method, CRC, size, data)."""
    return zipfile.ZIP_STORED, zlib.crc32(content), len(content), content


def _zip(entries: list[tuple[str, tuple[int, int, int, bytes]]]) -> bytes:
    """A ZIP file of entries given as (name, (method, CRC, unpacked size, data as stored))."""
    out = bytearray()
    central = bytearray()
    date = 0x21  # 1 January 1980
    for name, (method, crc, size, data) in entries:
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<4s5H3I2H",
            b"PK\x03\x04",
            20,
            0,
            method,
            0,
            date,
            crc,
            len(data),
            size,
            len(encoded),
            0,
        )
        out += encoded + data
        central += struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            date,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    end = struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)


def _jpeg_with_location() -> bytes:
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (55.0, 40.0, 34.0), 3: "E", 4: (12.0, 34.0, 6.0)}
    return samples.picture("JPEG", size=(64, 48), exif=exif)


MACRO_DOCX = samples.docx(
    main=samples.MACRO_MAIN,
    extra_types='<Override PartName="/word/macros.bin" '
    'ContentType="application/vnd.ms-office.vbaProject"/>',
    parts={"word/macros.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)},
)

HOSTILE = {
    "macros-renamed": ("report.docm", MACRO_DOCX, 415, "macros"),
    "pdf-then-html": (
        "lease.pdf",
        b"%PDF-1.7\n<html><body><script>fetch('/api')</script></body></html>\n",
        415,
        "not a PDF we can open",
    ),
    "pdf-then-zip": ("lease.pdf", b"%PDF-1.4\n" + _program_zip(), 415, "not a PDF we can open"),
    "pdf-javascript": (
        "lease.pdf",
        samples.pdf(catalog={"/OpenAction": samples.javascript_action("app.alert(1)")}),
        415,
        "JavaScript",
    ),
    "jpeg-then-program": (
        "photo.jpg",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"MZ\x90\x00" + bytes(4096),
        415,
        "cannot be opened",
    ),
    "svg-as-text": (
        "plan.txt",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        415,
        "web page",
    ),
    "hta-named": (
        "letter.hta",
        b"Dear tribunal,\nthe rent went up.\n",
        415,
        "named like a program",
    ),
}


@pytest.mark.parametrize("attack", list(HOSTILE))
def test_a_hostile_file_is_refused_and_nothing_of_it_is_kept(service: Service, attack: str) -> None:
    name, content, status, told = HOSTILE[attack]
    before = service.stored()
    with service.client() as client:
        session = filer.start(client)
        refused = filer.upload(client, session, content, name)
    assert refused.status_code == status, refused.text
    assert told in refused.json()["error"]["message"]
    assert service.stored() == before
    assert filer.partials(service.data_dir) == []


def test_a_word_document_that_unpacks_to_2_gib_is_refused_and_not_kept(service: Service) -> None:
    bomb = _bomb()
    assert len(bomb) < 3 << 20
    with zipfile.ZipFile(io.BytesIO(bomb)) as archive:  # the test's own premise
        assert sum(i.file_size for i in archive.infolist()) > 2 << 30
    before = service.stored()
    with service.client() as client:
        session = filer.start(client)
        refused = filer.upload(client, session, bomb, "report.docx")
        assert refused.status_code == 413, refused.text
        assert "unpacks to more than 100 MB" in refused.json()["error"]["message"]
        # The service stayed itself while judging it.
        assert client.get("/healthz").status_code == 200
    assert service.stored() == before
    assert filer.partials(service.data_dir) == []


def test_a_photo_is_kept_without_the_place_it_was_taken(service: Service) -> None:
    sent = _jpeg_with_location()
    with service.client() as client:
        session = filer.start(client)
        taken = filer.upload(client, session, sent, "photo.png")
    assert taken.status_code == 201, taken.text
    attachment = taken.json()["attachment"]
    assert (attachment["media_type"], attachment["filename"]) == ("image/jpeg", "photo.png.jpg")
    blob = service.data_dir / "blobs" / attachment["sha256"][:2] / attachment["sha256"]
    kept = blob.read_bytes()
    assert hashlib.sha256(kept).hexdigest() == attachment["sha256"]
    assert len(kept) == attachment["size"] and kept != sent
    assert not Image.open(io.BytesIO(kept)).getexif().get_ifd(GPS_IFD)
    assert hashlib.sha256(sent).hexdigest() not in service.stored()[0]
    assert filer.partials(service.data_dir) == []


def test_a_real_pdf_named_as_a_program_is_kept_under_a_pdf_name(service: Service) -> None:
    with service.client() as client:
        session = filer.start(client)
        taken = filer.upload(client, session, samples.pdf("the lease"), "lease.pdf.exe")
    assert taken.status_code == 201, taken.text
    assert taken.json()["attachment"]["filename"] == "lease.pdf.exe.pdf"
