"""`referral match`: the click declaration; the work is in `referral.app.matching` (and the meeting view)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click

from referral.app.support import FORMATS, Settings
from referral.commands.options import format_option, log_db_option, option_value
from referral.core.i18n import translate
from referral.core.problems import Problem, ReferralError

# ctx.meta keys: the quick options made for this command line, and what they were made from.
_ARGS = "referral.match.args"
_PARAMS = "referral.match.quick_params"
_FIELDS = "referral.match.quick_fields"  # param name -> the casus field it fills
_OPTIONS = "referral.match.quick_options"  # casus field -> option name without dashes
_SESSION = "referral.match.session"
_UNREAD = "referral.match.unread"  # why the content could not be read for the options
SHOWN_VALUES = 12  # an option's help lists at most this many values


class QuickOptions(click.Command):
    """`match` with a quick option for every signal of the vocabulary (`--age 80 --severity ernstig`).

    The options are made from the field table of the content the match uses (the working tree's,
    or that of --content-at), when the command line is parsed, so that a signal a maintainer adds
    to rules/vocabulary.yaml has its option without any Python; the content is read once. Content
    that cannot be read gives no quick options and no error while parsing: the match reports its
    problems as always, and a quick option typed then is told that cause, not 'unknown option'.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_ARGS] = list(args)
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption:
            unread = ctx.meta.get(_UNREAD)
            if unread is not None:
                raise unread from None
            raise

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        params = super().get_params(ctx)
        quick = ctx.meta.get(_PARAMS)
        if quick is None:
            quick = ctx.meta[_PARAMS] = _quick_params(ctx)
        at = next((i for i, param in enumerate(params) if param.name == "signals"), len(params))
        return [*params[:at], *quick, *params[at:]]


def _settings(ctx: click.Context) -> Settings:
    """The global options; while completing a command line (no group callback ran) from the
    group's parsed parameters."""
    found = ctx.find_object(Settings)
    if found is not None:
        return found
    from referral.commands.click_lang import INSTALLED

    params = ctx.find_root().params
    lang = params.get("lang") or INSTALLED[0]
    return Settings(rules=params.get("rules"), offers=params.get("offers"), lang=lang, debug=False)


def _quick_params(ctx: click.Context) -> list[click.Parameter]:
    """One option per signal of the vocabulary of the content the match uses."""
    from referral.app.matching import session_for

    settings = _settings(ctx)
    ctx.meta[_FIELDS], ctx.meta[_OPTIONS] = {}, {}
    content_at = None if ctx.resilient_parsing else option_value(ctx.meta.get(_ARGS, ()), "--content-at")
    try:
        session = session_for(settings, content_at)
        table = session.reader.table
    except ReferralError as err:
        ctx.meta[_UNREAD] = err
        if any(arg in ctx.help_option_names for arg in ctx.meta.get(_ARGS, ())):
            click.echo(translate("cli.quick_options_unread", settings.lang), err=True)
        return []
    ctx.meta[_SESSION] = session
    fields: dict[str, str] = {}
    options: dict[str, str] = {}
    params: list[click.Parameter] = []
    for field in table["order"]:
        spec = table["signals"][field]
        name, param = spec["option"], "quick_" + field.replace(".", "__")
        fields[param], options[field] = field, name
        helped = option_help(spec, settings.lang)
        if spec["kind"] == "boolean":
            params.append(click.Option([f"--{name}/--no-{name}", param], default=None, help=helped))
        else:
            metavar = "N" if spec["kind"] == "integer" else translate("cli.option_value", settings.lang)
            # text, also for integers: the casus reader checks the value and never echoes it
            multiple = spec["kind"] == "set"
            params.append(click.Option([f"--{name}", param], multiple=multiple, metavar=metavar, help=helped))
    ctx.meta[_FIELDS], ctx.meta[_OPTIONS] = fields, options
    return params


def option_help(spec: Mapping[str, Any], lang: str) -> str:
    """A quick option's help from its signal: the label and the values (or the range) it takes."""
    which = 1 if lang == "en" else 0
    label = spec["label"][which]
    label = label[:1].upper() + label[1:]
    kind = spec["kind"]
    if kind == "boolean":
        return translate("cli.option_help.boolean", lang, label=label)
    if kind == "integer":
        unit = spec.get("unit")
        span = f"{spec['min']}-{spec['max']}" + (f" {unit[which]}" if unit else "")
        return translate("cli.option_help.integer", lang, label=label, range=span)
    values: Sequence[str] = spec["values"]
    shown = ", ".join(values[:SHOWN_VALUES]) + (", …" if len(values) > SHOWN_VALUES else "")
    return translate(f"cli.option_help.{kind}", lang, label=label, values=shown, also=_also(spec, lang))


