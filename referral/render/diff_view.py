"""The views of `referral diff`: per offer how often it entered, left or moved in the top N, and
per casus what changed and which rules did it; or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from referral.core.i18n import translate
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps

if TYPE_CHECKING:  # pragma: no cover
    from referral.app.diffing import DiffReport, OfferChange

KINDS = ("entered", "left", "moved")


def change_text(change: OfferChange, lang: str) -> str:
    text = translate(f"diff.{change.kind}", lang, old=change.old_rank, new=change.new_rank)
    rules = translate("diff.rules", lang, rules=", ".join(change.rules)) if change.rules else ""
    return f"{change.offer} {text}" + (f" ({rules})" if rules else "")


def render_text(report: DiffReport, lang: str = "nl", top: int = 5, limit: int = 20, **_: Any) -> RenderableType:
    parts: list[RenderableType] = [
        Text(translate("diff.summary", lang, probes=report.probes, top=top, changed=len(report.diffs)))
    ]
    tally = report.tally()
    offers = sorted(set().union(*(set(c) for c in tally.values())))
    if offers:
        table = Table(show_edge=False)
        table.add_column(translate("diff.col.offer", lang))
        for kind in KINDS:
            table.add_column(translate(f"diff.col.{kind}", lang), justify="right")
        for offer in offers:
            table.add_row(Text(offer), *(str(tally[kind][offer]) for kind in KINDS))
        parts.append(table)
    else:
        parts.append(Text(translate("diff.none", lang)))
    for d in report.diffs[:limit]:
        parts.append(Text("\n" + d.probe.label, style="bold"))
        if d.old_error or d.new_error:
            parts.append(Text("  " + translate("diff.refused_old" if d.old_error else "diff.refused_new", lang)))
        parts.extend(Text("  - " + change_text(change, lang)) for change in d.changes)
    if len(report.diffs) > limit:
        parts.append(Text("\n" + translate("diff.more", lang, count=len(report.diffs) - limit)))
    return Group(*parts)


def render_json(report: DiffReport, lang: str = "nl", top: int = 5, **_: Any) -> str:
    return dumps(
        {
            "tool": tool_json(),
            "old": {"digest": report.old_digest},
            "new": {"digest": report.new_digest},
            "top": top,
            "probes": report.probes,
            "changed": len(report.diffs),
            "tally": {kind: dict(sorted(counter.items())) for kind, counter in report.tally().items()},
            "diffs": [
                {
                    "casus": d.probe.label,
                    "refused_old": d.old_error,
                    "refused_new": d.new_error,
                    "changes": [
                        {
                            "offer": c.offer,
                            "kind": c.kind,
                            "old_rank": c.old_rank,
                            "new_rank": c.new_rank,
                            "rules": list(c.rules),
                        }
                        for c in d.changes
                    ],
                }
                for d in report.diffs
            ],
        }
    )
