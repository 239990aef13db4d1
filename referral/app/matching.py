"""`referral match` for one casus, without click: read it, match it, render it as asked.

The click command (`referral.commands.match`) parses its options into a `MatchRequest`; so does
`referral.entry` for the everyday call, without importing click at all (start-up at the meeting
table). Both then run `run_match`, so that the two routes cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from referral.app.support import Settings, echo, print_output, shown_id
from referral.core.problems import Problem, ReferralError
from referral.core.records import Record

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Callable

    from referral.app.referral_log import ReferralLog
    from referral.app.session import Session
    from referral.casus.reader import Casus, CasusReader
    from referral.core.model import Ruleset


@dataclass(frozen=True, eq=False, repr=False)
class QuickCasus(Record):
    """A casus typed as options: the value of each quick option by the field it fills
    ('loneliness.social'), the `--signal` pairs, and each field's option for messages."""

    values: dict[str, Any] = field(default_factory=dict)
    signals: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)  # field -> '--severity'

    def __bool__(self) -> bool:
        return bool(self.values or self.signals)


@dataclass(frozen=True, eq=False, repr=False)
class MatchRequest(Record):
    """What `referral match` was asked for one casus, as parsed from the command line."""

    casus_path: str | None
    format: str = "rich"
    top: int = 10
    explain: str | None = None
    quick: QuickCasus = field(default_factory=QuickCasus)
    content_at: str | None = None
    now_text: str | None = None
    export: tuple[str, str] | None = None
    force: bool = False
    log: bool = False  # record the shown referrals in the referral log (signals only)
    db: str | None = None


def flags_to_casus(quick: QuickCasus) -> dict[str, Any]:
    """The quick-casus options as a casus mapping (validated exactly like a file)."""
    casus: dict[str, Any] = {}

    def put(key: str, value: Any, option: str) -> None:
        head, _, tail = key.partition(".")
        into = casus.setdefault(head, {}) if tail else casus
        name = tail or head
        if not isinstance(into, dict) or name in into:  # '--severity ernstig --signal loneliness.severity=matig'?
            raise ReferralError(Problem.make("cli.same_field", file=option, field=shown_id(key)))
        into[name] = value

    for name, value in quick.values.items():
        put(name, list(value) if isinstance(value, tuple) else value, quick.options.get(name, "--signal"))
    for pair in quick.signals:
        key, equals, raw = pair.partition("=")
        if not equals or not key.strip():
            raise ReferralError(Problem.make("cli.bad_signal_option", file="--signal"))
        put(key.strip(), [part.strip() for part in raw.split(",")] if "," in raw else raw.strip(), "--signal")
    return casus


def read_casus_document(path: str, nameable: Callable[[str], bool] | None = None) -> Any:
    """A casus file, or '-' for standard input (YAML, or JSON when it starts with '{'), with positions.

    `nameable` tells which keys a message may name (the known field names); others stay unnamed.
    """
    from pathlib import Path

    from referral.core.limits import MAX_FILE_BYTES
    from referral.core.yamlsource import decode_text, load_file, parse_json, parse_yaml

    known = nameable or (lambda key: False)
    if path != "-":
        return load_file(Path(path), path, known)
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReferralError(Problem.make("file.too_large", file="<stdin>", limit=MAX_FILE_BYTES))
    text = decode_text(data, "<stdin>")
    if not text.strip():
        raise ReferralError(Problem.make("cli.stdin_empty", file="<stdin>"))
    if text.lstrip().startswith("{"):
        return parse_json(text, "<stdin>", known)
    return parse_yaml(text, "<stdin>", known)


def read_casus_file(path: str, reader: CasusReader) -> Casus:
    """A casus file through the one reader: the everyday file without PyYAML; any problem is
    reported from the YAML parser's document, so that every problem gets its line and column."""
    from referral.casus.simple import read_simple_casus
    from referral.core.yamlsource import Document

    value = read_simple_casus(path)
    if value is not None:
        try:
            return reader.read(Document(file=path, value=value, marks={}))
        except ReferralError:
            pass
    return reader.read(read_casus_document(path, reader.knows_key))


_SAID_BY_OPTION = ("casus.expected_type", "casus.out_of_range")


