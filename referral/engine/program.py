"""The decision engine: a plain program (`referral.engine.compile`) built once into closures and masks.

Every route decides here: `match` in every format, `--explain`, the intake, the meeting view,
`batch`, `test`, `diff` and `gaps` where it evaluates casussen. What a rule means is stated once,
in the closures of `check`; explanations (which criterion failed, which tests a casus did not
meet, which rules could have fired) are derived from the same closures, and only when asked for.

Speed: rules are indexed by their most selective test (wijk, audience, loneliness, ...) so that a
casus evaluates only the rules that can fire for it; eligibility is a bit mask per criterion
over the offers of one wijk (a "space"), so one AND replaces a loop over offers.

Semantics, in order (`decide`):

1. An offer's hard eligibility: its audience part (below), the wijken it serves, a published
   age range, the languages it works in (when the casus names languages), its life in time on the
   day of the advice, its further conditions (`requires`, e.g. a sign of loneliness), and whether
   its kind of help may be advised at all (volunteer recruitment may not). Rules that exclude
   take offers out.
2. Audience parts: the signals always describe the person the advice is for. Offers for that
   person (audience client) form the first part. When someone close asks (audience helper), the
   offers that support helpers form a second part, "for the asker"; an offer that serves both is
   placed there, with the one who makes the call.
3. Score: the sum of the weights of the rules that fired and select the offer. Referred: eligible
   and a positive score.
4. Order, round by round over the kinds of help: first the best offer of each kind of help (an
   offer's kind is the first of its `kind` list), then the second best of each kind, and so on;
   within a round, higher score first; then an offer for the casus's own wijk before a city-wide
   one; then an offer that names a way to reach it (a phone number, an e-mail address, a web page
   of its own, or a route through another offer) before one that does not; then offer id. So
   the first places show the different kinds of help that fit, each by its strongest provider,
   before a second provider of the same kind.
5. Capacity: an offer whose declared capacity is `full` on the day of the advice (from its
   `as_of` day on) is not referred. Each part is split before ordering: the offers that can take
   people in are ordered as in 4 among themselves (so a full offer gives up its turn to the next
   provider of its kind), and the full ones, ordered the same way among themselves, follow as a
   list of their own (`Ranking.person_full`, `Ranking.asker_full`): visible, never a referral.
   `waitlist` and `open` change nothing in the order; the views mark them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from referral.core.records import Record
from referral.engine.compile import FORMAT

Signals = Mapping[str, Any]
Check = Callable[[Signals], bool]

HELPER = "helper"  # the audience of someone close who asks how to support another person
CLIENT = "client"  # the audience of the person the signals describe
VOLUNTEER = "volunteer"  # someone who wants to volunteer: the advice is for the caller
MEMO = 16384
OFFSETS = 1024


class ProgramError(ValueError):
    """A plain program this version cannot build (another format, or damaged)."""


# --- conditions as closures ----------------------------------------------------------------


def _true(signals: Signals) -> bool:
    return True


def check(plain: list[Any]) -> Check:
    """The closure of a plain condition. A test on a signal the casus does not give is false."""
    tag = plain[0]
    if tag == "test":
        return _test_check(plain[1], plain[2], plain[3], plain[4], plain[5])
    if tag == "ref":
        return check(plain[2])
    if tag == "not":
        negated = _negated_test(plain[1])
        if negated is not None:
            return negated
        inner = check(plain[1])
        return lambda s: not inner(s)
    items = tuple(check(item) for item in plain[1])
    if tag == "all":
        if not items:
            return _true
        if len(items) == 1:
            return items[0]
        if len(items) == 2:
            first, second = items
            return lambda s: first(s) and second(s)

        def every(s: Signals) -> bool:  # a loop, not all(): no generator per call on the hot path
            for item in items:  # noqa: SIM110
                if not item(s):
                    return False
            return True

        return every
    if tag != "any":
        raise ProgramError(f"unknown condition {tag!r}")
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        one, other = items
        return lambda s: one(s) or other(s)

    def some(s: Signals) -> bool:
        for item in items:  # noqa: SIM110
            if item(s):
                return True
        return False

    return some


def _negated_test(plain: list[Any]) -> Check | None:
    """`not` of one `in` or `known` test as one closure instead of two (most negations are these)."""
    if plain[0] != "test" or plain[2] not in ("in", "known"):
        return None
    signal, op, values = plain[1], plain[2], plain[3]
    if op == "known":
        if values[0]:
            return lambda s: s.get(signal) is None
        return lambda s: s.get(signal) is not None
    allowed = frozenset(values)
    return lambda s: s.get(signal) not in allowed


def _test_check(signal: str, op: str, values: list[Any], low: int | None, high: int | None) -> Check:
    if op == "known":
        if values[0]:
            return lambda s: s.get(signal) is not None
        return lambda s: s.get(signal) is None
    if op == "is":  # a boolean (compiling made `is` on an enum an `in`)
        expected = values[0]
        return lambda s: (v := s.get(signal)) is not None and v == expected
    if op == "in":
        allowed = frozenset(values)
        return lambda s: s.get(signal) in allowed
    if op == "includes":
        wanted_any = frozenset(values)
        return lambda s: (v := s.get(signal)) is not None and not wanted_any.isdisjoint(v)
    if op == "range":
        if low is not None and high is not None:
            return lambda s: (v := s.get(signal)) is not None and low <= v <= high
        if low is not None:
            return lambda s: (v := s.get(signal)) is not None and v >= low
        if high is not None:
            return lambda s: (v := s.get(signal)) is not None and v <= high
        return lambda s: s.get(signal) is not None
    raise ProgramError(f"unknown test operator {op!r}")


@dataclass(frozen=True, eq=False, repr=False)
class Unmet(Record):
    """A plain test the casus did not meet; `negated`: it met a test it should not have.

    `ref` is the definition (`{ref: lonely}`) the test belongs to, if any, and `ref_negated`
    whether that reference itself stands under a `not`. `alternatives` numbers the any-of whose
    options these tests are (one of them would do); 0 where each is required.
    """

    test: tuple[Any, ...]
    negated: bool = False
    ref: str | None = None
    ref_negated: bool = False
    alternatives: int = 0


def unmet(
    plain: list[Any],
    signals: Signals,
    negated: bool = False,
    ref: str | None = None,
    ref_negated: bool = False,
    _counter: list[int] | None = None,
) -> list[Unmet]:
    """The tests that make a condition false for this casus (empty when it holds), by its closures."""
    if check(plain)(signals) != negated:
        return []
    counter = [0] if _counter is None else _counter
    tag = plain[0]
    if tag == "test":
        return [Unmet(tuple(plain), negated, ref, ref_negated)]
    if tag == "ref":
        if ref is None:
            return unmet(plain[2], signals, negated, plain[1], negated, counter)
        return unmet(plain[2], signals, negated, ref, ref_negated, counter)
    if tag == "not":
        return unmet(plain[1], signals, not negated, ref, ref_negated, counter)
    # all-of fails on its failing items; any-of on all of them. Under negation the roles swap.
    failing_all = (tag == "all") != negated
    found: list[Unmet] = []
    for item in plain[1]:
        if not failing_all or check(item)(signals) == negated:
            found.extend(unmet(item, signals, negated, ref, ref_negated, counter))
    if not failing_all and len(found) > 1:
        counter[0] += 1
        found = [Unmet(u.test, u.negated, u.ref, u.ref_negated, u.alternatives or counter[0]) for u in found]
    return found


def in_period(period: list[Any] | None, day: int) -> str | None:
    """None when the offer is current on this day number; else why not: past, not_yet, out_of_season."""
    if period is None:
        return None
    kind, start, end, occurrences, lead = period
    if start is not None and day < start:
        return "not_yet"
    if end is not None and day > end:
        return "past"
    if kind == "event":
        return None if any(day <= last for _, last in occurrences) else "past"
    if kind == "seasonal":
        if any(first - lead <= day <= last for first, last in occurrences):
            return None
        return "out_of_season" if any(day < first for first, _ in occurrences) else "past"
    return None


# --- the program ---------------------------------------------------------------------------


def reads(plain: list[Any], found: set[str] | None = None) -> set[str]:
    """The signals a plain condition tests: all its closure ever looks at."""
    found = set() if found is None else found
    tag = plain[0]
    if tag == "test":
        found.add(plain[1])
    elif tag == "ref":
        reads(plain[2], found)
    elif tag == "not":
        reads(plain[1], found)
    else:
        for item in plain[1]:
            reads(item, found)
    return found


def conjuncts(plain: list[Any]) -> list[list[Any]]:
    """The parts of a condition that must each hold (its top-level all-of), names stripped: an
    offer's requirement holds exactly when every part does, and offers share parts (`group:lonely`)."""
    while plain[0] == "ref":
        plain = plain[2]
    parts = plain[1] if plain[0] == "all" else [plain]
    found = []
    for part in parts:
        while part[0] == "ref":
            part = part[2]
        if part[0] == "all":
            found.extend(conjuncts(part))
        else:
            found.append(part)
    return found


