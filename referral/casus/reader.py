"""The casus: signals about one situation, read strictly against the field table of the vocabulary.

Public contract (DESIGN.md): one mapping, every field optional, unknown fields are errors with a
suggestion, aliases and typos are mapped to canonical ids, and personal data is refused. Values
are never echoed in messages: a mistyped field may hold something personal.

One reader serves every way a casus comes in: files, standard input, the quick options, CSV and
JSONL lines of `batch`, and the intake. Its everyday path (known fields, canonical values or
aliases) is the same loop as its careful one; only a value that does not fit leads into the
code that names the problem, with its position where the document has one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from referral.casus.fields import NOTE_FIELD, TITLE_FIELD
from referral.core.problems import Problem, ReferralError
from referral.core.records import Record
from referral.core.yamlsource import Document, PathKey

if TYPE_CHECKING:  # pragma: no cover
    from referral.core import scale as djg

_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_DIGITS = re.compile(r"\s*\d{1,3}\s*")
MAX_PROBLEMS = 25  # a casus with more problems than this is not worth reading further
MEMO = 100_000  # remembered spellings and scale answers: populations repeat
_MISSING: Any = object()


class _TooManyProblems(Exception):
    """Stops reading a hopeless casus early, so a hostile file is refused in bounded time."""


@dataclass(frozen=True, eq=False, repr=False)
class Casus(Record):
    """Canonical signals of one situation. Set-valued signals are tuples in vocabulary order."""

    signals: Mapping[str, Any]
    scale: djg.ScaleResult | None = None
    has_note: bool = False
    defaulted: frozenset[str] = field(default_factory=frozenset)
    title: str | None = None  # a meeting label, checked for personal data like the note

    def get(self, signal_id: str) -> Any:
        return self.signals.get(signal_id)

    def to_json(self, order: Any) -> dict[str, Any]:
        """The normalized casus: nested as in the input, canonical ids, in vocabulary order.

        `order` is the vocabulary (or anything with `.signals` in vocabulary order)."""
        out: dict[str, Any] = {}
        for signal_id in order.signals:
            if signal_id in self.signals:
                value = self.signals[signal_id]
                put_dotted(out, signal_id, list(value) if isinstance(value, tuple) else value)
        if self.scale is not None:
            from referral.core.scale import GROUP

            out.setdefault(GROUP, {})["scale"] = self.scale.to_json()
        return out


def put_dotted(out: dict[str, Any], dotted: str, value: Any) -> None:
    """Set 'loneliness.social' as out['loneliness']['social'], the casus's nested form."""
    head, _, tail = dotted.partition(".")
    if tail:
        out.setdefault(head, {})[tail] = value
    else:
        out[head] = value


def note_personal_data(text: str, limit: int) -> list[str]:
    """The kinds of personal data in a free text (BSN, phone, e-mail, ...); read up to twice the limit."""
    from referral.core.privacy import personal_data_kinds

    return personal_data_kinds(text[: limit * 2])


