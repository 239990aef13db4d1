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

Speed comes from `referral.engine.compiled`; `--workers N` spreads chunks over processes and writes
them back in input order, so the output is the same for any N.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from referral.casus.simple import strict_json_decoder
from referral.core.i18n import register_messages
from referral.core.limits import MAX_FILE_BYTES
from referral.core.problems import Problem, ReferralError
from referral.engine.compiled import Program, dumps_compact

if TYPE_CHECKING:  # pragma: no cover
    from referral.content.loading import ContentDirs
    from referral.core.model import Ruleset

register_messages(
    {
        "batch.unknown_format": (
            "kan het formaat niet bepalen; kies --input jsonl of --input csv",
            "cannot tell the format; choose --input jsonl or --input csv",
        ),
        "batch.csv_no_header": ("de CSV heeft geen kopregel met veldnamen", "the CSV has no header row of field names"),
        "batch.csv_unknown_column": (
            "onbekende kolom '{field}' in de kopregel",
            "unknown column '{field}' in the header",
        ),
        "batch.csv_unknown_column.hint": (
            "kolommen zijn casusvelden, zoals age, wijk, loneliness.social; scheid met komma's",
            "columns are casus fields such as age, wijk, loneliness.social; separate them with commas",
        ),
        "batch.csv_duplicate_column": ("kolom '{field}' komt twee keer voor", "column '{field}' occurs twice"),
        "batch.csv_cells": (
            "de rij heeft {got} cellen, de kopregel {expected}",
            "the row has {got} cells, the header {expected}",
        ),
        "batch.csv_syntax": ("ongeldige CSV-rij: {detail}", "invalid CSV row: {detail}"),
        "batch.line_too_long": ("regel is langer dan {limit} bytes", "line is longer than {limit} bytes"),
        "batch.not_utf8": ("regel is geen geldige UTF-8-tekst", "line is not valid UTF-8 text"),
        "batch.progress": ("casussen", "casussen"),
        "batch.content_changed": (
            "de inhoud veranderde tijdens de batch; start opnieuw",
            "the content changed during the batch; start again",
        ),
        "batch.summary": (
            '{failed} van {total} regels niet verwerkt (zie de regels met "problems")',
            '{failed} of {total} lines not processed (see the lines with "problems")',
        ),
    }
)

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


@dataclass(frozen=True)
class BatchReport:
    """How the batch went: lines read, lines that failed, lines skipped as blank."""

    total: int
    failed: int
    skipped: int


# --- one line ----------------------------------------------------------------------------------


_UNSEEN: Any = object()
_INVALID: Any = object()  # an answer the scale does not know


class LineMatcher:
    """Turns one input line into one output line; the fast route first, the full parser on doubt."""

    def __init__(self, program: Program, lang: str, top: int, ruleset: Callable[[], Ruleset]) -> None:
        self.program = program
        self.lang = lang
        self.top = top
        self._ruleset_loader = ruleset
        self._ruleset: Ruleset | None = None
        self._decoder = strict_json_decoder()
        self._folded: dict[str, str] = {}
        self._scored: dict[tuple[str, tuple[str | None, ...]], tuple[tuple[Any, ...], str] | None] = {}
        self._answers: dict[str | None, Any] = {}

    def _fold(self, text: str) -> str:
        """`vocabulary.fold`, remembered: a population writes the same words again and again."""
        found = self._folded.get(text)
        if found is None:
            from referral.core.vocabulary import fold

            found = fold(text)
            if len(self._folded) < MEMO_ENTRIES:
                self._folded[text] = found
        return found

    def _scale(self, version: str, raw: Any) -> tuple[tuple[Any, ...], str] | None:
        """The De Jong Gierveld answers scored by `referral.core.scale` itself (as the casus parser does)."""
        if type(raw) is not list or not all(type(answer) is str or answer is None for answer in raw):
            return None  # other types of answers: the full parser decides (and explains)
        key = (version, tuple(raw))
        if key in self._scored:
            return self._scored[key]
        from referral.core import scale

        found: tuple[tuple[Any, ...], str] | None = None
        if len(raw) == len(scale.VERSIONS[version]):
            answers = [self._answer(answer) for answer in raw]
            if _INVALID not in answers:
                result = scale.score(version, answers, self.ruleset.thresholds)
                found = (result.social, result.emotional, result.severity), dumps_compact(result.to_json())
        if len(self._scored) < MEMO_ENTRIES:
            self._scored[key] = found
        return found

    def _note(self, text: str) -> bool:
        """Whether the casus parser accepts this note: no personal data (`normalize` checks its length)."""
        from referral.casus.reader import note_personal_data

        return not note_personal_data(text)

    def _answer(self, raw: str | None) -> Any:
        """`scale.normalize_answer`, remembered (a handful of spellings); _INVALID where it refuses."""
        found = self._answers.get(raw, _UNSEEN)
        if found is _UNSEEN:
            from referral.core import scale

            try:
                found = scale.normalize_answer(raw)
            except ValueError:
                found = _INVALID
            if len(self._answers) < MEMO_ENTRIES:
                self._answers[raw] = found
        return found

    @property
    def ruleset(self) -> Ruleset:
        if self._ruleset is None:
            self._ruleset = self._ruleset_loader()
            if self._ruleset.digest != self.program.plain["digest"]:  # pragma: no cover - a race with an edit
                raise ReferralError(Problem.make("batch.content_changed"))
        return self._ruleset

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
                data = parse_json(text, f"<regel {number}>").value
            except ReferralError as err:
                return error_line(number, err.problems, self.lang), True
        return self.mapping(number, data)

    def mapping(self, number: int, data: Any) -> tuple[bytes, bool]:
        program = self.program
        normalized = program.normalize(data, self._fold, self._scale, self._note)
        if normalized is not None:
            signals, scale_text, note_given = normalized
            line = program.line(signals, program.casus_text(signals, scale_text), self.lang, self.top)
            return (line[:-1] + _NOTE_GIVEN if note_given else line), False
        from referral.casus.reader import parse_casus
        from referral.core.yamlsource import Document

        ruleset = self.ruleset
        try:  # exactly what `match` does with a parsed casus document
            casus = parse_casus(Document(file=f"<regel {number}>", value=data, marks={}), ruleset)
        except ReferralError as err:
            return error_line(number, err.problems, self.lang), True
        casus_text = dumps_compact(casus.to_json(ruleset.vocabulary))
        line = program.line(casus.signals, casus_text, self.lang, self.top)
        if casus.has_note:
            line = line[:-1] + _NOTE_GIVEN
        return line, False


