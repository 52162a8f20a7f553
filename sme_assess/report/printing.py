"""What the built-in templates give WeasyPrint instead of the screen's HTML: the same page
for less work per report (a ``batch --pdf`` worker renders thousands).

WeasyPrint computes a style for every element of the HTML, SVG included, and re-resolves
each ``var()`` for every element that uses it. So the PDF gets the charts as SVG images (the
same drawing, parsed by the XML parser and never cascaded), leaves out what only a screen
shows (the table of contents, the screen stylesheet) and takes the stylesheet with the
colour variables written in. None of this changes a pixel; a custom ``--template`` is left
as it is (its CSS may address the charts' ``svg`` or set the variables).
"""

from __future__ import annotations

import base64
import re
from xml.etree import ElementTree

from markupsafe import Markup

_ROOT_RULE = re.compile(r":root\s*\{([^{}]*)\}")
_DECLARATION = re.compile(r"\s*(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]+?)\s*(?:;|$)")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*\)")


def chart_image(svg: str) -> Markup:
    """The chart as an ``<img>`` of its SVG (a ``data:`` URI, its label as the ``alt``
    text); the inline SVG itself when the XML parser would refuse it (WeasyPrint would then
    drop the chart without a word)."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return Markup(svg)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img src="data:image/svg+xml;base64,{}" alt="{}">').format(
        Markup(data), root.get("aria-label", "")
    )


def inline_variables(css: str) -> str:
    """``css`` with each ``var(--name)`` replaced by the value the ``:root`` rule gives it and
    that rule dropped; ``css`` unchanged when anything else uses or sets a variable (a
    fallback, a variable set elsewhere, one without a value, two ``:root`` rules)."""
    roots = _ROOT_RULE.findall(css)
    if len(roots) != 1:
        return css
    values: dict[str, str] = {}
    body = roots[0].strip()
    pos = 0
    while pos < len(body):
        found = _DECLARATION.match(body, pos)
        if found is None:
            return css
        values[found.group(1)] = found.group(2)
        pos = found.end()
    rest = _ROOT_RULE.sub("", css, count=1)
    if any(name not in values for name in _VAR.findall(rest)):
        return css
    rest = _VAR.sub(lambda m: values[m.group(1)], rest)
    if "--" in rest.replace("<!--", "").replace("-->", "") or "var(" in rest:
        return css
    return rest
