"""Safe YAML/JSON loading that keeps where every value came from.

Content and casus files are hand-edited, so every error must point at file:line:column. We compose
the YAML node graph (libyaml's C loader where present), construct plain Python values ourselves and
record each node's position under its path, refusing duplicate keys, tabs in indentation, alias
bombs and other traps on the way.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from referral.core.limits import MAX_FILE_BYTES
from referral.core.problems import Problem, ReferralError
from referral.core.records import Record

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path  # at run time only as an annotation: pathlib costs start-up time

    import yaml

# PyYAML is imported where YAML is parsed, not here: a cached `match` often never needs it.


def _loader() -> Any:
    """libyaml's C loader where PyYAML was built with it, else the pure-Python one."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_NODES = 200_000
MAX_DEPTH = 64

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Mark(Record):
    """Where a value starts (1-based), and how a scalar was written (for YAML 1.1 trap checks)."""

    line: int
    column: int
    tag: str = ""
    plain: bool = False
    text: str = ""


class PartialMarks(Mapping[PathKey, Mark]):
    """The positions of a document read with only some of them kept: those loading and the
    trap check ask for (`quick_yaml.parse` without positions). Any other position reads the
    document again, once, for all of them: content that validates needs no other (validate and
    a first match at national scale), content with a problem gets every position as before."""

    def __init__(self, known: dict[PathKey, Mark], read_all: Callable[[], dict[PathKey, Mark]]) -> None:
        self.known = known
        self._read_all = read_all
        self._all: dict[PathKey, Mark] | None = None

    def everything(self) -> dict[PathKey, Mark]:
        if self._all is None:
            self._all = self._read_all()
        return self._all

    def get(self, path: PathKey, default: Any = None) -> Any:
        found = self.known.get(path)
        return found if found is not None else self.everything().get(path, default)

    def __getitem__(self, path: PathKey) -> Mark:
        found = self.known.get(path)
        return found if found is not None else self.everything()[path]

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self.everything())

    def __len__(self) -> int:
        return len(self.everything())


@dataclass(frozen=True, eq=False, repr=False)
class Document(Record):
    """A loaded file: its plain value and the position of every node, keyed by path."""

    file: str
    value: Any
    marks: Mapping[PathKey, Mark]

    def mark(self, path: PathKey) -> Mark | None:
        """The position of `path`, or of its closest ancestor that has one."""
        while True:
            found = self.marks.get(tuple(path))
            if found is not None or not path:
                return found
            path = path[:-1]

    def problem(self, code: str, path: PathKey = (), **kwargs: Any) -> Problem:
        mark = self.mark(path)
        return Problem.make(
            code,
            file=self.file,
            line=mark.line if mark else None,
            column=mark.column if mark else None,
            **kwargs,
        )


