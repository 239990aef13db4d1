"""`referral diff`: which offers enter, leave or move in the top N when the content changes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from referral.app.support import Settings, console
from referral.core.i18n import translate
from referral.core.problems import ExitCode


def _change_text(change: Any, lang: str) -> str:
    text = translate(f"diff.{change.kind}", lang, old=change.old_rank, new=change.new_rank)
    rules = translate("diff.rules", lang, rules=", ".join(change.rules)) if change.rules else ""
    return f"{change.offer} {text}" + (f" ({rules})" if rules else "")


@click.command()
@click.option(
    "--against",
    required=True,
    metavar="DIR|GITREF",
    help="De andere versie: map met rules/ en offers/, of een git-referentie.",
)
@click.option(
    "--cases",
    "cases",
    multiple=True,
    type=click.Path(),
    help="Gouden casussen (standaard tests/cases als die bestaat).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=0, max=100_000),
    default=500,
    show_default=True,
    help="Aantal steekproef-casussen.",
)
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Toon details van ten hoogste N casussen.",
)
@click.option("--fail-on-change", is_flag=True, help="Exit 1 als er iets verandert (voor CI).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def diff(
    settings: Settings,
    /,
    against: str,
    cases: tuple[str, ...],
    sample: int,
    top: int,
    limit: int,
    fail_on_change: bool,
    fmt: str,
) -> None:
    """Wat verandert een wijziging in de regels of het aanbod aan de uitkomsten?"""
    from referral.analysis.goldens import case_files, load_cases
    from referral.app.diffing import Probe, content_at, diff_rulesets, sample_casussen, signals_text
    from referral.content.loading import load_ruleset, resolve_dirs

    lang = settings.lang
    current_dirs = resolve_dirs(settings.rules, settings.offers)
    new = load_ruleset(current_dirs)
    with content_at(against, current_dirs) as other_dirs:
        old = load_ruleset(other_dirs)
    case_paths = [Path(c) for c in cases] or [p for p in [Path("tests/cases")] if p.is_dir()]
    probes = [
        Probe(f"{case.where} {case.name}", case.casus)
        for path in case_files(case_paths)
        for case in load_cases(path, str(path))
    ]
    probes += [
        Probe(f"{translate('diff.sample', lang, index=i + 1)}: {signals_text(data)}", data)
        for i, data in enumerate(sample_casussen(new.vocabulary, sample))
    ]
    from referral.core.schedule import today

    report = diff_rulesets(old, new, probes, top, today())
    if fmt == "json":
        from referral.render.json_lines import tool_json
        from referral.render.json_view import dumps

        data = {
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
        click.echo(dumps(data))
    else:
        from rich.table import Table
        from rich.text import Text

        out = console()
        out.print(translate("diff.summary", lang, probes=report.probes, top=top, changed=len(report.diffs)))
        tally = report.tally()
        offers = sorted(set().union(*(set(c) for c in tally.values())))
        if offers:
            table = Table(show_edge=False)
            table.add_column(translate("diff.col.offer", lang))
            for kind in ("entered", "left", "moved"):
                table.add_column(translate(f"diff.col.{kind}", lang), justify="right")
            for offer in offers:
                table.add_row(offer, *(str(tally[kind][offer]) for kind in ("entered", "left", "moved")))
            out.print(table)
        else:
            out.print(translate("diff.none", lang))
        for d in report.diffs[:limit]:
            out.print(Text("\n" + d.probe.label, style="bold"))
            if d.old_error or d.new_error:
                out.print("  " + translate("diff.refused_old" if d.old_error else "diff.refused_new", lang))
            for change in d.changes:
                out.print("  - " + _change_text(change, lang), markup=False)
        if len(report.diffs) > limit:
            out.print("\n" + translate("diff.more", lang, count=len(report.diffs) - limit))
    sys.exit(ExitCode.PROBLEMS_FOUND if fail_on_change and report.diffs else ExitCode.OK)
