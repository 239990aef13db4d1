"""The casus: signals about one situation, parsed strictly against the vocabulary.

Public contract (DESIGN.md): one mapping, every field optional, unknown fields are errors with a
suggestion, aliases and typos are mapped to canonical ids, and personal data is refused. Values
are never echoed in messages: a mistyped field may hold something personal.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from referral.core import scale as djg
from referral.core.model import Ruleset, Signal, Vocabulary
from referral.core.problems import Problem, ReferralError
from referral.core.vocabulary import fold, lookup, suggest
from referral.core.yamlsource import Document, PathKey

NOTE_FIELD = "note"
SCALE_GROUP = "loneliness"
MAX_NOTE_LENGTH = 2000
_SAFE_FIELD_NAME = re.compile(r"[a-z_][a-z0-9_.]{0,39}")
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
MAX_PROBLEMS = 25  # a casus with more problems than this is not worth reading further


class _TooManyProblems(Exception):
    """Stops parsing a hopeless casus early, so a hostile file is refused in bounded time."""


@dataclass(frozen=True)
class Casus:
    """Canonical signals of one situation. Set-valued signals are sorted tuples."""

    signals: Mapping[str, Any]
    scale: djg.ScaleResult | None = None
    has_note: bool = False
    defaulted: frozenset[str] = field(default_factory=frozenset)

    def get(self, signal_id: str) -> Any:
        return self.signals.get(signal_id)

    def to_json(self, vocabulary: Vocabulary) -> dict[str, Any]:
        """The normalized casus: nested as in the input, canonical ids, in vocabulary order."""
        out: dict[str, Any] = {}
        for signal_id in vocabulary.signals:
            if signal_id not in self.signals:
                continue
            value = self.signals[signal_id]
            if isinstance(value, tuple):
                value = list(value)
            put_dotted(out, signal_id, value)
        if self.scale is not None:
            group = out.setdefault(SCALE_GROUP, {})
            group["scale"] = self.scale.to_json()
        return out


def note_personal_data(note: str) -> list[str]:
    """The kinds of personal data in a note (BSN, phone, e-mail, ...); read up to twice the limit."""
    from referral.core.privacy import personal_data_kinds

    return personal_data_kinds(note[: MAX_NOTE_LENGTH * 2])


def put_dotted(out: dict[str, Any], dotted: str, value: Any) -> None:
    """Set 'loneliness.social' as out['loneliness']['social'], the casus's nested form."""
    head, _, tail = dotted.partition(".")
    if tail:
        out.setdefault(head, {})[tail] = value
    else:
        out[head] = value


def field_names(vocabulary: Vocabulary) -> tuple[dict[str, str | None], dict[str, dict[str, str]]]:
    """Top-level fields (name -> signal id, or None for a group) and the fields of each group."""
    top: dict[str, str | None] = {NOTE_FIELD: None}
    groups: dict[str, dict[str, str]] = {}
    for signal_id in vocabulary.signals:
        head, _, tail = signal_id.partition(".")
        if tail:
            top[head] = None
            groups.setdefault(head, {})[tail] = signal_id
        else:
            top[head] = signal_id
    return top, groups


def parse_casus(doc: Document, ruleset: Ruleset) -> Casus:
    """Validate and normalize a loaded casus document; raises ReferralError with every problem."""
    return _CasusParser(doc, ruleset).parse()


def casus_from_mapping(data: Mapping[str, Any], ruleset: Ruleset, name: str = "<opties>") -> Casus:
    """A casus from plain data (CLI flags, batch lines), without positions."""
    return parse_casus(Document(file=name, value=dict(data), marks={}), ruleset)


