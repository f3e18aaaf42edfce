"""The compact document fonts (processes/common/pdf_fonts.py) against the full ones, and
the fonts parsed once per process against fpdf2's own parse for every document.

The first fast path is a font holding fewer glyphs; these tests check that a document set
in it reads and measures exactly as one set in the full font, that a character outside it
sends the document to the full font, and that the trick is worth having. The second is the
parsed font copied per document: its documents are byte for byte the plain way's.
"""

import shutil
import subprocess
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from processes.common import pdf_fonts
from processes.sales import documents, services
from tests.processes.business import make_order
from tests.processes.factories import make_customer, make_product

needs_pdftotext = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext"
)
WORDS = [
    "Invoice INV-2026-0042 — 1 234,56 €",
    "ООО «Ромашка», ИНН 7701234567, № 5 — 1 234,56 ₽",
    "Société Générale, Ærøskøbing, Łódź, Đà Nẵng, Straße",
    "Ελληνικά προϊόντα: 12,5 % ΦΠΑ",
]


def draw(lines):
    def build(pdf: FPDF) -> None:
        pdf.add_page()
        for style, size in (("B", 16), ("", 10)):
            pdf.set_font(pdf_fonts.FAMILY, style, size)
            for line in lines:
                pdf.cell(0, 6, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
                pdf.cell(pdf.get_string_width(line), 6, f"{pdf.get_string_width(line):.3f}")
                pdf.ln()

    return build


def plain(build) -> bytes:
    """The plain way: the document set in the full fonts, parsed by fpdf2 for it."""
    pdf = pdf_fonts.new_pdf_plain(pdf_fonts.full_fonts())
    build(pdf)
    return bytes(pdf.output())


def dated(build):
    """`build` with a fixed creation date, so that two documents can be compared by bytes."""

    def dated_build(pdf: FPDF) -> None:
        pdf.set_creation_date(datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
        build(pdf)

    return dated_build


def made(new_pdf, fonts, build) -> bytes:
    pdf = new_pdf(fonts)
    build(pdf)
    return bytes(pdf.output())


def text_of(content: bytes) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-", "-"],
        input=content,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode()


def embedded_glyph_count(content: bytes) -> int:
    """How many glyphs the document's first embedded font file holds (read back by fontTools)."""
    import io
    import re
    import zlib

    match = re.search(rb"/Length1 \d+.*?stream\r?\n", content, re.S)
    start = match.end()
    data = zlib.decompress(content[start:], wbits=zlib.MAX_WBITS)
    return len(ttLib.TTFont(io.BytesIO(data)).getGlyphOrder())


def test_the_compact_glyphs_are_the_full_fonts_glyphs():
    compact = pdf_fonts.compact_fonts()
    assert compact is not None
    for style, path in pdf_fonts.full_fonts().items():
        full, small = ttLib.TTFont(path), ttLib.TTFont(compact[style])
        full_cmap, small_cmap = full.getBestCmap(), small.getBestCmap()
        assert 1000 < len(small_cmap) < len(full_cmap) / 2
        for codepoint, name in small_cmap.items():
            assert full_cmap[codepoint] == name
            assert small["hmtx"][name] == full["hmtx"][name], chr(codepoint)
        assert small["head"].unitsPerEm == full["head"].unitsPerEm
        assert small["hhea"].ascent == full["hhea"].ascent


@needs_pdftotext
def test_a_document_reads_and_measures_the_same_both_ways():
    build = draw(WORDS)
    fast, slow = pdf_fonts.render(build), plain(build)
    assert text_of(fast) == text_of(slow)
    for line in WORDS:
        assert line in text_of(fast)


@needs_pdftotext
def test_a_character_outside_the_compact_fonts_takes_the_full_fonts():
    armenian = "Հայաստան ՍՊԸ"  # in DejaVu Sans, not in the compact copy
    build = draw([*WORDS, armenian])
    fast = pdf_fonts.render(build)
    assert armenian in text_of(fast)
    assert text_of(fast) == text_of(plain(build))


@pytest.mark.parametrize("which", ["compact", "full"])
def test_fonts_parsed_once_make_the_plain_ways_bytes(which):
    fonts = pdf_fonts.compact_fonts() if which == "compact" else pdf_fonts.full_fonts()
    first, second = dated(draw(WORDS[:2])), dated(draw(["Ærøskøbing 12,5 %", WORDS[3]]))
    # Each document after another: no document keeps the glyphs another one used.
    for build in (first, second, first, second):
        assert made(pdf_fonts.new_pdf, fonts, build) == made(pdf_fonts.new_pdf_plain, fonts, build)


def test_fonts_parsed_once_keep_a_missing_character_per_document():
    compact = pdf_fonts.compact_fonts()
    armenian = pdf_fonts.new_pdf(compact)
    draw(["Հայաստան"])(armenian)
    assert any(font.missing_glyphs for font in armenian.fonts.values())
    latin = pdf_fonts.new_pdf(compact)
    draw(WORDS[:1])(latin)
    assert not any(font.missing_glyphs for font in latin.fonts.values())


def test_fonts_parsed_once_are_parsed_once():
    """Counted in work, not seconds: a document's font comes from the parse kept before."""
    compact = pdf_fonts.compact_fonts()
    pdf_fonts.new_pdf(compact)
    kept = [pdf_fonts._parsed(style, path) for style, path in compact.items()]
    templates = {template.fontkey: template for template, _content in filter(None, kept)}
    pdf = pdf_fonts.new_pdf(compact)
    assert set(pdf.fonts) == set(templates)
    for key, font in pdf.fonts.items():
        template = templates[key]
        assert font is not template and font.cmap is template.cmap
        assert font.ttfont is not template.ttfont


def test_the_compact_fonts_leave_out_the_layout_tables():
    for path in pdf_fonts.compact_fonts().values():
        font = ttLib.TTFont(path)
        assert not [tag for tag in pdf_fonts.LAYOUT_TABLES if tag in font]
        assert {"glyf", "hmtx", "cmap", "post"} <= set(font.keys())


def test_the_cache_is_made_once_and_reused(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    pdf_fonts._compact_fonts.cache_clear()
    try:
        first = pdf_fonts.compact_fonts()
        assert first and all(path.parent == tmp_path / "cache" / "fonts" for path in first.values())
        stamps = {path: path.stat().st_mtime_ns for path in first.values()}
        pdf_fonts._compact_fonts.cache_clear()
        assert pdf_fonts.compact_fonts() == first
        assert {path: path.stat().st_mtime_ns for path in first.values()} == stamps
        assert not list((tmp_path / "cache" / "fonts").glob("*.part"))
    finally:
        pdf_fonts._compact_fonts.cache_clear()


def test_an_unwritable_cache_falls_back_to_the_full_fonts(settings, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    settings.VAR_DIR = tmp_path
    pdf_fonts._compact_fonts.cache_clear()
    try:
        assert pdf_fonts.compact_fonts() is None
        content = pdf_fonts.render(draw(WORDS))
        assert content.startswith(b"%PDF")
    finally:
        pdf_fonts._compact_fonts.cache_clear()


def test_the_compact_fonts_cost_less_than_the_full_ones():
    """Counted in work, not seconds: the glyphs each document parses and embeds."""
    build = draw(WORDS)
    pdf_fonts.render(build)  # the cache is made
    assert embedded_glyph_count(pdf_fonts.render(build)) == embedded_glyph_count(plain(build))
    compact = pdf_fonts.compact_fonts()
    parsed_fast = sum(len(ttLib.TTFont(path).getGlyphOrder()) for path in compact.values())
    parsed_slow = sum(
        len(ttLib.TTFont(path).getGlyphOrder()) for path in pdf_fonts.full_fonts().values()
    )
    assert parsed_fast * 3 < parsed_slow


@pytest.mark.django_db
@needs_pdftotext
def test_an_invoice_reads_the_same_both_ways(settings, tmp_path):
    customer = make_customer("ООО Ромашка")
    chair = make_product(name="Стол «Дуб»", list_price=Decimal("10"))
    order = make_order((chair, 2), party=customer, confirm=True)
    invoice = services.invoice_create_for_order(order=order, due_in_days=30)
    fast = documents.invoice_pdf(invoice)
    (tmp_path / "cache").write_text("not a folder")  # no compact fonts: the plain way
    settings.VAR_DIR = tmp_path
    pdf_fonts._compact_fonts.cache_clear()
    try:
        slow = documents.invoice_pdf(invoice)
    finally:
        pdf_fonts._compact_fonts.cache_clear()
    assert text_of(fast) == text_of(slow)
    assert "ООО Ромашка" in text_of(fast)
