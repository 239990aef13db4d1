"""Building the vocabulary from data, and matching what people type to its canonical values.

Phone staff type 'overvecht', 'Vleuten', 'alleenstaand' or 'Overvecth'; the casus needs
'Overvecht', 'Vleuten-De Meern', 'single'. Matching is case-, accent-, dash- and
space-insensitive over ids, labels and aliases, with a did-you-mean for near misses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from referral.core.limits import FREE_TEXT_ALIASES, FREE_TEXT_FIELDS, MATCH_OWN_OPTIONS
from referral.core.model import HelpKind, Label, MapGroup, Need, Signal, Value, Vocabulary


def fold(text: str) -> str:
    """A comparison key: lower case, no accents, dashes/underscores/spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-\u2010-\u2015_/.'’]+", " ", stripped).strip()


def label_of(data: Any) -> Label:
    if isinstance(data, str):
        return Label(data)
    return Label(data["nl"], data.get("en"))


def build_vocabulary(data: dict[str, Any]) -> Vocabulary:
    """Vocabulary from its (schema-valid) YAML mapping."""
    signals: dict[str, Signal] = {}
    for signal_id, spec in data["signals"].items():
        values = tuple(
            Value(
                id=str(value_id),
                label=Label(value_spec["nl"], value_spec.get("en")),
                aliases=tuple(str(a) for a in value_spec.get("aliases", ())),
                extra=tuple((k, str(v)) for k, v in sorted(value_spec.items()) if k not in ("nl", "en", "aliases")),
            )
            for value_id, value_spec in (spec.get("values") or {}).items()
        )
        signals[signal_id] = Signal(
            id=signal_id,
            kind=spec["kind"],
            label=label_of(spec["label"]),
            values=values,
            minimum=spec.get("min"),
            maximum=spec.get("max"),
            ordered=bool(spec.get("ordered", False)),
            default=spec.get("default"),
            description=label_of(spec["description"]) if "description" in spec else None,
            unit=label_of(spec["unit"]) if "unit" in spec else None,
            field_aliases=tuple(spec.get("field_aliases") or ()),
            option=spec.get("option"),
        )
    tags = {tag: label_of(spec) for tag, spec in (data.get("tags") or {}).items()}
    kinds = {
        kind_id: HelpKind(
            id=kind_id,
            label=Label(spec["nl"], spec.get("en")),
            description=label_of(spec["description"]) if "description" in spec else None,
            terms_nl=tuple(spec["terms"]["nl"]),
            terms_en=tuple(spec["terms"].get("en", ())),
            referable=bool(spec.get("referable", True)),
        )
        for kind_id, spec in (data.get("kinds") or {}).items()
    }
    groups = {group: label_of(spec["label"]) for group, spec in (data.get("groups") or {}).items()}
    gaps = data.get("gaps") or {}
    needs = tuple(
        Need(need_id, label_of(spec["label"]), dict(spec["casus"]), tuple(spec["fitting"]))
        for need_id, spec in (gaps.get("needs") or {}).items()
    )
    map_groups = tuple(
        MapGroup(group_id, label_of(spec["label"]), dict(spec["casus"]))
        for group_id, spec in (gaps.get("groups") or {}).items()
    )
    return Vocabulary(
        signals=signals,
        tags=tags,
        kinds=kinds,
        groups=groups,
        offer_language=data.get("offer_language"),
        needs=needs,
        map_groups=map_groups,
        intake_order=tuple((data.get("intake") or {}).get("order") or ()),
        intake_orders={str(k): tuple(v) for k, v in ((data.get("intake") or {}).get("order_for") or {}).items()},
        intake_questions={k: label_of(v) for k, v in ((data.get("intake") or {}).get("questions") or {}).items()},
        field_group_aliases={
            group: tuple(spec["field_aliases"]) for group, spec in (data.get("field_groups") or {}).items()
        },
    )


@dataclass(frozen=True)
class Lookup:
    """Outcome of matching typed text to a value: the id, or a suggestion, or neither."""

    value: str | None
    suggestion: str | None = None


