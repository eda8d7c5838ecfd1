"""Charts the site draws itself: small functions that turn numbers into inline SVG.

Every chart is an accessible image (``role="img"`` named by its ``<title>`` and ``<desc>``),
readable without colour (values written beside the bars, a pattern and a legend for every
series), in colours with at least 3:1 contrast against white, and drawn in a ``viewBox``
so it scales down to a phone's width. Labels sit above their bar, so long names (a life
domain, a government body) keep the whole width. The page shows the same numbers in a
table beside each chart; the chart is never the only place a number is.

No JavaScript, no inline styles (the site's CSP forbids them): only SVG attributes.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 320  # viewBox units; the page scales the chart to its column
FONT = 14
INK = "#1c2327"  # 15.6:1 on white
SOFT = "#4a555c"  # 7.4:1
BAR = "#0b5563"  # the brand colour, 8.0:1
LABEL_CHARS = 40  # a longer label is shortened in the chart (the table has it in full)

# A fill for each series: a colour (>= 3:1 on white, also each segment's outline) and a
# pattern, so that series differ without colour too.
STYLES = [
    ("#0b5563", "solid"),
    ("#a33c00", "stripes"),
    ("#1d6b32", "dots"),
    ("#5b3a8c", "cross"),
    ("#7a5200", "horizontal"),
    ("#a4161a", "back-stripes"),
    ("#4a555c", "vertical"),
    ("#073a44", "checks"),
]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # the label written beside the bar; the value by default


@dataclass(frozen=True)
class Series:
    key: str
    label: str


def _short(label: str, chars: int = LABEL_CHARS) -> str:
    label = str(label)
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def number(value: float) -> str:
    """A number as the page writes it: 12, or 4,5 (Belgian decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


def _open(chart_id: str, title: str, desc: str, height: float, defs: str = "") -> str:
    chart_id = escape(chart_id)
    return (
        f'<svg class="chart" id="{chart_id}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {height:g}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{FONT}" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        + (f"<defs>{defs}</defs>" if defs else "")
    )


def bar_chart(chart_id: str, title: str, desc: str, bars: list[Bar]) -> SafeString:
    """Horizontal bars, one a row, the label above each bar and its value at its end."""
    row, bar_height, value_room = 42, 16, 64
    usable = WIDTH - value_room
    top = max((bar.value for bar in bars), default=0) or 1
    height = max(row * len(bars), row) + 4
    parts = [_open(chart_id, title, desc, height)]
    parts.append(f'<line x1="0.5" y1="0" x2="0.5" y2="{height:g}" stroke="{SOFT}"/>')
    for index, bar in enumerate(bars):
        y = index * row
        width = max(usable * bar.value / top, 2 if bar.value else 0)
        text = bar.text or number(bar.value)
        parts.append(
            f'<text x="4" y="{y + 14}">{escape(_short(bar.label))}</text>'
            f'<rect x="1" y="{y + 19}" width="{width:.1f}" height="{bar_height}" fill="{BAR}"/>'
            f'<text x="{width + 6:.1f}" y="{y + 32}" font-weight="600">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _pattern(pattern_id: str, colour: str, kind: str) -> str:
    size = 6
    shapes = {
        "solid": f'<rect width="{size}" height="{size}" fill="{colour}"/>',
        "stripes": f'<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{colour}" '
        f'stroke-width="1.6"/>',
        "back-stripes": f'<path d="M-1,5 l2,2 M0,0 l6,6 M5,-1 l2,2" stroke="{colour}" '
        f'stroke-width="1.6"/>',
        "dots": f'<circle cx="3" cy="3" r="1.6" fill="{colour}"/>',
        "cross": f'<path d="M0,0 l6,6 M6,0 l-6,6" stroke="{colour}" stroke-width="1.1"/>',
        "horizontal": f'<path d="M0,3 h6" stroke="{colour}" stroke-width="2"/>',
        "vertical": f'<path d="M3,0 v6" stroke="{colour}" stroke-width="2"/>',
        "checks": f'<rect width="3" height="3" fill="{colour}"/>'
        f'<rect x="3" y="3" width="3" height="3" fill="{colour}"/>',
    }
    return (
        f'<pattern id="{pattern_id}" width="{size}" height="{size}" '
        f'patternUnits="userSpaceOnUse"><rect width="{size}" height="{size}" fill="#fff"/>'
        f"{shapes[kind]}</pattern>"
    )


def series_style(index: int) -> tuple[str, str]:
    """The (colour, pattern) of the ``index``-th series (also for a legend in HTML)."""
    return STYLES[index % len(STYLES)]


def stacked_bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    rows: list[tuple[str, dict[str, float]]],
    series: list[Series],
) -> SafeString:
    """One horizontal bar a row (a month, say), split in the series' values; a legend above
    (pattern and name), the row's total beside its label, and each segment wide enough for
    it carries its own number."""
    chart_id = str(chart_id)
    legend_row, legend_columns = 22, 2
    legend_height = legend_row * ((len(series) + legend_columns - 1) // legend_columns) + 8
    row, bar_height = 46, 20
    usable = WIDTH - 2
    top = max((sum(values.values()) for _label, values in rows), default=0) or 1
    height = legend_height + row * max(len(rows), 1)
    fills = {}
    defs = []
    for index, item in enumerate(series):
        colour, kind = series_style(index)
        pattern_id = f"{chart_id}-p{index}"
        defs.append(_pattern(escape(pattern_id), colour, kind))
        fills[item.key] = (f"url(#{escape(pattern_id)})", colour)
    parts = [_open(chart_id, title, desc, height, "".join(defs))]
    column = WIDTH / legend_columns
    for index, item in enumerate(series):
        x = (index % legend_columns) * column
        y = (index // legend_columns) * legend_row
        fill, colour = fills[item.key]
        parts.append(
            f'<rect x="{x + 1:g}" y="{y + 3}" width="16" height="14" fill="{fill}" '
            f'stroke="{colour}" stroke-width="1.5"/>'
            f'<text x="{x + 23:g}" y="{y + 15}" font-size="12">'
            f"{escape(_short(item.label, 22))}</text>"
        )
    for index, (label, values) in enumerate(rows):
        y = legend_height + index * row
        total = sum(values.values())
        parts.append(
            f'<text x="0" y="{y + 14}">{escape(_short(label, 30))} '
            f'<tspan font-weight="600">· {number(total)}</tspan></text>'
        )
        x = 1.0
        for item in series:
            value = values.get(item.key, 0)
            if not value:
                continue
            width = usable * value / top
            fill, colour = fills[item.key]
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 20}" width="{width:.1f}" height="{bar_height}" '
                f'fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
            )
            text = number(value)
            chip = 8 + 7 * len(text)
            if width >= chip + 4:
                cx = x + width / 2
                parts.append(
                    f'<rect x="{cx - chip / 2:.1f}" y="{y + 23}" width="{chip}" height="14" '
                    f'rx="3" fill="#fff"/>'
                    f'<text x="{cx:.1f}" y="{y + 34}" text-anchor="middle" font-size="11" '
                    f'font-weight="600">{text}</text>'
                )
            x += width
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)
