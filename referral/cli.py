"""The command line: a thin click layer.

Options become plain objects, the core returns results, renderers chosen by name turn them into
output, and one handler turns user errors into messages and exit code 2. Commands live in
`referral.commands.*` and are imported only when invoked, so that start-up stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

from referral import __version__
from referral.app.support import Settings, guard, readable_stdin
from referral.core.i18n import LANGUAGES

# command name -> "module:attribute"; the module is imported when the command runs.
COMMANDS: dict[str, str] = {
    "match": "referral.commands.match:match",
    "offers": "referral.commands.offers:offers",
    "validate": "referral.commands.validate:validate",
    "batch": "referral.commands.batch:batch",
    "intake": "referral.commands.intake:intake",
    "schema": "referral.commands.schema:schema",
    "test": "referral.commands.run_tests:run_tests",
    "diff": "referral.commands.diff:diff",
    "lint": "referral.commands.lint:lint",
    "gaps": "referral.commands.gaps:gaps",
    "log": "referral.commands.log:log",
}


class ReferralGroup(click.Group):
    """Lazily loaded commands, and one handler for user errors: stderr, exit 2, no traceback."""

    def main(self, args: Any = None, *rest: Any, **options: Any) -> Any:
        """click's own texts (usage, its errors) follow --lang, decided before click parses."""
        import sys

        from referral.commands.click_lang import install, language_of

        install(language_of(list(args) if args is not None else sys.argv[1:]))
        return super().main(args, *rest, **options)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its help texts in the language of --lang."""
        if cmd_name in COMMANDS:
            module_name, attribute = COMMANDS[cmd_name].split(":")
            command = getattr(importlib.import_module(module_name), attribute)
            assert isinstance(command, click.Command)
        else:
            command = super().get_command(ctx, cmd_name)
            if command is None:
                return None
        from referral.commands.help_en import in_language

        return in_language(command, _lang(ctx))

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from referral.commands.help_en import in_language

        shown = in_language(self, _lang(ctx))
        if shown is self:
            super().format_help(ctx, formatter)
        else:
            click.Group.format_help(shown, ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        return guard(
            lambda: super(ReferralGroup, self).invoke(ctx),
            lang=lambda: _lang(ctx),
            command=lambda: ctx.invoked_subcommand,
            debug=bool(ctx.find_root().params.get("debug")),
            passthrough=(click.exceptions.Exit, click.ClickException, click.Abort),
        )


def _lang(ctx: click.Context) -> str:
    obj = ctx.find_root().obj
    if isinstance(obj, Settings):
        return obj.lang
    found = ctx.find_root().params.get("lang")
    if found:
        return str(found)
    from referral.commands.click_lang import INSTALLED  # --help comes before --lang is parsed

    return INSTALLED[0]


@click.group(cls=ReferralGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--rules",
    "rules",
    type=click.Path(),
    help="Map met vocabulary.yaml en regels (standaard: inhoud van Utrecht; of REFERRAL_RULES).",
)
@click.option(
    "--offers",
    "offers",
    type=click.Path(),
    help="Map met aanbod (standaard: inhoud van Utrecht; of REFERRAL_OFFERS).",
)
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="nl",
    show_default=True,
    envvar="REFERRAL_LANG",
    help="Taal van de uitvoer.",
)
@click.option("--debug", is_flag=True, help="Toon de volledige foutmelding bij een interne fout.")
@click.version_option(__version__, prog_name="referral")
@click.pass_context
def main(ctx: click.Context, rules: str | None, offers: str | None, lang: str, debug: bool) -> None:
    """Verwijsadvies bij eenzaamheid voor het netwerk informele zorg Utrecht (NIZU).

    Leest een casus (signalen, geen persoonsgegevens) en geeft gerangschikt aanbod met de
    redenen erbij.
    """
    ctx.obj = Settings(rules=rules, offers=offers, lang=lang, debug=debug)
    readable_stdin()
