"""`referral batch`: many casussen in (JSONL or CSV), one JSONL line out per input line, in order.

For analysts and maintainers who run the engine over a population (a monitor, the golden tests,
a content change). Every output line is exactly the object `referral match CASUS --format json`
prints for that casus, written compactly on one line; a line that cannot be read yields an error
object with its line number and the problems' codes and messages (never the value that was
given), and the batch goes on.

- JSONL: one casus (a JSON object) per line.
- CSV: a header row of casus fields; a group's fields as `loneliness.social`; set fields
  (languages, life_events, preferences) and the scale answers (`loneliness.djg11`,
  `loneliness.djg6`) as values separated by `;`; an empty cell is a field not given. The header
  yields no output line; every other row one.
- A blank line (or a CSV row of empty cells) yields `{"line": N, "skipped": "blank"}`: one output
  line per input line, so that input and output can be zipped by position.
- An unreadable line yields `{"line": N, "problems": [{"code": ..., "message": ..., "hint": ...}]}`,
  and the exit code is 1 at the end.

Speed comes from the compiled engine (`referral.engine.program`) and the pre-encoded pieces of
the JSON writer (`referral.render.json_lines`); `--workers N` spreads chunks over processes and writes
them back in input order, so the output is the same for any N.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from referral.core.limits import MAX_FILE_BYTES
from referral.core.problems import Problem, ReferralError
from referral.render.json_lines import dumps_compact

if TYPE_CHECKING:  # pragma: no cover
    from referral.app.session import Session

MEMO_ENTRIES = 100_000  # remembered spellings and scale answers per process
MAX_LINE_BYTES = MAX_FILE_BYTES  # as a casus file
CHUNK = 500  # lines per unit of work (and per write)
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
_SAFE_COLUMN = "abcdefghijklmnopqrstuvwxyz0123456789_."

# One unit of input: (line number, kind, payload). Kinds: "json" (bytes of one line), "map"
# (a casus mapping from CSV), "blank", "error" (a list of Problems).
Item = tuple[int, str, Any]


@dataclass(frozen=True)
class BatchOptions:
    """What `referral batch` was asked to do."""

    source: str  # a file, or "-" for standard input
    input_format: str  # auto | jsonl | csv
    lang: str
    top: int
    workers: int
    progress: bool
    day: int  # the day of the advice (date.toordinal)
    rules: str | None = None
    offers: str | None = None
    delimiter: str = "auto"  # CSV: auto | , | ; | tab


@dataclass(frozen=True)
class BatchReport:
    """How the batch went: lines read, lines that failed, lines skipped as blank."""

    total: int
    failed: int
    skipped: int


# --- one line ----------------------------------------------------------------------------------


class LineMatcher:
    """Turns one input line into one output line, through the one casus reader, program and writer."""

    def __init__(self, session: Session, lang: str, top: int, day: int) -> None:
        from referral.casus.simple import strict_json_decoder

        self.session = session
        self.reader = session.reader
        self.program = session.program
        self.writer = session.writer
        self.lang = lang
        self.top = top
        self.day = day
        self._decoder = strict_json_decoder()

    def item(self, item: Item) -> tuple[bytes, bool]:
        """The output line for one input item (UTF-8), and whether it failed."""
        number, kind, payload = item
        if kind == "json":
            return self.json_line(number, payload)
        if kind == "map":
            return self.mapping(number, payload)
        if kind == "blank":
            return blank_line(number), False
        return error_line(number, payload, self.lang), True

    def json_line(self, number: int, raw: bytes) -> tuple[bytes, bool]:
        if len(raw) > MAX_LINE_BYTES:
            return error_line(number, [Problem.make("batch.line_too_long", limit=MAX_LINE_BYTES)], self.lang), True
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            return error_line(number, [Problem.make("batch.not_utf8")], self.lang), True
        if not text.strip():
            return blank_line(number), False
        try:
            data = self._decoder.decode(text)
        except (ValueError, RecursionError):
            from referral.core.yamlsource import parse_json

            try:
                data = parse_json(text, f"<regel {number}>", self.reader.knows_key).value
            except ReferralError as err:
                return error_line(number, err.problems, self.lang), True
        return self.mapping(number, data)

    def mapping(self, number: int, data: Any) -> tuple[bytes, bool]:
        from referral.core.yamlsource import Document

        try:  # exactly what `match` does with a casus document
            casus = self.reader.read(Document(file=f"<regel {number}>", value=data, marks={}))
        except ReferralError as err:
            return error_line(number, err.problems, self.lang), True
        decision = self.program.decide(casus.signals, self.day)
        line: bytes = self.writer.casus_line(self.program, decision, casus, self.lang, self.top)
        return line, False


_SKIPPED = b',"skipped":"blank"}'


def blank_line(number: int) -> bytes:
    return b'{"line":%d%s' % (number, _SKIPPED)


def error_line(number: int, problems: Iterable[Problem], lang: str) -> bytes:
    """The error object of a line: codes, messages and hints, never the value that was given."""
    return dumps_compact(
        {
            "line": number,
            "problems": [{"code": p.code, "message": p.message(lang), "hint": p.hint(lang)} for p in problems],
        }
    ).encode()


# --- reading the input -----------------------------------------------------------------------


def open_source(source: str) -> tuple[IO[bytes], int | None]:
    """The input as a binary stream, and its size when it is a regular file (for the progress bar)."""
    if source == "-":
        return sys.stdin.buffer, None
    import stat

    try:
        info = os.stat(source)
    except FileNotFoundError:
        raise ReferralError(Problem.make("file.missing", file=source)) from None
    except OSError:
        raise ReferralError(Problem.make("file.unreadable", file=source)) from None
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
        # A folder or a device (/dev/zero) is not a file of casussen; a named pipe is fine.
        raise ReferralError(Problem.make("file.not_a_file", file=source))
    try:
        stream = open(source, "rb")  # noqa: SIM115 - closed by the caller
    except OSError:
        raise ReferralError(Problem.make("file.unreadable", file=source)) from None
    return stream, info.st_size if stat.S_ISREG(info.st_mode) else None


def detect_format(source: str, requested: str, first: bytes | None) -> str:
    """jsonl or csv: as asked, else by suffix, else by the first non-blank line ('{' is JSON)."""
    if requested != "auto":
        return requested
    suffix = os.path.splitext(source)[1].lower()
    if suffix == ".csv":
        return "csv"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if first is None:
        return "jsonl"  # empty input: nothing to write either way
    return "jsonl" if first.lstrip(b"\xef\xbb\xbf \t").startswith((b"{", b"[", b'"')) else "csv"


def first_content_line(lines: list[bytes]) -> bytes | None:
    """The first line with something on it (a leading blank line says nothing about the format)."""
    return next((line for line in lines if line.strip(b"\xef\xbb\xbf \t\r\n")), None)


def jsonl_items(lines: Iterator[bytes]) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        yield number, "json", raw


@dataclass(frozen=True)
class Column:
    """A CSV column: where its value goes in the casus, and whether it holds a `;`-separated list."""

    name: str
    path: tuple[str, ...]
    listed: bool


def csv_columns(header: list[str], fields: Mapping[str, Any], source: str = "<csv>") -> list[Column]:
    """The header's columns, checked against the casus's field table; every problem at once (exit 2)."""
    from referral.core.privacy import is_personal_field
    from referral.core.vocabulary import suggest

    # name -> (path in the casus, a ';'-list?, the field it fills by its own name)
    known: dict[str, tuple[tuple[str, ...], bool, tuple[str, ...]]] = {
        name: ((name,), False, (name,)) for name in fields["free_text"]
    }
    for name, signal_id in fields["top"].items():
        if signal_id is not None:
            known[name] = ((name,), fields["signals"][signal_id]["kind"] == "set", (name,))
    for group, members in fields["groups"].items():
        for member, signal_id in members.items():
            known[f"{group}.{member}"] = (
                (group, member),
                fields["signals"][signal_id]["kind"] == "set",
                (group, member),
            )
        if group == fields["scale"]["group"]:
            for version in fields["scale"]["versions"]:
                known[f"{group}.{version}"] = ((group, version), True, (group, version))
    # The Dutch field names ('leeftijd', 'eenzaamheid.sociaal'). A field keeps the name as written,
    # so that a problem names the header the user wrote; a group takes its own name, so that
    # 'eenzaamheid.sociaal' and 'loneliness.emotional' fill one group.
    aliases = fields["aliases"]
    for group, members in aliases["groups"].items():
        for alias, member in members.items():
            _, listed, canonical = known[f"{group}.{member}"]
            known[f"{group}.{alias}"] = ((group, alias), listed, canonical)
    for alias, name in aliases["top"].items():
        for path, listed, canonical in list(known.values()):
            if path[0] == name:
                shown = alias if len(path) == 1 else f"{alias}.{path[1]}"
                known[shown] = (path if len(path) == 2 else (alias,), listed, canonical)
    columns: list[Column] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    filled: dict[tuple[str, ...], str] = {}
    for number, raw in enumerate(header, 1):
        name = raw.strip().lstrip("\ufeff")
        if name in seen:
            shown = name if name in known else "…"
            problems.append(Problem.make("batch.csv_duplicate_column", file=source, line=1, column=number, field=shown))
            continue
        seen.add(name)
        if name in known:
            path, listed, canonical = known[name]
            if canonical in filled:  # 'age' and 'leeftijd': one field, two columns
                problems.append(
                    Problem.make(
                        "batch.csv_same_field", file=source, line=1, column=number, field=name, other=filled[canonical]
                    )
                )
                continue
            filled[canonical] = name
            columns.append(Column(name, path, listed))
        elif is_personal_field(name):
            shown = name if name and all(c in _SAFE_COLUMN for c in name.lower()) and len(name) <= 40 else "…"
            problems.append(Problem.make("casus.personal_field", file=source, line=1, column=number, field=shown))
        else:
            # An unknown header is never repeated (it may be a name); its position points at it.
            guess = suggest(name, known) if name and len(name) <= 40 else None
            problems.append(
                Problem.make(
                    "batch.csv_unknown_column",
                    file=source,
                    line=1,
                    column=number,
                    hint="hint.did_you_mean" if guess else "batch.csv_unknown_column.hint",
                    hint_args={"suggestion": guess} if guess else {},
                )
            )
    if problems:
        raise ReferralError(problems)
    return columns


def csv_row(columns: list[Column], cells: list[str], separator: str = ";") -> dict[str, Any]:
    """A CSV row as a casus mapping: empty cells left out, lists split on `separator`."""
    casus: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=True):
        text = cell.strip()
        if not text:
            continue
        value: Any = [part.strip() for part in text.split(separator)] if column.listed else text
        if column.listed and column.path[-1] not in ("djg11", "djg6"):
            value = [part for part in value if part]
        if len(column.path) == 1:
            casus[column.path[0]] = value
        else:
            casus.setdefault(column.path[0], {})[column.path[1]] = value
    return casus


DELIMITERS = {",": ",", ";": ";", "tab": "\t"}


def csv_dialect(header_line: str, requested: str) -> tuple[str, str]:
    """(cell delimiter, list separator): ',' with ';' between list items (the default), or the
    semicolons of a Dutch-locale Excel export with ',' between list items. Detected from the
    header when not asked for."""
    if requested != "auto":
        delimiter = DELIMITERS[requested]
    else:
        delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    return delimiter, ("," if delimiter == ";" else ";")


def csv_items(
    lines: Iterator[bytes], fields: Mapping[str, Any], source: str = "<csv>", requested: str = "auto"
) -> Iterator[Item]:
    """CSV records as items: every physical line is one record (a cell never continues on the next
    line), so input and output pair up by line number; the header is line 1 and yields nothing."""
    import csv

    at = 0
    for raw in lines:  # blank lines before the header are lines too: each gets its output line
        at += 1
        if raw.strip(b"\xef\xbb\xbf \t\r\n"):
            header_raw = raw
            break
        yield at, "blank", None
    else:
        return
    try:
        header_line = header_raw.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        raise ReferralError(Problem.make("batch.not_utf8", file=source, line=at)) from None
    delimiter, separator = csv_dialect(header_line, requested)
    try:
        header = next(csv.reader([header_line], delimiter=delimiter, strict=True))
    except (csv.Error, StopIteration) as err:
        raise ReferralError(Problem.make("batch.csv_syntax", file=source, line=at, detail=str(err))) from None
    columns = csv_columns(header, fields, source)
    for number, raw in enumerate(lines, start=at + 1):
        try:
            text = raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            yield number, "error", [Problem.make("batch.not_utf8")]
            continue
        if not text.strip():
            yield number, "blank", None
            continue
        try:
            cells = next(csv.reader([text], delimiter=delimiter, strict=True))
        except csv.Error as err:
            code = "batch.csv_open_quote" if "end of data" in str(err) or "EOF" in str(err) else "batch.csv_syntax"
            yield number, "error", [Problem.make(code, detail=str(err))]
            continue
        if not any(cell.strip() for cell in cells):
            yield number, "blank", None
        elif len(cells) != len(columns):
            yield number, "error", [Problem.make("batch.csv_cells", got=len(cells), expected=len(columns))]
        else:
            yield number, "map", csv_row(columns, cells, separator)


# --- running -----------------------------------------------------------------------------------

_WORKER: list[LineMatcher] = []


def _worker_start(rules: str | None, offers: str | None, lang: str, top: int, day: int) -> None:
    if _WORKER:
        return  # forked: inherited from the parent, compiled already
    _WORKER.append(matcher_for(rules, offers, lang, top, day))


def _worker_chunk(chunk: list[Item]) -> tuple[bytes, int, int]:
    return process_chunk(_WORKER[0], chunk)


def process_chunk(matcher: LineMatcher, chunk: list[Item]) -> tuple[bytes, int, int]:
    """Output of a chunk (one UTF-8 line per item), the number that failed, the number skipped."""
    out = []
    failed = skipped = 0
    for item in chunk:
        text, bad = matcher.item(item)
        failed += bad
        skipped += text.endswith(_SKIPPED)
        out.append(text)
    out.append(b"")
    return b"\n".join(out), failed, skipped


def matcher_for(rules: str | None, offers: str | None, lang: str, top: int, day: int) -> LineMatcher:
    from referral.app.session import Session

    session = Session.of(rules, offers)
    session.warm()
    return LineMatcher(session, lang, top, day)


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Counting:
    """Counts the bytes read, for the progress bar."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.read = 0

    def __iter__(self) -> Iterator[bytes]:
        # readline with a cap: a line longer than any casus is cut and the rest of it skipped, so
        # that memory stays bounded (the cut line is then reported as too long).
        while True:
            line = self.stream.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            self.read += len(line)
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while True:
                    rest = self.stream.readline(1024 * 1024)
                    self.read += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
            yield line