def as_option_problems(err: ReferralError, quick: QuickCasus) -> ReferralError:
    """Problems of the casus the options made, told as the options' own: '--severity: onbekende
    waarde voor ernst van de eenzaamheid (kies uit: niet eenzaam, …)' instead of a field path."""
    import dataclasses

    problems = []
    for problem in err.problems:
        args = dict(problem.args)
        field_name = str(args.get("field", ""))
        typed = field_name in quick.values and field_name in quick.options
        option = quick.options[field_name] if typed else "--signal"
        # The option names the field already; --signal (any field) keeps the field's name.
        if problem.code == "casus.unknown_value" or (typed and problem.code in _SAID_BY_OPTION):
            problem = dataclasses.replace(
                problem,
                code="cli." + problem.code.removeprefix("casus."),
                args=tuple((k, v) for k, v in args.items() if k != "field"),
            )
        problems.append(dataclasses.replace(problem, file=option))
    return ReferralError(problems)


def _one_group_per_field(quick: dict[str, Any], reader: CasusReader) -> dict[str, Any]:
    """'--signal eenzaamheid.ernst=ernstig --social' fill one group: the options name it once."""
    merged: dict[str, Any] = {}
    for key, value in quick.items():
        name = reader.alias_top.get(key, key)
        if isinstance(value, dict) and name in reader.groups:
            merged[name] = {**merged.get(name, {}), **value}
        else:
            merged[key] = value
    return merged


def read_casus(options: MatchRequest, reader: CasusReader) -> Casus:
    quick = _one_group_per_field(flags_to_casus(options.quick), reader)
    if options.casus_path is None:
        try:
            return reader.read_mapping(quick)
        except ReferralError as err:
            raise as_option_problems(err, options.quick) from None
    if quick:
        raise ReferralError(Problem.make("cli.casus_and_flags"))
    return read_casus_file(options.casus_path, reader)


def load_ruleset_at(settings: Settings, ref: str) -> Ruleset:
    """The content as it was at a git ref, named by that commit in the output."""
    import dataclasses

    from referral.app.diffing import commit_of_export, content_at
    from referral.content.loading import load_ruleset, resolve_dirs

    with content_at(ref, resolve_dirs(settings.rules, settings.offers)) as dirs:
        ruleset = load_ruleset(dirs)
        return dataclasses.replace(ruleset, commit=commit_of_export(dirs), root="")


def session_for(settings: Settings, content_at: str | None = None) -> Session:
    from referral.app.session import Session

    if content_at:
        return Session.of_ruleset(load_ruleset_at(settings, content_at))
    return Session.of(settings.rules, settings.offers)


def find_offer(ruleset: Ruleset, wanted: str, ranked: tuple[Any, ...] = ()) -> str:
    """The offer `--explain` means: an id, a rank number, or a name, in any case; else a suggestion."""
    from referral.core.vocabulary import fold, suggest

    text = wanted.strip()
    if text.isdigit() and ranked:
        number = int(text)
        if 1 <= number <= len(ranked):
            return str(ranked[number - 1].offer.id)
    folded = fold(text)
    for offer in ruleset.offers:
        if folded in (fold(offer.id), fold(offer.name)):
            return offer.id
    names = {offer.name: offer.id for offer in ruleset.offers}
    guess = suggest(text, [*(o.id for o in ruleset.offers), *names])
    raise ReferralError(
        Problem.make(
            "cli.unknown_offer",
            id=shown_id(text.lower()),
            suggestion=names.get(guess, guess) if guess else None,
        )
    )


def advice_day(now: dt.datetime | None) -> dt.date:
    """The day of the advice: the day of --now, else today (Europe/Amsterdam)."""
    from referral.core.schedule import local, today

    return local(now).date() if now is not None else today()


