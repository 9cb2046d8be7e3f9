"""Malformed input gets a verdict, never a traceback: crafted QR texts, hostile image and PDF files."""

from __future__ import annotations

import re
import string
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from kiosk.crypto.keys import KeyRegistry
from kiosk.qr_images import UnreadableFile, find_codes
from kiosk.qrpayload import Verdict, decode, verify
from tests.core.helpers import run_kiosk

CRAFTED = [
    "K1:ACEFGHJK:SK-1:F:ZZZZZZZZ:AA",  # the review's crash: year 91367
    "K1:ACEFGHJK:SK-1:F:2TWX0O00:AA",  # 9000-01-01, the first time refused
    "K1:ACEFGHJK\n:SK-1:F:1:AA",  # a newline inside a part
    "K1:ACEFGHJK:SK-1:F:LZ8K3K0:A!",  # a signature out of base32
    "K1:" + "A" * 5000,
    "K1:ACEFGHJK:SK-1:F:LZ8K3K0:" + "\x00" * 10,
    "",
    ":::::",
    "K2:ACEFGHJK:SK-1:F:ZZZZZZZZ:AAAAAAAAAAAAAAAA:AA",  # K2: the same time overflow
    "K2:ACEFGHJK:SK-1:F:LZ8K3K0::AA",  # K2 without its box hash
    "K2:ACEFGHJK:SK-1:F:LZ8K3K0:AA",  # a K1-shaped K2 (six parts)
    "K2:ACEFGHJK:SK-1:F:LZ8K3K0:AAAAAAAAAAAAAAA1:AA",  # a box hash out of base32
    "K2:ACEFGHJK:SK-1:F:LZ8K3K0:AAAAAAAAAAAAAAAAA:AA",  # 17 characters of box hash
    "K1:ACEFGHJK:SK-1:F:LZ8K3K0:AAAAAAAAAAAAAAAA:AA",  # a K1 with a box hash
]


def _NoKeys() -> KeyRegistry:  # noqa: N802 - reads like the registry it makes
    return KeyRegistry(Path("/nonexistent/kiosk-keys.json"))


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_codes_are_malformed(text: str) -> None:
    assert decode(text) is Verdict.MALFORMED
    assert verify(text, _NoKeys()).verdict is Verdict.MALFORMED


ALPHABET = string.ascii_uppercase + string.digits + ":-_=\n K"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=ALPHABET, max_size=200), st.text(max_size=200),
                 st.lists(st.text(alphabet=ALPHABET, max_size=20), min_size=6, max_size=6)
                 .map(lambda p: "K1:" + ":".join(p[1:])),
                 st.lists(st.text(alphabet=ALPHABET, max_size=20), min_size=7, max_size=7)
                 .map(lambda p: "K2:" + ":".join(p[1:]))))  # fmt: skip
def test_decode_gives_a_verdict_for_any_text(text: str) -> None:
    result = decode(text)
    assert isinstance(result, (Verdict, tuple))
    assert verify(text, _NoKeys()).verdict in set(Verdict)


def test_the_crafted_code_in_an_image_is_a_verdict_for_kiosk_verify(tmp_path: Path, data_dir: Path) -> None:
    import qrcode

    png = tmp_path / "crafted.png"
    qrcode.make(CRAFTED[0]).save(png)
    result = run_kiosk("verify", str(png))
    assert result.returncode == 5, result.stderr  # "not a kiosk code", no traceback
    assert "Traceback" not in result.stderr and "NOT A KIOSK CODE" in result.stdout


def test_eps_is_never_handed_to_ghostscript(tmp_path: Path) -> None:
    eps = tmp_path / "scan.png"  # the name lies; Pillow would sniff the content
    eps.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n")
    with pytest.raises(UnreadableFile, match="supported format"):
        find_codes(eps)


def _png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG that claims a huge size in a few bytes (a decompression bomb's first step)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0"))
                     + chunk(b"IEND", b""))  # fmt: skip