class CasusReader:
    """Reads casus mappings against one field table (see `referral.casus.fields`).

    `read` gives a Casus or raises ReferralError with every problem (at most MAX_PROBLEMS), each
    at its line and column where the document has marks.
    """

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table
        self.signals: Mapping[str, Mapping[str, Any]] = table["signals"]
        self.top: Mapping[str, str | None] = table["top"]
        self.groups: Mapping[str, Mapping[str, str]] = table["groups"]
        self.free_text: Mapping[str, int] = table["free_text"]
        self.scale_group: str = table["scale"]["group"]
        self.scale_versions: Mapping[str, int] = table["scale"]["versions"]
        self.alias_top: Mapping[str, str] = table["aliases"]["top"]
        self.alias_groups: Mapping[str, Mapping[str, str]] = table["aliases"]["groups"]
        self.thresholds = table["thresholds"]
        self.booleans: Mapping[str, bool] = table["booleans"]
        self.positions = {sid: {v: i for i, v in enumerate(spec["values"])} for sid, spec in self.signals.items()}
        self.defaults = tuple(
            (sid, spec["default"]) for sid, spec in self.signals.items() if spec["default"] is not None
        )
        self._folded: dict[str, str] = {}
        self._scored: dict[tuple[str, tuple[Any, ...]], djg.ScaleResult | None] = {}
        self._clean_text: dict[str, bool] = {}

    # --- the whole casus ---------------------------------------------------------------------

    def read(self, doc: Document) -> Casus:
        return _Reading(self, doc).run()

    def knows_key(self, key: str) -> bool:
        """A field name of the table (at the top or in a group), which a message may name."""
        return (
            key in self.top
            or key in self.alias_top
            or key in self.free_text
            or key in self.scale_versions
            or any(key in members for members in (*self.groups.values(), *self.alias_groups.values()))
        )

    def read_mapping(self, data: Mapping[str, Any], name: str = "<opties>") -> Casus:
        """A casus from plain data (options, batch lines), without positions."""
        return self.read(Document(file=name, value=dict(data), marks={}))

    # --- what a reading shares (remembered: a population writes the same words again) ---------

    def fold(self, text: str) -> str:
        found = self._folded.get(text)
        if found is None:
            from referral.core.vocabulary import fold

            found = fold(text)
            if len(self._folded) < MEMO:
                self._folded[text] = found
        return found

    def clean_text(self, text: str, limit: int) -> bool:
        """No personal data in a free text (note, title)."""
        found = self._clean_text.get(text)
        if found is None:
            found = not note_personal_data(text, limit)
            if len(self._clean_text) < MEMO and len(text) < 200:
                self._clean_text[text] = found
        return found

    def scored(self, version: str, answers: tuple[Any, ...]) -> djg.ScaleResult | None:
        """The scale's result for these raw answers, or None when one is not an answer."""
        key = (version, answers)
        if key in self._scored:
            return self._scored[key]
        from referral.core import scale as djg  # only a casus with scale answers needs it

        try:
            normalized = [djg.normalize_answer(raw) for raw in answers]
        except ValueError:
            result = None
        else:
            result = djg.score(version, normalized, self.thresholds)
        if len(self._scored) < MEMO and all(a is None or type(a) in (str, bool) for a in answers):
            self._scored[key] = result
        return result

    def value(self, signal_id: str, value: Any) -> Any:
        """The canonical value of one signal, or _MISSING when it does not fit (see `_Reading`)."""
        spec = self.signals[signal_id]
        kind = spec["kind"]
        kind_of = type(value)
        if kind == "enum":
            if kind_of is not str:
                return _MISSING
            found = spec["exact"].get(value)
            if found is None:
                found = spec["folded"].get(self.fold(value))
            return _MISSING if found is None else found
        if kind == "integer":
            number = _as_integer(value)
            if number is None:
                return _MISSING
            low, high = spec["min"], spec["max"]
            if (low is not None and number < low) or (high is not None and number > high):
                return _MISSING
            return number
        if kind == "boolean":
            if kind_of is bool:
                return value
            if kind_of is str:
                flag = self.booleans.get(value)
                if flag is None:
                    flag = self.booleans.get(self.fold(value))
                return _MISSING if flag is None else flag
            return _MISSING
        items = value if kind_of is list else [value] if kind_of is str else None
        if items is None:
            return _MISSING
        found_set = []
        exact, folded = spec["exact"], spec["folded"]
        for item in items:
            if type(item) is not str:
                return _MISSING
            one = exact.get(item)
            if one is None:
                one = folded.get(self.fold(item))
                if one is None:
                    return _MISSING
            if one not in found_set:
                found_set.append(one)
        if len(found_set) < 2:
            return tuple(found_set)
        return tuple(sorted(found_set, key=self.positions[signal_id].__getitem__))


