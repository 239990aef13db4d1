"""`referral test`: run golden casus files, with rule and offer coverage.

A failure says which expectation broke, what was expected, what came instead and the reasons
behind what came, so a maintainer can see what an edit did without reading Python.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.problems import ExitCode, Problem, ReferralError


@click.command(name="test")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--coverage", "show_coverage", is_flag=True, help="Toon regels en aanbod die geen casus raakt.")
@click.option("--min-coverage", type=click.FloatRange(0, 100), help="Faal (exit 1) onder dit percentage dekking.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--verbose", "-v", is_flag=True, help="Toon elke casus, ook de geslaagde.")
@click.pass_obj
def run_tests(
    settings: Settings,
    /,
    paths: tuple[str, ...],
    show_coverage: bool,
    min_coverage: float | None,
    fmt: str,
    verbose: bool,
) -> None:
    """Draai gouden casussen (casus + verwachtingen) tegen de regels."""
    from referral.analysis.goldens import CaseOutcome, case_files, load_cases, run_case

    lang = settings.lang
    chosen = [Path(p) for p in paths] or [Path("tests/cases")]
    missing = [p for p in chosen if not p.exists()]
    if missing:
        raise ReferralError([Problem.make("file.missing", file=str(p)) for p in missing])
    files = case_files(chosen)
    if not files:
        raise ReferralError(Problem.make("test.no_paths"))
    from referral.app.session import Session

    session = Session.of(settings.rules, settings.offers)
    ruleset = session.ruleset
    problems: list[Problem] = []
    outcomes: list[CaseOutcome] = []
    for path in files:
        try:
            outcomes.extend(run_case(case, session, lang) for case in load_cases(path, str(path)))
        except ReferralError as err:
            problems.extend(err.problems)
    if problems:
        raise ReferralError(problems)

    from referral.analysis.goldens import summarize
    from referral.app.support import print_output
    from referral.render.registry import render

    run = summarize(outcomes, ruleset, min_coverage)
    print_output(render("test", fmt, run, lang=lang, verbose=verbose, show_coverage=show_coverage))
    if run.below and fmt == "text":
        click.echo(translate("test.below_min", lang, percent=run.coverage.percent, minimum=min_coverage), err=True)
    sys.exit(ExitCode.PROBLEMS_FOUND if run.failed or run.below else ExitCode.OK)
