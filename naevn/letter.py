"""A plain one-page PDF letter, written by hand: for the demo's documents and the benchmarks'
uploads, which must pass the same PDF check as a filer's."""

from __future__ import annotations


def pdf_letter(lines: list[str]) -> bytes:
    """A one-page PDF letter of plain lines (Helvetica, Latin-1 letters such as æ, ø, å)."""
    text = "".join(f"({_escaped(line)}) Tj 0 -18 Td " for line in lines)
    content = f"BT /F1 12 Tf 72 770 Td {text}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _escaped(line: str) -> str:
    """A line as a PDF string literal's content."""
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
