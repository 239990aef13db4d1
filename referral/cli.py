"""The command line: a thin click layer. Options become plain objects, the core returns results,
renderers chosen by name turn them into output, and one handler turns user errors into
messages and exit code 2.
"""

from __future__ import annotations

import sys
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from referral import __version__
from referral.i18n import LANGUAGES, translate
from referral.problems import ExitCode, Problem, ReferralError

FORMATS = ("rich", "json", "markdown")
INTERNAL_ERROR = 3


@dataclass(frozen=True)
class Settings:
    """Global options, parsed once and handed to every command."""

    rules: str | None
    offers: str | None
    lang: str
    debug: bool


def fail(problems: list[Problem], lang: str) -> NoReturn:
    for problem in problems:
        click.echo(problem.format(lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


class ReferralGroup(click.Group):
    """Routes every user error to one handler: message on stderr, exit 2, no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReferralError as err:
            fail(err.problems, _lang(ctx))
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as err:
            if "--debug" in sys.argv or ctx.find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(translate("cli.internal_error", _lang(ctx), kind=type(err).__name__), err=True)
            sys.exit(INTERNAL_ERROR)


def _lang(ctx: click.Context) -> str:
    obj = ctx.find_root().obj
    if isinstance(obj, Settings):
        return obj.lang
    return str(ctx.find_root().params.get("lang") or "nl")


@click.group(cls=ReferralGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--rules",
    "rules",
    type=click.Path(),
    help="Map met vocabulary.yaml en regels (standaard: inhoud van Utrecht; of REFERRAL_RULES).",
)
@click.option(
    "--offers", "offers", type=click.Path(), help="Map met aanbod (standaard: inhoud van Utrecht; of REFERRAL_OFFERS)."
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


def _ruleset(settings: Settings) -> Any:
    from referral.content import load_ruleset, resolve_dirs

    return load_ruleset(resolve_dirs(settings.rules, settings.offers))


def _console(stream: IO[str] | None = None) -> Any:
    from rich.console import Console

    return Console(file=stream, highlight=False, soft_wrap=False)


# --- match -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchOptions:
    casus_path: str | None
    format: str
    top: int
    explain: str | None
    flags: dict[str, Any]


def _flags_to_casus(flags: dict[str, Any]) -> dict[str, Any]:
    """The quick-casus options as a casus mapping (same validation as a file)."""
    casus: dict[str, Any] = {}
    loneliness: dict[str, Any] = {}
    for name, value in flags.items():
        if value is None or value == ():
            continue
        if name in ("social", "emotional", "severity"):
            loneliness[name] = value
        else:
            casus[name] = list(value) if isinstance(value, tuple) else value
    if loneliness:
        casus["loneliness"] = loneliness
    return casus


def _read_casus(options: MatchOptions, ruleset: Any) -> Any:
    from referral.casus import casus_from_mapping, parse_casus
    from referral.yamlsource import decode_text, load_file, parse_json, parse_yaml

    quick = _flags_to_casus(options.flags)
    if options.casus_path is None:
        return casus_from_mapping(quick, ruleset)
    if quick:
        raise ReferralError(Problem.make("cli.casus_and_flags"))
    if options.casus_path == "-":
        data = sys.stdin.buffer.read(2 * 1024 * 1024 + 1)
        text = decode_text(data, "<stdin>")
        if not text.strip():
            raise ReferralError(Problem.make("cli.stdin_empty", file="<stdin>"))
        doc = parse_json(text, "<stdin>") if text.lstrip().startswith("{") else parse_yaml(text, "<stdin>")
    else:
        doc = load_file(Path(options.casus_path), options.casus_path)
    return parse_casus(doc, ruleset)


def _check_offer_id(ruleset: Any, offer_id: str) -> None:
    from referral.vocabulary import suggest

    if ruleset.offer(offer_id) is None:
        guess = suggest(offer_id, [o.id for o in ruleset.offers])
        raise ReferralError(
            Problem.make(
                "cli.unknown_offer",
                id=offer_id,
                hint="hint.did_you_mean" if guess else None,
                hint_args={"suggestion": guess},
            )
        )


@main.command()
@click.argument("casus", required=False, metavar="CASUS|-")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Toon de eerste N (0: alle).")
@click.option("--explain", metavar="OFFER", help="Waarom staat dit aanbod waar het staat, of waarom niet?")
@click.option("--audience", help="client of helper (wie vraagt).")
@click.option("--age", type=int, help="Leeftijd in jaren.")
@click.option("--wijk", help="Wijk (aliassen als 'Vleuten' mogen).")
@click.option("--household", help="single, single_parent, couple, family, shared, institution (of Nederlands).")
@click.option("--migration", "migration_background", help="Migratieachtergrond.")
@click.option("--language", "languages", multiple=True, help="Taal (ISO 639-1); herhaalbaar.")
@click.option("--social/--no-social", default=None, help="Sociaal eenzaam (of niet).")
@click.option("--emotional/--no-emotional", default=None, help="Emotioneel eenzaam (of niet).")
@click.option("--severity", help="none, moderate, severe, very_severe (of matig, ernstig, ...).")
@click.option("--event", "life_events", multiple=True, help="Levensgebeurtenis; herhaalbaar.")
@click.option("--mobility", help="ok, limited, housebound.")
@click.option("--prefer", "preferences", multiple=True, help="Voorkeur; herhaalbaar.")
@click.pass_obj
def match(settings: Settings, /, casus: str | None, fmt: str, top: int, explain: str | None, **flags: Any) -> None:
    """Gerangschikt aanbod voor een casus (bestand, '-' voor stdin, of opties)."""
    options = MatchOptions(casus_path=casus, format=fmt, top=top, explain=explain, flags=flags)
    if options.casus_path is None and not _flags_to_casus(flags):
        raise ReferralError(Problem.make("cli.no_casus"))
    ruleset = _ruleset(settings)
    if options.explain:
        _check_offer_id(ruleset, options.explain)
    casus_value = _read_casus(options, ruleset)

    from referral.engine import explain as explain_offer
    from referral.engine import match as run_match

    result = run_match(casus_value, ruleset)
    lang = settings.lang
    if options.explain:
        explanation = explain_offer(result, options.explain)
        assert explanation is not None  # checked above
        if fmt == "json":
            from referral.render.json_view import dumps, explain_json

            click.echo(dumps(explain_json(result, explanation, lang)))
        elif fmt == "markdown":
            from referral.render.markdown_view import explain_markdown

            click.echo(explain_markdown(result, explanation, lang), nl=False)
        else:
            from referral.render.rich_view import render_explain

            _console().print(render_explain(result, explanation, lang))
        return
    if fmt == "json":
        from referral.render.json_view import dumps, match_json

        click.echo(dumps(match_json(result, lang, options.top)))
    elif fmt == "markdown":
        from referral.render.markdown_view import match_markdown

        click.echo(match_markdown(result, lang, options.top), nl=False)
    else:
        from referral.render.rich_view import render_match

        _console().print(render_match(result, lang, options.top))


# --- offers ------------------------------------------------------------------------------


@main.command()
@click.argument("query", required=False)
@click.option("--wijk", help="Alleen aanbod dat in deze wijk beschikbaar is (stedelijk en wijkgericht).")
@click.option("--audience", type=click.Choice(["client", "helper"]), help="Alleen aanbod voor deze doelgroep.")
@click.option("--tag", "tags", multiple=True, help="Alleen aanbod met deze tag; herhaalbaar.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True)
@click.pass_obj
def offers(
    settings: Settings, /, query: str | None, wijk: str | None, audience: str | None, tags: tuple[str, ...], fmt: str
) -> None:
    """De sociale kaart: zoek en filter het aanbod."""
    from referral.sociale_kaart import (
        OfferQuery,
        render_offers_json,
        render_offers_markdown,
        render_offers_rich,
        search,
    )

    ruleset = _ruleset(settings)
    found = search(ruleset, OfferQuery(text=query, wijk=wijk, audience=audience, tags=tags))
    if fmt == "json":
        from referral.render.json_view import dumps

        click.echo(dumps(render_offers_json(ruleset, found, settings.lang)))
    elif fmt == "markdown":
        click.echo(render_offers_markdown(ruleset, found, settings.lang), nl=False)
    else:
        _console().print(render_offers_rich(ruleset, found, settings.lang))


# --- validate ----------------------------------------------------------------------------


@main.command()
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
            click.echo(
                translate("cli.validate_ok", lang, offers=len(result.ruleset.offers), rules=len(result.ruleset.rules))
            )
        else:
            click.echo(translate("cli.validate_problems", lang, count=len(result.problems)), err=True)
    sys.exit(ExitCode.OK if result.ruleset is not None else ExitCode.PROBLEMS_FOUND)