def test_pixel_and_page_counts_are_capped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.png"
    _png_header_only(bomb, 100_000, 100_000)
    with pytest.raises(UnreadableFile, match="too large"):
        find_codes(bomb)
    # Too many pages and too large a page: tests/core/test_pdf_poppler.py, with both rasterisers.
    page = tmp_path / "page.pdf"
    canvas = Canvas(str(page))
    canvas.showPage()
    canvas.save()
    with pytest.raises(UnreadableFile, match="resolution"):
        find_codes(page, dpi=100_000)
    with pytest.raises(UnreadableFile, match="cannot read"):
        find_codes(tmp_path / "missing.png")


def test_a_damaged_image_is_a_verdict(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    Image.new("L", (200, 200), 255).save(good)
    cut = tmp_path / "cut.png"
    cut.write_bytes(good.read_bytes()[:60])
    with pytest.raises(UnreadableFile):
        find_codes(cut)
    result = run_kiosk("verify", str(cut))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_an_xlsform_declaring_every_cell_is_read_in_its_real_size(tmp_path: Path) -> None:
    """A sheet may claim A1:XFD1048576 (17 billion cells); the importer reads what is there."""
    import zipfile

    from kiosk.xlsform import import_xlsform
    from tests.core.test_xlsform import SURVEY, workbook

    honest = workbook(tmp_path / "honest.xlsx", SURVEY)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(lying, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', data)
            dst.writestr(item, data)
    assert import_xlsform(lying).definition == import_xlsform(honest).definition


def test_too_many_rows_or_nesting_is_reported(tmp_path: Path) -> None:
    from kiosk.forms.expr import ExpressionError, compile_expression
    from kiosk.xlsform import XlsFormError, import_xlsform
    from kiosk.xlsform.sheets import MAX_ROWS
    from tests.core.test_xlsform import SURVEY, workbook

    rows = [["text", f"f{i}", f"Field {i}", "", "", "", "", "", "", "", ""] for i in range(MAX_ROWS + 5)]
    with pytest.raises(XlsFormError, match=f"more than {MAX_ROWS} rows"):
        import_xlsform(workbook(tmp_path / "long.xlsx", SURVEY + rows))
    for text in ("(" * 5000 + "1" + ")" * 5000, "not(" * 30 + "1" + ")" * 30):
        with pytest.raises(ExpressionError):
            compile_expression(text)


def _png(img: Image.Image) -> bytes:
    import io

    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _hostile_pictures() -> dict[str, bytes]:
    import io

    from tests.synthetic_images import portrait

    jpeg = io.BytesIO()
    portrait().save(jpeg, format="JPEG")
    # A decompression bomb: a PNG header claiming 100,000 x 100,000 pixels over a tiny body.
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    ihdr = b"IHDR" + header
    bomb = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + ihdr + struct.pack(">I", zlib.crc32(ihdr))
    idat = b"IDAT" + zlib.compress(b"\x00" * 100_000)
    bomb += struct.pack(">I", len(idat) - 4) + idat + struct.pack(">I", zlib.crc32(idat))
    alpha = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    return {
        "truncated-jpeg": jpeg.getvalue()[: len(jpeg.getvalue()) // 2],
        "bomb": bomb,
        "one-pixel": _png(Image.new("RGB", (1, 1))),
        "png-with-alpha": _png(alpha),
        "empty": b"",
        "text": b"GIF89a not really",
    }


@pytest.mark.parametrize("name", list(_hostile_pictures()))
def test_hostile_pictures_get_a_verdict_never_a_traceback(name: str) -> None:
    from kiosk.photos.face import check_portrait
    from kiosk.photos.quality import check_document

    data = _hostile_pictures()[name]
    for check in (check_document, check_portrait):
        verdict = check(data)
        assert not verdict.ok
        assert verdict.reason


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_as_a_picture_get_a_verdict(data: bytes) -> None:
    from kiosk.photos.quality import check_document

    assert not check_document(b"\x89PNG\r\n\x1a\n" + data).ok