def read_text(path: Path, display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file defensively: regular file, bounded size, UTF-8 (a BOM is allowed)."""
    name = display or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ReferralError(Problem.make("file.missing", file=name)) from None
    except OSError:
        raise ReferralError(Problem.make("file.unreadable", file=name)) from None
    if not stat.S_ISREG(info.st_mode):
        raise ReferralError(Problem.make("file.not_a_file", file=name))
    if info.st_size > max_bytes:
        raise ReferralError(Problem.make("file.too_large", file=name, limit=max_bytes))
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError:
        raise ReferralError(Problem.make("file.unreadable", file=name)) from None
    if len(data) > max_bytes:
        raise ReferralError(Problem.make("file.too_large", file=name, limit=max_bytes))
    return decode_text(data, name)


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed); binary or other encodings are refused with a position."""
    if b"\x00" in data:
        raise ReferralError(Problem.make("file.binary", file=name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        line_start = before[before.rfind(b"\n") + 1 :]
        column = len(line_start.decode("utf-8", errors="replace")) + 1
        raise ReferralError(Problem.make("file.not_utf8", file=name, line=line, column=column)) from None


# Whether a key may be named in a message. A casus key may be personal data ('agnes' typed for
# 'age'), so by default no key is shown; callers pass the test for the field names they know.
KeyTest = Callable[[str], bool]


def _never(key: str) -> bool:
    return False


def load_file(path: Path, display: str | None = None, nameable: KeyTest = _never) -> Document:
    """Load a YAML or JSON file (by suffix; YAML otherwise) into a Document."""
    name = display or str(path)
    return parse_text(read_text(path, name), path, name, nameable)


def load_bytes(
    data: bytes,
    path: Path,
    display: str | None = None,
    nameable: KeyTest = _never,
    dates_as_text: bool = False,
    positions: bool = True,
) -> Document:
    """`load_file` for bytes already read from `path` (content is read once: hashed and parsed)."""
    name = display or str(path)
    if len(data) > MAX_FILE_BYTES:
        raise ReferralError(Problem.make("file.too_large", file=name, limit=MAX_FILE_BYTES))
    return parse_text(decode_text(data, name), path, name, nameable, dates_as_text, positions)


def parse_text(
    text: str,
    path: Path,
    name: str,
    nameable: KeyTest = _never,
    dates_as_text: bool = False,
    positions: bool = True,
) -> Document:
    """A file's text as a Document: JSON or YAML by the suffix of `path` (YAML otherwise)."""
    if path.suffix.lower() == ".json":
        return parse_json(text, name, nameable)
    return parse_yaml(text, name, nameable, dates_as_text, positions)


def _duplicate(code: str, key: str, nameable: KeyTest, **where: Any) -> Problem:
    """A repeated key is refused instead of silently keeping the last value; the key is named
    only when it is a known field name."""
    if nameable(key):
        return Problem.make(f"{code}.named", key=key, **where)
    return Problem.make(code, **where)


def parse_json(text: str, name: str, nameable: KeyTest = _never) -> Document:
    if not text.strip():
        raise ReferralError(Problem.make("file.empty", file=name))
    try:
        value = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_json_object)
    except _DuplicateJSONKey as err:
        raise ReferralError(_duplicate("json.duplicate_key", err.key, nameable, file=name)) from None
    except json.JSONDecodeError as err:
        raise ReferralError(
            Problem.make("json.syntax", file=name, line=err.lineno, column=err.colno, detail=parser_detail(err.msg))
        ) from None
    except RecursionError:
        raise ReferralError(Problem.make("yaml.too_complex", file=name, limit=MAX_NODES, depth=MAX_DEPTH)) from None
    except ValueError as err:
        detail = (
            "NaN/Infinity"
            if isinstance(err.args[0] if err.args else None, str) and err.args[0] in ("NaN", "Infinity", "-Infinity")
            else "number too large"
        )
        raise ReferralError(Problem.make("json.syntax", file=name, detail=detail)) from None
    return Document(file=name, value=value, marks=_json_marks(text, name))


def _json_marks(text: str, name: str) -> Mapping[PathKey, Mark]:
    """Positions for a JSON document, best effort: JSON is (almost) YAML, so compose it as YAML."""
    try:
        return parse_yaml(text, name).marks
    except (ReferralError, RecursionError, ValueError):
        return {}


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


class _DuplicateJSONKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateJSONKey(key)
        result[key] = value
    return result


def parse_yaml(
    text: str, name: str, nameable: KeyTest = _never, dates_as_text: bool = False, positions: bool = True
) -> Document:
    """One YAML document with the position of every node; errors become Problems.

    The everyday block YAML of content files is read by `referral.core.quick_yaml` (the same
    values and positions, without PyYAML's node graph); anything else by PyYAML. With
    `dates_as_text`, YAML dates come back as ISO text, as the content's schemas expect them.
    Without `positions`, a quickly read document's positions are PartialMarks.
    """
    if not text.strip():
        raise ReferralError(Problem.make("file.empty", file=name))
    from referral.core.quick_yaml import parse as quick_parse

    quick = quick_parse(text, dates_as_text, positions)
    if quick is not None:
        if positions:
            return Document(file=name, value=quick[0], marks=quick[1])

        def read_all() -> dict[PathKey, Mark]:
            again = quick_parse(text, dates_as_text)
            assert again is not None  # the same text, read the same way
            return again[1]

        return Document(file=name, value=quick[0], marks=PartialMarks(quick[1], read_all))
    doc = compose_yaml(text, name, nameable)
    return Document(doc.file, dates_to_text(doc.value), doc.marks) if dates_as_text else doc


def dates_to_text(value: Any) -> Any:
    """YAML dates as ISO text, in a copy of the value."""
    if isinstance(value, dt.date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, dict):
        return {k: dates_to_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [dates_to_text(v) for v in value]
    return value


def compose_yaml(text: str, name: str, nameable: KeyTest = _never) -> Document:
    """`parse_yaml` through PyYAML: compose the nodes and build values and positions from them."""
    import yaml

    if not text.strip():
        raise ReferralError(Problem.make("file.empty", file=name))
    try:
        nodes = list(yaml.compose_all(text, Loader=_loader()))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        detail = err.problem or err.context or "syntax"
        tab = _tab_in_indentation(text, mark.line) if mark is not None else None
        if tab is not None and mark is not None:
            # The parser stumbled on a line indented with a tab (tabs inside block scalars are fine).
            raise ReferralError(
                Problem.make("yaml.tab", file=name, line=mark.line + 1, column=tab + 1, hint="yaml.tab.hint")
            ) from None
        raise ReferralError(
            Problem.make(
                "yaml.syntax",
                file=name,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                detail=parser_detail(detail),
            )
        ) from None
    except (yaml.YAMLError, RecursionError) as err:
        raise ReferralError(Problem.make("yaml.syntax", file=name, detail=type(err).__name__)) from None
    nodes = [node for node in nodes if node is not None]
    if not nodes:
        raise ReferralError(Problem.make("file.empty", file=name))
    if len(nodes) > 1:
        second = nodes[1].start_mark
        raise ReferralError(Problem.make("yaml.multiple_documents", file=name, line=second.line + 1, column=1))
    builder = _Builder(name, nameable)
    value = builder.build(nodes[0], (), 0)
    return Document(file=name, value=value, marks=builder.marks)


DATE_FIELDS = frozenset({"reviewed", "valid_from", "valid_to"})
_TRAP_TAGS = (":bool", ":int", ":float", ":timestamp")  # how the tags of the traps below end
_BOOL_WORDS = frozenset({"yes", "no", "on", "off", "y", "n"})


def yaml11_traps(doc: Document) -> list[Problem]:
    """Plain scalars that YAML 1.1 reads differently from what a Dutch editor likely meant.

    `no`/`yes`/`on`/`off` become booleans, `9:00` becomes 540 (base 60), `0301234567` loses its
    zero (or is octal), and an unquoted date becomes a date. Reported as warnings; where the schema
    wanted text the schema error says the same with a hint to quote.
    """
    found = []
    # Only plain scalars that YAML 1.1 resolved to a bool, number or date can be a trap; they are
    # picked out before sorting (the order among them is the same: the sort is stable).
    # PartialMarks keep every candidate (in the same order): the trap check needs no other position.
    marks = doc.marks.known if isinstance(doc.marks, PartialMarks) else doc.marks
    candidates = [(path, mark) for path, mark in marks.items() if mark.plain and mark.tag.endswith(_TRAP_TAGS)]
    for path, mark in sorted(candidates, key=lambda item: (item[1].line, item[1].column)):
        text = mark.text
        code = None
        if mark.tag.endswith(":bool") and text.lower() in _BOOL_WORDS:
            code = "yaml.trap.bool"
        elif mark.tag.endswith((":int", ":float")) and ":" in text:
            code = "yaml.trap.sexagesimal"
        elif mark.tag.endswith(":int") and text.lstrip("+-").startswith("0") and len(text.lstrip("+-")) > 1:
            code = "yaml.trap.leading_zero"
        elif mark.tag.endswith(":timestamp") and not (path and path[-1] in DATE_FIELDS):
            code = "yaml.trap.date"
        if code:
            found.append(
                Problem.make(
                    code,
                    file=doc.file,
                    line=mark.line,
                    column=mark.column,
                    severity="warning",
                    text=text,
                    hint="yaml.trap.hint",
                )
            )
    return found


# The parsers' most common complaints, as message codes (translated like any message); anything
# else is shown as the parser wrote it.
_PARSER_DETAILS = (
    ("mapping values are not allowed", "parse.mapping_values"),
    ("did not find expected key", "parse.expected_key"),
    ("did not find expected ',' or ']'", "parse.expected_list_end"),
    ("did not find expected ',' or '}'", "parse.expected_map_end"),
    ("did not find expected", "parse.indentation"),
    ("expected <block end>", "parse.indentation"),
    ("could not find expected ':'", "parse.expected_colon"),
    ("found character that cannot start any token", "parse.bad_character"),
    ("found undefined alias", "parse.undefined_alias"),
    ("exceeded maximum nesting depth", "parse.too_deep"),
    ("found unexpected end of stream", "parse.unexpected_end"),
    ("while scanning a quoted scalar", "parse.unexpected_end"),
    ("Expecting value", "parse.expected_value"),
    ("Extra data", "parse.extra_data"),
    ("Expecting ',' delimiter", "parse.expected_comma"),
    ("Expecting ':' delimiter", "parse.expected_colon"),
    ("Expecting property name enclosed in double quotes", "parse.expected_name"),
    ("Unterminated string", "parse.unterminated_string"),
    ("Invalid control character", "parse.control_character"),
)


def parser_detail(detail: str) -> str:
    """A message code for a known parser complaint (so it is shown in Dutch), else the text."""
    for prefix, code in _PARSER_DETAILS:
        if detail.startswith(prefix):
            return code
    return detail


def _tab_in_indentation(text: str, line_index: int) -> int | None:
    """The 0-based column of a tab in the indentation of a line, or None."""
    lines = text.splitlines()
    if not 0 <= line_index < len(lines):
        return None
    line = lines[line_index]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return indent.index("\t") if "\t" in indent else None


_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
_new_object = object.__new__


def _mark(line: int, column: int, tag: str = "", plain: bool = False, text: str = "") -> Mark:
    """A Mark, made as its frozen dataclass __init__ makes it, without five object.__setattr__
    calls: a national social map has millions of positions (0.4 instead of 1.1 µs each)."""
    mark: Mark = _new_object(Mark)
    fields = mark.__dict__
    fields["line"] = line
    fields["column"] = column
    fields["tag"] = tag
    fields["plain"] = plain
    fields["text"] = text
    return mark


class _Builder:
    """Turns composed nodes into plain values with bounded work (alias bombs, deep nesting)."""

    def __init__(self, name: str, nameable: KeyTest = _never) -> None:
        self.name = name
        self.nameable = nameable
        self.marks: dict[PathKey, Mark] = {}
        self.count = 0
        import yaml

        self.constructor = yaml.constructor.SafeConstructor()
        self.scalar_node = yaml.ScalarNode

    def _too_complex(self, node: yaml.Node) -> ReferralError:
        return ReferralError(
            Problem.make(
                "yaml.too_complex",
                file=self.name,
                line=node.start_mark.line + 1,
                column=node.start_mark.column + 1,
                limit=MAX_NODES,
                depth=MAX_DEPTH,
            )
        )

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        import yaml  # already loaded by parse_yaml: a dictionary look-up

        self.count += 1
        if self.count > MAX_NODES or depth > MAX_DEPTH:
            raise self._too_complex(node)
        start = node.start_mark
        line, column = start.line + 1, start.column + 1
        if isinstance(node, yaml.ScalarNode):
            tag = node.tag
            if tag == _STR:  # what the constructor gives for text, without its bookkeeping
                value = node.value
            elif tag == _NULL:
                value = None
            else:
                value = self._scalar(node, line, column)
            self.marks[path] = _mark(line, column, tag, node.style in (None, ""), node.value)
            return value
        self.marks[path] = _mark(line, column, node.tag)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index), depth + 1) for index, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        raise self._too_complex(node)  # pragma: no cover - no other node kinds exist

    def _scalar(self, node: yaml.ScalarNode, line: int, column: int) -> Any:
        import yaml  # already loaded by parse_yaml: a dictionary look-up

        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as err:
            raise ReferralError(
                Problem.make("yaml.syntax", file=self.name, line=line, column=column, detail=type(err).__name__)
            ) from None
        if isinstance(value, float) and value != value:  # NaN never means anything here
            raise ReferralError(Problem.make("yaml.syntax", file=self.name, line=line, column=column, detail=".nan"))
        return value

    def _mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        marks = self.marks
        for key_node, value_node in node.value:
            start = key_node.start_mark
            key_line, key_column = start.line + 1, start.column + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise ReferralError(Problem.make("yaml.merge_key", file=self.name, line=key_line, column=key_column))
            if not isinstance(key_node, self.scalar_node):
                raise ReferralError(
                    Problem.make("yaml.non_string_key", file=self.name, line=key_line, column=key_column)
                )
            key = key_node.value
            if key in first_lines:
                raise ReferralError(
                    _duplicate(
                        "yaml.duplicate_key",
                        key,
                        self.nameable,
                        file=self.name,
                        line=key_line,
                        column=key_column,
                        first_line=first_lines[key],
                    )
                )
            first_lines[key] = key_line
            marks[(*path, "@key", key)] = _mark(key_line, key_column)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result