# The requirement parts of a space's offers that test the same signals, decided together:
# (the one signal read, else None; the signals read; ((closure, the offers that require it), ...);
# every offer with a part here; the offers failing, remembered per value of those signals).
# Offers of a city share requirement parts (for older people, for migrants, lonely): each part is
# evaluated once per casus, not once per offer that has it, and the offers that fail are looked up
# per value of the signals read (a part's closure looks at nothing else; a casus's values are
# canonical and hashable, tuples for sets, as the rule index needs them too). A tuple, not a
# dataclass: every route imports this module, and each dataclass costs start-up time.
Factor = tuple[str | None, tuple[str, ...], tuple[tuple[Check, int], ...], int, dict[Any, int]]


def failing(factor: Factor, signals: Signals, key: Any) -> int:
    """The offers of a factor a part of which this casus does not meet (remembered under `key`)."""
    failed = 0
    for part, offers in factor[2]:
        if not part(signals):
            failed |= offers
    if len(factor[4]) < MEMO:
        factor[4][key] = failed
    return failed


@dataclass(frozen=True, eq=False, repr=False)
class Space:
    """The offers a casus in one wijk can be referred to (the city's and the wijk's own), with every
    eligibility criterion as a mask over just those offers (a few hundred bits even at region scale)."""

    offers: tuple[int, ...]  # program offer indexes, in bit order
    position: Mapping[int, int]
    global_mask: int
    all: int
    audiences: Mapping[str, int]
    unlimited_age: int
    age_limits: tuple[tuple[int | None, int | None, int], ...]
    no_language: int
    language_limited: int
    speaks: Mapping[str, int]
    requires: tuple[Factor, ...]
    referable: int
    timed: tuple[tuple[list[Any], int], ...]  # (period, bit)
    ages: dict[int, int] = field(default_factory=dict)
    days: dict[int, int] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)
    offsets: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def unmet_requirements(self, signals: Signals, among: int) -> int:
        """The offers (of those in `among`) whose further conditions this casus does not meet: each
        requirement part once, looked up per value of the signals it reads (see `Factor`)."""
        get = signals.get
        failed_offers = 0
        for factor in self.requires:
            signal, signals_read, _, offers_with, failed_by_value = factor
            if among & offers_with:
                key = get(signal) if signal is not None else tuple([get(read) for read in signals_read])
                failed = failed_by_value.get(key)
                failed_offers |= failing(factor, signals, key) if failed is None else failed
        return failed_offers

    def age_mask(self, age: int) -> int:
        mask = self.unlimited_age
        for low, high, bit in self.age_limits:
            if not ((low is not None and age < low) or (high is not None and age > high)):
                mask |= bit
        if len(self.ages) < MEMO:
            self.ages[age] = mask
        return mask

    def day_mask(self, day: int) -> int:
        """The offers current on this day (a batch has one day: computed once)."""
        mask = self.all
        for period, bit in self.timed:
            if in_period(period, day) is not None:
                mask &= ~bit
        if len(self.days) < 64:
            self.days[day] = mask
        return mask

    def target(self, program: Program, rule: int) -> int:
        """The rule's target offers within this space (computed once per wijk and rule)."""
        local = 0
        position = self.position
        for offer in bit_offsets(program.target_masks[rule] & self.global_mask):
            local |= 1 << position[offer]
        self.targets[rule] = local
        return local

    def indexes(self, mask: int) -> tuple[int, ...]:
        """Program offer indexes of the set bits of a mask over this space."""
        found = self.offsets.get(mask)
        if found is None:
            found = tuple(self.offers[i] for i in bit_offsets(mask))
            if len(self.offsets) < OFFSETS:
                self.offsets[mask] = found
        return found


