"""The domain model: plain frozen values, no I/O and no terminal code.

Loading (`referral.content.loading`, `referral.casus.reader`) builds these; the engine reads them; renderers
turn results into text. Keeping them inert is what makes output reproducible byte for byte.

Every class is a frozen dataclass whose equality, hash and repr come from `Record` (the same as
dataclasses would generate, without compiling three functions per class at every start-up).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from referral.core.records import Record

SignalKind = Literal["enum", "set", "integer", "boolean"]
ScalarValue = str | int | bool


@dataclass(frozen=True, eq=False, repr=False)
class Label(Record):
    """A text in Dutch and (optionally) English; English falls back to Dutch."""

    nl: str
    en: str | None = None

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.nl

    def to_json(self) -> dict[str, str]:
        return {"nl": self.nl, "en": self.en or self.nl}


@dataclass(frozen=True, eq=False, repr=False)
class Value(Record):
    """One allowed value of an enum or set signal."""

    id: str
    label: Label
    aliases: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Signal(Record):
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
    field_aliases: tuple[str, ...] = ()  # other field names a casus may use ('leeftijd' for age)
    option: str | None = None  # the name of its quick option of `match` when not the field's own

    def value(self, value_id: str) -> Value | None:
        return self._by_id.get(value_id)

    @cached_property
    def _by_id(self) -> dict[str, Value]:
        """Values by id, the first of each: a region's wijk signal has thousands of values, and
        every offer and rule that names a wijk looks it up (a scan made loading quadratic)."""
        found: dict[str, Value] = {}
        for candidate in self.values:
            found.setdefault(candidate.id, candidate)
        return found

    def value_ids(self) -> tuple[str, ...]:
        return tuple(value.id for value in self.values)

    def order(self, value_id: str) -> int:
        """Position of a value in the declared order (for ordered enums such as severity)."""
        return self.value_ids().index(value_id)

    def value_label(self, value_id: str, lang: str) -> str:
        found = self.value(value_id)
        return found.label.get(lang) if found else value_id


@dataclass(frozen=True, eq=False, repr=False)
class HelpKind(Record):
    """A kind of help (a lasting bond, meeting, grief support, ...): what an offer is, what a rule targets.

    `terms` are words a reason must use to speak of this kind (lint checks every rule's `because`
    against the kinds it reaches); `referable: false` keeps a kind (volunteer recruitment) out of
    every advice: it is on the sociale kaart, never a referral.
    """

    id: str
    label: Label
    description: Label | None = None
    terms_nl: tuple[str, ...] = ()
    terms_en: tuple[str, ...] = ()
    referable: bool = True


@dataclass(frozen=True, eq=False, repr=False)
class Need(Record):
    """A need the network must be able to answer (`referral gaps`): a representative casus for it,
    and the kinds of help that fit it."""

    id: str
    label: Label
    casus: Mapping[str, Any]
    fitting: tuple[str, ...]


@dataclass(frozen=True, eq=False, repr=False)
class MapGroup(Record):
    """A group of inwoners a column of the map stands for (jongeren, volwassenen, ouderen, ...)."""

    id: str
    label: Label
    casus: Mapping[str, Any]


@dataclass(frozen=True, eq=False, repr=False)
class AdviceNote(Record):
    """A sentence the advice opens with when its condition holds ("geen eenzaamheid gesignaleerd")."""

    id: str
    when: Condition
    text: Label


@dataclass(frozen=True, eq=False, repr=False)
class Vocabulary(Record):
    """The words casussen and content share: signals, tags, kinds of help, groups, definitions, notes."""

    signals: Mapping[str, Signal]
    tags: Mapping[str, Label]
    kinds: Mapping[str, HelpKind] = field(default_factory=dict)
    groups: Mapping[str, Label] = field(default_factory=dict)
    definitions: Mapping[str, Named] = field(default_factory=dict)  # `{ref: lonely}`
    notes: tuple[AdviceNote, ...] = ()
    offer_language: str | None = None  # the language of an offer that declares none (Utrecht: nl)
    group_conditions: Mapping[str, Named] = field(default_factory=dict)  # who is in a group (`for`)
    needs: tuple[Need, ...] = ()
    map_groups: tuple[MapGroup, ...] = ()
    intake_order: tuple[str, ...] = ()  # signal ids and "loneliness", in the order of a phone call
    intake_orders: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # per audience answer
    intake_questions: Mapping[str, Label] = field(default_factory=dict)
    field_group_aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # 'eenzaamheid'

    def signal(self, signal_id: str) -> Signal | None:
        return self.signals.get(signal_id)

    def kind_label(self, kind_id: str, lang: str) -> str:
        found = self.kinds.get(kind_id)
        return found.label.get(lang) if found else kind_id

    def served_in(self, offer: Offer) -> tuple[str, ...]:
        """The languages an offer works in: as declared, else the content's default (Dutch)."""
        return offer.languages or ((self.offer_language,) if self.offer_language else ())

    def uncheckable(self, offer: Offer) -> tuple[str, ...]:
        """Signals an offer's limits test that a casus may leave out and still be referred:
        its published age range, and what its groups (`for`) let through when unknown."""
        found = ["age"] if offer.age_min is not None or offer.age_max is not None else []
        for group in offer.groups:
            for signal in admitted_unknown(self.group_conditions.get(group)):
                if signal not in found:
                    found.append(signal)
        return tuple(found)


