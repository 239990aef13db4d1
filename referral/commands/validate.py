"""`referral validate`: all content against its JSON Schemas and cross-references.

Reports every problem at once at file:line:column, plus YAML 1.1 traps as warnings
(`--strict` makes warnings fail too). Never uses the compiled-content cache.
"""

from __future__ import annotations

import sys

import click

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.problems import ExitCode


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Ook waarschuwingen (YAML-valkuilen) tellen als probleem.")
@click.pass_obj
def validate(settings: Settings, /, fmt: str, strict: bool) -> None:
    """Controleer alle inhoud tegen de JSON Schemas en onderlinge verwijzingen."""
    from referral.app.support import print_output
    from referral.content.loading import resolve_dirs
    from referral.content.validation import validate as validate_content
    from referral.render.registry import render

    result = validate_content(resolve_dirs(settings.rules, settings.offers), strict)
    print_output(render("validate", fmt, result, lang=settings.lang))
    if fmt == "text" and result.ruleset is None:
        click.echo(translate("cli.validate_problems", settings.lang, count=result.errors), err=True)
    sys.exit(ExitCode.OK if result.ok else ExitCode.PROBLEMS_FOUND)
