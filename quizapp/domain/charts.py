"""Server-rendered SVG bar charts (pure), readable without colour: every value is written as
text, the highlighted bar is hatched, and the SVG carries a title and a description."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
HEIGHT = 200
TOP = 22  # room for the value above the tallest bar
BOTTOM = 34  # room for day labels
SIDE = 24  # room for the first and last day labels


def bar_chart(
    points: Sequence[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    description: str,
    label_every: int = 1,
    highlight: int | None = None,
) -> str:
    """An accessible SVG bar chart of (label, value) points; `highlight` hatches one bar."""
    ident = escape(chart_id, quote=True)
    count = max(1, len(points))
    top = max((value for _label, value in points), default=0)
    slot = (WIDTH - 2 * SIDE) / count
    bar = max(2.0, slot * 0.7)
    plot = HEIGHT - TOP - BOTTOM
    base = HEIGHT - BOTTOM
    parts = [
        f'<svg class="chart" id="{ident}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line class="hatch-line" x1="0" y1="0" x2="0" y2="6" '
        'stroke-width="3"/></pattern></defs>',
        f'<line class="axis" x1="{SIDE}" y1="{base}" x2="{WIDTH - SIDE}" y2="{base}"/>',
    ]
    for index, (label, value) in enumerate(points):
        x = SIDE + index * slot + (slot - bar) / 2
        height = plot * value / top if top else 0.0
        y = base - height
        centre = x + bar / 2
        hatched = index == highlight
        css = "bar-hatch" if hatched else "bar"
        fill = f' fill="url(#{ident}-hatch)"' if hatched else ""
        parts.append(
            f"<g><title>{escape(label)}: {value}</title>"
            f'<rect class="{css}"{fill} x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
            f'height="{height:.1f}"/>'
            f'<text class="value" x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle">'
            f"{value}</text>"
        )
        if index % label_every == 0 or index == len(points) - 1:
            parts.append(
                f'<text class="label" x="{centre:.1f}" y="{base + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)
