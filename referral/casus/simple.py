"""Reading an everyday casus file without PyYAML: the cold start at the meeting table.

Importing PyYAML (and parsing with it) costs more than the whole match. Most casus files are a
handful of `key: value` lines, so this reader handles that subset exactly and returns None for
anything else; the caller then takes the YAML parser's route, which also reports problems with
their line and column. Kept apart from `referral.engine.compiled` so that the rich view reads a casus
without importing the compiled engine.
"""

from __future__ import annotations

import json
import os
import re
import stat
from typing import Any

from referral.core.limits import MAX_FILE_BYTES

MAX_CASUS_BYTES = MAX_FILE_BYTES  # larger files take the full route (and are refused there)
_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
_LINE = re.compile(rf"( *)({_KEY}):(?:[ ]+([^ #](?:[^#]*[^ #])?))?(?:[ ]+#.*)?[ ]*")
_INT = re.compile(r"0|[1-9][0-9]{0,8}")
_WORD = re.compile(r"[^\W\d_][\w' -]*", re.UNICODE)
_YAML_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_YAML_NULLS = frozenset({"null", "Null", "NULL"})
_YAML_RESERVED = frozenset(
    {"yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N"}
)


def read_small_text(path: str) -> str | None:
    """A casus file's text, or None where the full reader should decide (and report)."""
    try:
        # stat before open: opening a FIFO for reading would block until someone writes to it.
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CASUS_BYTES:
            return None
        data = os.read(fd, MAX_CASUS_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(data) > MAX_CASUS_BYTES or b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def simple_document(text: str, kind: str) -> Any:
    """The value of a casus document in the everyday subset of YAML (or JSON), else None.

    The subset: `key: value` lines, one level of indented or flow mapping, flow lists, comments,
    whole numbers, true/false, null and words. Anything YAML 1.1 could read differently (yes/no,
    leading zeros, dates, quotes with escapes, anchors, tabs, ...) returns None, and the caller
    takes the YAML parser's route, which also reports errors with line and column.
    """
    if kind == "json":
        return _simple_json(text)
    if "\t" in text or "\r" in text or not text.replace("\n", "").isprintable():
        return None
    result: dict[str, Any] = {}
    block: dict[str, Any] | None = None
    block_indent = 0
    open_key: str | None = None
    for line in text.split("\n"):
        content = line.strip()
        if not content or content.startswith("#"):
            continue
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        indent, key, raw = len(found.group(1)), found.group(2), found.group(3)
        if indent == 0:
            block = None
            if key in result:
                return None
            if raw is None:
                result[key] = None
                open_key = key
                continue
            open_key = None
            parsed = _flow_value(raw, allow_mapping=True)
            if parsed is _INVALID:
                return None
            result[key] = parsed
            continue
        if block is None:
            if open_key is None:
                return None
            block = result[open_key] = {}
            block_indent = indent
            open_key = None
        if indent != block_indent or key in block or raw is None:
            return None
        parsed = _flow_value(raw, allow_mapping=False)
        if parsed is _INVALID or isinstance(parsed, dict):
            return None
        block[key] = parsed
    return result or None


_INVALID: Any = object()


def _scalar(raw: str) -> Any:
    if _INT.fullmatch(raw):
        return int(raw)
    if raw in _YAML_BOOLS:
        return _YAML_BOOLS[raw]
    if raw in _YAML_NULLS:
        return None
    if raw in _YAML_RESERVED or not _WORD.fullmatch(raw) or raw != raw.strip() or "  " in raw:
        return _INVALID
    return raw


def _flow_value(raw: str, allow_mapping: bool) -> Any:
    if raw.startswith("[") and raw.endswith("]"):
        inner = raw[1:-1].strip()
        if not inner:
            return []
        items = [_scalar(part.strip()) for part in inner.split(",")]
        return _INVALID if any(item is _INVALID or item is None for item in items) else items
    if raw.startswith("{") and raw.endswith("}"):
        if not allow_mapping:
            return _INVALID
        inner = raw[1:-1].strip()
        mapping: dict[str, Any] = {}
        if not inner:
            return mapping
        for part in inner.split(","):
            key, colon, value = part.partition(": ")
            key, value = key.strip(), value.strip()
            if not colon or not re.fullmatch(_KEY, key) or key in mapping or not value:
                return _INVALID
            parsed = _scalar(value)
            if parsed is _INVALID:
                return _INVALID
            mapping[key] = parsed
        return mapping
    return _scalar(raw)


def _unique_pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(items)
    if len(result) != len(items):
        raise ValueError("duplicate key")
    return result


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


def strict_json_decoder() -> json.JSONDecoder:
    """A JSON decoder that refuses what the casus parser refuses: duplicate keys, NaN and Infinity.

    Its ValueError means "take the full route", which then reports the problem exactly.
    """
    return json.JSONDecoder(object_pairs_hook=_unique_pairs, parse_constant=_refuse_constant)


def _simple_json(text: str) -> Any:
    try:
        return strict_json_decoder().decode(text)
    except (ValueError, RecursionError):
        return None


def read_simple_casus(path: str) -> Any:
    """The value of an everyday casus file (YAML, or JSON by its extension), else None."""
    if path == "-":
        return None
    text = read_small_text(path)
    if text is None:
        return None
    return simple_document(text, "json" if os.path.splitext(path)[1].lower() == ".json" else "yaml")
