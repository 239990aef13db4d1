"""Renderers by name: one registry of output formats per result type.

`render(kind, fmt, value, **options)` returns text or a rich renderable; only the CLI prints.
Adding a format means one renderer function and one line here. "html" and "svg" are the rich
view recorded by one helper (`referral.render.export`); "md" is Markdown.
"""

from __future__ import annotations

import importlib
from typing import Any

# (result type, format) -> "module:function"; modules are imported only when used (start-up).
RENDERERS: dict[tuple[str, str], str] = {
    ("match", "rich"): "referral.render.rich_view:render_match",
    ("match", "json"): "referral.render.json_view:match_text",
    ("match", "markdown"): "referral.render.markdown_view:match_markdown",
    ("explain", "rich"): "referral.render.rich_view:render_explain",
    ("explain", "json"): "referral.render.json_view:explain_text",
    ("explain", "markdown"): "referral.render.markdown_view:explain_markdown",
    ("meeting", "rich"): "referral.render.meeting_view:render_meeting",
    ("meeting", "json"): "referral.render.meeting_view:meeting_text",
    ("meeting", "markdown"): "referral.render.meeting_view:meeting_markdown",
    ("gaps", "rich"): "referral.render.gaps_view:render_rich",
    ("gaps", "json"): "referral.render.gaps_view:render_json",
    ("gaps", "csv"): "referral.render.gaps_view:render_csv",
    ("gaps", "markdown"): "referral.render.gaps_view:render_markdown",
    ("gaps", "html"): "referral.render.gaps_view:render_html",
    ("lint", "text"): "referral.render.lint_view:render_text",
    ("lint", "json"): "referral.render.lint_view:render_json",
    ("validate", "text"): "referral.render.validate_view:render_text",
    ("validate", "json"): "referral.render.validate_view:render_json",
    ("test", "text"): "referral.render.test_view:render_text",
    ("test", "json"): "referral.render.test_view:render_json",
    ("diff", "text"): "referral.render.diff_view:render_text",
    ("diff", "json"): "referral.render.diff_view:render_json",
    ("offers", "rich"): "referral.render.offers_view:render_rich",
    ("offers", "json"): "referral.render.offers_view:render_json",
    ("offers", "markdown"): "referral.render.offers_view:render_markdown",
    ("stale", "rich"): "referral.render.stale_view:render_rich",
    ("stale", "json"): "referral.render.stale_view:render_json",
    ("stale", "markdown"): "referral.render.stale_view:render_markdown",
}
RECORDED = ("html", "svg")
ALIASES = {"md": "markdown"}
TITLES = {"match": "view.title", "explain": "view.title", "meeting": "meeting.title"}


def formats(kind: str) -> tuple[str, ...]:
    return tuple(fmt for k, fmt in RENDERERS if k == kind)


def render(kind: str, fmt: str, value: Any, **options: Any) -> Any:
    """`value` (a result of type `kind`) in format `fmt`."""
    fmt = ALIASES.get(fmt, fmt)
    if fmt in RECORDED and (kind, fmt) not in RENDERERS:
        from referral.core.i18n import translate
        from referral.render.export import recorded

        lang = options.get("lang", "nl")
        renderable = render(kind, "rich", value, **options)
        count = len(getattr(value, "items", ()))  # the meeting's title names its number of casussen
        return recorded(renderable, fmt, translate(TITLES.get(kind, "view.title"), lang, count=count), lang)
    target = RENDERERS.get((kind, fmt))
    if target is None:
        raise KeyError(f"no renderer for {kind} as {fmt}")
    module, _, function = target.partition(":")
    return getattr(importlib.import_module(module), function)(value, **options)