def run_batch(options: BatchOptions, out: IO[bytes]) -> BatchReport:
    """Read, match and write every line; raises ReferralError for unusable input or content."""
    matcher = matcher_for(options.rules, options.offers, options.lang, options.top, options.day)
    stream, size = open_source(options.source)
    try:
        counting = _Counting(stream)
        lines = iter(counting)
        head: list[bytes] = []
        for line in lines:  # up to the first line with content: blank lines say nothing
            head.append(line)
            if line.strip(b"\xef\xbb\xbf \t\r\n") or len(head) >= 10_000:
                break
        if head and b"\r" in head[-1].rstrip(b"\r\n") and b"\n" not in head[-1]:
            raise ReferralError(Problem.make("batch.cr_only", file=options.source))
        fmt = detect_format(options.source, options.input_format, first_content_line(head))
        rest: Iterator[bytes] = _prepend_all(head, lines)
        name = "<stdin>" if options.source == "-" else options.source
        items = jsonl_items(rest) if fmt == "jsonl" else csv_items(rest, matcher.reader.table, name, options.delimiter)
        chunks = _chunks(items, CHUNK)
        with _progress(options.progress, size, options.lang) as advance:
            if options.workers > 1:
                report = _run_parallel(chunks, options, out, counting, advance)
            else:
                report = _run_serial(matcher, chunks, out, counting, advance)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return report