@dataclass(frozen=True, eq=False, repr=False)
class Decision:
    """What the engine decided for one casus on one day, before ranking (small; memoizable)."""

    space: Space
    person: int  # eligible offers of the person's part (a mask over the space)
    asker: int  # eligible offers of the asker's part (someone close asks)
    fired: tuple[int, ...]  # weight rules that fired, in rule order
    notes: tuple[int, ...]  # advice notes of the vocabulary whose condition holds
    day: int
    audience: Any

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.space, self.person, self.asker, self.fired, self.notes, self.audience)


Ranked = tuple[tuple[int, int, tuple[int, ...]], ...]  # (offer index, score, rule indexes in rule order)


@dataclass(frozen=True, eq=False, repr=False)
class Ranking:
    """The referrals of both parts, in rank order, and whether the casus's languages are served;
    the offers of each part that are full on the day (eligible and scored, but not referred)."""

    person: Ranked
    asker: Ranked
    language_unserved: bool
    person_full: Ranked = ()
    asker_full: Ranked = ()


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by identity: it is a compiled thing
class Program:
    """A plain program built into closures, an index of rules and masks per wijk."""

    plain: Mapping[str, Any]
    count: int
    facts: tuple[tuple[tuple[str, ...], int | None, int | None, tuple[str, ...], Check | None], ...]
    city_offers: tuple[int, ...]
    wijk_offers: Mapping[str, tuple[int, ...]]
    offer_rank: tuple[int, ...]
    always: tuple[int, ...]
    index: tuple[tuple[str, bool, Mapping[Any, tuple[int, ...]]], ...]
    whens: tuple[Check, ...]  # per rule: the rest of its condition after the index test
    full_whens: tuple[Check, ...]  # per rule: its whole condition (for explanations)
    weights: tuple[int, ...]
    excludes: tuple[bool, ...]
    target_masks: tuple[int, ...]
    notes: tuple[tuple[str, Check], ...]
    offer_language: str | None
    kinds: tuple[str, ...] = ()  # per offer: its main kind of help (the first of its list)
    for_asker: tuple[bool, ...] = ()  # per rule: its condition requires someone close asking
    # per offer: the parts of its requirement, each (the signals it reads, its closure)
    requirement_parts: tuple[tuple[tuple[tuple[str, ...], Check], ...], ...] = ()
    full_from: tuple[int | None, ...] = ()  # per offer: the day from which it is declared full
    any_full: bool = False  # some offer is declared full (else ranking skips the split: no cost)
    note_signals: tuple[str, ...] = ()  # every signal the notes' conditions read
    notes_by_value: dict[tuple[Any, ...], tuple[int, ...]] = field(default_factory=dict)
    spaces: dict[Any, Space] = field(default_factory=dict)

    # --- deciding --------------------------------------------------------------------------

    def space(self, wijk: Any) -> Space:
        found = self.spaces.get(wijk)
        if found is None:
            local = self.wijk_offers.get(wijk, ()) if isinstance(wijk, str) else ()
            found = self.spaces[wijk] = self._space(tuple(sorted({*self.city_offers, *local})))
        return found

    def _space(self, offers: tuple[int, ...]) -> Space:
        audiences: dict[str, int] = {}
        speaks: dict[str, int] = {}
        factors: dict[tuple[str, ...], dict[int, tuple[Check, int]]] = {}
        unlimited_age = no_language = language_limited = global_mask = referable = 0
        age_limits = []
        timed = []
        plain_offers = self.plain["offers"]
        for bit_number, offer in enumerate(offers):
            bit = 1 << bit_number
            global_mask |= 1 << offer
            offer_audiences, low, high, languages, _ = self.facts[offer]
            for audience in offer_audiences:
                audiences[audience] = audiences.get(audience, 0) | bit
            if low is None and high is None:
                unlimited_age |= bit
            else:
                age_limits.append((low, high, bit))
            if languages:
                language_limited |= bit
                for language in languages:
                    speaks[language] = speaks.get(language, 0) | bit
            else:
                no_language |= bit
            for signals_read, part in self.requirement_parts[offer] if self.requirement_parts else ():
                parts = factors.setdefault(signals_read, {})
                _, offers_with = parts.get(id(part), (part, 0))
                parts[id(part)] = (part, offers_with | bit)
            if plain_offers[offer]["referable"]:
                referable |= bit
            if plain_offers[offer]["period"] is not None:
                timed.append((plain_offers[offer]["period"], bit))
        return Space(
            offers=offers,
            position={offer: bit_number for bit_number, offer in enumerate(offers)},
            global_mask=global_mask,
            all=(1 << len(offers)) - 1,
            audiences=audiences,
            unlimited_age=unlimited_age,
            age_limits=tuple(age_limits),
            no_language=no_language,
            language_limited=language_limited,
            speaks=speaks,
            requires=tuple(
                (
                    signals_read[0] if len(signals_read) == 1 else None,
                    signals_read,
                    tuple(parts.values()),
                    functools.reduce(int.__or__, (offers_with for _, offers_with in parts.values()), 0),
                    {},
                )
                for signals_read, parts in factors.items()
            ),
            referable=referable,
            timed=tuple(timed),
        )

    def decide(self, signals: Signals, day: int) -> Decision:
        """Eligibility (both parts, exclusions applied), the weight rules that fired, the notes."""
        get = signals.get
        wijk = get("wijk")
        space = self.spaces.get(wijk) or self.space(wijk)
        mask = space.referable
        day_mask = space.days.get(day)
        mask &= space.day_mask(day) if day_mask is None else day_mask
        age = get("age")
        if age is not None and mask & ~space.unlimited_age:
            age_mask = space.ages.get(age)
            mask &= space.age_mask(age) if age_mask is None else age_mask
        languages = get("languages")
        if languages and mask & space.language_limited:
            allowed = space.no_language
            speaks = space.speaks
            for language in languages:
                allowed |= speaks.get(language, 0)
            mask &= allowed
        if space.requires:
            mask &= ~space.unmet_requirements(signals, mask)

        candidates: list[int] = list(self.always)
        repeated = False
        for signal_id, is_set, table in self.index:
            value = get(signal_id)
            if value is None:
                continue
            if is_set:
                for item in value:
                    found = table.get(item)
                    if found:
                        repeated = repeated or len(value) > 1
                        candidates.extend(found)
            else:
                found = table.get(value)
                if found:
                    candidates.extend(found)
        if repeated:
            candidates = list(dict.fromkeys(candidates))
        whens, excludes = self.whens, self.excludes
        fired: list[int] = []
        for rule in candidates:
            if whens[rule](signals):
                if excludes[rule]:
                    target = space.targets.get(rule)
                    mask &= ~(space.target(self, rule) if target is None else target)
                else:
                    fired.append(rule)
        if len(fired) > 1:
            fired.sort()
        audience = get("audience")
        helpers = space.audiences.get(HELPER, 0)
        person = mask & space.audiences.get(VOLUNTEER if audience == VOLUNTEER else CLIENT, 0)
        asker = 0
        if audience == HELPER:
            asker = mask & helpers  # an offer for both stays in the person's part as well
        notes_key = tuple([get(signal) for signal in self.note_signals])
        notes = self.notes_by_value.get(notes_key)
        if notes is None:
            notes = self.notes_holding(signals, notes_key)
        return Decision(space, person, asker, tuple(fired), notes, day, audience)

    def notes_holding(self, signals: Signals, key: Any = None) -> tuple[int, ...]:
        """The advice notes whose condition holds, remembered under `key` (the values of
        `note_signals`: all the notes' closures look at; a handful of signals with few values)."""
        found = tuple([i for i, (_, note) in enumerate(self.notes) if note(signals)])
        if key is not None and len(self.notes_by_value) < MEMO:
            self.notes_by_value[key] = found
        return found

    def full(self, offer: int, day: int) -> bool:
        """Whether the offer is declared full on this day (from its capacity's `as_of` on)."""
        start = self.full_from[offer] if self.full_from else None
        return start is not None and day >= start

    def _scoring(self, decision: Decision, asker_too: bool = True) -> Iterator[tuple[int, bool, Iterable[int]]]:
        """Each fired rule that gives points: (rule, whether it scores the asker's part, the offers
        of that part it scores). The one place where fired rules become points: a rule about the
        person scores the person's part; one that requires someone close asking scores the asker's
        part, never the person's."""
        space = decision.space
        targets, offsets, for_asker = space.targets, space.offsets, self.for_asker
        for rule in decision.fired:
            asker = bool(for_asker and for_asker[rule])
            if asker and not asker_too:
                continue
            target = targets.get(rule)
            hits = (space.target(self, rule) if target is None else target) & (
                decision.asker if asker else decision.person
            )
            if hits:
                found = offsets.get(hits)
                yield rule, asker, space.indexes(hits) if found is None else found

    def _ordered(
        self, scores: Mapping[int, int], day: int, capacity: bool
    ) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
        """One part's offers with a positive score in rank order (score, then place_key's order,
        round by round over the kinds), and apart from them, ordered the same way, the ones full
        on the day (with `capacity`)."""
        rank, spread = self.offer_rank, self.count + 1
        items = [(rank[o] - score * spread, o, score) for o, score in scores.items() if score > 0]
        full: list[tuple[int, int, int]] = []
        if capacity and self.any_full and items:
            full = [item for item in items if self.full(item[1], day)]
            if full:
                items = [item for item in items if not self.full(item[1], day)]
        return self._rounds(items), self._rounds(full)

    def rank(self, decision: Decision, languages: Any = None, capacity: bool = True) -> Ranking:
        """Both parts in rank order (score, own wijk first, contact route first, id), the full offers of each apart;
        and whether `languages` are served. `capacity=False`: the order as if no offer were full
        (what `--explain` compares with, to say where a full offer would have stood)."""
        scores: dict[int, int] = {}
        reasons: dict[int, list[int]] = {}
        asker_scores: dict[int, int] = {}
        asker_reasons: dict[int, list[int]] = {}
        weights = self.weights
        for rule, to_asker, offers in self._scoring(decision):
            part_scores, part_reasons = (asker_scores, asker_reasons) if to_asker else (scores, reasons)
            weight = weights[rule]
            for offer in offers:
                listed = part_reasons.get(offer)
                if listed is None:
                    part_reasons[offer] = [rule]
                    part_scores[offer] = weight
                else:
                    listed.append(rule)
                    part_scores[offer] += weight
        person, person_full = self._ordered(scores, decision.day, capacity)
        person_ranked = tuple([(offer, score, tuple(reasons[offer])) for _, offer, score in person])
        asker_ranked: Ranked = ()
        asker_full: list[tuple[int, int, int]] = []
        if asker_scores:
            asker, asker_full = self._ordered(asker_scores, decision.day, capacity)
            asker_ranked = tuple([(offer, score, tuple(asker_reasons[offer])) for _, offer, score in asker])
        unserved = False
        if languages:
            served = self.served
            unserved = all(served[offer].isdisjoint(languages) for offer, _, _ in person_ranked)
        if not (person_full or asker_full):
            return Ranking(person_ranked, asker_ranked, unserved)
        return Ranking(
            person_ranked,
            asker_ranked,
            unserved,
            tuple((offer, score, tuple(reasons[offer])) for _, offer, score in person_full),
            tuple((offer, score, tuple(asker_reasons[offer])) for _, offer, score in asker_full),
        )

    def person_order(self, decision: Decision) -> tuple[int, ...]:
        """The offers of `rank(decision).person` in the same order, without their reasons: what
        `gaps` asks of each of its 43,000 cells at national scale (where each offer stands).
        The same scoring and ordering as `rank` (`_scoring`, `_ordered`); only no reasons listed."""
        scores: dict[int, int] = {}
        get = scores.get
        weights = self.weights
        for rule, _, offers in self._scoring(decision, asker_too=False):
            weight = weights[rule]
            for offer in offers:
                scores[offer] = get(offer, 0) + weight
        return tuple([offer for _, offer, _ in self._ordered(scores, decision.day, True)[0]])

    def _rounds(self, items: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
        """Round by round over the kinds of help: the n-th best of each kind before the (n+1)-th.

        Only offers scoring at least a quarter of the top score take turns; weaker ones follow by score,
        so variety never puts a weak fit (a listening line at 10) above a strong one (45): a quarter, not a
        half, so grief support at 40 still takes its turn beside a bond at 100."""
        items.sort()
        if len(items) < 2:
            return items
        kinds = self.kinds
        top = items[0][2]
        turns: dict[str, int] = {}
        keyed = []
        weak = []
        for item in items:
            if item[2] * 4 < top:
                weak.append(item)
                continue
            kind = kinds[item[1]]
            turn = turns.get(kind, 0)
            turns[kind] = turn + 1
            keyed.append((turn, item))
        keyed.sort()
        return [item for _, item in keyed] + weak

    def serves(self, offer: int, languages: Any) -> bool:
        """Whether an offer works in one of these languages (one that declares none: the content's default)."""
        return not self.served[offer].isdisjoint(languages)

    @functools.cached_property
    def served(self) -> tuple[frozenset[str], ...]:
        """Per offer: the languages it works in (declared, else the content's default); once per program."""
        default = frozenset((self.offer_language,) if self.offer_language else ())
        return tuple(frozenset(facts[3]) or default for facts in self.facts)

    # --- explaining (only when asked) ------------------------------------------------------

    def failures(self, offer: int, signals: Signals, day: int) -> list[tuple[str, Any]]:
        """Why an offer is not eligible for this casus: [(kind, detail)], in the order of `decide`.

        kinds: audience, wijk, age, languages, period, requires (detail: the unmet tests),
        excluded (detail: the rule index), not_referable.
        """
        found: list[tuple[str, Any]] = []
        plain = self.plain["offers"][offer]
        audiences, low, high, languages, requirement = self.facts[offer]
        audience = signals.get("audience")
        own = VOLUNTEER if audience == VOLUNTEER else CLIENT  # whom the person's part serves
        part = HELPER if audience == HELPER and HELPER in audiences else own
        if part not in audiences:
            found.append(("audience", audiences))
        if plain["wijken"] is not None and signals.get("wijk") not in plain["wijken"]:
            found.append(("wijk", tuple(plain["wijken"])))
        age = signals.get("age")
        if age is not None and ((low is not None and age < low) or (high is not None and age > high)):
            found.append(("age", (low, high)))
        spoken = signals.get("languages")
        if languages and spoken and not set(languages) & set(spoken):
            found.append(("languages", languages))
        state = in_period(plain["period"], day)
        if state is not None:
            found.append(("period", state))
        if requirement is not None and not requirement(signals):
            found.append(("requires", unmet(plain["requires"], signals)))
        for rule, when in enumerate(self.full_whens):
            if self.excludes[rule] and self.target_masks[rule] >> offer & 1 and when(signals):
                found.append(("excluded", rule))
        if not plain["referable"]:
            found.append(("not_referable", None))
        return found

    def missed(self, offer: int, signals: Signals, fired: tuple[int, ...]) -> list[tuple[int, list[Unmet]]]:
        """Weight rules that select this offer but did not fire, with the tests the casus did not meet."""
        fired_set = set(fired)
        found = []
        for rule, plain in enumerate(self.plain["rules"]):
            if self.excludes[rule] or self.weights[rule] <= 0 or rule in fired_set:
                continue
            if self.target_masks[rule] >> offer & 1:
                found.append((rule, unmet(plain["when"], signals)))
        return found


def bit_offsets(bits: int) -> tuple[int, ...]:
    """The positions of the set bits, lowest first."""
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return tuple(found)


def _index_key(
    plain: list[Any], kinds: Mapping[str, str], domain: Mapping[str, int]
) -> tuple[str, list[Any], list[Any]] | None:
    """The most selective test a rule cannot fire without, and the rest of its condition.

    (signal, values, rest) or None. A rule found through the index under a casus's value has
    passed that test already, so only `rest` is evaluated.
    """
    while plain[0] == "ref":
        plain = plain[2]
    if plain[0] == "test":
        items = [plain]
    elif plain[0] == "all":
        items = list(plain[1])
    else:
        return None
    best: tuple[float, int] | None = None
    for position, item in enumerate(items):
        if item[0] != "test":
            continue
        _, signal, op, values = item[:4]
        kind = kinds.get(signal)
        usable = (op == "in" and kind == "enum") or (op == "is" and kind == "boolean") or (op == "includes")
        if not usable or not values or (op == "is" and values[0] is not True and values[0] is not False):
            continue
        share = len(values) / max(domain.get(signal, 2), 1)
        if best is None or share < best[0]:
            best = (share, position)
    if best is None:
        return None
    chosen = items[best[1]]
    return chosen[1], chosen[3], ["all", items[: best[1]] + items[best[1] + 1 :]]


def build(plain: Mapping[str, Any]) -> Program:
    """The program of a plain one. Raises ProgramError for another format or a damaged one."""
    if not isinstance(plain, Mapping) or plain.get("format") != FORMAT:
        raise ProgramError("not a program of this version")
    try:
        kinds = {sid: spec[0] for sid, spec in plain["signals"].items()}
        domain = {sid: int(spec[1]) for sid, spec in plain["signals"].items()}
        return _build(plain, kinds, domain)
    except (KeyError, TypeError, IndexError, AttributeError) as err:
        raise ProgramError(f"a damaged program ({type(err).__name__})") from None


# The tie-break among equal scores, as one key: an offer for the casus's own wijk first (an offer
# with wijken is eligible only in them), then one that names a way to reach it (see
# Offer.own_contact_route), then id. `explain` names which part of it decided.
PLACE_PARTS = ("wijk", "route", "id")


def place_key(offer: Mapping[str, Any]) -> tuple[int, int, str]:
    """The tie-break key of a plain offer (lower comes first)."""
    return (0 if offer["wijken"] is not None else 1, 0 if offer["routed"] else 1, str(offer["id"]))


def _build(plain: Mapping[str, Any], kinds: Mapping[str, str], domain: Mapping[str, int]) -> Program:
    offers = plain["offers"]
    count = len(offers)
    checks: dict[str, Check] = {}

    def shared(condition: list[Any]) -> Check:
        key = json.dumps(condition)
        found = checks.get(key)
        if found is None:
            found = checks[key] = check(condition)
        return found

    facts = []
    requirement_parts = []
    city: list[int] = []
    by_wijk: dict[str, list[int]] = {}
    for i, offer in enumerate(offers):
        if offer["wijken"] is None:
            city.append(i)
        else:
            for wijk in offer["wijken"]:
                by_wijk.setdefault(wijk, []).append(i)
        requires = None if offer["requires"] == ["all", []] else shared(offer["requires"])
        requirement_parts.append(
            tuple((tuple(sorted(reads(part))), shared(part)) for part in conjuncts(offer["requires"]))
            if requires is not None
            else ()
        )
        low, high = offer["age"]
        facts.append((tuple(offer["audiences"]), low, high, tuple(offer["languages"]), requires))
    by_place = sorted(range(count), key=lambda i: place_key(offers[i]))
    offer_rank = [0] * count
    for position, i in enumerate(by_place):
        offer_rank[i] = position

    rules = plain["rules"]
    always: list[int] = []
    tables: dict[str, dict[Any, list[int]]] = {}
    whens: list[Check] = []
    for number, rule in enumerate(rules):
        indexed = _index_key(rule["when"], kinds, domain)
        if indexed is None:
            always.append(number)
            whens.append(shared(rule["when"]))
            continue
        table = tables.setdefault(indexed[0], {})
        for value in indexed[1]:
            table.setdefault(value, []).append(number)
        whens.append(shared(indexed[2]))
    index = tuple(
        (sid, kinds.get(sid) == "set", {value: tuple(found) for value, found in table.items()})
        for sid, table in tables.items()
    )
    target_masks = []
    for rule in rules:
        mask = 0
        for i in rule["targets"]:
            if not 0 <= i < count:
                raise IndexError(i)
            mask |= 1 << i
        target_masks.append(mask)
    full_from = tuple(
        int(offer["capacity"][1]) if offer["capacity"] and offer["capacity"][0] == "full" else None for offer in offers
    )
    return Program(
        plain=plain,
        count=count,
        facts=tuple(facts),
        city_offers=tuple(city),
        wijk_offers={wijk: tuple(found) for wijk, found in by_wijk.items()},
        offer_rank=tuple(offer_rank),
        always=tuple(always),
        index=index,
        whens=tuple(whens),
        full_whens=tuple(shared(rule["when"]) for rule in rules),
        weights=tuple(int(rule["weight"]) for rule in rules),
        excludes=tuple(bool(rule["exclude"]) for rule in rules),
        target_masks=tuple(target_masks),
        notes=tuple((note["id"], shared(note["when"])) for note in plain["notes"]),
        note_signals=tuple(sorted(set().union(*(reads(note["when"]) for note in plain["notes"])))),
        offer_language=plain.get("offer_language"),
        kinds=tuple(str(offer["kind"]) for offer in offers),
        for_asker=tuple(bool(rule["for_asker"]) for rule in rules),
        requirement_parts=tuple(requirement_parts),
        full_from=full_from,
        any_full=any(start is not None for start in full_from),
    )
