"""The rich terminal view an ambassador reads at a meeting. Returns renderables; never prints.

Readable at 80 columns and without colour: meaning is carried by text and layout, colour
only adds emphasis.
"""

from __future__ import annotations

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from referral.describe import casus_phrases, contact_lines, scale_phrase
from referral.engine import Explanation, MatchResult
from referral.i18n import translate
from referral.render.text import explanation_lines, footer, hidden_line

BAR_WIDTH = 8


def score_bar(score: int, best: int) -> Text:
    filled = round(BAR_WIDTH * score / best) if best > 0 else 0
    filled = max(1, min(BAR_WIDTH, filled)) if score > 0 else 0
    bar = Text("█" * filled, style="green")
    bar.append("░" * (BAR_WIDTH - filled), style="dim")
    bar.append(f" {score}")
    return bar


def casus_panel(result: MatchResult, lang: str) -> Panel:
    text = Text("; ".join(casus_phrases(result.casus, result.ruleset.vocabulary, lang)))
    scale = scale_phrase(result.casus, lang)
    if scale:
        text.append("\n" + scale, style="italic")
    return Panel(text, title=translate("view.casus", lang), title_align="left", box=box.ROUNDED)


def render_match(result: MatchResult, lang: str = "nl", top: int | None = None) -> RenderableType:
    shown = result.referrals if not top else result.referrals[:top]
    parts: list[RenderableType] = [Text(translate("view.title", lang), style="bold"), casus_panel(result, lang)]
    if not shown:
        parts.append(Text(translate("view.none", lang), style="bold yellow"))
    else:
        best = max(item.score for item in shown)
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True, pad_edge=False)
        table.add_column("#", justify="right", width=2, no_wrap=True)
        table.add_column(translate("view.col.offer", lang), ratio=5)
        table.add_column(translate("view.col.score", lang), width=BAR_WIDTH + 4, no_wrap=True)
        table.add_column(translate("view.col.reasons", lang), ratio=6)
        for item in shown:
            offer = Text(item.offer.name, style="bold")
            offer.append("\n" + item.offer.organisation, style="dim")
            for line in contact_lines(item.offer.contact, lang):
                offer.append("\n" + line, style="cyan")
            reasons = Text("\n").join(
                Text(f"• {reason.text.get(lang)} ({reason.weight:+d})") for reason in item.reasons
            )
            table.add_row(str(item.rank), offer, score_bar(item.score, best), reasons)
        parts.append(table)
    parts.append(Text(hidden_line(result, lang, len(shown)), style="dim"))
    parts.append(Text(footer(result, lang, len(shown)), style="dim"))
    return Group(*parts)


def render_explain(result: MatchResult, explanation: Explanation, lang: str = "nl") -> RenderableType:
    headline, sections = explanation_lines(result, explanation, lang)
    body = Text(headline, style="bold")
    for title, lines in sections:
        body.append(f"\n\n{title}", style="underline")
        for line in lines:
            body.append(f"\n• {line}")
    title = translate("explain.title", lang, name=explanation.assessment.offer.name)
    return Group(
        casus_panel(result, lang),
        Panel(body, title=title, title_align="left", box=box.ROUNDED),
        Text(footer(result, lang, 0), style="dim"),
    )
