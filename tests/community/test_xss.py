"""No payload of the corpus leaves active content in a rendered post."""

import re

import pytest

from portal import markdown
from tests.community.xss_payloads import PAYLOADS

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a",
    "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
TAG_RE = re.compile(r"<\s*/?\s*([a-zA-Z][\w:-]*)([^>]*)>")
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):")
ATTR_RE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_renders_without_active_content(payload):
    html = str(markdown.render(payload))
    for name, attributes in TAG_RE.findall(html):
        assert name.lower() in ALLOWED_TAGS, f"{name} survived in {html!r}"
        for attribute, value in ATTR_RE.findall(attributes):
            assert not attribute.lower().startswith("on"), html
            assert attribute.lower() in {"href", "title", "rel", "start"}, html
            if attribute.lower() == "href":
                target = value.strip("\"'").strip().lower()
                scheme = SCHEME_RE.match(target)
                # No scheme is a relative address (e.g. "java%0ascript:" is a path).
                assert scheme is None or scheme[1] in {"http", "https", "mailto"}, html
