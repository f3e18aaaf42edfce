"""A comment's Markdown as safe HTML: no raw HTML, safe links, mentions marked.

markdown-it-py renders CommonMark with raw HTML off (typed tags come out as text) and
refuses javascript:/data: links; nh3 (the ammonia sanitizer) then keeps only the tags
and attributes a comment needs, whatever the renderer let through.
"""

import re

import nh3
from markdown_it import MarkdownIt

_RENDERER = MarkdownIt("commonmark", {"html": False, "linkify": False, "breaks": True}).disable(
    "image"
)
_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr",
    "h1", "h2", "h3", "h4", "h5", "h6", "span",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "span": {"class"}}
# A mention outside code, after the HTML is made: @name not inside a word or an address.
_MENTION_HTML = re.compile(r"(?<![\w@/.])@([\w][\w.+-]*[\w]|[\w])")


def _mark_mentions(html: str) -> str:
    parts = re.split(r"(<code>.*?</code>|<[^>]+>)", html, flags=re.S)
    for index, part in enumerate(parts):
        if part and not part.startswith("<"):
            parts[index] = _MENTION_HTML.sub(r'<span class="mention">@\1</span>', part)
    return "".join(parts)


def render(text: str) -> str:
    html = _RENDERER.render(text or "")
    return nh3.clean(
        _mark_mentions(html),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
