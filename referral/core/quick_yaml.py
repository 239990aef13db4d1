"""The block YAML that content files are written in, read without composing PyYAML nodes.

At national scale (30,000 offer files, 60,000 rules) composing the node graph and walking it took
most of the time of loading. Almost every content file is plain block YAML: `key: value` lines,
`- item` lists (also indentless, as `yaml.dump` writes them), one-line quoted scalars, simple
one-line flow lists and mappings, comments, anchors and aliases. This reader handles exactly
that subset, line by line, and gives what `referral.core.yamlsource.parse_yaml` gives: the same
values and the same position (`Mark`) for every path. Anything else (block scalars, multi-line
scalars, tags, escapes, empty values, duplicate keys, tabs, errors of any kind) returns None, and
the caller takes PyYAML's route, which also reports problems with their line and column.

Tags come from PyYAML's own resolver and non-text values from its own constructor, so YAML 1.1's
reading of `yes`, `9:00` or `0301234567` is the same on both routes; the test suite compares
both routes on every shipped file, on generated content and on random mutations
(`tests/test_quick_yaml.py`).
"""

from __future__ import annotations

import re
from typing import Any

from referral.core import yamlsource
from referral.core.yamlsource import Mark, PathKey, _mark

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Plain scalars of these tags may be YAML 1.1 traps (`yamlsource.yaml11_traps`): their positions
# are always kept, also when the others are left for later.
TRAP_TAGS = frozenset({"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", _TIMESTAMP})
SHALLOW = 2  # positions of paths this long or shorter are always kept (a rule's, an offer's)

_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*):(?: +|$)")
_ANCHOR = re.compile(r"&([A-Za-z0-9_\-]+)(?: +|$)")
_ALIAS = re.compile(r"\*([A-Za-z0-9_\-]+)$")
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_FLOW_PLAIN = re.compile(r"[^\s,\[\]{}:#'\"&*!|>%@`?\-][^,\[\]{}:#]*")
_FLOW_KEY = re.compile(r"([A-Za-z0-9_][A-Za-z0-9_.\-]*): +")
# A plain scalar may not start with these (YAML indicators); '-' only before a digit (-20).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")

_CACHE_LIMIT = 100_000  # remembered tags and values of plain scalars (a bounded memo)


class _Unsupported(Exception):
    """Outside the subset: the caller reads the file with PyYAML instead."""


_tags: dict[str, str] = {}
_values: dict[tuple[str, str], Any] = {}
_yaml: list[Any] = []  # (resolver, constructor, first characters with implicit resolvers), made once


def _tools() -> Any:
    if not _yaml:
        import yaml

        resolver = yaml.resolver.Resolver()
        _yaml.append((resolver, yaml.constructor.SafeConstructor(), frozenset(resolver.yaml_implicit_resolvers)))
    return _yaml[0]


