"""Reading what a PDF says about itself, for the tests of every PDF the product makes."""

import contextlib
import re
import zlib


def pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams opened, to read its structure."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"\n".join(parts)


def xmp_packet(data: bytes) -> str:
    """The document's XMP metadata packet (empty if it has none)."""
    match = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", pdf_objects(data), re.S)
    return match.group(0).decode("utf-8") if match else ""


def assert_pdf_ua(data: bytes, *, title: str) -> None:
    """Tagged PDF/UA-1 with its language, the title shown in the window, and XMP metadata
    naming the PDF/UA part and the title."""
    objects = pdf_objects(data)
    assert data.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in objects
    assert b"/MarkInfo <</Marked true>>" in objects
    assert b"/Lang (da)" in objects
    assert b"/DisplayDocTitle true" in objects
    xmp = xmp_packet(data)
    assert 'pdfuaid:part="1"' in xmp
    assert f'<rdf:li xml:lang="x-default">{title}</rdf:li>' in xmp
