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
    `passthrough` lets click's own exceptions through to click. Started with standard output
    closed, every command would lose its result without a word: exit 74 with one message.
    """
    if sys.stdout is None:
        import errno

        output_error(OSError(errno.EBADF, "closed"), lang())
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
    except (OSError, UnicodeEncodeError) as err:
        if not output_failed(err):
            _internal(err, lang, command, debug)
        output_error(err, lang())
    except Exception as err:  # the last line of defence: one line, never a traceback
        _internal(err, lang, command, debug)


def _internal(err: BaseException, lang: Callable[[], str], command: Callable[[], str | None], debug: bool) -> NoReturn:
    """A bug: one line and a debug report, exit 3, never a traceback (unless --debug)."""
    if debug or "--debug" in sys.argv:
        import traceback  # only here: importing it costs start-up time on every run

        traceback.print_exc()
    from referral.core.i18n import translate

    report = write_debug_report(err, command())
    echo(translate("cli.internal_error", lang(), kind=type(err).__name__, report=report or "-"), err=True)
    sys.exit(ExitCode.INTERNAL_ERROR)


# errno values of a stream that cannot take our output: full disk or quota, too large, I/O error,
# a closed descriptor, a read-only file system
_OUTPUT_ERRNOS = frozenset({"ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EROFS"})


def output_failed(err: BaseException) -> bool:
    """Whether an error is our output failing, not a bug: an output that cannot hold the text
    (an ASCII-only terminal) or a stream that cannot be written (a full disk, a closed stdout)."""
    if isinstance(err, UnicodeEncodeError):
        return True
    import errno

    return isinstance(err, OSError) and errno.errorcode.get(err.errno or 0, "") in _OUTPUT_ERRNOS


def output_error(err: BaseException, lang: str) -> NoReturn:
    """One message on stderr (if it can still take one) and exit 74; the rest of stdout is dropped."""
    import os

    from referral.core.i18n import translate

    if isinstance(err, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        text = translate("cli.output_encoding", lang, encoding=encoding)
    else:
        text = translate(
            "cli.output_failed",
            lang,
            reason=os.strerror(err.errno) if isinstance(err, OSError) and err.errno else type(err).__name__,
        )
    try:  # what is still buffered for stdout can never be written: drop it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
    if isinstance(err, OSError) and err.errno is not None and sys.stdout is None:
        text = translate("cli.output_closed", lang)
    try:
        sys.stderr.write(text.encode("ascii", "replace").decode("ascii") + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(ExitCode.OUTPUT_ERROR)


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
    _cap_debug_reports(tempfile.gettempdir())
    return path


DEBUG_REPORTS_KEPT = 20  # a bug hit in a loop must not fill the temporary folder


def _cap_debug_reports(folder: str) -> None:
    """Keep only the newest reports of this user; older ones are removed."""
    import contextlib
    import glob
    import os

    uid = os.getuid() if hasattr(os, "getuid") else None
    found = []
    for name in glob.glob(os.path.join(folder, "referral-debug-*.txt")):
        try:
            info = os.lstat(name)
        except OSError:
            continue
        if uid is None or info.st_uid == uid:
            found.append((info.st_mtime_ns, name))
    for _, name in sorted(found, reverse=True)[DEBUG_REPORTS_KEPT:]:
        with contextlib.suppress(OSError):
            os.unlink(name)


def load_settings_ruleset(settings: Settings) -> Ruleset:
    """The content named by the settings, through the one way in (`referral.content.cache.load`)."""
    from referral.content.cache import load

    return load(settings.rules, settings.offers).ruleset()


def print_output(output: Any) -> None:
    """Text as it is; a renderable through the console, uncropped: a web address on its own line
    is longer than a narrow terminal and must stay whole (the terminal wraps it, still one link)."""
    if isinstance(output, str):
        if output:  # nothing to show: not even an empty line
            echo(output, newline=not output.endswith("\n"))
    else:
        console().print(output, crop=False)


def console(stream: IO[str] | None = None, **kwargs: Any) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader went away: the one handler (`guard`) ends with exit 141, as for JSON.

            (rich's own default exits with 1.)
            """
            self.quiet = True
            raise BrokenPipeError

    if stream is None:
        _utf8_stdout()
    # No emoji codes: ':' in a reason is text, and the emoji table costs start-up time.
    return _Console(file=stream, highlight=False, soft_wrap=False, emoji=False, **kwargs)


def _utf8_stdout() -> None:
    """Standard output as the views need it: an ASCII-only stream (`PYTHONIOENCODING=ascii`, a
    C locale) is switched to UTF-8, as click gives the JSON and Markdown routes, instead of
    failing on é."""
    stdout = sys.stdout
    encoding = (getattr(stdout, "encoding", None) or "").lower()
    if stdout is None or encoding.replace("_", "-") in ("utf-8", "utf8"):
        return
    import codecs

    try:
        if codecs.lookup(encoding).name == "utf-8":
            return
    except LookupError:
        pass
    reconfigure = getattr(stdout, "reconfigure", None)
    if reconfigure is not None:
        stdout.flush()
        reconfigure(encoding="utf-8", errors="replace")
