"""The rich terminal view an ambassador reads at a meeting. Returns renderables; never prints.

Readable at 80 columns and without colour: meaning is carried by text and layout, colour
only adds emphasis. Below 80 columns the table gives way to a stacked list.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from referral.core.i18n import translate
from referral.engine.match import Assessment, Explanation, MatchResult
from referral.render.describe import casus_phrases, contact_lines, scale_phrase
from referral.render.text import explanation_lines, footer, hidden_line

BAR_WIDTH = 8
TABLE_MIN_WIDTH = 80


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
    return Panel(text, title=Text(translate("view.casus", lang)), title_align="left", box=box.ROUNDED)


def _offer_cell(item: Assessment, lang: str, now: datetime | None = None) -> Text:
    cell = Text(item.offer.name, style="bold", overflow="fold")
    cell.append("\n" + item.offer.organisation, style="dim")
    for line in contact_lines(item.offer.contact, lang):
        cell.append("\n" + line, style="cyan")
    if now is not None:
        from referral.core.schedule import reachability, reachability_text

        found = reachability(item.offer.contact.schedule, now)
        style = {"open": "bold green", "closed": "yellow"}.get(found.status, "dim")
        cell.append("\n" + reachability_text(found, lang), style=style)
    return cell


def _reasons(item: Assessment, lang: str) -> Text:
    return Text("\n").join(Text(f"• {r.text.get(lang)} ({r.weight:+d})") for r in item.reasons)


class ReferralList:
    """The ranked referrals: a table from 80 columns up, a stacked list on narrower terminals."""

    def __init__(self, items: tuple[Assessment, ...], lang: str, now: datetime | None = None) -> None:
        self.items = items
        self.lang = lang
        self.now = now

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        best = max(item.score for item in self.items)
        if options.max_width >= TABLE_MIN_WIDTH:
            yield self._table(best)
        else:
            yield from self._stacked(best)

    def _table(self, best: int) -> Table:
        lang = self.lang
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True, pad_edge=False)
        table.add_column("#", justify="right", width=2, no_wrap=True)
        table.add_column(translate("view.col.offer", lang), ratio=5)
        table.add_column(translate("view.col.score", lang), width=BAR_WIDTH + 4, no_wrap=True)
        table.add_column(translate("view.col.reasons", lang), ratio=6)
        for item in self.items:
            table.add_row(
                str(item.rank), _offer_cell(item, lang, self.now), score_bar(item.score, best), _reasons(item, lang)
            )
        return table

    def _stacked(self, best: int) -> Iterator[RenderableType]:
        for item in self.items:
            head = Text(f"{item.rank}. ", style="bold")
            head.append_text(score_bar(item.score, best))
            yield head
            yield _offer_cell(item, self.lang, self.now)
            yield _reasons(item, self.lang)
            yield Text("")


def render_match(
    result: MatchResult, lang: str = "nl", top: int | None = None, now: datetime | None = None
) -> RenderableType:
    """The ranked view; with `now`, each offer also says whether it is reachable at that time."""
    shown = result.referrals if not top else result.referrals[:top]
    parts: list[RenderableType] = [Text(translate("view.title", lang), style="bold"), casus_panel(result, lang)]
    if shown:
        parts.append(ReferralList(shown, lang, now))
    else:
        parts.append(Text(translate("view.none", lang), style="bold yellow"))
    parts.append(Text(hidden_line(result, lang, len(shown)), style="dim"))
    parts.append(Text(footer(result, lang, [a.offer for a in shown]), style="dim"))
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
        Panel(body, title=Text(title), title_align="left", box=box.ROUNDED),  # names are text, not markup
        Text(footer(result, lang, [explanation.assessment.offer]), style="dim"),
    )