_NOTE_GIVEN = b',"note_given":true}'  # as json_view.match_json: a note is never shown, only that it was given
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
    return "jsonl" if first.lstrip(b"\xef\xbb\xbf \t").startswith(b"{") else "csv"


def jsonl_items(lines: Iterator[bytes]) -> Iterator[Item]:
    for number, raw in enumerate(lines, start=1):
        yield number, "json", raw


@dataclass(frozen=True)
class Column:
    """A CSV column: where its value goes in the casus, and whether it holds a `;`-separated list."""

    name: str
    path: tuple[str, ...]
    listed: bool


def csv_columns(header: list[str], program: Program) -> list[Column]:
    """The header's columns, checked against the vocabulary; every problem at once (exit 2)."""
    from referral.core import scale
    from referral.core.privacy import is_personal_field
    from referral.core.vocabulary import suggest

    plain = program.plain
    note = plain["note"][0]
    known: dict[str, tuple[tuple[str, ...], bool]] = {note: ((note,), False)}
    for name, signal_id in plain["top"].items():
        if signal_id is not None:
            known[name] = ((name,), plain["signals"][signal_id]["kind"] == "set")
    for group, members in plain["groups"].items():
        for member, signal_id in members.items():
            known[f"{group}.{member}"] = ((group, member), plain["signals"][signal_id]["kind"] == "set")
        if group == "loneliness":
            for version in scale.VERSIONS:
                known[f"{group}.{version}"] = ((group, version), True)
    columns: list[Column] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in header:
        name = raw.strip().lstrip("\ufeff")
        shown = name if name and all(c in _SAFE_COLUMN for c in name.lower()) and len(name) <= 40 else "…"
        if name in seen:
            problems.append(Problem.make("batch.csv_duplicate_column", file="<csv>", line=1, field=shown))
        seen.add(name)
        if name in known:
            path, listed = known[name]
            columns.append(Column(name, path, listed))
        elif is_personal_field(name):
            problems.append(Problem.make("casus.personal_field", file="<csv>", line=1, field=shown))
        else:
            guess = suggest(name, known) if shown != "…" else None
            problems.append(
                Problem.make(
                    "batch.csv_unknown_column",
                    file="<csv>",
                    line=1,
                    field=shown,
                    hint="hint.did_you_mean" if guess else "batch.csv_unknown_column.hint",
                    hint_args={"suggestion": guess} if guess else {},
                )
            )
    if problems:
        raise ReferralError(problems)
    return columns


def csv_row(columns: list[Column], cells: list[str]) -> dict[str, Any]:
    """A CSV row as a casus mapping: empty cells left out, lists split on `;`."""
    casus: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=True):
        text = cell.strip()
        if not text:
            continue
        value: Any = [part.strip() for part in text.split(";")] if column.listed else text
        if column.listed and column.path[-1] not in ("djg11", "djg6"):
            value = [part for part in value if part]
        if len(column.path) == 1:
            casus[column.path[0]] = value
        else:
            casus.setdefault(column.path[0], {})[column.path[1]] = value
    return casus


