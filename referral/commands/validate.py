"""`referral validate`: all content against its JSON Schemas and cross-references."""

from __future__ import annotations

import sys
from typing import Any

import click

from referral.i18n import translate
from referral.problems import ExitCode
from referral.support import Settings


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def validate(settings: Settings, /, fmt: str) -> None:
    """Controleer alle inhoud tegen de JSON Schemas en onderlinge verwijzingen."""
    from referral.content import load_content, resolve_dirs

    result = load_content(resolve_dirs(settings.rules, settings.offers))
    lang = settings.lang
    if fmt == "json":
        from referral.render.json_view import dumps, tool_json

        data: dict[str, Any] = {
            "tool": tool_json(),
            "valid": result.ruleset is not None,
            "problems": [p.to_json(lang) for p in result.problems],
        }
        if result.ruleset is not None:
            data["ruleset"] = {
                "digest": result.ruleset.digest,
                "offers": len(result.ruleset.offers),
                "rules": len(result.ruleset.rules),
            }
        click.echo(dumps(data))
    else:
        for problem in result.problems:
            click.echo(problem.format(lang))
        if result.ruleset is not None:
            offers, rules = len(result.ruleset.offers), len(result.ruleset.rules)
            click.echo(translate("cli.validate_ok", lang, offers=offers, rules=rules))
        else:
            click.echo(translate("cli.validate_problems", lang, count=len(result.problems)), err=True)
    sys.exit(ExitCode.OK if result.ruleset is not None else ExitCode.PROBLEMS_FOUND)
