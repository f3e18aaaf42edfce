"""The fonts the PDF documents are set in, and the two speed tricks they allow.

The documents are set in DejaVu Sans (processes/common/fonts/), whose ~6,200 glyphs cover
Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic and more. fpdf2 parses a font
file for every document and subsets it when the document is written; with the whole
DejaVu Sans that costs most of a document's time (docs/performance.md).

The fast path: a **compact** copy of each font holding only the scripts the company's
documents are written in — Latin (with Latin-1 and Latin Extended A/B), Greek, Cyrillic,
punctuation, currency and letter-like signs (`COMPACT_UNICODES`), ~1,200 glyphs — made once
per machine from the shipped file by fontTools (which fpdf2 itself uses) and kept under
`var/cache/fonts/`. Its glyphs are the full font's glyphs, unchanged: same outlines, same
advance widths, so a document set in it looks and reads exactly as with the full font.

The rule the fast path relies on — every character of the document is in the compact font —
is enforced here, not assumed: `render` builds the document with the compact fonts and,
when fpdf2 recorded a character the compact font lacks (an Armenian customer name, say),
builds it again with the full fonts. tests/processes/common/test_pdf_fonts.py compares both
ways on the same documents. When the cache cannot be written (a read-only disk), documents
use the full fonts. The compact copy also leaves out the layout tables (`LAYOUT_TABLES`:
ligatures, kerning pairs, mark positioning): fpdf2 reads them only when text shaping is
on, which these documents never turn on, yet its subsetter works through them for every
document.

The second: **parsed fonts kept per process**. `FPDF.add_font` reads a font file's glyph
widths and character map for every document (about 40 % of a document's time with the
compact fonts). `new_pdf` parses each file once per process (`_parsed`) and gives every
document its own copy of the parsed font — the widths and maps copied, the used-glyph
subset, the missing-glyph list and the fontTools font fresh — so no document sees
another's glyphs, and fpdf2's subsetting, which rewrites the fontTools font, works on the
document's own. `new_pdf_plain` is the plain way; the tests compare their bytes. The copy
follows fpdf2's own `TTFFont.__deepcopy__` (fpdf2 is pinned in requirements.txt); a font
fpdf2 parses differently (a colour font, a compressed file) takes the plain way.
"""

import copy
import hashlib
import io
import logging
import os
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
FULL = {"": FONTS / "DejaVuSans.ttf", "B": FONTS / "DejaVuSans-Bold.ttf"}
COMPACT_UNICODES = (
    "U+0020-007E,U+00A0-024F,"  # Basic Latin, Latin-1, Latin Extended A and B
    "U+0300-036F,"  # combining accents
    "U+0370-03FF,"  # Greek
    "U+0400-052F,"  # Cyrillic and its supplement
    "U+1E00-1EFF,"  # Latin Extended Additional (Vietnamese, Welsh, …)
    "U+2000-206F,U+20A0-20CF,U+2100-214F,U+2190-2193,U+2212,U+FFFD"  # punctuation, ₽ € №, →
)
# Read by fpdf2 only with text shaping on (set_text_shaping), which the documents never use.
LAYOUT_TABLES = ("GDEF", "GSUB", "GPOS", "kern", "MATH")

FontFiles = dict[str, Path]


def full_fonts() -> FontFiles:
    """The shipped fonts, style ("" or "B") → file."""
    return dict(FULL)


def compact_fonts() -> FontFiles | None:
    """The compact fonts (made on first use), or None when they cannot be made."""
    try:
        return _compact_fonts()
    except OSError as error:
        logger.warning("Documents use the full fonts: the compact fonts cannot be kept (%s)", error)
        return None


@cache
def _compact_fonts() -> FontFiles:
    return {style: _compact(path) for style, path in FULL.items()}


def _compact(source: Path) -> Path:
    """The compact copy of `source`, made once and kept under var/cache/fonts/."""
    import fontTools
    from fontTools import subset, ttLib

    key = hashlib.sha256(
        source.read_bytes()
        + COMPACT_UNICODES.encode()
        + ",".join(LAYOUT_TABLES).encode()
        + fontTools.version.encode()
    ).hexdigest()[:16]
    folder = Path(settings.VAR_DIR) / "cache" / "fonts"
    target = folder / f"{source.stem}-compact-{key}.ttf"
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    font = ttLib.TTFont(source, recalcTimestamp=False)
    options = subset.Options(
        notdef_outline=True,
        glyph_names=True,
        name_IDs=["*"],
        name_languages=["*"],
        legacy_kern=True,
        hinting=False,
    )
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(COMPACT_UNICODES))
    subsetter.subset(font)
    for tag in LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    # Written beside its final name, then renamed: a second process never reads half a file.
    handle, partial = tempfile.mkstemp(dir=folder, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            font.save(stream)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return target


def new_pdf_plain(fonts: FontFiles) -> FPDF:
    """An A4 document with `fonts` added as the FAMILY, each file parsed by fpdf2 now."""
    pdf = FPDF(format="A4")
    for style, path in fonts.items():
        pdf.add_font(FAMILY, style, str(path))
    return pdf


def new_pdf(fonts: FontFiles) -> FPDF:
    """An A4 document with `fonts` added as the FAMILY, from the fonts parsed once."""
    pdf = FPDF(format="A4")
    for style, path in fonts.items():
        parsed = _parsed(style, path)
        if parsed is None:
            pdf.add_font(FAMILY, style, str(path))
            continue
        template, content = parsed
        font = copy.copy(template)
        font.i = len(pdf.fonts) + 1
        # fpdf2's subsetting rewrites the fontTools font: each document parses its own
        # (lazily: only the tables the subsetting reads).
        font.ttfont = ttLib.TTFont(io.BytesIO(content), recalcTimestamp=False, lazy=True)
        font.cw = copy.copy(template.cw)
        font.glyph_ids = dict(template.glyph_ids)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font.subset = SubsetMap(font)
        pdf.fonts[font.fontkey] = font
    return pdf


_PARSING = threading.Lock()
_PARSED: dict[tuple[str, Path], tuple[TTFFont, bytes] | None] = {}


def _parsed(style: str, path: Path) -> tuple[TTFFont, bytes] | None:
    """fpdf2's parse of the font file (and its bytes), made once per process; None for a
    font this copy does not handle. At most one entry per shipped or compact font file."""
    key = (style, path)
    with _PARSING:
        if key not in _PARSED:
            pdf = FPDF()
            pdf.add_font(FAMILY, style, str(path))
            (font,) = pdf.fonts.values()
            plain = isinstance(font, TTFFont) and not font.color_font and not font.is_compressed
            _PARSED[key] = (font, path.read_bytes()) if plain else None
        return _PARSED[key]


def render(build: Callable[[FPDF], None]) -> bytes:
    """The document `build` draws, as PDF bytes: set in the compact fonts when they hold every
    character it uses, otherwise in the full fonts."""
    compact = compact_fonts()
    if compact is not None:
        pdf = new_pdf(compact)
        build(pdf)
        if not _lacks_glyphs(pdf):
            return bytes(pdf.output())
    pdf = new_pdf(full_fonts())
    build(pdf)
    return bytes(pdf.output())


def _lacks_glyphs(pdf: FPDF) -> bool:
    return any(getattr(font, "missing_glyphs", None) for font in pdf.fonts.values())