def _prepend_all(first: list[bytes], rest: Iterator[bytes]) -> Iterator[bytes]:
    yield from first
    yield from rest


def write_whole(out: IO[bytes], data: bytes) -> None:
    """Write complete lines with Ctrl-C and SIGTERM held back until they are out, so that an
    interrupted batch never ends in half a line."""
    import signal

    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # not the main thread, or no such call here
        out.write(data)
        out.flush()
        return
    try:
        out.write(data)
        out.flush()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class WorkerLost(ReferralError):
    """A worker process died (kill -9, out of memory): the batch stopped; not the input's fault."""


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C: stop at once, exit 130, no traceback."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated


def _run_serial(
    matcher: LineMatcher,
    chunks: Iterator[list[Item]],
    out: IO[bytes],
    counting: _Counting,
    advance: Callable[[int], None],
) -> BatchReport:
    import signal

    total = failed = skipped = 0
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        for chunk in chunks:
            data, bad, blank = process_chunk(matcher, chunk)
            write_whole(out, data)
            total += len(chunk)
            failed += bad
            skipped += blank
            advance(counting.read)
    finally:
        signal.signal(signal.SIGTERM, previous)
    return BatchReport(total, failed, skipped)


def _worker_init(rules: str | None, offers: str | None, lang: str, top: int, day: int) -> None:
    """In each worker: Ctrl-C and SIGTERM are the parent's to handle (no tracebacks from workers)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _worker_start(rules, offers, lang, top, day)


def _run_parallel(
    chunks: Iterator[list[Item]],
    options: BatchOptions,
    out: IO[bytes],
    counting: _Counting,
    advance: Callable[[int], None],
) -> BatchReport:
    """Chunks over worker processes, written back in input order.

    A worker that dies (kill -9, out of memory) breaks the pool: the batch stops with one message
    and exit 1, never hangs. Ctrl-C or SIGTERM stop every worker at once: exit 130, and nothing
    is written past the last whole chunk.
    """
    import multiprocessing
    import signal
    from concurrent.futures import Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if "fork" in methods:
        _WORKER.clear()
        _WORKER.append(matcher_for(options.rules, options.offers, options.lang, options.top, options.day))
    total = failed = skipped = 0
    arguments = (options.rules, options.offers, options.lang, options.top, options.day)
    pool = ProcessPoolExecutor(options.workers, mp_context=context, initializer=_worker_init, initargs=arguments)
    pending: deque[tuple[Future[tuple[bytes, int, int]], int]] = deque()
    previous = signal.signal(signal.SIGTERM, _on_sigterm)

    def write_oldest() -> None:
        nonlocal total, failed, skipped
        future, size = pending.popleft()
        # A worker killed while it sends a result leaves half a message, and the pool's manager
        # thread then waits for the rest instead of noticing the death: look here meanwhile.
        while not wait([future], timeout=0.5).done:
            if any(process.exitcode is not None for process in workers(pool)):
                raise BrokenProcessPool("a worker process died")
        data, bad, blank = future.result()
        write_whole(out, data)
        total += size
        failed += bad
        skipped += blank
        advance(counting.read)

    try:
        for chunk in chunks:
            pending.append((pool.submit(_worker_chunk, chunk), len(chunk)))
            if len(pending) >= options.workers * 4:  # bounded read-ahead: memory stays flat
                write_oldest()
        while pending:
            write_oldest()
    except BrokenProcessPool:
        _stop(pool)
        raise WorkerLost(Problem.make("batch.worker_lost", done=total)) from None
    except BrokenPipeError:
        # The reader went away: let the workers finish the chunk in hand and stop in order. A
        # worker killed while it sends a result leaves half a message in the pool's result pipe,
        # and the pool's manager thread then waits on it for ever (here, or at exit).
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    except BaseException:  # Ctrl-C, SIGTERM: stop the workers first
        _stop(pool)
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)
        _WORKER.clear()
    pool.shutdown(wait=True)
    return BatchReport(total, failed, skipped)


def workers(pool: Any) -> list[Any]:
    """The pool's worker processes (a private attribute of the standard library's pool)."""
    return list((getattr(pool, "_processes", None) or {}).values())


def _stop(pool: Any) -> None:
    """Kill the workers now (no waiting for queued chunks) and release the pool.

    A worker killed while it sends a result leaves half a message in the result pipe, and the
    pool's manager thread then waits for the rest for ever; interpreter exit joins that thread,
    so Ctrl-C or SIGTERM hung the batch now and then (tests/test_batch_faults.py). Once the
    workers are gone this process holds the pipe's last write end: closing it gives the manager
    an end of file, and it stops; it is waited for here, so that exit does not wake it while it
    closes."""
    processes = workers(pool)
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)  # shutdown forgets these
    manager = getattr(pool, "_executor_manager_thread", None)
    for process in processes:
        with contextlib.suppress(OSError, AttributeError):
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
    if writer is not None and all(not process.is_alive() for process in processes):
        with contextlib.suppress(OSError):
            writer.close()
        if manager is not None:  # done before interpreter exit wakes it (a race in Python 3.11)
            manager.join(timeout=5)


class _progress:
    """A rich progress bar on stderr (only when asked, i.e. when stderr is a terminal)."""

    def __init__(self, enabled: bool, size: int | None, lang: str) -> None:
        self.enabled = enabled
        self.size = size
        self.lang = lang
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled:
            return lambda done: None
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

        from referral.core.i18n import translate

        self.bar = Progress(
            TextColumn(translate("batch.progress", self.lang)),
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("batch", total=self.size)
        return lambda done: self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
