"""Render the diagrams of processes/bpmn/ as SVG pictures for docs/processes.md.

Run by hand after changing a diagram:

    .venv/bin/python docs/tools/render_bpmn.py [--png-dir DIR]

The pictures are drawn by bpmn-js's viewer (node_modules/, from `npm ci`) in Debian's
Chromium through Playwright, exactly as the modeler draws the files. A diagram that
bpmn-js imports with warnings is refused, so a picture never hides a broken layout.
"""

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
DIAGRAMS = ROOT / "processes" / "bpmn"
VIEWER = ROOT / "node_modules" / "bpmn-js" / "dist" / "bpmn-viewer.production.min.js"
CHROMIUM = Path("/usr/bin/chromium")
OUT = ROOT / "docs" / "images"
WIDTH, HEIGHT = 3600, 1400
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><style>
html, body, #canvas {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; background: #fff; }}
</style></head><body><div id="canvas"></div></body></html>"""
SHOW = """async (xml) => {
    const viewer = new BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(xml);
    if (warnings.length) { throw new Error(warnings.map((w) => w.message).join('; ')); }
    viewer.get('canvas').zoom('fit-viewport');
    const { svg } = await viewer.saveSVG();
    return svg;
}"""


def stable_ids(svg: str) -> str:
    """bpmn-js names arrow markers randomly; number them so a re-render changes nothing."""
    names: dict[str, str] = {}
    for name in re.findall(r'id="(marker-[a-z0-9]+)"', svg):
        names.setdefault(name, f"marker-{len(names) + 1}")
    return re.sub(r"marker-[a-z0-9]+", lambda m: names.get(m.group(0), m.group(0)), svg)


def main() -> int:
    parser = argparse.ArgumentParser(description="Render processes/bpmn/*.bpmn as SVG.")
    parser.add_argument("--png-dir", type=Path, help="also save a PNG screenshot of each here")
    args = parser.parse_args()
    if not VIEWER.exists():
        print(f"{VIEWER.relative_to(ROOT)} is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        for path in sorted(DIAGRAMS.glob("*.bpmn")):
            page.set_content(PAGE)
            page.add_script_tag(path=str(VIEWER))
            svg = stable_ids(page.evaluate(SHOW, path.read_text()))
            target = OUT / f"{path.stem}.svg"
            target.write_text(svg)
            print(f"{path.relative_to(ROOT)} -> {target.relative_to(ROOT)}")
            if args.png_dir:
                args.png_dir.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.png_dir / f"{path.stem}.png"))
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
