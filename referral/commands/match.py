"""`referral match`: ranked, explained referrals for a casus."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from referral.problems import Problem, ReferralError
from referral.support import FORMATS, Settings, console, load_settings_ruleset, shown_id

if TYPE_CHECKING:  # pragma: no cover
    from referral.casus import Casus
    from referral.model import Ruleset


@dataclass(frozen=True)
class MatchOptions:
    casus_path: str | None
    format: str
    top: int
    explain: str | None
    flags: dict[str, Any]


def flags_to_casus(flags: dict[str, Any]) -> dict[str, Any]:
    """The quick-casus options as a casus mapping (validated exactly like a file)."""
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


def read_casus_document(path: str) -> Any:
    """A casus file, or '-' for standard input (YAML, or JSON when it starts with '{')."""
    from pathlib import Path

    from referral.limits import MAX_FILE_BYTES
    from referral.yamlsource import decode_text, load_file, parse_json, parse_yaml

    if path != "-":
        return load_file(Path(path), path)
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReferralError(Problem.make("file.too_large", file="<stdin>", limit=MAX_FILE_BYTES))
    text = decode_text(data, "<stdin>")
    if not text.strip():
        raise ReferralError(Problem.make("cli.stdin_empty", file="<stdin>"))
    return parse_json(text, "<stdin>") if text.lstrip().startswith("{") else parse_yaml(text, "<stdin>")


def read_casus(options: MatchOptions, ruleset: Ruleset) -> Casus:
    from referral.casus import casus_from_mapping, parse_casus

    quick = flags_to_casus(options.flags)
    if options.casus_path is None:
        return casus_from_mapping(quick, ruleset)
    if quick:
        raise ReferralError(Problem.make("cli.casus_and_flags"))
    simple = simple_casus_document(options.casus_path)
    if simple is not None:
        try:
            return parse_casus(simple, ruleset)
        except ReferralError:
            pass  # read it again with the YAML parser, so that every problem gets its position
    return parse_casus(read_casus_document(options.casus_path), ruleset)


def simple_casus_document(path: str) -> Any:
    """An everyday casus file read without PyYAML (the compiled route's reader), else None.

    Saves importing PyYAML on a cached `match`; anything unusual goes to the full reader.
    """
    if path == "-":
        return None
    import os

    from referral.compiled import read_small_text, simple_document
    from referral.yamlsource import Document

    text = read_small_text(path)
    if text is None:
        return None
    value = simple_document(text, "json" if os.path.splitext(path)[1].lower() == ".json" else "yaml")
    return None if value is None else Document(file=path, value=value, marks={})


def load_ruleset_at(settings: Settings, ref: str) -> Ruleset:
    """The content as it was at a git ref, named by that commit in the output."""
    import dataclasses

    from referral.content import load_ruleset, resolve_dirs
    from referral.diffing import commit_of_export, content_at

    with content_at(ref, resolve_dirs(settings.rules, settings.offers)) as dirs:
        ruleset = load_ruleset(dirs)
        return dataclasses.replace(ruleset, commit=commit_of_export(dirs), root="")


def check_offer_id(ruleset: Ruleset, offer_id: str) -> None:
    from referral.vocabulary import suggest

    if ruleset.offer(offer_id) is None:
        guess = suggest(offer_id, [o.id for o in ruleset.offers])
        raise ReferralError(
            Problem.make(
                "cli.unknown_offer",
                id=shown_id(offer_id),
                suggestion=guess,
            )
        )


@click.command()
@click.argument("casus", nargs=-1, metavar="[CASUS|-|MAP]...")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="rich", show_default=True)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Toon de eerste N (0: alle).")
@click.option("--explain", metavar="OFFER", help="Waarom staat dit aanbod waar het staat, of waarom niet?")
@click.option(
    "--content-at",
    metavar="GITREF",
    help="Gebruik de regels en het aanbod van deze git-versie (een oud advies reproduceren).",
)
@click.option("--audience", help="client of helper (wie vraagt).")
@click.option("--age", help="Leeftijd in jaren.")  # text: the casus parser checks it, never echoing it
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
    **flags: Any,
) -> None:
    """Gerangschikt aanbod voor een casus (bestand, '-' voor stdin, of opties).

    Meerdere casusbestanden of een map (de agenda van een overleg) geven per casus de top 3 en het
    aanbod dat terugkomt.
    """
    fast = not (explain or content_at or now_text or export or force or flags_to_casus(flags))
    if fmt == "json" and len(casus) == 1 and fast:  # the cold start at the meeting table: cached content
        from referral.compiled import quick_match_json

        text = quick_match_json(settings.rules, settings.offers, casus[0], settings.lang, top)
        if text is not None:
            click.echo(text)
            return
    from referral.commands.meeting import check_export_target
    from referral.schedule import parse_now_option
    from referral.support import is_agenda

    now = parse_now_option(now_text)
    if is_agenda(casus):
        import referral.meeting  # noqa: F401 - registers the meeting's messages used below

        if explain:
            raise ReferralError(Problem.make("meeting.explain"))
        if flags_to_casus(flags):
            raise ReferralError(Problem.make("cli.casus_and_flags"))
        from referral.commands.meeting import run_meeting

        source = click.get_current_context().get_parameter_source("top")
        run_meeting(
            load_ruleset_at(settings, content_at) if content_at else load_settings_ruleset(settings),
            casus,
            lang=settings.lang,
            fmt=fmt,
            top=3 if source is click.core.ParameterSource.DEFAULT else top,
            export=export,
            force=force,
        )
        return
    options = MatchOptions(casus_path=casus[0] if casus else None, format=fmt, top=top, explain=explain, flags=flags)
    if options.casus_path is None and not flags_to_casus(flags):
        raise ReferralError(Problem.make("cli.no_casus"))
    check_export_target(export, force)
    ruleset = load_ruleset_at(settings, content_at) if content_at else load_settings_ruleset(settings)
    if options.explain:
        check_offer_id(ruleset, options.explain)
    casus_value = read_casus(options, ruleset)

    from referral.engine import explain as explain_offer
    from referral.engine import match as run_match

    result = run_match(casus_value, ruleset)
    lang = settings.lang
    if options.explain:
        explanation = explain_offer(result, options.explain)
        assert explanation is not None  # the id was checked above
        if fmt == "json":
            from referral.render.json_view import dumps, explain_json

            click.echo(dumps(explain_json(result, explanation, lang)))
        elif fmt == "markdown":
            from referral.render.markdown_view import explain_markdown

            click.echo(explain_markdown(result, explanation, lang), nl=False)
        else:
            from referral.render.rich_view import render_explain

            console().print(render_explain(result, explanation, lang))
        if export is not None:
            from referral.commands.meeting import write_export
            from referral.render.markdown_view import explain_markdown
            from referral.render.rich_view import render_explain

            write_export(
                export,
                force,
                lambda: render_explain(result, explanation, lang),
                lambda: explain_markdown(result, explanation, lang),
            )
        return
    # The rich view is read live: reachability at --now or the current time. JSON and Markdown
    # are documents (byte-identical for the same inputs): reachability only with an explicit --now.
    from referral.schedule import local

    view_now = now or local()

    def rich_view() -> Any:
        from referral.render.rich_view import render_match

        return render_match(result, lang, options.top, now=view_now)

    def markdown() -> str:
        from referral.render.markdown_view import match_markdown

        return match_markdown(result, lang, options.top, now=now)

    if fmt == "json":
        from referral.render.json_view import dumps, match_json

        click.echo(dumps(match_json(result, lang, options.top, now=now)))
    elif fmt == "markdown":
        click.echo(markdown(), nl=False)
    else:
        console().print(rich_view())
    if export is not None:
        from referral.commands.meeting import write_export

        write_export(export, force, rich_view, markdown)
