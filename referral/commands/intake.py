"""`referral intake`: the guided phone intake, then the ranked view, "why not?", save, Markdown.

Only terminal I/O lives here; the interview is `referral.app.intake.Intake`, a pure state machine.
Ctrl-C leaves at any moment with one line on stderr and exit code 130; so does end of input
(Ctrl-D) during the interview. After the advice is shown, end of input answers the remaining
questions with Enter. Nothing is written before the very end, and a save is all or nothing.
Typed free text is never printed back: feedback names vocabulary values and offer ids only.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from referral.app.support import Settings, console
from referral.commands.options import log_db_option
from referral.core.i18n import translate
from referral.core.problems import ExitCode, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from datetime import datetime

    from referral.app.referral_log import ReferralLog
    from referral.app.session import Session
    from referral.engine.result import MatchResult

PROMPT = "> "


class _Done(Exception):
    """End of input after the advice: take Enter for every remaining question."""


def _reader(interview: bool) -> Callable[[], str]:
    """input() with line editing where the terminal has it; no history is written anywhere."""
    if sys.stdin.isatty():
        with contextlib.suppress(ImportError):  # not on Windows
            import readline  # noqa: F401  (arrow keys and Ctrl-A/E in input())

    def read() -> str:
        try:
            return input(PROMPT)
        except EOFError:
            if interview:
                raise
            raise _Done from None

    return read


@click.command()
@click.option(
    "--save",
    "save_path",
    type=click.Path(dir_okay=False),
    metavar="PATH",
    help="Sla de casus aan het eind op (alleen signalen; .json of anders YAML).",
)
@click.option("--markdown", is_flag=True, help="Toon aan het eind het advies als Markdown voor het dossier.")
@click.option("--force", is_flag=True, help="Overschrijf een bestaand bestand bij opslaan.")
@click.option(
    "--now", "now_text", metavar="ISO", help="Klok voor 'nu bereikbaar', bijv. 2026-04-27T10:00 (standaard: nu)."
)
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Toon de eerste N (0: alle).")
@click.option(
    "--log",
    "log",
    is_flag=True,
    help="Vraag aan het eind of de verwijzing in het verwijslog moet (alleen signalen; standaard nee).",
)
@log_db_option
@click.pass_obj
def intake(
    settings: Settings,
    /,
    save_path: str | None,
    markdown: bool,
    force: bool,
    now_text: str | None,
    top: int,
    log: bool,
    db: str | None,
) -> None:
    """Begeleide intake aan de telefoon: vragen, advies, 'waarom niet?', opslaan."""
    from referral.core.schedule import local, parse_now_option

    lang = settings.lang
    now = local(parse_now_option(now_text))
    if save_path is not None:  # checked before the call starts, not after it
        from referral.core.safe_write import check_target

        check_target(Path(save_path), force=force)
    referral_log = None
    if log:  # opened before the call starts too: a log that cannot be written is said at once
        from referral.app.referral_log import ReferralLog, db_path

        referral_log = ReferralLog.open(db_path(db), create=True)
    from referral.app.session import Session

    session = Session.of(settings.rules, settings.offers)
    saved: list[str] = []
    try:
        mapping, result = _interview(session, lang, top, now)
        shown = _after(mapping, result, lang, top, now, save_path, markdown, force, saved)
        if referral_log is not None:
            _ask_log(referral_log, result, shown, now, lang)
    except (KeyboardInterrupt, EOFError):
        _abort(lang, saved)
    finally:
        if referral_log is not None:
            referral_log.close()


def _ask_log(referral_log: ReferralLog, result: MatchResult, shown: int, now: datetime, lang: str) -> None:
    """The closing question: record the referrals shown? Only 'j'/'ja' records; Enter or end of input does not."""
    from referral.app.referral_log import entry_of
    from referral.core.schedule import today

    click.echo(translate("intake.log_prompt", lang))
    try:
        answer = _reader(interview=False)().strip().casefold()
    except _Done:
        answer = ""
    if answer not in ("j", "ja", "y", "yes"):
        click.echo(translate("intake.log_not_recorded", lang))
        return
    ref = referral_log.record(entry_of(result, shown, now.date()), today=today())
    click.echo(translate("log.recorded", lang, ref=ref))


def _abort(lang: str, saved: list[str]) -> NoReturn:
    """One short line on stderr and exit 130, as a shell does for Ctrl-C."""
    click.echo("", err=True)  # the terminal is still on the line where ^C was typed
    click.echo(translate("intake.aborted_saved" if saved else "intake.aborted", lang), err=True)
    sys.exit(ExitCode.INTERRUPTED)


def _interview(session: Session, lang: str, top: int, now: datetime) -> tuple[dict[str, Any], MatchResult]:
    """Ask until the summary is confirmed; validate the answers as a casus; show the advice."""
    from referral.app.intake import Intake, prompt_lines
    from referral.render.rich_view import render_match

    read = _reader(interview=True)
    state = Intake.start(session.ruleset.vocabulary, session.ruleset.thresholds)
    say(translate("intake.intro", lang))
    while not state.finished:
        click.echo("")
        for line in prompt_lines(state, lang, min(96, line_width())):
            say(line)
        step = state.answer(read())
        if step.feedback is not None:
            say("  ! " + step.feedback.text(lang))
        if step.note is not None:
            say("  i " + step.note.text(lang))
        state = step.state
    mapping = state.to_mapping()
    casus = session.reader.read_mapping(mapping, name="<intake>")
    result = session.match(casus, now.date())
    click.echo("")
    # The first places first, so that they stay on screen while the caller waits; 'm' shows more.
    console().print(render_match(result, lang, min(top, FIRST_SHOWN) if top else FIRST_SHOWN, now=now))
    return mapping, result


FIRST_SHOWN = 3


def line_width() -> int:
    """The terminal's width for a line of the intake (one column spare: no wrap at the edge)."""
    import shutil

    return max(40, shutil.get_terminal_size((100, 24)).columns - 1)


