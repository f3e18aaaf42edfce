"""The stylesheet's blocks are closed: an unclosed @media block (a merge that kept both
sides of appended rules but lost a brace) silently turns every later rule into a phone-only one."""

from pathlib import Path

CSS = sorted((Path(__file__).resolve().parents[2] / "web" / "static" / "web").glob("*.css"))


def test_every_block_of_the_stylesheets_is_closed():
    assert CSS
    for path in CSS:
        depth, media_at = 0, None
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith("@media") and depth:
                raise AssertionError(f"{path.name}:{number}: @media inside an open block")
            depth += line.count("{") - line.count("}")
            assert depth >= 0, f"{path.name}:{number}: a brace closes nothing"
            media_at = number if line.startswith("@media") else media_at
        assert depth == 0, f"{path.name}: {depth} block(s) left open (last @media at {media_at})"
