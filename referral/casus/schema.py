"""The casus JSON Schema, generated from the vocabulary so that it never drifts from it.

Editors get completion for every field and canonical value; aliases stay valid (any string is
accepted where the vocabulary would map it), because the tool, not the schema, resolves them.
"""

from __future__ import annotations

from typing import Any

from referral.casus.fields import MAX_NOTE_LENGTH, MAX_TITLE_LENGTH
from referral.core import scale
from referral.core.limits import FREE_TEXT_ALIASES
from referral.core.model import Signal, Vocabulary


def _value_schema(signal: Signal) -> dict[str, Any]:
    description = signal.label.nl + (f" ({signal.label.en})" if signal.label.en else "")
    if signal.kind == "integer":
        return {"type": "integer", "minimum": signal.minimum, "maximum": signal.maximum, "description": description}
    if signal.kind == "boolean":
        return {"type": ["boolean", "null"], "description": description}
    choices = {
        "anyOf": [
            {"enum": list(signal.value_ids()), "description": "canonical ids"},
            {"type": "string", "description": "a Dutch alias or label, resolved by referral"},
        ]
    }
    if signal.kind == "set":
        return {
            "description": description,
            "anyOf": [{"type": "array", "items": choices, "uniqueItems": True}, choices],
        }
    return {"description": description, **choices}


def casus_schema(vocabulary: Vocabulary) -> dict[str, Any]:
    """Every field under its own name and under its Dutch names (`field_aliases`)."""
    top: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for signal_id, signal in vocabulary.signals.items():
        head, _, tail = signal_id.partition(".")
        schema = _value_schema(signal)
        names = (tail or head, *signal.field_aliases)
        target = groups.setdefault(head, {}) if tail else top
        for name in names:
            target[name] = schema if name == names[0] else {**schema, "description": f"the same field as {names[0]!r}"}
    answer = {"enum": [*scale.ANSWERS, None]}
    for head, members in groups.items():
        if head == "loneliness":
            members["djg11"] = {
                "type": "array",
                "items": answer,
                "minItems": 11,
                "maxItems": 11,
                "description": "answers to the 11 De Jong Gierveld items, in item order",
            }
            members["djg6"] = {
                "type": "array",
                "items": answer,
                "minItems": 6,
                "maxItems": 6,
                "description": "answers to the 6-item version, in the order items 3, 9, 10, 4, 7, 8",
            }
        group = {"type": "object", "additionalProperties": False, "properties": members}
        top[head] = group
        for alias in vocabulary.field_group_aliases.get(head, ()):
            top[alias] = {**group, "description": f"the same field as {head!r}"}
    free_text = {
        "note": {
            "type": "string",
            "maxLength": MAX_NOTE_LENGTH,
            "description": "free text; checked for personal data and never printed back",
        },
        "title": {
            "type": "string",
            "maxLength": MAX_TITLE_LENGTH,
            "description": "a label for the meeting; checked for personal data",
        },
    }
    top.update(free_text)
    for alias, name in FREE_TEXT_ALIASES.items():
        top[alias] = {**free_text[name], "description": f"the same field as {name!r}"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A casus: signals about one situation, never identities",
        "type": "object",
        "additionalProperties": False,
        "properties": top,
    }
