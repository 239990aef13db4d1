"""`referral diff`: which offers enter, leave or move in the top N when the content changes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.problems import ExitCode


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
    from referral.app.support import print_output
    from referral.render.registry import render

    print_output(render("diff", fmt, report, lang=lang, top=top, limit=limit))
    sys.exit(ExitCode.PROBLEMS_FOUND if fail_on_change and report.diffs else ExitCode.OK)