def run_match(settings: Settings, request: MatchRequest, session: Session | None = None) -> None:
    """Match one casus (a file, '-' or the quick options) and print the referrals as asked.

    `session`: the content already opened for these settings and --content-at (the click
    command opens it to build the quick options)."""
    from referral.core.schedule import parse_now_option

    fmt, export, force = request.format, request.export, request.force
    now = parse_now_option(request.now_text)
    if request.casus_path is None and not flags_to_casus(request.quick):
        raise ReferralError(Problem.make("cli.no_casus"))
    if export is not None:
        from referral.app.exports import check_export_target

        check_export_target(export, force)
    if request.log and request.explain:
        raise ReferralError(Problem.make("log.explain"))
    log = _open_log(request)  # before any output: a log that cannot be written stops the advice
    if session is None:
        session = session_for(settings, request.content_at)
    day = advice_day(now)
    if log is not None:
        try:
            _match_and_log(settings, request, session, log, day, now)
        finally:
            log.close()
        return
    if fmt == "json" and not request.explain and now is None:
        # The cold start at the meeting table: reader, program and writer from the cache, no model.
        casus = read_casus(request, session.reader)
        from referral.render.json_view import pretty

        echo(pretty(session.json_line(casus, day, settings.lang, request.top)))
        if export is not None:
            _export(session.match(casus, day), request, settings.lang, now)
        return
    casus = read_casus(request, session.reader)
    result = session.match(casus, day)
    lang = settings.lang
    if request.explain:
        offer_id = find_offer(session.ruleset, request.explain, result.referrals)
        from referral.engine.explanation import explain as explain_offer
        from referral.render.registry import render

        explanation = explain_offer(result, offer_id)
        assert explanation is not None  # the id was found above
        output = render("explain", fmt, explanation, lang=lang, writer=session.writer)
        print_output(output)
        if export is not None:
            from referral.app.exports import write_export

            write_export(export, force, lambda kind: render("explain", kind, explanation, lang=lang, export=True), lang)
        return
    # The rich view is read live: reachability at --now or the current time. JSON and Markdown
    # are documents (byte-identical for the same inputs): reachability only with an explicit --now.
    from referral.core.schedule import local
    from referral.render.registry import render

    view_now = now or local()
    options = _view_options(session, fmt, lang, request.top)
    output = render("match", fmt, result, now=view_now if fmt == "rich" else now, **options)
    print_output(output)
    if export is not None:
        _export(result, request, lang, now)


def _view_options(session: Session, fmt: str, lang: str, top: int) -> dict[str, Any]:
    """What a view of the match takes. Only JSON is written by the session's JSON writer, whose
    making reads the cache's JSON section and the content's git identity: about 4 ms that the
    rich view, at the meeting table, does not wait for."""
    options: dict[str, Any] = {"lang": lang, "top": top}
    if fmt == "json":
        options["writer"] = session.writer
    return options


def _open_log(request: MatchRequest) -> ReferralLog | None:
    if not request.log:
        return None
    from referral.app.referral_log import ReferralLog, db_path

    return ReferralLog.open(db_path(request.db), create=True)


def _match_and_log(
    settings: Settings,
    request: MatchRequest,
    session: Session,
    log: ReferralLog,
    day: dt.date,
    now: dt.datetime | None,
) -> None:
    """The advice as without --log, recorded first (signals only); then its reference is said.

    JSON stays the same document on standard output: the reference goes to standard error there.
    """
    from referral.app.referral_log import entry_of
    from referral.core.i18n import translate
    from referral.core.schedule import local, today
    from referral.render.registry import render

    casus = read_casus(request, session.reader)
    result = session.match(casus, day)
    ref = log.record(entry_of(result, request.top, day), today=today())
    lang, fmt = settings.lang, request.format
    if fmt == "json" and now is None:
        from referral.render.json_view import pretty

        echo(pretty(session.json_line(casus, day, lang, request.top)))
    else:
        options = _view_options(session, fmt, lang, request.top)
        print_output(render("match", fmt, result, now=(now or local()) if fmt == "rich" else now, **options))
    if fmt != "json":
        _capacity_from_log(log, result, request.top, day, lang)
    echo(translate("log.recorded", lang, ref=ref), err=fmt == "json")
    if request.export is not None:
        _export(result, request, lang, now)


def _capacity_from_log(log: ReferralLog, result: Any, top: int, day: dt.date, lang: str) -> None:
    """Recent waiting-list and 'vol' outcomes of the offers shown, from the log in use (never without one)."""
    from referral.app.referral_log import CAPACITY_DAYS, capacity_signals
    from referral.render.log_view import capacity_lines

    shown = [a.offer for part in (result.referrals, result.for_asker) for a in (part if not top else part[:top])]
    signals = capacity_signals(log, [o.id for o in shown], day - dt.timedelta(days=CAPACITY_DAYS))
    if signals:
        names = {o.id: o.name for o in shown}
        echo("\n".join(capacity_lines(signals, names, CAPACITY_DAYS, lang)))


def _export(result: Any, request: MatchRequest, lang: str, now: dt.datetime | None) -> None:
    from referral.app.exports import write_export
    from referral.core.schedule import local
    from referral.render.registry import render

    assert request.export is not None
    write_export(
        request.export,
        request.force,
        # Markdown is a document (reachability only with an explicit --now, as on standard
        # output); HTML and SVG record the rich view, which is read live.
        lambda kind: render(
            "match", kind, result, lang=lang, top=request.top, now=now if kind == "md" else now or local(), export=True
        ),
        lang,
    )
