"""The domain model: plain frozen values, no I/O and no terminal code.

Loading (`referral.content.loading`, `referral.casus.reader`) builds these; the engine reads them; renderers
turn results into text. Keeping them inert is what makes output reproducible byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

SignalKind = Literal["enum", "set", "integer", "boolean"]
ScalarValue = str | int | bool


@dataclass(frozen=True)
class Label:
    """A text in Dutch and (optionally) English; English falls back to Dutch."""

    nl: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.nl

    def to_json(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en or self.nl}


@dataclass(frozen=True)
class Value:
    """One allowed value of an enum or set signal."""

    id: str
    label: Label
    aliases: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Signal:
    """A fact a casus can carry, as declared in the vocabulary."""

    id: str
    kind: SignalKind
    label: Label
    values: tuple[Value, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    ordered: bool = False
    default: ScalarValue | None = None
    description: Label | None = None
    unit: Label | None = None

    def value(self, value_id: str) -> Value | None:
        for candidate in self.values:
            if candidate.id == value_id:
                return candidate
        return None

    def value_ids(self) -> tuple[str, ...]:
        return tuple(value.id for value in self.values)

    def order(self, value_id: str) -> int:
        """Position of a value in the declared order (for ordered enums such as severity)."""
        return self.value_ids().index(value_id)

    def value_label(self, value_id: str, lang: str) -> str:
        found = self.value(value_id)
        return found.label.get(lang) if found else value_id


@dataclass(frozen=True)
class Vocabulary:
    signals: Mapping[str, Signal]
    tags: Mapping[str, Label]

    def signal(self, signal_id: str) -> Signal | None:
        return self.signals.get(signal_id)


# --- conditions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Test:
    """An atomic, declarative test on one signal (a DMN-style unary test).

    op is one of: is (boolean or single value), in (enum values), range (integer min/max),
    includes (set contains any of values), at_least / at_most (ordered enum), known.
    """

    signal: str
    op: str
    values: tuple[ScalarValue, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Test | AllOf | AnyOf | Not

ALWAYS: Condition = AllOf(())


# --- content -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where a fact comes from: a title, and a public URL and quote where there is one."""

    title: str
    url: str | None = None
    quote: str | None = None


@dataclass(frozen=True)
class Location:
    """Where a content item is defined, for messages that point into the YAML."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class OpeningHours:
    """One row of an HSDS-like schedule: days, opens_at, closes_at (HH:MM), validity and notes."""

    days: tuple[str, ...]
    opens_at: str
    closes_at: str
    valid_from: str | None = None
    valid_to: str | None = None
    notes: str | None = None


@dataclass(frozen=True)
class Contact:
    url: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    schedule: tuple[OpeningHours, ...] = ()
    schedule_notes: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key in ("url", "phone", "email", "address"):
            value = getattr(self, key)
            if value:
                data[key] = value
        if self.schedule:
            data["schedule"] = [
                {
                    k: v
                    for k, v in (
                        ("days", list(row.days)),
                        ("opens_at", row.opens_at),
                        ("closes_at", row.closes_at),
                        ("valid_from", row.valid_from),
                        ("valid_to", row.valid_to),
                        ("notes", row.notes),
                    )
                    if v
                }
                for row in self.schedule
            ]
        if self.schedule_notes:
            data["schedule_notes"] = self.schedule_notes
        return data


@dataclass(frozen=True)
class Offer:
    """One item of the aanbod. Eligibility is hard; ranking is left to rules."""

    id: str
    name: str
    organisation: str
    audiences: tuple[str, ...]
    description: Label
    wijken: tuple[str, ...] | None  # None: the whole city
    age_min: int | None
    age_max: int | None
    languages: tuple[str, ...]
    requires: Condition
    modality: tuple[str, ...]
    tags: frozenset[str]
    contact: Contact
    reviewed: str | None
    sources: tuple[Source, ...]
    location: Location
    silenced: tuple[tuple[str, str], ...] = ()

    @property
    def is_local(self) -> bool:
        return self.wijken is not None


@dataclass(frozen=True)
class Effect:
    """What a rule does to the offers it selects: add weight, or exclude them."""

    weight: int
    exclude: bool
    offers: frozenset[str]
    tags: frozenset[str]

    def selects(self, offer: Offer) -> bool:
        return offer.id in self.offers or not self.tags.isdisjoint(offer.tags)


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition
    effect: Effect
    because: Label
    description: str
    sources: tuple[Source, ...]
    location: Location
    silenced: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Ruleset:
    """Everything the engine needs, loaded and cross-checked; identified by its content digest."""

    vocabulary: Vocabulary
    offers: tuple[Offer, ...]
    rules: tuple[Rule, ...]
    digest: str
    root: str = ""
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    commit: str | None = None  # set when the content was taken from a git ref (--content-at)

    def offer(self, offer_id: str) -> Offer | None:
        return self.offers_by_id.get(offer_id)

    @cached_property
    def offers_by_id(self) -> dict[str, Offer]:
        return {offer.id: offer for offer in self.offers}

    @cached_property
    def targets(self) -> tuple[tuple[Offer, ...], ...]:
        """For each rule (in order), the offers its effect selects: resolved once, not per casus,
        through a tag index (not every rule against every offer: 50 million tests at region scale)."""
        position = {offer.id: index for index, offer in enumerate(self.offers)}
        by_tag: dict[str, list[int]] = {}
        for index, offer in enumerate(self.offers):
            for tag in offer.tags:
                by_tag.setdefault(tag, []).append(index)
        result = []
        for rule in self.rules:
            chosen = {position[o] for o in rule.effect.offers if o in position}
            for tag in rule.effect.tags:
                chosen.update(by_tag.get(tag, ()))
            result.append(tuple(self.offers[i] for i in sorted(chosen)))
        return tuple(result)