def alias_table(signal: Signal) -> dict[str, str]:
    """folded text -> value id, over ids, Dutch and English labels and aliases."""
    return _alias_table(signal)


@lru_cache(maxsize=512)
def _alias_table(signal: Signal) -> dict[str, str]:
    table: dict[str, str] = {}
    for value in signal.values:
        for text in (value.id, value.label.nl, value.label.en or "", *value.aliases):
            key = fold(text)
            if key:
                table.setdefault(key, value.id)
    return table


def alias_clashes(signal: Signal) -> list[tuple[str, str, str]]:
    """Aliases that point to two different values of one signal (a content error)."""
    seen: dict[str, str] = {}
    clashes = []
    for value in signal.values:
        for text in (value.id, value.label.nl, value.label.en or "", *value.aliases):
            key = fold(text)
            if not key:
                continue
            if key in seen and seen[key] != value.id:
                clashes.append((text, seen[key], value.id))
            seen.setdefault(key, value.id)
    return clashes


def lookup(signal: Signal, text: str) -> Lookup:
    """Match typed text to a value id of `signal`; suggest the closest value on a miss."""
    table = alias_table(signal)
    key = fold(text)
    if key in table:
        return Lookup(table[key])
    import difflib  # only for a near miss: it costs start-up time

    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.75)
    if close:
        return Lookup(None, suggestion=table[close[0]])
    return Lookup(None)


def suggest(word: str, candidates: Iterable[str]) -> str | None:
    """The closest candidate to `word` (for field names and ids), or None."""
    options = list(candidates)
    folded = {fold(option): option for option in options}
    key = fold(word)
    import difflib

    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.7)
    if close:
        return folded[close[0]]
    # 'ernst' for 'ernst van de eenzaamheid': a whole word of a longer label.
    if len(key) >= 4:
        for candidate in sorted(folded):
            if key in candidate.split():
                return folded[candidate]
    return None


def field_alias_clashes(vocabulary: Vocabulary) -> list[tuple[str, str, str]]:
    """(name, one field, other field) where a field alias is also another field's name or alias."""
    seen: dict[tuple[str, str], str] = {("", name): name for name in FREE_TEXT_FIELDS}
    for signal_id in vocabulary.signals:
        head, _, tail = signal_id.partition(".")
        seen[("", head)] = head
        if tail:
            seen[(head, tail)] = tail
    claims = [("", alias, name) for alias, name in FREE_TEXT_ALIASES.items()]
    claims.extend(("", alias, group) for group, aliases in vocabulary.field_group_aliases.items() for alias in aliases)
    for signal_id, signal in vocabulary.signals.items():
        head, _, tail = signal_id.partition(".")
        claims.extend((head if tail else "", alias, tail or head) for alias in signal.field_aliases)
    clashes = []
    for group, alias, owner in claims:
        other = seen.setdefault((group, alias), owner)
        if other != owner:
            clashes.append((alias, other, owner))
    return clashes


def option_name(signal: Signal) -> str:
    """The quick option of `referral match` for a signal, without dashes: its own `option`, else
    its field name with '-' for '_' ('severity' for loneliness.severity)."""
    return signal.option or signal.id.rpartition(".")[2].replace("_", "-")


def option_clashes(vocabulary: Vocabulary) -> list[tuple[str, str, str]]:
    """(option, owner, signal) where a signal's quick option is taken: owner '' for one of match's
    own options, else the signal that has it. A boolean's option takes its 'no-' form too."""
    seen: dict[str, str] = dict.fromkeys(MATCH_OWN_OPTIONS, "")
    clashes = []
    for signal_id, signal in vocabulary.signals.items():
        name = option_name(signal)
        for spelling in (name, "no-" + name) if signal.kind == "boolean" else (name,):
            owner = seen.setdefault(spelling, signal_id)
            if owner != signal_id:
                clashes.append((spelling, owner, signal_id))
                break  # one message per signal: '--no-x' clashes where '--x' does
    return clashes
