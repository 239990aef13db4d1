"""The views of `referral offers --stale`, the maintainer's work list (analysis.worklist)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from referral.analysis.worklist import WorkItem, WorkList
from referral.core.i18n import translate
from referral.render.describe import clean
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps, ruleset_json
from referral.render.rich_view import INDENT, indented, marked


def _age_text(item: WorkItem, lang: str) -> str:
    if item.newest_source is None:
        return translate("stale.undated", lang)
    return translate(
        "stale.sources",
        lang,
        newest=item.newest_source.isoformat(),
        oldest=(item.oldest_source or item.newest_source).isoformat(),
        count=len(item.offer.sources),
    )


def render_rich(work: WorkList, lang: str = "nl", **_: Any) -> RenderableType:
    items, day = work.items, work.day
    if not items:
        return Text(translate("stale.none", lang, today=day.isoformat()), style="bold green")
    blocks: list[RenderableType] = [Text(translate("stale.title", lang, today=day.isoformat()), style="bold")]
    for number, item in enumerate(items, 1):
        mark = " ⚠" if item.marked else ""
        blocks.append(Text(f"{number}. {clean(item.offer.name)}{mark}", style="bold"))
        # the place whole on its line, as a web address is: a file:line:column to copy
        blocks.append(Text(f"{INDENT}{item.offer.id} · {item.where}", style="dim", no_wrap=True, overflow="ignore"))
        blocks.append(indented(_age_text(item, lang)))
        for finding in item.findings:
            style = "yellow" if finding.check == "offer-to-review" else ""
            blocks.append(marked("• ", [f"[{finding.check}] {clean(finding.message(lang))}"], style=style))
        blocks.append(Text(""))
    to_review = sum(1 for item in items if item.marked)
    blocks.append(Text(translate("stale.count", lang, count=len(items), marked=to_review), style="dim"))
    return Group(*blocks)


def render_markdown(work: WorkList, lang: str = "nl", **_: Any) -> str:
    items, day = work.items, work.day
    lines = [f"## {translate('stale.title', lang, today=day.isoformat())}", ""]
    if not items:
        lines.append(translate("stale.none", lang, today=day.isoformat()))
    for number, item in enumerate(items, 1):
        mark = " ⚠" if item.marked else ""
        lines.append(
            f"{number}. **{item.offer.name}**{mark} (`{item.offer.id}`, `{item.where}`) — {_age_text(item, lang)}"
        )
        lines.extend(f"   - `{finding.check}`: {finding.message(lang)}" for finding in item.findings)
    if items:
        marked = sum(1 for item in items if item.marked)
        lines += ["", translate("stale.count", lang, count=len(items), marked=marked)]
    lines.append("")
    return "\n".join(lines)


def render_json(work: WorkList, lang: str = "nl", **_: Any) -> str:
    ruleset, items, day = work.ruleset, work.items, work.day
    return dumps(
        {
            "tool": tool_json(),
            "ruleset": ruleset_json(ruleset),
            "today": day.isoformat(),
            "items": [
                {
                    "id": item.offer.id,
                    "name": item.offer.name,
                    "file": item.offer.location.file,
                    "line": item.offer.location.line,
                    "newest_source": item.newest_source.isoformat() if item.newest_source else None,
                    "oldest_source": item.oldest_source.isoformat() if item.oldest_source else None,
                    "sources": len(item.offer.sources),
                    "marked_for_review": item.marked,
                    "review": item.offer.review,
                    "reviewed": item.offer.reviewed,
                    "findings": [finding.to_json(lang) for finding in item.findings],
                }
                for item in items
            ],
        }
    )