class _Reading:
    """One casus being read: the signals found so far and the problems, with their positions."""

    def __init__(self, reader: CasusReader, doc: Document) -> None:
        self.reader = reader
        self.doc = doc
        self.problems: list[Problem] = []
        self.signals: dict[str, Any] = {}
        self.scale: djg.ScaleResult | None = None
        self.has_note = False
        self.title: str | None = None

    def problem(self, code: str, path: PathKey, **kwargs: Any) -> None:
        self.problems.append(self.doc.problem(code, path, **kwargs))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems

    def run(self) -> Casus:
        data = self.doc.value
        if not isinstance(data, dict):
            raise ReferralError(self.doc.problem("casus.not_mapping"))
        reader = self.reader
        top = reader.top
        aliases = reader.alias_top
        typed: dict[str, str] = {}
        try:
            for key, value in data.items():
                name = aliases.get(key, key) if type(key) is str else key
                signal_id = top.get(name, _MISSING) if type(key) is str else _MISSING
                if signal_id is _MISSING:
                    self.unknown_field(key, list(top), (key,), list(aliases))
                    continue
                if name in typed:  # 'leeftijd' and 'age': one field under two names
                    self.problem("casus.same_field", ("@key", key), field=key, other=typed[name])
                    continue
                typed[name] = key
                if value is None:
                    continue  # an explicit null means "not known", like leaving the field out
                elif signal_id is not None:
                    self.signal(signal_id, value, (key,), key)
                elif name in reader.free_text:
                    self.free_text(name, value, (key,), key)
                else:
                    self.group(name, value, (key,))
        except _TooManyProblems:
            raise self.refuse(more=True) from None
        if self.problems:
            raise self.refuse(more=False)
        signals = self.signals
        defaulted = []
        for signal_id, default in reader.defaults:
            if signal_id not in signals:
                signals[signal_id] = default
                defaulted.append(signal_id)
        return Casus(signals, self.scale, self.has_note, frozenset(defaulted), self.title)

    def refuse(self, more: bool) -> ReferralError:
        problems = sorted(set(self.problems), key=Problem.sort_key)
        if more:
            problems.append(Problem.make("casus.too_many_problems", file=self.doc.file, limit=MAX_PROBLEMS))
        return ReferralError(problems)

    # --- fields ------------------------------------------------------------------------------

    def signal(self, signal_id: str, value: Any, path: PathKey, name: str) -> None:
        parsed = self.reader.value(signal_id, value)
        if parsed is _MISSING:
            self.explain_value(signal_id, value, path, name)
            return
        spec = self.reader.signals[signal_id]
        if spec["kind"] == "integer" and self.doc.marks:
            mark = self.doc.marks.get(path)
            if mark is not None and mark.plain and mark.tag.endswith(":int") and not _DECIMAL.fullmatch(mark.text):
                # YAML 1.1 reads 071 as octal 57, 1:19 as 79 (base 60), 0x4F as hex: never what was meant.
                self.problem("casus.expected_type", path, field=name, expected="type.integer")
                return
        if parsed != ():  # an empty list says nothing, like a missing field
            self.signals[signal_id] = parsed

    def explain_value(self, signal_id: str, value: Any, path: PathKey, name: str) -> None:
        """Why a value does not fit its signal: the problem, with a suggestion where one is likely."""
        spec = self.reader.signals[signal_id]
        kind = spec["kind"]
        if kind == "integer":
            if _as_integer(value) is None:
                self.problem("casus.expected_type", path, field=name, expected="type.integer")
            else:
                self.problem("casus.out_of_range", path, field=name, min=spec["min"], max=spec["max"])
        elif kind == "boolean":
            self.problem("casus.expected_type", path, field=name, expected="type.boolean")
        elif kind == "enum":
            if not isinstance(value, str):
                self.problem("casus.expected_type", path, field=name, expected="type.text")
            else:
                self.unknown_value(signal_id, value, path, name)
        else:
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                where = (*path, index) if isinstance(value, list) else path
                if not isinstance(item, str):
                    self.problem("casus.expected_type", where, field=name, expected="type.text")
                elif self.reader.value(signal_id, item) is _MISSING:
                    self.unknown_value(signal_id, item, where, name)

    def unknown_value(self, signal_id: str, text: str, path: PathKey, name: str) -> None:
        spec = self.reader.signals[signal_id]
        import difflib  # only for a near miss: it costs start-up time

        folded = spec["folded"]
        close = difflib.get_close_matches(self.reader.fold(text), list(folded), n=1, cutoff=0.75)
        if close:
            value_id = folded[close[0]]
            hint, args = "hint.did_you_mean", {"suggestion": spec["labels"][value_id][0]}
        else:  # the words people use (every label is accepted too), not the internal ids
            labels = spec["labels"]
            hint = "hint.choose_from_labels"
            args = {
                f"choices_{lang}": ", ".join(labels[v][i] for v in spec["values"])
                for i, lang in enumerate(("nl", "en"))
            }
        self.problem(
            "casus.unknown_value",
            path,
            field=name,
            label_nl=spec["label"][0],
            label_en=spec["label"][1],
            hint=hint,
            hint_args=args,
        )

    def unknown_field(self, key: Any, known: list[str], path: PathKey, other_names: Sequence[str] = ()) -> None:
        """An unknown key: refused with a suggestion among the fields and their Dutch names."""
        key_path: PathKey = (*path[:-1], "@key", path[-1])
        from referral.core.privacy import is_personal_field  # its patterns compile only when needed
        from referral.core.vocabulary import suggest

        text = str(key)
        if is_personal_field(text):
            self.problem("casus.personal_field", key_path, field=text)
            return
        guess = suggest(text, [*known, *other_names]) or self.suggest_by_label(text, known)
        # The unknown name is never shown, a near miss included ('agnes' for 'age' is a first
        # name): the position points at it, the suggestion names the known field.
        self.problem("casus.unknown_field", key_path, field="…", suggestion=guess, choices=known)

    def suggest_by_label(self, text: str, known: list[str]) -> str | None:
        """'leeftijd' -> 'age': match the Dutch or English label of a signal."""
        from referral.core.vocabulary import suggest

        labels = {}
        for signal_id, spec in self.reader.signals.items():
            name = signal_id.rpartition(".")[2]
            # Inside a group the field's own name is meant; at the top the full dotted path.
            target = name if name in known else signal_id
            for label in (*spec["label"], name):
                labels[label] = target
        hit = suggest(text, labels)
        return labels[hit] if hit else None

    def group(self, key: str, value: Any, path: PathKey) -> None:
        """A group of fields such as loneliness (`key`, as typed at `path`, maybe by another name)."""
        if not isinstance(value, dict):
            self.problem("casus.expected_type", path, field=path[-1], expected="type.mapping")
            return
        members = self.reader.groups[key]
        aliases = self.reader.alias_groups.get(key, {})
        versions = self.reader.scale_versions if key == self.reader.scale_group else {}
        scale_keys = [k for k in value if k in versions]
        shown = path[-1]
        canonical: dict[str, tuple[str, Any]] = {}  # field name -> (name as typed, value)
        for sub, sub_value in value.items():
            if sub in versions:
                continue
            name = aliases.get(sub, sub) if type(sub) is str else sub
            signal_id = members.get(name) if type(name) is str else None
            if signal_id is None:
                self.unknown_field(sub, [*members, *versions], (*path, sub), list(aliases))
                continue
            if name in canonical:
                other = f"{shown}.{canonical[name][0]}"
                self.problem("casus.same_field", (*path, "@key", sub), field=f"{shown}.{sub}", other=other)
                continue
            canonical[name] = (sub, sub_value)
            if sub_value is not None:
                self.signal(signal_id, sub_value, (*path, sub), f"{shown}.{sub}")
        if scale_keys:
            self.scale_answers(key, value, canonical, scale_keys, path)

    def scale_answers(
        self,
        key: str,
        group: dict[str, Any],
        quick: dict[str, tuple[str, Any]],
        versions: list[str],
        path: PathKey,
    ) -> None:
        """The De Jong Gierveld answers of group `key`; `quick`: field name -> (name as typed, value)."""
        if len(versions) > 1:
            self.problem("casus.two_scales", (*path, versions[1]))
            return
        version = versions[0]
        raw = group[version]
        where = (*path, version)
        expected = self.reader.scale_versions[version]
        name = f"{path[-1]}.{version}"
        if not isinstance(raw, list):
            self.problem("casus.expected_type", where, field=name, expected="type.list")
            return
        if len(raw) != expected:
            self.problem("casus.scale_length", where, field=name, expected=expected, got=len(raw))
            return
        result = self.reader.scored(version, tuple(raw))
        if result is None:
            from referral.core.scale import normalize_answer

            for index, answer in enumerate(raw):
                try:
                    normalize_answer(answer)
                except ValueError:
                    self.problem("casus.scale_answer", (*where, index), field=name, index=index + 1)
                    return
            return  # pragma: no cover - scored() fails only on an answer normalize_answer refuses
        for part, derived in (
            ("social", result.social),
            ("emotional", result.emotional),
            ("severity", result.severity),
        ):
            signal_id = f"{key}.{part}"
            typed_sub, quick_value = quick.get(part, (part, None))
            if quick_value is not None:
                self.problem("casus.scale_and_quick", (*path, typed_sub), field=f"{path[-1]}.{typed_sub}")
            elif derived is not None and signal_id in self.reader.signals:
                self.signals[signal_id] = derived
        self.scale = result

    def free_text(self, key: str, value: Any, path: PathKey, shown: str | None = None) -> None:
        """The note (never printed back) or the title (a meeting label): refused with personal data.
        `key` is the field, `shown` the name it was given by ('notitie')."""
        limit = self.reader.free_text[key]
        if not isinstance(value, str):
            self.problem("casus.expected_type", path, field=shown or key, expected="type.text")
            return
        if not self.reader.clean_text(value, limit):
            from referral.core.privacy import kind_label

            kinds = note_personal_data(value, limit)
            self.problem(
                "casus.personal_text",
                path,
                field=shown or key,
                kind_nl=", ".join(kind_label(k, "nl") for k in kinds),
                kind_en=", ".join(kind_label(k, "en") for k in kinds),
                hint="casus.personal_text.hint",
            )
            return
        if len(value) > limit:
            self.problem("casus.note_too_long", path, field=shown or key, limit=limit)
            return
        if key == NOTE_FIELD:
            self.has_note = bool(value.strip())
        elif key == TITLE_FIELD and value.strip():
            self.title = " ".join(value.split())


def _as_integer(value: Any) -> int | None:
    kind = type(value)
    if kind is int:
        return value  # type: ignore[no-any-return]
    if kind is bool:
        return None
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        return int(value)
    return None
