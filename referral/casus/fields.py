"""The casus's field table: every field, its kind and its spellings, derived once from the vocabulary.

The table is plain JSON data (stored in the content cache as the section "fields"), so that a
cold start reads a casus without building the model. Everything the reader accepts comes from
here: the fields and groups, the canonical values with every alias and label (exactly and
folded), integer bounds, defaults, the scale answers' group and its cut-offs, and the yes/no words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from referral.core.limits import FREE_TEXT_ALIASES, FREE_TEXT_FIELDS

if TYPE_CHECKING:  # pragma: no cover
    from referral.core.model import Vocabulary

NOTE_FIELD = FREE_TEXT_FIELDS[0]
TITLE_FIELD = FREE_TEXT_FIELDS[1]
SCALE_GROUP = "loneliness"
MAX_NOTE_LENGTH = 2000
MAX_TITLE_LENGTH = 120
FORMAT = 3

TRUE_WORDS = ("true", "ja", "yes", "j", "y", "1", "waar")
FALSE_WORDS = ("false", "nee", "no", "n", "0", "onwaar")


def field_names(vocabulary: Vocabulary) -> tuple[dict[str, str | None], dict[str, dict[str, str]]]:
    """Top-level fields (name -> signal id, or None for a group or free text) and each group's fields."""
    top: dict[str, str | None] = {NOTE_FIELD: None, TITLE_FIELD: None}
    groups: dict[str, dict[str, str]] = {}
    for signal_id in vocabulary.signals:
        head, _, tail = signal_id.partition(".")
        if tail:
            top[head] = None
            groups.setdefault(head, {})[tail] = signal_id
        else:
            top[head] = signal_id
    return top, groups


def field_aliases(vocabulary: Vocabulary) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Other names of fields: top-level alias -> field name, and per group alias -> member name.

    A group's members answer to their aliases under the group's own name and under its aliases.
    """
    top: dict[str, str] = dict(FREE_TEXT_ALIASES)
    members: dict[str, dict[str, str]] = {}
    for signal_id, signal in vocabulary.signals.items():
        head, _, tail = signal_id.partition(".")
        for alias in signal.field_aliases:
            if tail:
                members.setdefault(head, {})[alias] = tail
            else:
                top[alias] = head
    for group, aliases in vocabulary.field_group_aliases.items():
        for alias in aliases:
            top[alias] = group
    return top, members


def field_table(vocabulary: Vocabulary, thresholds: Mapping[str, Any]) -> dict[str, Any]:
    """The plain field table of this vocabulary (what `referral.casus.reader.CasusReader` reads)."""
    from referral.core import scale as djg
    from referral.core.vocabulary import alias_table, fold, option_name

    top, groups = field_names(vocabulary)
    alias_top, alias_groups = field_aliases(vocabulary)
    signals: dict[str, Any] = {}
    for signal_id, signal in vocabulary.signals.items():
        folded: dict[str, str] = alias_table(signal) if signal.kind in ("enum", "set") else {}
        exact: dict[str, str] = {}
        for value in signal.values:
            for text in (value.id, value.label.nl, value.label.en or "", *value.aliases):
                for variant in (text, text.lower()):
                    found = folded.get(fold(variant))
                    if variant and found is not None:
                        exact.setdefault(variant, found)
        signals[signal_id] = {
            "kind": signal.kind,
            "min": signal.minimum,
            "max": signal.maximum,
            "default": signal.default,
            "values": list(signal.value_ids()),
            "labels": {value.id: [value.label.nl, value.label.en or value.label.nl] for value in signal.values},
            "label": [signal.label.nl, signal.label.en or signal.label.nl],
            "unit": [signal.unit.nl, signal.unit.en or signal.unit.nl] if signal.unit else None,
            "option": option_name(signal),  # its quick option of `referral match`
            "exact": exact,
            "folded": folded,
        }
    booleans = {}
    for words, flag in ((TRUE_WORDS, True), (FALSE_WORDS, False)):
        for word in words:
            for variant in (word, word.upper(), word.capitalize()):
                booleans[variant] = flag
    return {
        "format": FORMAT,
        "signals": signals,
        "order": list(vocabulary.signals),
        "top": top,
        "groups": groups,
        "aliases": {"top": alias_top, "groups": alias_groups},
        "free_text": {NOTE_FIELD: MAX_NOTE_LENGTH, TITLE_FIELD: MAX_TITLE_LENGTH},
        "scale": {"group": SCALE_GROUP, "versions": {v: len(n) for v, n in djg.VERSIONS.items()}},
        "thresholds": dict(thresholds),
        "booleans": booleans,
    }