def csv_items(lines: Iterator[bytes], program: Program) -> Iterator[Item]:
    """CSV rows as items; line numbers are physical lines of the file (the header is line 1)."""
    import csv

    bad: set[int] = set()
    counter = [0]

    def decoded() -> Iterator[str]:
        for raw in lines:
            counter[0] += 1
            try:
                yield raw.decode("utf-8-sig" if counter[0] == 1 else "utf-8")
            except UnicodeDecodeError:
                bad.add(counter[0])
                yield raw.decode("utf-8", errors="replace")

    reader = csv.reader(decoded(), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        raise ReferralError(Problem.make("batch.csv_syntax", file="<csv>", line=1, detail=str(err))) from None
    if not any(cell.strip() for cell in header):
        raise ReferralError(Problem.make("batch.csv_no_header", file="<csv>", line=1))
    columns = csv_columns(header, program)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield start, "error", [Problem.make("batch.csv_syntax", detail=str(err))]
            continue
        if any(number in bad for number in range(start, reader.line_num + 1)):
            yield start, "error", [Problem.make("batch.not_utf8")]
        elif not any(cell.strip() for cell in cells):
            yield start, "blank", None
        elif len(cells) != len(columns):
            yield start, "error", [Problem.make("batch.csv_cells", got=len(cells), expected=len(columns))]
        else:
            yield start, "map", csv_row(columns, cells)


# --- running -----------------------------------------------------------------------------------

_WORKER: list[LineMatcher] = []


def _worker_start(rules: str, offers: str, lang: str, top: int) -> None:
    if _WORKER:
        return  # forked: inherited from the parent, compiled already
    from pathlib import Path

    from referral.content.loading import ContentDirs

    _WORKER.append(matcher_for(ContentDirs(Path(rules), Path(offers)), lang, top))


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


def matcher_for(dirs: ContentDirs, lang: str, top: int) -> LineMatcher:
    from referral.content import cache

    program = cache.load_program(dirs)
    return LineMatcher(program, lang, top, lambda: cache.load_parser_ruleset(dirs))


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


def run_batch(options: BatchOptions, dirs: ContentDirs, out: IO[bytes]) -> BatchReport:
    """Read, match and write every line; raises ReferralError for unusable input or content."""
    matcher = matcher_for(dirs, options.lang, options.top)
    stream, size = open_source(options.source)
    try:
        counting = _Counting(stream)
        lines = iter(counting)
        first = next(lines, None)
        fmt = detect_format(options.source, options.input_format, first)
        rest: Iterator[bytes] = _prepend(first, lines) if first is not None else iter(())
        items = jsonl_items(rest) if fmt == "jsonl" else csv_items(rest, matcher.program)
        chunks = _chunks(items, CHUNK)
        with _progress(options.progress, size, options.lang) as advance:
            if options.workers > 1:
                report = _run_parallel(chunks, options, dirs, out, counting, advance)
            else:
                report = _run_serial(matcher, chunks, out, counting, advance)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return report


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def _run_serial(
    matcher: LineMatcher,
    chunks: Iterator[list[Item]],
    out: IO[bytes],
    counting: _Counting,
    advance: Callable[[int], None],
) -> BatchReport:
    total = failed = skipped = 0
    for chunk in chunks:
        data, bad, blank = process_chunk(matcher, chunk)
        out.write(data)
        total += len(chunk)
        failed += bad
        skipped += blank
        advance(counting.read)
    return BatchReport(total, failed, skipped)


def _run_parallel(
    chunks: Iterator[list[Item]],
    options: BatchOptions,
    dirs: ContentDirs,
    out: IO[bytes],
    counting: _Counting,
    advance: Callable[[int], None],
) -> BatchReport:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if "fork" in methods:
        _WORKER.clear()
        _WORKER.append(matcher_for(dirs, options.lang, options.top))
    total = failed = skipped = 0
    arguments = (str(dirs.rules), str(dirs.offers), options.lang, options.top)
    with context.Pool(options.workers, initializer=_worker_start, initargs=arguments) as pool:
        pending: deque[Any] = deque()
        sizes: deque[int] = deque()

        def write_oldest() -> None:
            nonlocal total, failed, skipped
            data, bad, blank = pending.popleft().get()
            out.write(data)
            total += sizes.popleft()
            failed += bad
            skipped += blank
            advance(counting.read)

        try:
            for chunk in chunks:
                pending.append(pool.apply_async(_worker_chunk, (chunk,)))
                sizes.append(len(chunk))
                if len(pending) >= options.workers * 4:  # bounded read-ahead: memory stays flat
                    write_oldest()
            while pending:
                write_oldest()
        except BrokenPipeError:
            # The reader went away. Let the workers finish the few chunks already queued and stop
            # them in order: Pool.terminate() can deadlock on a task queue it is still feeding.
            pool.close()
            pool.join()
            raise
    _WORKER.clear()
    return BatchReport(total, failed, skipped)


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
