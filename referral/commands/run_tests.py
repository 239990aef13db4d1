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

from referral.app.support import Settings, load_settings_ruleset
from referral.core.i18n import register_messages, translate
from referral.core.problems import ExitCode, Problem, ReferralError

register_messages(
    {
        "test.no_paths": (
            "geen testbestanden gevonden; geef een bestand of map (standaard: tests/cases)",
            "no test files found; give a file or folder (default: tests/cases)",
        ),
        "test.pass": ("geslaagd", "passed"),
        "test.fail": ("MISLUKT", "FAILED"),
        "test.came": ("kwam", "came"),
        "test.summary": ("{passed} geslaagd, {failed} mislukt", "{passed} passed, {failed} failed"),
        "test.coverage": (
            "dekking: {rules_hit}/{rules} regels vuurden, {offers_hit}/{offers} aanbod aanbevolen: {percent}%",
            "coverage: {rules_hit}/{rules} rules fired, {offers_hit}/{offers} offers recommended: {percent}%",
        ),
        "test.never_fired": ("regel vuurde in geen enkele casus", "rule fired in no casus"),
        "test.never_referred": ("aanbod in geen enkele casus aanbevolen", "offer recommended in no casus"),
        "test.below_min": (
            "dekking {percent}% is lager dan het minimum {minimum}%",
            "coverage {percent}% is below the minimum {minimum}%",
        ),
    }
)


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
@click.pass_obj
def run_tests(
    settings: Settings, /, paths: tuple[str, ...], show_coverage: bool, min_coverage: float | None, fmt: str
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
    ruleset = load_settings_ruleset(settings)
    problems: list[Problem] = []
    outcomes: list[CaseOutcome] = []
    for path in files:
        try:
            outcomes.extend(run_case(case, ruleset, lang) for case in load_cases(path, str(path)))
        except ReferralError as err:
            problems.extend(err.problems)
    if problems:
        raise ReferralError(problems)

    fired = frozenset(rule for o in outcomes if o.result for rule in o.result.fired)
    referred = frozenset(a.offer.id for o in outcomes if o.result for a in o.result.referrals)
    coverage = Coverage(len(ruleset.rules), len(ruleset.offers), fired, referred)
    failed = [o for o in outcomes if not o.passed]
    below = min_coverage is not None and coverage.percent < min_coverage

    if fmt == "json":
        from referral.render.json_view import dumps, tool_json

        data: dict[str, Any] = {
            "tool": tool_json(),
            "ruleset": {"digest": ruleset.digest},
            "passed": len(outcomes) - len(failed),
            "failed": len(failed),
            "cases": [
                {
                    "name": o.case.name,
                    "file": o.case.file,
                    "line": o.case.line,
                    "passed": o.passed,
                    "failures": list(o.failures),
                }
                for o in outcomes
            ],
            "coverage": {
                "percent": coverage.percent,
                "rules_never_fired": sorted(r.id for r in ruleset.rules if r.id not in fired),
                "offers_never_referred": sorted(o.id for o in ruleset.offers if o.id not in referred),
            },
        }
        click.echo(dumps(data))
    else:
        for outcome in outcomes:
            status = translate("test.pass" if outcome.passed else "test.fail", lang)
            click.echo(f"{outcome.case.where}: {outcome.case.name}: {status}")
            for failure in outcome.failures:
                click.echo(f"    - {failure}")
            if outcome.failures and outcome.result is not None:
                for item in outcome.result.referrals[:5]:
                    reasons = ", ".join(f"{r.rule} {r.weight:+d}" for r in item.reasons)
                    click.echo(
                        f"      {translate('test.came', lang)} {item.rank}. {item.offer.id} ({item.score}): {reasons}"
                    )
        click.echo(translate("test.summary", lang, passed=len(outcomes) - len(failed), failed=len(failed)))
        if show_coverage or min_coverage is not None:
            click.echo(
                translate(
                    "test.coverage",
                    lang,
                    rules_hit=len(fired),
                    rules=len(ruleset.rules),
                    offers_hit=len(referred),
                    offers=len(ruleset.offers),
                    percent=coverage.percent,
                )
            )
        if show_coverage:
            for rule in ruleset.rules:
                if rule.id not in fired:
                    click.echo(f"{rule.location}: {rule.id}: {translate('test.never_fired', lang)}")
            for offer in ruleset.offers:
                if offer.id not in referred:
                    click.echo(f"{offer.location}: {offer.id}: {translate('test.never_referred', lang)}")
        if below:
            click.echo(translate("test.below_min", lang, percent=coverage.percent, minimum=min_coverage), err=True)
    sys.exit(ExitCode.PROBLEMS_FOUND if failed or below else ExitCode.OK)
