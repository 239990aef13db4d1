"""The `referral` program: the everyday `referral match CASUS` without click, everything else with it.

At the meeting table the answer must come before the sentence is finished, and importing click
is about a tenth of a cold `referral match`. So the most common call, one casus file with at
most `--format`, `--top` and the global `--rules`, `--offers`, `--lang` and `--debug`, is
recognised here and handed straight to `referral.app.matching.run_match`, the same function the
click command calls, under the same error handler. Anything else, including every spelling
this parser does not know (`--help`, a folder, `-` for standard input, a value it would have to
guess about), goes to the click command line unchanged, which parses and reports as always.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from referral.app.support import FORMATS, Settings
from referral.core.i18n import LANGUAGES

GLOBAL_OPTIONS = ("--rules", "--offers", "--lang")
MATCH_OPTIONS = ("--format", "--top")


def everyday_match(argv: Sequence[str]) -> tuple[Settings, str, str, int] | None:
    """(settings, casus path, format, top) for an everyday `match` call; None for anything else."""
    values: dict[str, str] = {}
    debug = False
    position = 0

    def option(allowed: tuple[str, ...]) -> bool:
        """Take `--name value` or `--name=value` at the position; False when it is not one."""
        nonlocal position
        name, equals, value = argv[position].partition("=")
        if name not in allowed or name in values:
            return False
        if not equals:
            if position + 1 >= len(argv):
                return False
            value = argv[position + 1]
            position += 1
        if not value or value.startswith("-"):
            return False
        values[name] = value
        position += 1
        return True

    while position < len(argv) and argv[position] != "match":
        if argv[position] == "--debug" and not debug:
            debug = True
            position += 1
        elif not option(GLOBAL_OPTIONS):
            return None
    position += 1  # "match"
    casus: str | None = None
    while position < len(argv):
        token = argv[position]
        if not token.startswith("-"):
            if casus is not None:
                return None
            casus = token
            position += 1
        elif not option(MATCH_OPTIONS):
            return None
    if casus is None or os.path.isdir(casus):
        return None
    lang = values.get("--lang") or os.environ.get("REFERRAL_LANG") or "nl"
    fmt = values.get("--format", "rich")
    top = values.get("--top", "10")
    if lang not in LANGUAGES or fmt not in FORMATS or not (top.isascii() and top.isdigit()):
        return None
    settings = Settings(rules=values.get("--rules"), offers=values.get("--offers"), lang=lang, debug=debug)
    return settings, casus, fmt, int(top)


def main() -> None:
    """The console script (and `python -m referral`)."""
    everyday = everyday_match(sys.argv[1:])
    if everyday is None:
        from referral.cli import main as click_main
        from referral.core.gc_pause import one_command_process

        one_command_process()

        click_main()
        return
    from referral.core.gc_pause import one_short_command

    one_short_command()  # the collector off: one casus, one view, then exit
    from referral.app.matching import MatchRequest, run_match
    from referral.app.support import guard, hard_exit, readable_stdin

    readable_stdin()  # as the click route does
    settings, casus, fmt, top = everyday
    guard(
        lambda: run_match(settings, MatchRequest(casus_path=casus, format=fmt, top=top)),
        lang=lambda: settings.lang,
        command=lambda: "match",
        debug=settings.debug,
    )
    hard_exit()  # the advice is out: skip the interpreter's teardown (errors exit through guard)