def say(line: str) -> None:
    """A line wrapped at word boundaries to the terminal's width (never mid-word), with a hanging indent."""
    import textwrap

    width = line_width()
    if len(line) <= width:
        click.echo(line)
        return
    indent = " " * (len(line) - len(line.lstrip(" ")) + (2 if line.lstrip().startswith(("!", "[")) else 0))
    click.echo(
        textwrap.fill(line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    )


def _after(
    mapping: dict[str, Any],
    result: MatchResult,
    lang: str,
    top: int,
    now: datetime,
    save_path: str | None,
    markdown: bool,
    force: bool,
    saved: list[str],
) -> int:
    """'Why not?', then save, then Markdown; end of input here means Enter to each of them.

    Returns how many referrals the caller saw (the first places, or all of --top after 'm')."""
    read = _reader(interview=False)
    shown = [min(top, FIRST_SHOWN) if top else FIRST_SHOWN]
    try:
        _why_not(result, lang, read, now, top, shown)
    except _Done:
        read = _no_more
    if save_path is not None:
        _save(Path(save_path), mapping, force, lang, saved)
    else:
        _ask_save(mapping, force, lang, saved, read)
    show = markdown
    if not show:
        click.echo(translate("intake.markdown_prompt", lang))
        try:
            show = read().strip().casefold() in ("j", "ja", "y", "yes")
        except _Done:
            show = False
    if show:
        from referral.render.markdown_view import match_markdown

        click.echo("")
        click.echo(match_markdown(result, lang, top, now=now), nl=False)
        shown[0] = top
    return shown[0]


def _no_more() -> str:
    raise _Done


def _why_not(
    result: MatchResult, lang: str, read: Callable[[], str], now: datetime, top: int, shown: list[int]
) -> None:
    from referral.core.vocabulary import fold, suggest
    from referral.engine.explanation import explain
    from referral.render.rich_view import render_explain

    offers = result.ruleset.offers
    names = {fold(o.id): o.id for o in offers} | {fold(o.name): o.id for o in offers}
    more = len(result.referrals) > FIRST_SHOWN and (not top or top > FIRST_SHOWN)
    while True:
        if more:
            say(translate("intake.more_prompt", lang))
        say(translate("intake.why_prompt", lang))
        typed = read().strip()
        if not typed:
            return
        if more and typed.casefold() in ("m", "meer", "more"):
            from referral.render.rich_view import render_match

            console().print(render_match(result, lang, top, now=now))
            shown[0] = top
            more = False
            continue
        if typed == "?":
            click.echo(", ".join(sorted(o.id for o in offers)))
            continue
        offer_id = None
        if typed.isdigit() and 1 <= int(typed) <= len(result.referrals):
            offer_id = result.referrals[int(typed) - 1].offer.id
        else:
            offer_id = names.get(fold(typed))
        if offer_id is None:
            guess = suggest(typed, [o.id for o in offers])
            if guess:
                click.echo("  ! " + translate("intake.unknown_offer", lang, suggestion=guess))
            else:
                click.echo("  ! " + translate("intake.unknown_offer_plain", lang))
            continue
        explanation = explain(result, offer_id)
        assert explanation is not None
        console().print(render_explain(explanation, lang))


def casus_text(mapping: dict[str, Any], path: Path, lang: str) -> str:
    """The saved casus: JSON for a .json name, YAML otherwise, with a header saying what it holds."""
    if path.suffix.lower() == ".json":
        import json

        return json.dumps(mapping, ensure_ascii=False, indent=2) + "\n"
    import yaml

    body = yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True, default_flow_style=None)
    return f"# {translate('intake.file_header', lang)}\n{body}"


def _save(path: Path, mapping: dict[str, Any], force: bool, lang: str, saved: list[str]) -> None:
    """The casus as answered (already validated): canonical ids, signals only, never a note."""
    from referral.core.safe_write import write_text_atomic

    write_text_atomic(path, casus_text(mapping, path, lang), force=force)
    saved.append(str(path))
    click.echo(translate("intake.saved", lang, path=str(path)))


def _ask_save(mapping: dict[str, Any], force: bool, lang: str, saved: list[str], read: Callable[[], str]) -> None:
    while True:
        click.echo(translate("intake.save_prompt", lang))
        try:
            name = read().strip()
        except _Done:
            return
        if not name:
            return
        try:
            _save(Path(name), mapping, force, lang, saved)
            return
        except ReferralError as err:
            for problem in err.problems:
                click.echo("  ! " + problem.format(lang))
