"""Markdown from members: safe HTML for pages, plain text for search and mail."""

from html.parser import HTMLParser

from django.template import Context, Template

import pytest
from markdown_it import MarkdownIt

from portal import markdown
from portal.markdown import render, to_plain_text


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def links(html: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in elements(html) if tag == "a"]


XSS_ATTEMPTS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](java\nscript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![x](x onerror=alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](data:image/png;base64,iVBORw0KGgo=)",
    "<javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '[x](https://example.org "a\\" onmouseover=alert(1) x=\\"")',
    "[x](vbscript:msgbox(1))",
    "<iframe src=https://example.org></iframe>",
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("attempt", XSS_ATTEMPTS)
def test_xss_attempt_leaves_only_allowed_tags_attributes_and_schemes(attempt):
    html = render(attempt)
    for tag, attrs in elements(html):
        assert tag in markdown.ALLOWED_TAGS
        assert set(attrs) <= markdown.ALLOWED_ATTRIBUTES.get(tag, set()) | {"rel"}
        href = (attrs.get("href") or "").strip().lower()
        assert not href or href.startswith(("http:", "https:", "mailto:", "/", "#"))


def test_script_tag_is_shown_as_text():
    html = render("<script>alert(1)</script>")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_javascript_link_is_not_a_link():
    assert links(render("[klik](javascript:alert(1))")) == []


def test_javascript_link_in_mixed_case_is_not_a_link():
    assert links(render("[klik](JaVaScRiPt:alert(1))")) == []


def test_javascript_link_hidden_in_entities_is_not_a_link():
    assert links(render("[klik](&#106;avascript:alert(1))")) == []


def test_javascript_autolink_is_not_a_link():
    assert links(render("<javascript:alert(1)>")) == []


def test_data_url_is_not_a_link():
    html = render("[x](data:image/png;base64,iVBORw0KGgo=)")
    assert all(not (attrs.get("href") or "").startswith("data:") for attrs in links(html))


def test_img_with_onerror_is_text():
    html = render("<img src=x onerror=alert(1)>")
    assert "<img" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_quote_in_link_title_does_not_open_an_attribute():
    html = render('[x](https://example.org "a\\" onmouseover=alert(1)")')
    [attrs] = links(html)
    assert set(attrs) == {"href", "title", "rel"}


def test_html_entities_stay_text():
    html = render("&lt;b&gt; &#60;i&#62; &amp;")
    assert "<b>" not in html and "<i>" not in html
    assert "&lt;b&gt; &lt;i&gt; &amp;" in html


def test_sanitiser_removes_what_a_permissive_parser_would_let_through(monkeypatch):
    # Defence in depth: even if the parser passed raw HTML, nh3 strips it.
    permissive = MarkdownIt("commonmark", {"html": True})
    monkeypatch.setattr(markdown, "_parser", lambda: permissive)
    html = render(
        '<script>alert(1)</script><img src=x onerror="alert(1)"><a href="x" onclick="y">a</a>'
    )
    assert "<script" not in html and "alert(1)" not in html
    assert "<img" not in html and "onclick" not in html


def test_basic_formatting_becomes_html():
    html = render("Een *deelnemer* met **vragen** en `code`.\n\n- een\n- twee\n\n> citaat")
    assert "<em>deelnemer</em>" in html
    assert "<strong>vragen</strong>" in html
    assert "<code>code</code>" in html
    assert "<ul>\n<li>een</li>" in html
    assert "<blockquote>" in html


def test_ordered_list_keeps_its_start_number():
    assert '<ol start="3">' in render("3. drie\n4. vier")


def test_headings_move_two_levels_down():
    html = render("# Titel\n\n## Deel\n\n#### Klein")
    assert "<h3>Titel</h3>" in html
    assert "<h4>Deel</h4>" in html
    assert "<h6>Klein</h6>" in html
    assert "<h1" not in html and "<h2" not in html


def test_image_is_shown_as_its_alt_text():
    html = render("![schema van het traject](https://example.org/x.png)")
    assert "<img" not in html
    assert "schema van het traject" in html


def test_outside_link_gets_nofollow():
    [attrs] = links(render("[VDAB](https://www.vdab.be/)"))
    assert attrs["rel"] == "nofollow ugc noopener"


def test_protocol_relative_link_counts_as_outside():
    [attrs] = links(render("[x](//example.org/)"))
    assert attrs["rel"] == "nofollow ugc noopener"


def test_relative_link_has_no_nofollow():
    [attrs] = links(render("[kennisbank](/kennisbank/)"))
    assert attrs == {"href": "/kennisbank/"}


def test_absolute_link_to_the_site_has_no_nofollow(settings):
    settings.SITE_URL = "https://kennis.example.be"
    [attrs] = links(render("[forum](https://kennis.example.be/forum/)"))
    assert "rel" not in attrs


def test_mailto_link_is_kept():
    [attrs] = links(render("<info@example.org>"))
    assert attrs == {"href": "mailto:info@example.org"}


def test_rendered_html_is_not_escaped_again_in_a_template():
    output = Template("{{ html }}").render(Context({"html": render("*nadruk*")}))
    assert "<em>nadruk</em>" in output


def test_empty_text_renders_empty():
    assert render("") == ""
    assert render(None) == ""


# --- plain text ------------------------------------------------------------------------------


def test_plain_text_separates_paragraphs_with_a_blank_line():
    assert to_plain_text("Eerste alinea.\n\nTweede *alinea*.") == "Eerste alinea.\n\nTweede alinea."


def test_plain_text_writes_links_as_text_and_url():
    text = to_plain_text("Zie [de VDAB-site](https://www.vdab.be/) voor meer.")
    assert text == "Zie de VDAB-site (https://www.vdab.be/) voor meer."


def test_plain_text_makes_relative_links_absolute(settings):
    settings.SITE_URL = "https://kennis.example.be"
    assert (
        to_plain_text("[gids](/kennisbank/gids/)")
        == "gids (https://kennis.example.be/kennisbank/gids/)"
    )


def test_plain_text_writes_an_autolink_once():
    assert to_plain_text("<https://www.vdab.be/>") == "https://www.vdab.be/"


def test_plain_text_writes_list_items_with_a_dash():
    assert to_plain_text("* een\n* twee\n    * drie") == "- een\n- twee\n  - drie"


def test_plain_text_numbers_ordered_lists():
    assert to_plain_text("1. een\n2. twee") == "1. een\n2. twee"


def test_plain_text_has_no_markup():
    text = to_plain_text("# Titel\n\n**vet** en _schuin_ en `code`\n\n---\n\n> citaat")
    assert text == "Titel\n\nvet en schuin en code\n\n---\n\n> citaat"


def test_plain_text_decodes_entities():
    assert to_plain_text("Werk &amp; zorg") == "Werk & zorg"


def test_plain_text_of_nothing_is_empty():
    assert to_plain_text("") == ""
