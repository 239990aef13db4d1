"""The rich view recorded as HTML or SVG for a file to share: the one helper of every export.

HTML: a document with its language and title, readable without a stylesheet from elsewhere,
links that work (rich writes them with inline styles). SVG: without a web font from a CDN, with
role="img" and a title for screen readers, and the plain text of the view as its description.
"""

from __future__ import annotations

import html
import io
from typing import Any

EXPORT_WIDTH = 100

# Templates of rich's export: long lines are HTML and SVG, not Python.
HTML_FORMAT = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
{{stylesheet}}
body {{{{
    color: {{foreground}};
    background-color: {{background}};
    margin: 1.5rem;
}}}}
pre {{{{ white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1.05rem; line-height: 1.4; }}}}
a {{{{ color: inherit; }}}}
</style>
</head>
<body>
<main>
<h1 style="font-family:sans-serif;font-size:1.4rem">{title}</h1>
<pre style="font-family:Menlo,'DejaVu Sans Mono',consolas,'Courier New',monospace"><code
 style="font-family:inherit">{{code}}</code></pre>
</main>
</body>
</html>
"""

SVG_FORMAT = """<svg class="rich-terminal" viewBox="0 0 {{width}} {{height}}" xmlns="http://www.w3.org/2000/svg"
 role="img" aria-labelledby="{{unique_id}}-svg-title {{unique_id}}-svg-desc" xml:lang="{lang}">
    <title id="{{unique_id}}-svg-title">{title}</title>
    <desc id="{{unique_id}}-svg-desc">{description}</desc>
    <style>
    .{{unique_id}}-matrix {{{{
        font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace;
        font-size: {{char_height}}px;
        line-height: {{line_height}}px;
        font-variant-east-asian: full-width;
    }}}}
    .{{unique_id}}-title {{{{
        font-size: 18px;
        font-weight: bold;
        font-family: sans-serif;
    }}}}
    {{styles}}
    </style>
    <defs>
    <clipPath id="{{unique_id}}-clip-terminal">
      <rect x="0" y="0" width="{{terminal_width}}" height="{{terminal_height}}" />
    </clipPath>
    {{lines}}
    </defs>
    {{chrome}}
    <g transform="translate({{terminal_x}}, {{terminal_y}})" clip-path="url(#{{unique_id}}-clip-terminal)">
    {{backgrounds}}
    <g class="{{unique_id}}-matrix">
    {{matrix}}
    </g>
    </g>
</svg>
"""


def recorded(renderable: Any, kind: str, title: str, lang: str = "nl", width: int = EXPORT_WIDTH) -> str:
    """The rich view as HTML or SVG, at a fixed width and with colour, whatever the terminal."""
    from rich.console import Console

    record = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        no_color=False,
        color_system="truecolor",
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
        emoji=False,
    )
    record.print(renderable, crop=False)
    # The templates are format strings twice over (here, then in rich): a brace in a title or in
    # the view's text (an offer name) is doubled for each, or rich's format fails on it.
    safe_title = _braces(html.escape(title))
    if kind == "svg":
        text = record.export_text(clear=False)
        description = _braces(html.escape(" ".join(text.split())[:4000]))  # cut before escaping: no half entity
        template = SVG_FORMAT.format(lang=lang, title=safe_title, description=description)
        return record.export_svg(title=title, code_format=template)
    return record.export_html(inline_styles=True, code_format=HTML_FORMAT.format(lang=lang, title=safe_title))


def _braces(text: str) -> str:
    """Text placed into a template that rich formats once more: '{' and '}' doubled for it."""
    return text.replace("{", "{{").replace("}", "}}")
