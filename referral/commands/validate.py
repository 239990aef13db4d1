"""`referral validate`: all content against its JSON Schemas and cross-references.

Reports every problem at once at file:line:column, plus YAML 1.1 traps as warnings
(`--strict` makes warnings fail too). Never uses the compiled-content cache.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.problems import ExitCode, Problem, ReferralError


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Ook waarschuwingen (YAML-valkuilen) tellen als probleem.")
@click.pass_obj
def validate(settings: Settings, /, fmt: str, strict: bool) -> None:
    """Controleer alle inhoud tegen de JSON Schemas en onderlinge verwijzingen."""
    from referral.content.loading import LoadedContent, load_content, resolve_dirs
    from referral.core.yamlsource import yaml11_traps

    try:
        # Positions as far as a problem needs them: the trap check keeps its own (PartialMarks).
        result = load_content(resolve_dirs(settings.rules, settings.offers), positions=False)
    except ReferralError as err:
        # A missing folder or vocabulary, or a link out of the content, is a finding like any
        # other: reported in the chosen format, exit 1.
        result = LoadedContent(None, tuple(err.problems), ())
    # A trap the schema already reported as an error (with the same hint) is not repeated.
    errors_at = {(p.file, p.line, p.column) for p in result.problems}
    warnings = [
        warning
        for doc in result.documents
        for warning in yaml11_traps(doc)
        if (warning.file, warning.line, warning.column) not in errors_at
    ]
    problems: list[Problem] = sorted([*result.problems, *warnings], key=Problem.sort_key)
    ok = result.ruleset is not None and not (strict and warnings)
    lang = settings.lang
    if fmt == "json":
        from referral.render.json_lines import tool_json
        from referral.render.json_view import dumps

        data: dict[str, Any] = {
            "tool": tool_json(),
            "valid": ok,
            "errors": len(result.problems),
            "warnings": len(warnings),
            "problems": [p.to_json(lang) for p in problems],
        }
        if result.ruleset is not None:
            data["ruleset"] = {
                "digest": result.ruleset.digest,
                "offers": len(result.ruleset.offers),
                "rules": len(result.ruleset.rules),
            }
        click.echo(dumps(data))
    else:
        for problem in problems:
            click.echo(problem.format(lang))
        if result.ruleset is not None:
            offers, rules = len(result.ruleset.offers), len(result.ruleset.rules)
            click.echo(translate("cli.validate_ok", lang, offers=offers, rules=rules, warnings=len(warnings)))
        else:
            click.echo(translate("cli.validate_problems", lang, count=len(result.problems)), err=True)
    sys.exit(ExitCode.OK if ok else ExitCode.PROBLEMS_FOUND)
