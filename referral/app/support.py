"""What every command shares: global settings, loading the ruleset, the console, failing cleanly."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any, NoReturn

from referral.core.problems import ExitCode, Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from referral.core.model import Ruleset

FORMATS = ("rich", "json", "markdown")


@dataclass(frozen=True)
class Settings:
    """Global options, parsed once and handed to every command."""

    rules: str | None
    offers: str | None
    lang: str
    debug: bool


def is_agenda(paths: Sequence[str]) -> bool:
    """More than one casus, or a folder: the meeting view. One file keeps the single view.

    Here rather than in referral.app.meeting, so that a single `match` does not import the meeting code.
    """
    import os

    return len(paths) > 1 or (len(paths) == 1 and paths[0] != "-" and os.path.isdir(paths[0]))


def shown_id(text: str) -> str:
    """An id the user typed, shown back only when it looks like an id ('mevrouw Jansen' does not)."""
    import re

    return text if re.fullmatch(r"[a-z0-9][a-z0-9_.-]{0,60}", text) else "…"


def fail(problems: list[Problem], lang: str) -> NoReturn:
    """Every problem on stderr, one per line, then exit 2."""
    for problem in problems:
        echo(problem.format(lang), err=True)
    sys.exit(ExitCode.BAD_INPUT)


def echo(text: str, *, err: bool = False, newline: bool = True) -> None:
    """Write and flush, as click.echo does: so that a closed pipe is noticed here, nothing is
    written when the stream was closed at start, and an ASCII-only stream gets UTF-8."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:
        return
    data = text + "\n" if newline else text
    try:
        stream.write(data)
    except UnicodeEncodeError:  # e.g. PYTHONIOENCODING=ascii: nothing was written yet
        binary = getattr(stream, "buffer", None)
        if binary is None:
            raise
        stream.flush()
        binary.write(data.encode("utf-8"))
    stream.flush()


def hard_exit(code: int = ExitCode.OK) -> NoReturn:
    """Exit without the interpreter's teardown, as mypy does (`mypy.util.hard_exit`).

    Freeing every module and object at exit takes about a tenth of a cold `referral match`;
    the user is waiting on it for nothing: the output is written and every file is closed by
    then. Standard output and error are flushed first, so a reader that went away still gives
    exit 141. Only for the end of a run that registered no exit handlers (`referral.entry`).
    """
    import os

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except BrokenPipeError:
        code = ExitCode.BROKEN_PIPE
    os._exit(code)


def readable_stdin() -> None:
    """Started with standard input closed: read it as empty, rather than failing on None."""
    if sys.stdin is None:
        import os

        sys.stdin = open(os.devnull)  # noqa: SIM115 - lives as long as the process


def guard(
    run: Callable[[], Any],
    *,
    lang: Callable[[], str],
    command: Callable[[], str | None],
    debug: bool,
    passthrough: tuple[type[BaseException], ...] = (),
) -> Any:
    """Run a command with the one handler for everything that is not a result.

    A user error becomes its messages and exit 2; Ctrl-C exit 130; a reader that went away
    exit 141; anything else (a bug) one line and a debug report, exit 3, never a traceback.
    `passthrough` lets click's own exceptions through to click.
    """
    try:
        return run()
    except passthrough:
        raise
    except ReferralError as err:
        fail(err.problems, lang())
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`referral batch ... | head`): stop quietly, as a killed
        # pipeline member would, and keep Python from complaining at exit.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(ExitCode.BROKEN_PIPE)
    except Exception as err:  # the last line of defence: one line, never a traceback
        if debug or "--debug" in sys.argv:
            import traceback  # only here: importing it costs start-up time on every run

            traceback.print_exc()
        from referral.core.i18n import translate

        report = write_debug_report(err, command())
        echo(translate("cli.internal_error", lang(), kind=type(err).__name__, report=report or "-"), err=True)
        sys.exit(ExitCode.INTERNAL_ERROR)


def write_debug_report(error: BaseException, command: str | None) -> str | None:
    """Write where an internal error happened to a private temp file; return its path.

    Only the exception type and the stack (files, lines, functions) are written: never the
    message or the arguments, which may hold what the user typed.
    """
    import platform
    import tempfile
    import traceback

    from referral import __version__

    frames = traceback.extract_tb(error.__traceback__)
    lines = [
        f"referral {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"command: {command or '?'}",
        f"error: {type(error).__module__}.{type(error).__qualname__}",
        "stack:",
        *(f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames),
    ]
    try:
        handle, path = tempfile.mkstemp(prefix="referral-debug-", suffix=".txt")
        with open(handle, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path


def load_settings_ruleset(settings: Settings) -> Ruleset:
    """The content named by the settings, through the one way in (`referral.content.cache.load`)."""
    from referral.content.cache import load

    return load(settings.rules, settings.offers).ruleset()


def console(stream: IO[str] | None = None, **kwargs: Any) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader went away: the one handler (`guard`) ends with exit 141, as for JSON.

            (rich's own default exits with 1.)
            """
            self.quiet = True
            raise BrokenPipeError

    # No emoji codes: ':' in a reason is text, and the emoji table costs start-up time.
    return _Console(file=stream, highlight=False, soft_wrap=False, emoji=False, **kwargs)