def _plain_scalar(text: str) -> tuple[str, Any]:
    """The tag and value PyYAML gives a plain scalar (memoised: the same words recur)."""
    resolver, constructor, firsts = _tools()
    if text[0] not in firsts:
        return _STR, text
    tag = _tags.get(text)
    if tag is None:
        import yaml

        tag = resolver.resolve(yaml.ScalarNode, text, (True, False))
        if len(_tags) > _CACHE_LIMIT:
            _tags.clear()
        _tags[text] = tag
    if tag == _STR:
        return tag, text
    if tag == _NULL:
        return tag, None
    key = (tag, text)
    if key in _values:
        return tag, _values[key]
    import yaml

    try:
        value = constructor.construct_object(yaml.ScalarNode(tag, text), deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        raise _Unsupported from None  # PyYAML's route reports it
    if isinstance(value, float) and value != value:
        raise _Unsupported
    if not isinstance(value, (int, float, str, bool)) and type(value).__module__ != "datetime":
        raise _Unsupported  # only immutable values are shared between places
    if len(_values) > _CACHE_LIMIT:
        _values.clear()
    _values[key] = value
    return tag, value


def _copy(value: Any) -> Any:
    """A fresh copy of an anchored value (PyYAML builds an alias's value anew each time)."""
    if type(value) is dict:
        return {k: _copy(v) for k, v in value.items()}
    if type(value) is list:
        return [_copy(v) for v in value]
    return value


def parse(text: str, dates_as_text: bool = False, positions: bool = True) -> tuple[Any, dict[PathKey, Mark]] | None:
    """The value and positions of a block-YAML document, or None when it is outside the subset.

    With `dates_as_text`, a YAML date is its ISO text (as `yamlsource.dates_to_text` makes it).
    Without `positions`, only those of paths of at most SHALLOW steps and of plain scalars with
    a TRAP_TAG are kept (in the same order); the others cost most of the reading."""
    if "\t" in text or "\r" in text or not text.replace("\n", "").isprintable():
        return None
    try:
        return _Reader(text, dates_as_text, positions).document()
    except (_Unsupported, IndexError, RecursionError):
        return None


class _Reader:
    """One document, line by line: (line number, indent, content) of every line with content."""

    def __init__(self, text: str, dates_as_text: bool, positions: bool) -> None:
        self.dates_as_text = dates_as_text
        self.all = positions
        self.resolved = _tools()[2]  # first characters of plain scalars that may not be text
        self.deepest = 0  # the longest path read so far (within an anchored node: below it)
        self.lines: list[tuple[int, int, str]] = []
        for number, line in enumerate(text.split("\n"), start=1):
            content = line.lstrip(" ")
            if content and content[0] != "#":
                self.lines.append((number, len(line) - len(content), content.rstrip(" ")))
        self.at = 0
        self.marks: list[tuple[PathKey, Mark]] = []
        self.count = 0
        self.anchors: dict[str, tuple[Any, list[tuple[PathKey, Mark]], int, int]] = {}

    def document(self) -> tuple[Any, dict[PathKey, Mark]]:
        if not self.lines or self.lines[0][1] != 0 or not _KEY.match(self.lines[0][2]):
            raise _Unsupported  # only a mapping at the top, as every content file is
        value = self.block(0, ())
        if self.at != len(self.lines):
            raise _Unsupported
        return value, dict(self.marks)

    def _node(self, path: PathKey) -> bool:
        """Count a node; whether its position is kept (all, or a shallow one)."""
        self.count += 1
        depth = len(path)
        if self.count > yamlsource.MAX_NODES or depth > yamlsource.MAX_DEPTH:
            raise _Unsupported  # PyYAML's route refuses it with its position
        if depth > self.deepest:
            self.deepest = depth
        return self.all or depth <= SHALLOW

    def block(self, indent: int, path: PathKey) -> Any:
        """A block mapping or sequence whose first line is the current one, at `indent`."""
        content = self.lines[self.at][2]
        if content == "-" or content.startswith("- "):
            return self.sequence(indent, path)
        if _KEY.match(content):
            return self.mapping(indent, path)
        raise _Unsupported

    def _after(self, indent: int) -> None:
        """A block ends at a line indented less: a deeper one left over is outside the subset."""
        if self.at < len(self.lines) and self.lines[self.at][1] > indent:
            raise _Unsupported

    def mapping(self, indent: int, path: PathKey) -> dict[str, Any]:
        lines = self.lines
        number = lines[self.at][0]
        if self._node(path):
            self.marks.append((path, _mark(number, indent + 1, _MAP)))
        keys_kept = self.all or len(path) + 2 <= SHALLOW
        result: dict[str, Any] = {}
        while self.at < len(lines):
            number, at, content = lines[self.at]
            if at != indent:
                break
            found = _KEY.match(content)
            if found is None:
                raise _Unsupported
            key = found.group(1)
            if key in result or key == "<<":
                raise _Unsupported
            if keys_kept:
                self.marks.append(((*path, "@key", key), _mark(number, indent + 1)))
            rest = content[found.end() :]
            self.at += 1
            result[key] = self.value(rest, number, indent, indent + found.end() + 1, (*path, key), True)
        self._after(indent)
        return result

    def sequence(self, indent: int, path: PathKey) -> list[Any]:
        lines = self.lines
        number = lines[self.at][0]
        if self._node(path):
            self.marks.append((path, _mark(number, indent + 1, _SEQ)))
        items: list[Any] = []
        while self.at < len(lines):
            number, at, content = lines[self.at]
            if at != indent or not content.startswith("- "):
                if at == indent and content == "-":
                    raise _Unsupported  # an entry on the lines below
                break
            rest = content[1:].lstrip(" ")
            offset = len(content) - len(rest)
            item_path = (*path, len(items))
            if rest.startswith("- ") or _KEY.match(rest):
                # "- key: value": a mapping that starts on this line, at the column of its key
                lines[self.at] = (number, indent + offset, rest)
                items.append(self.block(indent + offset, item_path))
            else:
                self.at += 1
                items.append(self.value(rest, number, indent, indent + offset + 1, item_path, False))
        self._after(indent)
        return items

    def value(self, rest: str, number: int, indent: int, column: int, path: PathKey, in_mapping: bool) -> Any:
        """The value after `key:` or `- ` (text `rest` at `column`), or in the lines below."""
        if not rest:
            return self._below(indent, path, in_mapping)
        first = rest[0]
        if first == "&":
            found = _ANCHOR.match(rest)
            if found is None:
                raise _Unsupported
            name, after = found.group(1), rest[found.end() :]
            if after and (_KEY.match(after) or after.startswith(("- ", "&", "*"))):
                raise _Unsupported
            start = len(self.marks)
            counted = self.count
            outer, self.deepest = self.deepest, 0
            if after:
                value = self.value(after, number, indent, column + found.end(), path, in_mapping)
            else:
                value = self._below(indent, path, in_mapping)
            depth = self.deepest - len(path)
            self.deepest = max(outer, self.deepest)
            if start < len(self.marks) and self.marks[start][0] == path:  # an anchored node starts at its anchor
                mark = self.marks[start][1]
                self.marks[start] = (path, _mark(number, column, mark.tag, mark.plain, mark.text))
            size = len(path)
            subtree = [(p[size:], m) for p, m in self.marks[start:]]
            self.anchors[name] = (value, subtree, self.count - counted, depth)
            return value
        if first == "*":
            found = _ALIAS.match(rest)
            if found is None or found.group(1) not in self.anchors:
                raise _Unsupported
            value, subtree, nodes, depth = self.anchors[found.group(1)]
            self.count += nodes
            if self.count > yamlsource.MAX_NODES or len(path) + depth > yamlsource.MAX_DEPTH:
                raise _Unsupported
            self.deepest = max(self.deepest, len(path) + depth)
            self.marks.extend(((*path, *p), m) for p, m in subtree)
            return _copy(value)
        if first == "[" or first == "{":
            flow = _Flow(self, rest, number, column)
            value = flow.node(path)
            flow.end()
            return value
        kept = self._node(path)
        if first == "'":
            found = _SINGLE.match(rest)
            if found is None:
                raise _Unsupported
            _comment_only(rest[found.end() :])
            text = found.group(1).replace("''", "'")
            if kept:
                self.marks.append((path, _mark(number, column, _STR, False, text)))
            return text
        if first == '"':
            found = _DOUBLE.match(rest)
            if found is None:
                raise _Unsupported
            _comment_only(rest[found.end() :])
            text = found.group(1)
            if kept:
                self.marks.append((path, _mark(number, column, _STR, False, text)))
            return text
        if first in _INDICATORS and not (first == "-" and rest[1:2].isdigit()):
            raise _Unsupported
        cut = rest.find(" #")
        text = rest if cut < 0 else rest[:cut].rstrip(" ")
        if ": " in text or text.endswith(":"):
            raise _Unsupported
        if text[0] not in self.resolved:  # most text: without a call
            if kept:
                self.marks.append((path, _mark(number, column, _STR, True, text)))
            return text
        tag, value = _plain_scalar(text)
        if kept or tag in TRAP_TAGS:
            self.marks.append((path, _mark(number, column, tag, True, text)))
        return value.isoformat() if tag == _TIMESTAMP and self.dates_as_text else value

    def _below(self, indent: int, path: PathKey, in_mapping: bool) -> Any:
        """A value on the lines below: a deeper block, or (for a key) a list at the key's indent."""
        if self.at >= len(self.lines):
            raise _Unsupported  # an empty value
        _, at, content = self.lines[self.at]
        if at > indent:
            return self.block(at, path)
        if at == indent and in_mapping and content.startswith("- "):
            return self.sequence(indent, path)
        raise _Unsupported


def _comment_only(rest: str) -> None:
    if rest and not (rest[0] == " " and rest.lstrip(" ").startswith("#")):
        raise _Unsupported


class _Flow:
    """A one-line flow list or mapping: `[a, b]`, `{weight: 15, kinds: [meeting]}`."""

    def __init__(self, reader: _Reader, text: str, number: int, column: int) -> None:
        self.reader = reader
        self.text = text
        self.number = number
        self.column = column  # the column of text[0]
        self.at = 0

    def end(self) -> None:
        _comment_only(self.text[self.at :])

    def _skip(self) -> None:
        while self.at < len(self.text) and self.text[self.at] == " ":
            self.at += 1

    def node(self, path: PathKey) -> Any:
        reader, text = self.reader, self.text
        self._skip()
        start = self.at
        first = text[start]
        kept = reader._node(path)
        if first == "[" or first == "{":
            closing = "]" if first == "[" else "}"
            if kept:
                reader.marks.append((path, _mark(self.number, self.column + start, _SEQ if first == "[" else _MAP)))
            self.at += 1
            self._skip()
            if text[self.at] == closing:
                self.at += 1
                return [] if first == "[" else {}
            items: list[Any] = []
            mapping: dict[str, Any] = {}
            while True:
                self._skip()
                if first == "[":
                    items.append(self.node((*path, len(items))))
                else:
                    found = _FLOW_KEY.match(text, self.at)
                    if found is None:
                        raise _Unsupported
                    key = found.group(1)
                    if key in mapping or key == "<<":
                        raise _Unsupported
                    if reader.all or len(path) + 2 <= SHALLOW:
                        reader.marks.append(((*path, "@key", key), _mark(self.number, self.column + self.at)))
                    self.at = found.end()
                    mapping[key] = self.node((*path, key))
                self._skip()
                sign = text[self.at]
                self.at += 1
                if sign == closing:
                    return items if first == "[" else mapping
                if sign != "," or text[self.at : self.at + 1] != " ":
                    raise _Unsupported
        if first == "'":
            found = _SINGLE.match(text, start)
            if found is None:
                raise _Unsupported
            value = found.group(1).replace("''", "'")
            if kept:
                reader.marks.append((path, _mark(self.number, self.column + start, _STR, False, value)))
            self.at = found.end()
            return value
        found = _FLOW_PLAIN.match(text, start)
        if found is None:
            raise _Unsupported
        plain = found.group(0).rstrip(" ")
        self.at = start + len(plain)
        tag, value = _plain_scalar(plain)
        if kept or tag in TRAP_TAGS:
            reader.marks.append((path, _mark(self.number, self.column + start, tag, True, plain)))
        return value.isoformat() if tag == _TIMESTAMP and reader.dates_as_text else value
