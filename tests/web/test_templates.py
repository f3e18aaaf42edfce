"""The page templates load their tag libraries once, in one {% load %} at the top: a second
{% load %} repeating libraries is a merge that kept both sides."""

import re
from pathlib import Path

TEMPLATES = sorted((Path(__file__).resolve().parents[2] / "web" / "templates").rglob("*.html"))
LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def test_each_template_loads_its_libraries_in_one_tag():
    assert TEMPLATES
    twice = {}
    for path in TEMPLATES:
        loads = LOAD.findall(path.read_text(encoding="utf-8"))
        if len(loads) > 1:
            twice[str(path.relative_to(path.parents[2]))] = loads
    assert not twice, f"templates with more than one {{% load %}}: {twice}"