# --- conditions --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class Test(Record):
    """An atomic, declarative test on one signal (a DMN-style unary test).

    op is one of: is (boolean or single value), in (enum values), range (integer min/max),
    includes (set contains any of values), at_least / at_most (ordered enum), known.
    """

    signal: str
    op: str
    values: tuple[ScalarValue, ...] = ()
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True, eq=False, repr=False)
class AllOf(Record):
    """A condition that holds when every item holds (`all`)."""

    items: tuple[Condition, ...]


@dataclass(frozen=True, eq=False, repr=False)
class AnyOf(Record):
    """A condition that holds when one of its items holds (`any`)."""

    items: tuple[Condition, ...]


@dataclass(frozen=True, eq=False, repr=False)
class Not(Record):
    """A condition that holds when its item does not (`not`)."""

    item: Condition


@dataclass(frozen=True, eq=False, repr=False)
class Named(Record):
    """A definition of the vocabulary (`lonely`), where a condition says `{ref: lonely}`.

    Kept by name, so that an explanation can say "a sign of loneliness" instead of its tests.
    """

    id: str
    label: Label
    item: Condition


Condition = Test | AllOf | AnyOf | Not | Named

ALWAYS: Condition = AllOf(())


def requires_helper(condition: Condition) -> bool:
    """Whether a condition holds only when someone close asks (`audience: helper`, alone or in an
    all-of). Such a rule speaks to the asker and scores the asker's part of an advice; every other
    weight rule speaks about the person and scores the person's part."""
    if isinstance(condition, Test):
        return condition.signal == "audience" and condition.op in ("is", "in") and condition.values == ("helper",)
    if isinstance(condition, AllOf):
        return any(requires_helper(item) for item in condition.items)
    if isinstance(condition, Named):
        return requires_helper(condition.item)
    return False


def admitted_unknown(condition: Condition | None) -> tuple[str, ...]:
    """Signals whose absence a condition lets through (`any: [{signal: age, known: false}, ...]`):
    a group such as older_people does not rule a casus out when its age is not given."""
    if isinstance(condition, Named):
        return admitted_unknown(condition.item)
    if not isinstance(condition, AnyOf):
        return ()
    return tuple(
        item.signal
        for item in condition.items
        if isinstance(item, Test) and item.op == "known" and item.values == (False,)
    )


@dataclass(frozen=True, eq=False, repr=False)
class Unmet(Record):
    """A test the casus did not meet (negated: the casus met a test it should not have).

    `named` is the definition the test belongs to, where the condition said `{ref: ...}`, and
    `named_negated` whether that reference stands under a `not` ("niet ‘niet eenzaam’").
    `alternatives` numbers the any-of these tests are options of (one would do); 0: required.
    """

    test: Test
    negated: bool = False
    named: Named | None = None
    named_negated: bool = False
    alternatives: int = 0


