"""`referral test`: run golden casus files, with rule and offer coverage.

A failure says which expectation broke, what was expected, what came instead and the reasons
behind what came, so a maintainer can see what an edit did without reading Python.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.problems import ExitCode, Problem, ReferralError

STATUS = {"pass": "test.pass", "fail": "test.fail", "known_gap": "test.known_gap", "gap_closed": "test.gap_closed"}


@dataclass(frozen=True)
class Coverage:
    rules_total: int
    offers_total: int
    rules_fired: frozenset[str]
    offers_referred: frozenset[str]

    @property
    def percent(self) -> float:
        """Rules that fired and offers that were recommended, over all rules and offers."""
        total = self.rules_total + self.offers_total
        hit = len(self.rules_fired) + len(self.offers_referred)
        return round(100.0 * hit / total, 1) if total else 100.0


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

    fired = frozenset(rule for o in outcomes if o.result for rule in o.result.fired)
    referred = frozenset(a.offer.id for o in outcomes if o.result for a in (*o.result.referrals, *o.result.for_asker))
    # Offers that can be advised today count: volunteer recruitment and past events never are.
    from referral.core.schedule import today
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    day = today().toordinal()
    advisable = [o for o in ruleset.offers if ruleset.referable(o) and in_period(plain_period(o.period), day) is None]
    referred = referred & {o.id for o in advisable}
    coverage = Coverage(len(ruleset.rules), len(advisable), fired, referred)
    failed = [o for o in outcomes if not o.ok]
    gaps = [o for o in outcomes if o.status == "known_gap"]
    passed = len(outcomes) - len(failed) - len(gaps)
    below = min_coverage is not None and coverage.percent < min_coverage

    if fmt == "json":
        from referral.render.json_lines import tool_json
        from referral.render.json_view import dumps

        data: dict[str, Any] = {
            "tool": tool_json(),
            "ruleset": {"digest": ruleset.digest},
            "passed": passed,
            "failed": len(failed),
            "known_gaps": len(gaps),
            "cases": [
                {
                    "name": o.case.name,
                    "file": o.case.file,
                    "line": o.case.line,
                    "passed": o.passed,
                    "status": o.status,
                    "known_gap": o.case.known_gap,
                    "failures": list(o.failures),
                }
                for o in outcomes
            ],
            "coverage": {
                "percent": coverage.percent,
                "rules_never_fired": sorted(r.id for r in ruleset.rules if r.id not in fired),
                "offers_never_referred": sorted(o.id for o in advisable if o.id not in referred),
            },
        }
        click.echo(dumps(data))
    else:
        for outcome in outcomes:
            if not verbose and outcome.status == "pass":
                continue  # the summary counts them; --verbose lists them
            status = translate(STATUS[outcome.status], lang)
            click.echo(f"{outcome.case.where}: {outcome.case.name}: {status}")
            if outcome.case.known_gap:
                click.echo(f"    {translate('test.gap_reason', lang, reason=outcome.case.known_gap)}")
            for failure in outcome.failures:
                click.echo(f"    - {failure}")
            if outcome.failures and outcome.result is not None:
                for item in outcome.result.referrals[:5]:
                    reasons = ", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons)
                    click.echo(
                        f"      {translate('test.came', lang)} {item.rank}. {item.offer.id} ({item.score}): {reasons}"
                    )
        if gaps:
            click.echo(translate("test.summary_gaps", lang, passed=passed, failed=len(failed), gaps=len(gaps)))
        else:
            click.echo(translate("test.summary", lang, passed=passed, failed=len(failed)))
        if show_coverage or min_coverage is not None:
            click.echo(
                translate(
                    "test.coverage",
                    lang,
                    rules_hit=len(fired),
                    rules=len(ruleset.rules),
                    offers_hit=len(referred),
                    offers=coverage.offers_total,
                    percent=coverage.percent,
                )
            )
        if show_coverage:
            for rule in ruleset.rules:
                if rule.id not in fired:
                    click.echo(f"{rule.location}: {rule.id}: {translate('test.never_fired', lang)}")
            for offer in advisable:
                if offer.id not in referred:
                    click.echo(f"{offer.location}: {offer.id}: {translate('test.never_referred', lang)}")
        if below:
            click.echo(translate("test.below_min", lang, percent=coverage.percent, minimum=min_coverage), err=True)
    sys.exit(ExitCode.PROBLEMS_FOUND if failed or below else ExitCode.OK)
