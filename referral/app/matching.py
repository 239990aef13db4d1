"""`referral match` for one casus, without click: read it, match it, render it as asked.

The click command (`referral.commands.match`) parses its options into a `MatchRequest`; so does
`referral.entry` for the everyday call, without importing click at all (start-up at the meeting
table). Both then run `run_match`, so that the two routes cannot drift apart.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from referral.app.support import Settings, console, echo, load_settings_ruleset, shown_id
from referral.core.problems import Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from referral.casus.reader import Casus
    from referral.core.model import Ruleset


@dataclass(frozen=True)
class MatchRequest:
    """What `referral match` was asked for one casus, as parsed from the command line."""

    casus_path: str | None
    format: str = "rich"
    top: int = 10
    explain: str | None = None
    flags: dict[str, Any] = field(default_factory=dict)
    content_at: str | None = None
    now_text: str | None = None
    export: tuple[str, str] | None = None
    force: bool = False


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

    from referral.core.limits import MAX_FILE_BYTES
    from referral.core.yamlsource import decode_text, load_file, parse_json, parse_yaml

    if path != "-":
        return load_file(Path(path), path)
    data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ReferralError(Problem.make("file.too_large", file="<stdin>", limit=MAX_FILE_BYTES))
    text = decode_text(data, "<stdin>")
    if not text.strip():
        raise ReferralError(Problem.make("cli.stdin_empty", file="<stdin>"))
    return parse_json(text, "<stdin>") if text.lstrip().startswith("{") else parse_yaml(text, "<stdin>")


def read_casus(options: MatchRequest, ruleset: Ruleset) -> Casus:
    from referral.casus.reader import casus_from_mapping, parse_casus

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
    from referral.casus.simple import read_simple_casus
    from referral.core.yamlsource import Document

    value = read_simple_casus(path)
    return None if value is None else Document(file=path, value=value, marks={})


def load_ruleset_at(settings: Settings, ref: str) -> Ruleset:
    """The content as it was at a git ref, named by that commit in the output."""
    import dataclasses

    from referral.app.diffing import commit_of_export, content_at
    from referral.content.loading import load_ruleset, resolve_dirs

    with content_at(ref, resolve_dirs(settings.rules, settings.offers)) as dirs:
        ruleset = load_ruleset(dirs)
        return dataclasses.replace(ruleset, commit=commit_of_export(dirs), root="")


def check_offer_id(ruleset: Ruleset, offer_id: str) -> None:
    from referral.core.vocabulary import suggest

    if ruleset.offer(offer_id) is None:
        guess = suggest(offer_id, [o.id for o in ruleset.offers])
        raise ReferralError(
            Problem.make(
                "cli.unknown_offer",
                id=shown_id(offer_id),
                suggestion=guess,
            )
        )


def run_match(settings: Settings, request: MatchRequest) -> None:
    """Match one casus (a file, '-' or the quick options) and print the referrals as asked."""
    fmt, export, force = request.format, request.export, request.force
    plain = not (request.explain or request.content_at or request.now_text or export or force)
    if fmt == "json" and request.casus_path is not None and plain and not flags_to_casus(request.flags):
        # The cold start at the meeting table: the compiled route on cached content, if it can.
        from referral.engine.compiled import quick_match_json

        text = quick_match_json(settings.rules, settings.offers, request.casus_path, settings.lang, request.top)
        if text is not None:
            echo(text)
            return
    from referral.core.schedule import parse_now_option

    now = parse_now_option(request.now_text)
    if request.casus_path is None and not flags_to_casus(request.flags):
        raise ReferralError(Problem.make("cli.no_casus"))
    if export is not None:
        from referral.commands.meeting import check_export_target

        check_export_target(export, force)
    content_at = request.content_at
    ruleset = load_ruleset_at(settings, content_at) if content_at else load_settings_ruleset(settings)
    if request.explain:
        check_offer_id(ruleset, request.explain)
    casus_value = read_casus(request, ruleset)

    from referral.engine.match import explain as explain_offer
    from referral.engine.match import match as match_casus

    result = match_casus(casus_value, ruleset)
    lang = settings.lang
    if request.explain:
        explanation = explain_offer(result, request.explain)
        assert explanation is not None  # the id was checked above
        if fmt == "json":
            from referral.render.json_view import dumps, explain_json

            echo(dumps(explain_json(result, explanation, lang)))
        elif fmt == "markdown":
            from referral.render.markdown_view import explain_markdown

            echo(explain_markdown(result, explanation, lang), newline=False)
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
    from referral.core.schedule import local

    view_now = now or local()

    def rich_view() -> Any:
        from referral.render.rich_view import render_match

        return render_match(result, lang, request.top, now=view_now)

    def markdown() -> str:
        from referral.render.markdown_view import match_markdown

        return match_markdown(result, lang, request.top, now=now)

    if fmt == "json":
        from referral.render.json_view import dumps, match_json

        echo(dumps(match_json(result, lang, request.top, now=now)))
    elif fmt == "markdown":
        echo(markdown(), newline=False)
    else:
        console().print(rich_view())
    if export is not None:
        from referral.commands.meeting import write_export

        write_export(export, force, rich_view, markdown)
