"""Reading characters from pdfium (kaghaz.pdf.reader)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kaghaz.pdf import reader


def test_pdf_reader_accelerator_and_ctypes_read_the_same(sample_pdf: Path) -> None:
    if reader._charscan is None:
        pytest.skip("the C accelerator was not compiled here")
    with reader.opened(sample_pdf) as document:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            fast, fast_fonts = reader.scan_textpage(textpage)
            slow, slow_fonts = reader.scan_textpage(textpage, accelerated=False)
            textpage.close()
            page.close()
            assert fast_fonts == slow_fonts
            assert np.array_equal(fast, slow)


def test_pdf_reader_page_rows_and_fonts(sample_pdf: Path) -> None:
    with reader.opened(sample_pdf) as document:
        raw = reader.read_page(document, 0)
    assert raw.chars.shape[1] == len(reader.COLUMNS)
    real = raw.chars[raw.chars[:, reader.GENERATED] != 1]
    assert len(real) > 100
    fonts = real[:, reader.FONT].astype(int)
    assert fonts.min() >= 0 and fonts.max() < len(raw.fonts)
    assert any(raw.fonts[f] for f in set(fonts.tolist()))
    assert "Typst" in raw.producer


def test_pdf_reader_font_addresses_for_recovery(sample_pdf: Path) -> None:
    with reader.opened(sample_pdf) as document:
        page = document[0]
        textpage = page.get_textpage()
        chars, addresses = reader.scan_textpage(textpage)
        textpage.close()
        page.close()
    with_addresses = reader.with_font_addresses(chars, addresses)
    generated = chars[:, reader.GENERATED] == 1
    assert set(with_addresses[~generated, reader.FONT].tolist()) <= set(map(float, addresses))
    assert (with_addresses[generated, reader.FONT] == 0).all()


def _scaled_text_pdf(path: Path, size: float, scale: float) -> Path:
    """A one-page PDF whose text is set at ``size`` and drawn through a text matrix scaled by ``scale``
    (Nitro writes size 100 scaled by 0.12, Quartz size 1 scaled by 10)."""
    content = f"BT /F1 {size:g} Tf {scale:g} 0 0 {scale:g} 72 700 Tm (Hello world) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


@pytest.mark.parametrize(("size", "scale"), [(100.0, 0.12), (1.0, 12.0), (12.0, 1.0)])
def test_pdf_reader_font_size_is_the_size_drawn(tmp_path: Path, size: float, scale: float) -> None:
    pdf = _scaled_text_pdf(tmp_path / "scaled.pdf", size, scale)
    with reader.opened(pdf) as document:
        textpage = document[0].get_textpage()
        rows = [reader.scan_textpage(textpage, accelerated=fast)[0] for fast in (True, False)]
        textpage.close()
    for chars in rows:
        drawn = chars[chars[:, reader.GENERATED] != 1, reader.SIZE]
        assert np.allclose(drawn, 12.0, atol=0.01)
