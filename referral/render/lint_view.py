"""The views of `referral lint`: findings as text lines with positions and hints, or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from referral.core.i18n import translate
from referral.render.json_lines import tool_json
from referral.render.json_view import dumps, ruleset_json

if TYPE_CHECKING:  # pragma: no cover
    from referral.analysis.lint import Finding, LintReport
    from referral.core.model import Ruleset


def finding_lines(finding: Finding, lang: str) -> list[str]:
    """'file:line:col: fout [id] message' and an indented fix hint (and reason, if silenced)."""
    severity = translate(f"lint.severity.{finding.severity}", lang)
    lines = [f"{finding.location}: {severity} [{finding.check}] {finding.message(lang)}"]
    lines.append(f"    {translate('lint.hint_prefix', lang)}: {finding.hint(lang)}")
    if finding.silenced is not None:
        lines.append(f"    {translate('lint.silenced_reason', lang, reason=finding.silenced)}")
    return lines


def render_text(
    report: LintReport, lang: str = "nl", show_silenced: bool = False, show_info: bool = False, **_: Any
) -> str:
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


def render_json(
    report: LintReport, lang: str = "nl", *, ruleset: Ruleset, show_silenced: bool = False, **_: Any
) -> str:
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
    return dumps(data)