def _also(spec: Mapping[str, Any], lang: str) -> str:
    """' (of Nederlands)' where the values have Dutch labels, ' (of een alias)' where only aliases
    ('Vleuten' for Vleuten-De Meern), else nothing."""
    from referral.core.vocabulary import fold

    ids = {fold(value) for value in spec["values"]}
    labels = {fold(text) for pair in spec["labels"].values() for text in pair}
    if labels - ids:
        return translate("cli.option_help.dutch", lang)
    if set(spec["folded"]) - ids - labels:
        return translate("cli.option_help.alias", lang)
    return ""


@click.command(cls=QuickOptions)
@click.argument("casus", nargs=-1, metavar="[CASUS|-|MAP]...")
@format_option(FORMATS)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Toon de eerste N (0: alle).")
@click.option("--explain", metavar="OFFER", help="Waarom staat dit aanbod waar het staat, of waarom niet?")
@click.option(
    "--content-at",
    metavar="GITREF",
    help="Gebruik de regels en het aanbod van deze git-versie (een oud advies reproduceren).",
)
@click.option(
    "--signal",
    "signals",
    multiple=True,
    metavar="NAAM=WAARDE",
    help="Elk signaal van de woordenlijst bij zijn veldnaam: --signal involved=huisarts (lijsten: a,b); herhaalbaar.",
)
@click.option("--title", help="Een titel voor het overleg (geen namen of persoonsgegevens).")
@click.option(
    "--now",
    "now_text",
    metavar="ISO",
    help="Klok voor 'nu bereikbaar', bijv. 2026-04-27T10:00 (standaard: nu; JSON en Markdown alleen met --now).",
)
@click.option(
    "--export",
    nargs=2,
    type=(click.Choice(("html", "svg", "md")), click.Path(dir_okay=False)),
    default=None,
    metavar="html|svg|md PATH",
    help="Schrijf het advies (of het overleg) ook naar een bestand om te delen.",
)
@click.option("--force", is_flag=True, help="Overschrijf een bestaand exportbestand.")
@click.option(
    "--log",
    "log",
    is_flag=True,
    help="Leg de getoonde verwijzingen vast in het verwijslog (alleen signalen) en geef een kenmerk.",
)
@log_db_option
@click.pass_obj
def match(
    settings: Settings,
    /,
    casus: tuple[str, ...],
    fmt: str,
    top: int,
    explain: str | None,
    content_at: str | None,
    now_text: str | None,
    export: tuple[str, str] | None,
    force: bool,
    log: bool,
    db: str | None,
    signals: tuple[str, ...],
    title: str | None,
    **typed: Any,
) -> None:
    """Gerangschikt aanbod voor een casus (bestand, '-' voor stdin, of opties).

    Meerdere casusbestanden of een map (de agenda van een overleg) geven per casus de top 3 en het
    aanbod dat terugkomt.
    """
    from referral.app.matching import MatchRequest, QuickCasus, advice_day, run_match, session_for
    from referral.app.support import is_agenda

    context = click.get_current_context()
    fields: dict[str, str] = context.meta.get(_FIELDS, {})  # param name -> the field it fills
    values = {fields[name]: value for name, value in typed.items() if value is not None and value != ()}
    if title is not None:
        values["title"] = title
    options = {field: "--" + context.meta[_OPTIONS][field] for field in fields.values()}
    quick = QuickCasus(values, signals, {**options, "title": "--title"})

    if is_agenda(casus):
        from referral.core.schedule import parse_now_option

        now = parse_now_option(now_text)  # a bad --now is an error here too
        import referral.app.meeting  # noqa: F401 - registers the meeting's messages used below

        if explain:
            raise ReferralError(Problem.make("meeting.explain"))
        if log:
            raise ReferralError(Problem.make("log.agenda"))
        if quick:
            raise ReferralError(Problem.make("cli.casus_and_flags"))
        from referral.app.meeting import run_meeting

        source = context.get_parameter_source("top")
        run_meeting(
            context.meta.get(_SESSION) or session_for(settings, content_at),
            casus,
            lang=settings.lang,
            fmt=fmt,
            top=3 if source is click.core.ParameterSource.DEFAULT else top,
            day=advice_day(now),
            export=export,
            force=force,
        )
        return
    request = MatchRequest(
        casus_path=casus[0] if casus else None,
        format=fmt,
        top=top,
        explain=explain,
        quick=quick,
        content_at=content_at,
        now_text=now_text,
        export=export,
        force=force,
        log=log,
        db=db,
    )
    run_match(settings, request, context.meta.get(_SESSION))
