"""What members write, as safe HTML and as plain text.

``render(text)`` turns CommonMark into HTML that templates may show as it is: markdown-it-py
with raw HTML off escapes whatever HTML a member types, and nh3 then keeps only an allow-list
of tags, attributes and URL schemes, so a gap in one layer is closed by the other.

Choices:
- Headings move two levels down (``#`` becomes h3, ``##`` h4, deeper ones h6): the page
  already has its h1 (the page title) and h2 sections, and a member's text sits below them.
  Keeping the levels, not dropping the headings, keeps the writer's structure.
- Images are shown as their alt text: a picture from elsewhere would tell that server who
  reads the post, and nobody checked it for faces or documents of participants.
- Links to other sites get ``rel="nofollow ugc noopener"``; links to this site (relative, or
  absolute to the host of ``settings.SITE_URL``) do not.

``to_plain_text(text)`` gives a readable version for search and mail.
"""

from functools import cache
from html import escape
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe

import nh3
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

HEADING_SHIFT = 2
EXTERNAL_REL = "nofollow ugc noopener"

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def _is_external(href: str) -> bool:
    parts = urlsplit(href)
    if not parts.netloc:
        return False  # relative, or mailto:
    site_host = urlsplit(settings.SITE_URL).hostname or ""
    return (parts.hostname or "").lower() != site_host.lower()


def _link_open(self, tokens, idx, options, env):
    token = tokens[idx]
    if _is_external(str(token.attrGet("href") or "")):
        token.attrSet("rel", EXTERNAL_REL)
    return self.renderToken(tokens, idx, options, env)


def _image(self, tokens, idx, options, env):
    return escape(self.renderInlineAsText(tokens[idx].children or [], options, env))


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.add_render_rule("link_open", _link_open)
    parser.add_render_rule("image", _image)
    return parser


@cache
def _cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        # rel is ours: only the one value render() sets gets through.
        tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def render(text: str | None) -> SafeString:
    """The text as sanitised HTML, safe to put in a template as it is."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty
    parser = _parser()
    tokens = parser.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + HEADING_SHIFT, 6)}"
    html = parser.renderer.render(tokens, parser.options, {})
    return mark_safe(_cleaner().clean(html))  # noqa: S308 - sanitised by nh3 just above


def to_plain_text(text: str | None) -> str:
    """The text without markup: links as "text (url)", list items as "- item", paragraphs
    separated by a blank line."""
    if not text:
        return ""
    tree = SyntaxTreeNode(_parser().parse(text))
    return "\n\n".join(_blocks(tree.children))


def _blocks(nodes) -> list[str]:
    out = []
    for node in nodes:
        if node.type in ("paragraph", "heading"):
            out.append(_inline(node.children[0]) if node.children else "")
        elif node.type in ("bullet_list", "ordered_list"):
            out.append(_list(node))
        elif node.type == "blockquote":
            inner = "\n\n".join(_blocks(node.children))
            out.append("\n".join(f"> {line}".rstrip() for line in inner.split("\n")))
        elif node.type in ("code_block", "fence"):
            out.append(node.content.rstrip("\n"))
        elif node.type == "hr":
            out.append("---")
    return [block for block in out if block.strip()]


def _list(node) -> str:
    ordered = node.type == "ordered_list"
    number = int(node.attrs.get("start", 1)) if ordered else 0
    lines = []
    for item in node.children:
        marker = f"{number}. " if ordered else "- "
        number += 1
        first, *rest = "\n".join(_blocks(item.children)).split("\n")
        lines.append(marker + first)
        lines.extend(" " * len(marker) + line if line else line for line in rest)
    return "\n".join(lines)


def _inline(node) -> str:
    parts = []
    for child in node.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "link":
            label = _inline(child)
            href = str(child.attrs.get("href", ""))
            if href in (label, f"mailto:{label}"):
                parts.append(label)
            else:
                parts.append(f"{label} ({urljoin(settings.SITE_URL + '/', href)})")
        elif child.type == "image":
            parts.append(child.content)
        else:  # em, strong
            parts.append(_inline(child))
    return "".join(parts)