# --- content -----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class Source(Record):
    """Where a fact comes from: a title, a public URL, the date of the fact, when it was read, a quote."""

    title: str
    url: str | None = None
    quote: str | None = None
    date: str | None = None  # of the fact or its publication: YYYY, YYYY-MM or YYYY-MM-DD
    retrieved: str | None = None  # when the page was read (YYYY-MM-DD)
    note: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class Location(Record):
    """Where a content item is defined, for messages that point into the YAML."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True, eq=False, repr=False)
class OpeningHours(Record):
    """One row of an HSDS-like schedule: days, opens_at, closes_at (HH:MM), validity and notes.

    nth_of_month: only the n-th such weekday of the month (1..5; -1 the last), as HSDS's
    monthly "byday" (3SU: the third Sunday); empty means every week."""

    days: tuple[str, ...]
    opens_at: str
    closes_at: str
    valid_from: str | None = None
    valid_to: str | None = None
    notes: str | None = None
    nth_of_month: tuple[int, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Via(Record):
    """The route through which an offer is reached when it publishes none of its own (for a wijk
    ambassador: the network's Infopunt), resolved at load so that every view can name it."""

    offer: str
    name: str = ""
    phone: str | None = None
    email: str | None = None
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"offer": self.offer, "name": self.name}
        for key in ("phone", "email", "url"):
            value = getattr(self, key)
            if value:
                data[key] = value
        return data


@dataclass(frozen=True, eq=False, repr=False)
class Contact(Record):
    """How to reach an offer: web, phone, e-mail, address, opening hours, or through another offer."""

    url: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    schedule: tuple[OpeningHours, ...] = ()
    schedule_notes: str | None = None
    via: Via | None = None

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
                        ("nth_of_month", list(row.nth_of_month)),
                        ("notes", row.notes),
                    )
                    if v
                }
                for row in self.schedule
            ]
        if self.schedule_notes:
            data["schedule_notes"] = self.schedule_notes
        if self.via is not None:
            data["via"] = self.via.to_json()
        return data


@dataclass(frozen=True, eq=False, repr=False)
class Occurrence(Record):
    """One dated occurrence of an event or a seasonal offer (from and to inclusive, YYYY-MM-DD)."""

    start: str
    end: str


@dataclass(frozen=True, eq=False, repr=False)
class Period(Record):
    """An offer's life in time, which decides eligibility on the day of the advice.

    ongoing: between valid_from and valid_to (either open); event: until its last occurrence has
    passed; seasonal: from `lead_days` before an occurrence until it ends.
    """

    type: str = "ongoing"  # ongoing | event | seasonal
    valid_from: str | None = None
    valid_to: str | None = None
    occurrences: tuple[Occurrence, ...] = ()
    lead_days: int = 42


ONGOING = Period()


@dataclass(frozen=True, eq=False, repr=False)
class Evidence(Record):
    """A rating in Movisie's Databank Effectieve Sociale Interventies, with its source; never invented."""

    rating: str  # goed_beschreven | goed_onderbouwd | effectief
    source: Source


CAPACITY_STATUSES = ("open", "waitlist", "full")


@dataclass(frozen=True, eq=False, repr=False)
class Capacity(Record):
    """Whether an offer takes people in, as of a day, as a public source (or the provider) says.

    It changes the advice from `as_of` on (a fact dated 12-11 says nothing about 1-11): a `full`
    offer is not referred but listed after the referrals, a `waitlist` one keeps its place,
    marked. Capacity is never inferred; without a declaration the advice is as it always was."""

    status: str  # open | waitlist | full
    as_of: str  # YYYY-MM-DD
    source: Source | None = None

    def applies(self, day: str) -> bool:
        """Whether the declaration speaks for this day (YYYY-MM-DD): on or after its date."""
        return day >= self.as_of


