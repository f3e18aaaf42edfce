"""The fonts the PDF documents are set in, and the one speed trick they allow.

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
use the full fonts.
"""

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

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
        source.read_bytes() + COMPACT_UNICODES.encode() + fontTools.version.encode()
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


def new_pdf(fonts: FontFiles) -> FPDF:
    """An A4 document with `fonts` added as the FAMILY."""
    pdf = FPDF(format="A4")
    for style, path in fonts.items():
        pdf.add_font(FAMILY, style, str(path))
    return pdf


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