class _CasusParser:
    def __init__(self, doc: Document, ruleset: Ruleset) -> None:
        self.doc = doc
        self.vocabulary = ruleset.vocabulary
        self.thresholds = ruleset.thresholds
        self.problems: list[Problem] = []
        self.signals: dict[str, Any] = {}
        self.scale: djg.ScaleResult | None = None
        self.has_note = False

    def problem(self, code: str, path: PathKey, **kwargs: Any) -> None:
        self.problems.append(self.doc.problem(code, path, **kwargs))
        if len(self.problems) >= MAX_PROBLEMS:
            raise _TooManyProblems

    def _refuse(self, more: bool) -> ReferralError:
        problems = sorted(set(self.problems), key=Problem.sort_key)
        if more:
            problems.append(Problem.make("casus.too_many_problems", file=self.doc.file, limit=MAX_PROBLEMS))
        return ReferralError(problems)

    def parse(self) -> Casus:
        data = self.doc.value
        if not isinstance(data, dict):
            raise ReferralError(self.doc.problem("casus.not_mapping"))
        top, groups = field_names(self.vocabulary)
        try:
            for key, value in data.items():
                path: PathKey = (key,)
                if key not in top:
                    self._unknown_field(key, list(top), path)
                elif key == NOTE_FIELD:
                    self._note(value, path)
                elif top[key] is not None:
                    self._signal(self.vocabulary.signals[str(top[key])], value, path, key)
                else:
                    self._group(key, value, groups[key], path)
        except _TooManyProblems:
            raise self._refuse(more=True) from None
        if self.problems:
            raise self._refuse(more=False)
        defaulted = set()
        for signal_id, signal in self.vocabulary.signals.items():
            if signal_id not in self.signals and signal.default is not None:
                self.signals[signal_id] = signal.default
                defaulted.add(signal_id)
        return Casus(
            signals=dict(self.signals),
            scale=self.scale,
            has_note=self.has_note,
            defaulted=frozenset(defaulted),
        )

    def _unknown_field(self, key: Any, known: list[str], path: PathKey) -> None:
        key_path: PathKey = (*path[:-1], "@key", path[-1])
        from referral.core.privacy import is_personal_field  # its patterns compile only when needed

        text = str(key)
        if is_personal_field(text):
            self.problem("casus.personal_field", key_path, field=text)
            return
        guess = suggest(text, known) or self._suggest_by_label(text, known)
        # The name is shown only when it is a near miss of a known field: anything else may be
        # personal data typed as a key ('mevrouw_de_vries: ...').
        shown = text if guess and _SAFE_FIELD_NAME.fullmatch(text) else "…"
        self.problem(
            "casus.unknown_field",
            key_path,
            field=shown,
            suggestion=guess,
            choices=known,
        )

    def _suggest_by_label(self, text: str, known: list[str]) -> str | None:
        """'leeftijd' -> 'age': match the Dutch or English label of a signal."""
        labels = {}
        for signal in self.vocabulary.signals.values():
            name = signal.id.rpartition(".")[2]
            # Inside a group the field's own name is meant; at the top the full dotted path.
            target = name if name in known else signal.id
            for label in (signal.label.nl, signal.label.en or "", name):
                labels[label] = target
        hit = suggest(text, labels)
        return labels[hit] if hit else None

    def _group(self, key: str, value: Any, members: dict[str, str], path: PathKey) -> None:
        if value is None:
            return  # like a null signal: "not known", the same as leaving the group out
        if not isinstance(value, dict):
            self.problem("casus.expected_type", path, field=key, expected=_type_word("mapping"))
            return
        scale_keys = [k for k in value if k in djg.VERSIONS] if key == SCALE_GROUP else []
        for sub, sub_value in value.items():
            sub_path = (*path, sub)
            if sub in scale_keys:
                continue
            if sub not in members:
                self._unknown_field(sub, [*members, *djg.VERSIONS] if key == SCALE_GROUP else list(members), sub_path)
                continue
            self._signal(self.vocabulary.signals[members[sub]], sub_value, sub_path, f"{key}.{sub}")
        if scale_keys:
            self._scale(value, scale_keys, path)

    def _scale(self, group: dict[str, Any], versions: list[str], path: PathKey) -> None:
        if len(versions) > 1:
            self.problem("casus.two_scales", (*path, versions[1]))
            return
        version = versions[0]
        answers_raw = group[version]
        where = (*path, version)
        expected = len(djg.VERSIONS[version])
        if not isinstance(answers_raw, list):
            self.problem("casus.expected_type", where, field=f"loneliness.{version}", expected=_type_word("list"))
            return
        if len(answers_raw) != expected:
            self.problem(
                "casus.scale_length", where, field=f"loneliness.{version}", expected=expected, got=len(answers_raw)
            )
            return
        answers: list[str | None] = []
        for index, raw in enumerate(answers_raw):
            try:
                answers.append(djg.normalize_answer(raw))
            except ValueError:
                self.problem("casus.scale_answer", (*where, index), field=f"loneliness.{version}", index=index + 1)
                return
        result = djg.score(version, answers, self.thresholds)
        for name, derived in (
            ("social", result.social),
            ("emotional", result.emotional),
            ("severity", result.severity),
        ):
            signal_id = f"{SCALE_GROUP}.{name}"
            if group.get(name) is not None:
                self.problem("casus.scale_and_quick", (*path, name), field=signal_id)
            elif derived is not None and signal_id in self.vocabulary.signals:
                self.signals[signal_id] = derived
        self.scale = result

    def _note(self, value: Any, path: PathKey) -> None:
        if value is None:
            return
        if not isinstance(value, str):
            self.problem("casus.expected_type", path, field=NOTE_FIELD, expected=_type_word("text"))
            return
        from referral.core.privacy import kind_label

        kinds = note_personal_data(value)
        if kinds:
            self.problem(
                "casus.personal_text",
                path,
                field=NOTE_FIELD,
                kind_nl=", ".join(kind_label(k, "nl") for k in kinds),
                kind_en=", ".join(kind_label(k, "en") for k in kinds),
                hint="casus.personal_text.hint",
            )
            return
        if len(value) > MAX_NOTE_LENGTH:
            self.problem("casus.note_too_long", path, field=NOTE_FIELD, limit=MAX_NOTE_LENGTH)
            return
        self.has_note = bool(value.strip())

    def _signal(self, signal: Signal, value: Any, path: PathKey, name: str) -> None:
        if value is None:
            return  # an explicit null means "not known", like leaving the field out
        parsed = self._value(signal, value, path, name)
        if parsed is not None and parsed != ():  # an empty list says nothing, like a missing field
            self.signals[signal.id] = parsed

    def _value(self, signal: Signal, value: Any, path: PathKey, name: str) -> Any:
        if signal.kind == "integer":
            number = _as_integer(value)
            mark = self.doc.marks.get(path)
            if mark is not None and mark.plain and mark.tag.endswith(":int") and not _DECIMAL.fullmatch(mark.text):
                # YAML 1.1 reads 071 as octal 57, 1:19 as 79 (base 60), 0x4F as hex: never what was meant.
                self.problem("casus.expected_type", path, field=name, expected=_type_word("integer"))
                return None
            if number is None:
                self.problem("casus.expected_type", path, field=name, expected=_type_word("integer"))
                return None
            low = signal.minimum if signal.minimum is not None else -math.inf
            high = signal.maximum if signal.maximum is not None else math.inf
            if not low <= number <= high:
                self.problem("casus.out_of_range", path, field=name, min=signal.minimum, max=signal.maximum)
                return None
            return number
        if signal.kind == "boolean":
            flag = _as_boolean(value)
            if flag is None:
                self.problem("casus.expected_type", path, field=name, expected=_type_word("boolean"))
            return flag
        if signal.kind == "enum":
            if not isinstance(value, str):
                self.problem("casus.expected_type", path, field=name, expected=_type_word("text"))
                return None
            return self._enum(signal, value, path, name)
        items = value if isinstance(value, list) else [value]
        found = set()
        for index, item in enumerate(items):
            where = (*path, index) if isinstance(value, list) else path
            if not isinstance(item, str):
                self.problem("casus.expected_type", where, field=name, expected=_type_word("text"))
                continue
            canonical = self._enum(signal, item, where, name)
            if canonical is not None:
                found.add(canonical)
        order = signal.value_ids()
        return tuple(sorted(found, key=order.index))

    def _enum(self, signal: Signal, text: str, path: PathKey, name: str) -> str | None:
        match = lookup(signal, text)
        if match.value is not None:
            return match.value
        if match.suggestion is not None:
            hint, args = "hint.did_you_mean", {"suggestion": signal.value_label(match.suggestion, "nl")}
        else:
            hint, args = "hint.choose_from", {"choices": ", ".join(signal.value_ids())}
        self.problem("casus.unknown_value", path, field=name, hint=hint, hint_args=args)
        return None


def _as_integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d{1,3}\s*", value):
        return int(value)
    return None


_TRUE = {"true", "ja", "yes", "j", "y", "1", "waar"}
_FALSE = {"false", "nee", "no", "n", "0", "onwaar"}


def _as_boolean(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        key = fold(value)
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
    return None


def _type_word(kind: str) -> str:
    # Rendered inside a message; kept as a code so that the message can be translated.
    return {
        "integer": "type.integer",
        "boolean": "type.boolean",
        "text": "type.text",
        "list": "type.list",
        "mapping": "type.mapping",
    }[kind]
