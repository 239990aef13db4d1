"""`referral lint`: what the content means, checked for every casus; findings with a fix."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.problems import ExitCode, Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from referral.analysis.lint import Finding, LintReport
    from referral.core.model import Ruleset


def parse_today(value: str | None) -> dt.date:
    """--today, or the real date; a bad date is a usage error (exit 2)."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ReferralError(
            Problem.make("lint.cli.bad_today", value=value[:20], hint="lint.cli.bad_today.hint")
        ) from None


def finding_lines(finding: Finding, lang: str) -> list[str]:
    """'file:line:col: fout [id] message' and an indented fix hint (and reason, if silenced)."""
    severity = translate(f"lint.severity.{finding.severity}", lang)
    lines = [f"{finding.location}: {severity} [{finding.check}] {finding.message(lang)}"]
    lines.append(f"    {translate('lint.hint_prefix', lang)}: {finding.hint(lang)}")
    if finding.silenced is not None:
        lines.append(f"    {translate('lint.silenced_reason', lang, reason=finding.silenced)}")
    return lines


def render_text(report: LintReport, lang: str, show_silenced: bool, show_info: bool = False) -> str:
    """Errors and warnings in file and line order; info findings one line per check with a count
    (all of them with `show_info`); then (optionally) the silenced ones, then a summary."""
    lines: list[str] = []
    infos: dict[str, int] = {}
    for finding in report.findings:
        if finding.severity == "info" and not show_info:
            infos[finding.check] = infos.get(finding.check, 0) + 1
            continue
        lines.extend(finding_lines(finding, lang))
    if infos:
        lines.append("")
        lines.append(translate("lint.info_header", lang))
        for check, count in sorted(infos.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {translate('lint.info_count', lang, check=check, count=count)}")
    if show_silenced and report.silenced:
        lines.append("")
        lines.append(translate("lint.silenced_header", lang))
        for finding in report.silenced:
            lines.extend(finding_lines(finding, lang))
    if lines:
        lines.append("")
    if not report.findings and not report.silenced:
        lines.append(translate("lint.cli.clean", lang))
    lines.append(summary(report, lang))
    return "\n".join(lines)


def summary(report: LintReport, lang: str) -> str:
    return translate(
        "lint.summary",
        lang,
        errors=report.count("error"),
        warnings=report.count("warning"),
        infos=report.count("info"),
        silenced=len(report.silenced),
    )


def render_json(report: LintReport, ruleset: Ruleset, lang: str, show_silenced: bool) -> dict[str, Any]:
    from referral.render.json_lines import tool_json
    from referral.render.json_view import ruleset_json

    data: dict[str, Any] = {
        "tool": tool_json(),
        "ruleset": ruleset_json(ruleset),
        "today": report.today.isoformat(),
        "max_age_months": report.max_age_months,
        "summary": {
            "error": report.count("error"),
            "warning": report.count("warning"),
            "info": report.count("info"),
            "silenced": len(report.silenced),
        },
        "findings": [finding.to_json(lang) for finding in report.findings],
    }
    if show_silenced:
        data["silenced"] = [finding.to_json(lang) for finding in report.silenced]
    return data


F = TypeVar("F", bound=Callable[..., Any])


def _months(name: str, default: int, help_text: str) -> Callable[[F], F]:
    """An age limit in months (1 to 100 years) for one of lint's staleness checks."""
    option: Callable[[F], F] = click.option(
        name, type=click.IntRange(min=1, max=1200), default=default, show_default=True, help=help_text
    )
    return option


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_months("--max-age-months", 12, "Aanbod dat langer geleden is gecontroleerd ('reviewed') is verouderd.")
@_months("--max-source-age-months", 24, "Aanbod waarvan de nieuwste bron ouder is, is mogelijk achterhaald.")
@_months(
    "--max-capacity-age-months",
    3,
    "Een opgegeven capaciteit (vol, wachtlijst, plek vrij) die ouder is, is mogelijk achterhaald.",
)
@click.option("--today", metavar="JJJJ-MM-DD", help="Rekenen met deze datum als vandaag (voor tests en CI).")
@click.option("--strict", is_flag=True, help="Ook bij waarschuwingen exitcode 1.")
@click.option("--show-silenced", is_flag=True, help="Toon ook de onderdrukte bevindingen, met hun reden.")
@click.option(
    "--show",
    "show",
    type=click.Choice(["info"]),
    help="Toon ook elke info-bevinding (standaard: per soort met een aantal).",
)
@click.pass_obj
def lint(
    settings: Settings,
    /,
    fmt: str,
    max_age_months: int,
    max_source_age_months: int,
    max_capacity_age_months: int,
    today: str | None,
    strict: bool,
    show_silenced: bool,
    show: str | None,
) -> None:
    """Vind regels die nooit vuren of elkaar overlappen, onbereikbaar of verouderd aanbod, en meer.

    Exitcode 1 bij fouten (met --strict ook bij waarschuwingen). Een bevinding is te onderdrukken
    in de YAML van de regel of het aanbod: lint: {offer-stale: "reden"}.
    """
    from referral.analysis.lint import lint as run_lint
    from referral.content.loading import load_content, resolve_dirs
    from referral.core.gc_pause import paused_for_the_command

    with paused_for_the_command():  # see referral.core.gc_pause
        day = parse_today(today)
        loaded = load_content(resolve_dirs(settings.rules, settings.offers))
        if loaded.ruleset is None:
            raise ReferralError(list(loaded.problems))
        report = run_lint(
            loaded.ruleset,
            documents=loaded.documents,
            today=day,
            max_age_months=max_age_months,
            max_source_age_months=max_source_age_months,
            max_capacity_age_months=max_capacity_age_months,
        )
        lang = settings.lang
        if fmt == "json":
            from referral.render.json_view import dumps

            click.echo(dumps(render_json(report, loaded.ruleset, lang, show_silenced)))
        else:
            click.echo(render_text(report, lang, show_silenced, show_info=show == "info"))
        sys.exit(ExitCode.PROBLEMS_FOUND if report.failed(strict) else ExitCode.OK)