@dataclass(frozen=True, eq=False, repr=False)
class Offer(Record):
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
    kinds: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()  # whom it is for, as the provider says (youth, older_people, ...)
    period: Period = ONGOING
    evidence: Evidence | None = None
    review: str | None = None  # why a person must check it (sources disagree, ...)
    for_lonely: bool = False  # meant for people who feel lonely: needs a sign of loneliness
    capacity: Capacity | None = None  # whether it takes people in (declared, never inferred)

    @property
    def is_local(self) -> bool:
        return self.wijken is not None

    @property
    def own_contact_route(self) -> bool:
        """A phone number, an e-mail address, or a web page of its own (with a path, not a bare home
        page); or the route of the offer it is reached through (`contact.via`, checked at load).
        What a professional needs to act on a referral the same minute: lint flags an offer
        without one, and among offers of equal fit the ranking puts those with one first."""
        contact = self.contact
        if contact.phone or contact.email or contact.via is not None:
            return True
        if not contact.url:
            return False
        from urllib.parse import urlsplit

        return urlsplit(contact.url).path not in ("", "/")

    @property
    def outside_home(self) -> bool:
        """Only met at a place one has to go to (no home visit, phone or online form)."""
        return "in_person" in self.modality and not {"at_home", "phone", "online"} & set(self.modality)


@dataclass(frozen=True, eq=False, repr=False)
class Effect(Record):
    """What a rule does to the offers it selects: add weight, or exclude them.

    It selects the named `offers`, and the offers of any of its `kinds` of help that also meet
    each given filter: whom they are `for`, a `modality`, `outside_home`, an `evidence` rating.
    """

    weight: int
    exclude: bool
    offers: frozenset[str]
    kinds: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    modality: frozenset[str] = frozenset()
    outside_home: bool | None = None
    evidence: frozenset[str] = frozenset()

    def selects(self, offer: Offer) -> bool:
        if offer.id in self.offers:
            return True
        if not self.kinds or self.kinds.isdisjoint(offer.kinds):
            return False
        if self.groups and self.groups.isdisjoint(offer.groups):
            return False
        if self.modality and self.modality.isdisjoint(offer.modality):
            return False
        if self.outside_home is not None and offer.outside_home != self.outside_home:
            return False
        return not self.evidence or (offer.evidence is not None and offer.evidence.rating in self.evidence)


@dataclass(frozen=True, eq=False, repr=False)
class Rule(Record):
    """A rule of the content: when it fires, what it does to which offers, and why (shown as a reason)."""

    id: str
    when: Condition
    effect: Effect
    because: Label
    description: str
    sources: tuple[Source, ...]
    location: Location
    silenced: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Ruleset(Record):
    """Everything the engine needs, loaded and cross-checked; identified by its content digest."""

    vocabulary: Vocabulary
    offers: tuple[Offer, ...]
    rules: tuple[Rule, ...]
    digest: str
    root: str = ""  # the rules folder
    thresholds: Mapping[str, Any] = field(default_factory=dict)
    commit: str | None = None  # set when the content was taken from a git ref (--content-at)
    offers_root: str = ""  # the offers folder

    @property
    def folders(self) -> tuple[str, ...]:
        """The rules and offers folders in the working tree (none for content from a git ref)."""
        if self.commit is not None or not self.root:
            return ()
        return (self.root, self.offers_root or self.root)

    def offer(self, offer_id: str) -> Offer | None:
        return self.offers_by_id.get(offer_id)

    @cached_property
    def offers_by_id(self) -> dict[str, Offer]:
        return {offer.id: offer for offer in self.offers}

    @cached_property
    def offer_position(self) -> dict[str, int]:
        return {offer.id: index for index, offer in enumerate(self.offers)}

    @cached_property
    def targets(self) -> tuple[tuple[Offer, ...], ...]:
        """For each rule (in order), the offers its effect selects: resolved once, not per casus,
        through a kind index (not every rule against every offer: 50 million tests at region scale)."""
        position = {offer.id: index for index, offer in enumerate(self.offers)}
        by_kind: dict[str, list[int]] = {}
        for index, offer in enumerate(self.offers):
            for kind in offer.kinds:
                by_kind.setdefault(kind, []).append(index)
        result = []
        for rule in self.rules:
            effect = rule.effect
            chosen = {position[o] for o in effect.offers if o in position}
            for kind in effect.kinds:
                chosen.update(i for i in by_kind.get(kind, ()) if effect.selects(self.offers[i]))
            result.append(tuple(self.offers[i] for i in sorted(chosen)))
        return tuple(result)

    def referable(self, offer: Offer) -> bool:
        """Whether an offer can be advised at all: not when every kind of it is kept out (recruitment)."""
        kinds = self.vocabulary.kinds
        return not offer.kinds or any(kinds[k].referable if k in kinds else True for k in offer.kinds)
