"""The compiled ruleset: the match decision precompiled for a population and for a cold start.

`engine.match` builds a complete, explainable result for one casus. Here the same decision is
compiled once for throughput: conditions become closures, rules are indexed by their most
discriminating test (wijk, audience, loneliness type, ...) so that a casus only evaluates the
rules that can fire for it, eligibility becomes bit masks per criterion (one AND per criterion
instead of a loop over offers), and each offer's and reason's JSON is encoded once.

`describe` turns a Ruleset into plain JSON data (what `referral.content.cache` stores); `Program` is built
from that data without importing the model, YAML or jsonschema, which keeps a cold
`referral match --format json` fast. Anything out of the ordinary (scale answers, a note, a typo,
an error) is left to the full parser: the fast route only ever gives the answer the full route
gives. The output equals `json_view.match_json` byte for byte; tests/test_batch.py checks that.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from referral.core.model import Condition, Ruleset

Signals = Mapping[str, Any]
Check = Callable[[Signals], bool]
# (scale version, raw answers) -> (derived values in the order of plain["scale"]["derived"], scale JSON)
ScaleHook = Callable[[str, Any], "tuple[tuple[Any, ...], str] | None"]

PLAIN_FORMAT = 1
MEMO = 16384  # entries per memo (JSON fragments, spellings): populations repeat
TAILS = 2048  # remembered outcomes (a few KiB each); cleared when full
OFFSETS = 1024  # remembered bit positions per wijk
_COMPACT = (",", ":")
_GROUP: Any = object()  # marks a group field (loneliness) in Program.top
_NOTE: Any = object()  # marks the free-text note field


def dumps_compact(data: Any) -> str:
    """One-line JSON, as `batch` writes it (the object of `match --format json`, without indentation)."""
    return json.dumps(data, ensure_ascii=False, separators=_COMPACT)


# --- describing a ruleset as plain data (at cache-write time) ------------------------------


def describe(ruleset: Ruleset) -> dict[str, Any]:
    """The plain (JSON) form of everything the fast route needs, computed with the real code.

    Alias tables come from `vocabulary.lookup` and offer JSON from `json_view.offer_json`, so the
    fast route cannot drift from the full one: it only looks up what the full code computed.
    """
    from referral.casus import reader as casus_module
    from referral.core import scale as scale_module
    from referral.core.vocabulary import alias_table, fold, lookup
    from referral.engine.match import Assessment
    from referral.render.json_view import offer_json

    vocabulary = ruleset.vocabulary
    top, groups = casus_module.field_names(vocabulary)
    signals: dict[str, Any] = {}
    for signal_id, signal in vocabulary.signals.items():
        exact: dict[str, str] = {}
        if signal.kind in ("enum", "set"):
            for value in signal.values:
                for text in (value.id, value.label.nl, value.label.en or "", *value.aliases):
                    for variant in (text, fold(text), text.lower()):
                        if variant and variant not in exact:
                            found = lookup(signal, variant).value
                            if found is not None:
                                exact[variant] = found
        signals[signal_id] = {
            "kind": signal.kind,
            "min": signal.minimum,
            "max": signal.maximum,
            "default": signal.default,
            "values": list(signal.value_ids()),
            "exact": exact,
            "folded": dict(alias_table(signal)) if signal.kind in ("enum", "set") else {},
        }
    booleans: dict[str, bool] = {}
    for word in sorted(casus_module._TRUE | casus_module._FALSE):
        for variant in (word, word.upper(), word.capitalize()):
            flag = casus_module._as_boolean(variant)
            if flag is not None:
                booleans[variant] = flag
    audiences = [*(vocabulary.signals["audience"].value_ids() if "audience" in vocabulary.signals else ()), None]
    offers = []
    for offer in ruleset.offers:
        item = Assessment(offer, 0, (), ())
        offers.append(
            {
                "id": offer.id,
                "audiences": list(offer.audiences),
                "wijken": list(offer.wijken) if offer.wijken is not None else None,
                "age": [offer.age_min, offer.age_max],
                "languages": list(offer.languages),
                "requires": plain_condition(offer.requires, ruleset),
                "json": {_audience_key(a): dumps_compact(offer_json(item, a)) for a in audiences},
            }
        )
    index = {offer.id: i for i, offer in enumerate(ruleset.offers)}
    rules = []
    for rule, targets in zip(ruleset.rules, ruleset.targets, strict=True):
        rules.append(
            {
                "id": rule.id,
                "when": plain_condition(rule.when, ruleset),
                "weight": rule.effect.weight,
                "exclude": rule.effect.exclude,
                "targets": [index[o.id] for o in targets],
                "because": [rule.because.nl, rule.because.en],
            }
        )
    return {
        "format": PLAIN_FORMAT,
        "digest": ruleset.digest,
        "commit": ruleset.commit,
        "signals": signals,
        "order": list(vocabulary.signals),
        "top": {name: signal_id for name, signal_id in top.items()},
        "groups": groups,
        "note": [casus_module.NOTE_FIELD, casus_module.MAX_NOTE_LENGTH],
        # As casus._CasusParser._scale: answers in this group derive these signals of it.
        "scale": {
            "group": casus_module.SCALE_GROUP,
            "versions": list(scale_module.VERSIONS),
            "derived": ["social", "emotional", "severity"],
        },
        "booleans": booleans,
        "offers": offers,
        "rules": rules,
    }


def _audience_key(audience: str | None) -> str:
    return "" if audience is None else "=" + audience


def plain_condition(condition: Condition, ruleset: Ruleset) -> list[Any]:
    """A condition as nested lists; ordered tests (at_least, at_most) become plain sets."""
    from referral.core.model import AllOf, AnyOf, Not, Test

    if isinstance(condition, AllOf):
        return ["all", [plain_condition(c, ruleset) for c in condition.items]]
    if isinstance(condition, AnyOf):
        return ["any", [plain_condition(c, ruleset) for c in condition.items]]
    if isinstance(condition, Not):
        return ["not", plain_condition(condition.item, ruleset)]
    assert isinstance(condition, Test)
    op, values = condition.op, list(condition.values)
    if op in ("at_least", "at_most"):
        signal = ruleset.vocabulary.signals[condition.signal]
        bound = signal.order(str(values[0]))
        ids = signal.value_ids()
        values = [v for v in ids if (signal.order(v) >= bound if op == "at_least" else signal.order(v) <= bound)]
        op = "in"
    return ["test", condition.signal, op, values, condition.minimum, condition.maximum]


# --- conditions as closures ----------------------------------------------------------------


def _true(signals: Signals) -> bool:
    return True


def compile_check(plain: list[Any]) -> Check:
    """A closure equivalent to `conditions.holds` for this condition (a missing signal is false)."""
    tag = plain[0]
    if tag == "test":
        return _test_check(plain[1], plain[2], plain[3], plain[4], plain[5])
    if tag == "not":
        inner = compile_check(plain[1])
        return lambda s: not inner(s)
    items = tuple(compile_check(item) for item in plain[1])
    if tag == "all":
        if not items:
            return _true
        if len(items) == 1:
            return items[0]
        if len(items) == 2:
            first, second = items
            return lambda s: first(s) and second(s)

        def every(s: Signals) -> bool:  # a loop, not all(): no generator per call on the hot path
            for check in items:  # noqa: SIM110
                if not check(s):
                    return False
            return True

        return every
    if len(items) == 1:
        return items[0]

    def some(s: Signals) -> bool:
        for check in items:  # noqa: SIM110
            if check(s):
                return True
        return False

    return some


def _test_check(signal: str, op: str, values: list[Any], low: int | None, high: int | None) -> Check:
    if op == "known":
        wanted = bool(values[0])
        return lambda s: (s.get(signal) is not None) == wanted
    if op == "is":
        expected = values[0]  # a boolean (the compiler makes `is` on an enum an `in`)
        if expected is None:  # pragma: no cover - never compiled
            return lambda s: False
        return lambda s: bool(s.get(signal) == expected)
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
    raise ValueError(f"unknown test operator {op}")


def _index_key(
    plain: list[Any], kinds: Mapping[str, str], domain: Mapping[str, int]
) -> tuple[str, list[Any], list[Any]] | None:
    """The most selective test a rule cannot fire without, and the rest of its condition.

    (signal, values, rest) or None. A rule found through the index under a casus's value has
    passed that test already, so only `rest` is evaluated.
    """
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
        _, signal, op, values, _low, _high = item
        kind = kinds.get(signal)
        usable = (op in ("in", "is") and kind in ("enum", "boolean")) or (op == "includes" and kind == "set")
        if not usable or not values:
            continue
        share = len(values) / max(domain.get(signal, 2), 1)
        if best is None or share < best[0]:
            best = (share, position)
    if best is None:
        return None
    chosen = items[best[1]]
    return chosen[1], chosen[3], ["all", items[: best[1]] + items[best[1] + 1 :]]


# --- the program ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class Space:
    """The offers a casus in one wijk can be referred to (the region's and the wijk's own), with
    every eligibility criterion and rule target as a mask over just those offers.

    Indexing offers by wijk keeps the masks small at region scale: a few hundred bits instead of
    one per offer of the province, so that a casus costs about the same in a city or a region.
    """

    offers: tuple[int, ...]  # program offer indexes, in bit order
    position: Mapping[int, int]
    global_mask: int
    target_masks: tuple[int, ...]  # per rule, over all offers of the program
    all: int
    audiences: Mapping[str, int]
    unlimited_age: int
    age_limited: int
    age_limits: tuple[tuple[int | None, int | None, int], ...]
    no_language: int
    language_limited: int
    speaks: Mapping[str, int]
    requires: tuple[tuple[int, Check], ...]
    ages: dict[int, int] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)
    offsets: dict[int, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, program: Program, offers: tuple[int, ...]) -> Space:
        audiences: dict[str, int] = {}
        speaks: dict[str, int] = {}
        requires: dict[int, tuple[int, Check]] = {}
        unlimited_age = age_limited = no_language = language_limited = global_mask = 0
        age_limits = []
        for bit_number, offer in enumerate(offers):
            bit = 1 << bit_number
            global_mask |= 1 << offer
            offer_audiences, low, high, languages, check = program.offers[offer]
            for audience in offer_audiences:
                audiences[audience] = audiences.get(audience, 0) | bit
            if low is None and high is None:
                unlimited_age |= bit
            else:
                age_limited |= bit
                age_limits.append((low, high, bit))
            if languages:
                language_limited |= bit
                for language in languages:
                    speaks[language] = speaks.get(language, 0) | bit
            else:
                no_language |= bit
            if check is not None:
                group, _ = requires.get(id(check), (0, check))
                requires[id(check)] = (group | bit, check)
        return cls(
            offers=offers,
            position={offer: bit_number for bit_number, offer in enumerate(offers)},
            global_mask=global_mask,
            target_masks=program.target_masks,
            all=(1 << len(offers)) - 1,
            audiences=audiences,
            unlimited_age=unlimited_age,
            age_limited=age_limited,
            age_limits=tuple(age_limits),
            no_language=no_language,
            language_limited=language_limited,
            speaks=speaks,
            requires=tuple(requires.values()),
        )

    def age_mask(self, age: int) -> int:
        mask = self.unlimited_age
        for low, high, bit in self.age_limits:
            if not ((low is not None and age < low) or (high is not None and age > high)):
                mask |= bit
        if len(self.ages) < MEMO:
            self.ages[age] = mask
        return mask

    def target(self, rule: int) -> int:
        """The rule's target offers within this space (computed once per wijk and rule)."""
        local = 0
        position = self.position
        for offer in _offsets(self.target_masks[rule] & self.global_mask):
            local |= 1 << position[offer]
        self.targets[rule] = local
        return local


@dataclass(frozen=True, eq=False, repr=False)  # compared and shown by identity: it is a compiled thing
class Program:
    """A ruleset compiled for speed: masks, indexed closures and pre-encoded JSON."""

    plain: Mapping[str, Any]
    head: Mapping[str, str]  # lang -> '{"tool":...,"ruleset":...,"lang":...,"casus":'
    top: Mapping[Any, Any]  # field -> signal spec, or (_GROUP, {member: spec}), or _NOTE
    defaults: tuple[tuple[str, Any], ...]
    booleans: Mapping[str, bool]
    count: int
    offers: tuple[tuple[tuple[str, ...], int | None, int | None, tuple[str, ...], Check | None], ...]
    city_offers: tuple[int, ...]
    wijk_offers: Mapping[str, tuple[int, ...]]
    offer_rank: tuple[int, ...]
    always: tuple[int, ...]
    index: tuple[tuple[str, bool, Mapping[Any, tuple[int, ...]]], ...]
    whens: tuple[Check, ...]
    weights: tuple[int, ...]
    excludes: tuple[bool, ...]
    target_masks: tuple[int, ...]
    rule_rank: tuple[int, ...]
    scale_group: str = ""
    spaces: dict[Any, Space] = field(default_factory=dict)
    offer_text: dict[tuple[str, int], str] = field(default_factory=dict)
    reason_text: dict[str, list[str]] = field(default_factory=dict)
    tails: dict[tuple[Any, ...], bytes] = field(default_factory=dict)
    fragments: dict[tuple[Any, str], dict[tuple[int, ...], bytes]] = field(default_factory=dict)
    encoded_heads: dict[str, bytes] = field(default_factory=dict)
    group_keys: dict[str, str] = field(default_factory=dict)
    value_texts: dict[str, dict[Any, tuple[int, str, str]]] = field(default_factory=dict)
    places: Mapping[str, tuple[int, str, str]] = field(default_factory=dict)  # signal -> (vocabulary index, head, tail)
    scratch_scores: list[int] = field(default_factory=list)
    scratch_reasons: list[list[int] | None] = field(default_factory=list)
    scratch_touched: list[int] = field(default_factory=list)
    counts_text: dict[tuple[int, int, int], bytes] = field(default_factory=dict)
    encoders: Mapping[str, tuple[str, Mapping[Any, str] | None]] = field(default_factory=dict)

    # --- the casus -------------------------------------------------------------------------

    def normalize(
        self,
        data: Any,
        fold: Callable[[str], str] | None = None,
        scale: ScaleHook | None = None,
        note: Callable[[str], bool] | None = None,
    ) -> tuple[dict[str, Any], str | None, bool] | None:
        """The casus's canonical signals, its scale JSON and whether a note was given; or None when
        the full parser must decide.

        Handles the everyday input (known fields, canonical values, aliases, whole numbers,
        yes/no words; with the hooks also other spellings, scale answers and notes the parser
        accepts); anything else (typos, errors) returns None, and the caller runs
        `casus.parse_casus`, which gives the same signals or the exact problems.
        """
        if type(data) is not dict:
            return None
        signals: dict[str, Any] = {}
        scale_text: str | None = None
        note_given = False
        top = self.top
        for key, value in data.items():
            spec = top.get(key)
            if spec is None:
                return None
            if spec is _NOTE:
                if value is None:
                    continue
                if type(value) is not str or len(value) > self.plain["note"][1]:
                    return None  # the parser explains what is wrong with it (too long: even if blank)
                if not value.strip():
                    continue
                if note is None or not note(value):
                    return None
                note_given = True
                continue
            if value is None:
                continue
            if spec[0] is _GROUP:
                if type(value) is not dict:
                    return None
                _, members, versions, derived = spec
                version = None
                for sub, sub_value in value.items():
                    member = members.get(sub)
                    if member is None:
                        if sub in versions and version is None and scale is not None:
                            version = sub
                            continue
                        return None
                    if sub_value is None:
                        continue
                    parsed = self._value(member, sub_value, fold)
                    if parsed is None:
                        return None
                    if parsed != ():  # an empty list says nothing, as in the casus parser
                        signals[member[0]] = parsed
                if version is not None:
                    assert scale is not None
                    scored = None if any(name in value for name, _ in derived) else scale(version, value[version])
                    if scored is None:
                        return None
                    values, scale_text = scored
                    for (_, signal_id), found in zip(derived, values, strict=True):
                        if found is not None and signal_id is not None:
                            signals[signal_id] = found
                continue
            if spec[1] == "enum" and type(value) is str:  # the everyday case, inline
                parsed = spec[4].get(value)
                if parsed is None:
                    parsed = self._value(spec, value, fold)
            else:
                parsed = self._value(spec, value, fold)
            if parsed is None:
                return None
            if parsed != ():  # an empty list says nothing, as in the casus parser
                signals[spec[0]] = parsed
        for signal_id, default in self.defaults:
            if signal_id not in signals:
                signals[signal_id] = default
        return signals, scale_text, note_given

    def _value(self, spec: tuple[Any, ...], value: Any, fold: Callable[[str], str] | None) -> Any:
        _, kind, low, high, exact, folded, order = spec
        kind_of = type(value)
        if kind == "enum":
            if kind_of is not str:
                return None
            found = exact.get(value)
            if found is None and fold is not None:
                found = folded.get(fold(value))
            return found
        if kind == "integer":
            if kind_of is int:
                number = value
            elif kind_of is str and 0 < len(value) <= 3 and value.isascii() and value.isdigit():
                number = int(value)
            else:
                return None
            if (low is not None and number < low) or (high is not None and number > high):
                return None
            return number
        if kind == "boolean":
            if kind_of is bool:
                return value
            if kind_of is str:
                flag = self.booleans.get(value)
                if flag is None and fold is not None:
                    flag = self.booleans.get(fold(value))
                return flag
            return None
        if kind == "set":
            items = value if kind_of is list else [value] if kind_of is str else None
            if items is None:
                return None
            found_set = set()
            for item in items:
                if type(item) is not str:
                    return None
                one = exact.get(item)
                if one is None and fold is not None:
                    one = folded.get(fold(item))
                if one is None:
                    return None
                found_set.add(one)
            if len(found_set) < 2:
                return tuple(found_set)
            return tuple(sorted(found_set, key=order.__getitem__))
        return None  # pragma: no cover - the vocabulary schema allows no other kinds

    # --- matching --------------------------------------------------------------------------

    def space(self, wijk: Any) -> Space:
        """The offers a casus in this wijk could be referred to, with their criteria as small masks."""
        found = self.spaces.get(wijk)
        if found is None:
            local = self.wijk_offers.get(wijk, ()) if isinstance(wijk, str) else ()
            found = self.spaces[wijk] = Space.of(self, tuple(sorted({*self.city_offers, *local})))
        return found

    def decide(self, signals: Signals) -> tuple[Space, int, tuple[int, ...]]:
        """The wijk's space, its eligible offers (a mask, exclusions applied), the weight rules that fire."""
        get = signals.get
        space = self.spaces.get(get("wijk")) or self.space(get("wijk"))
        mask = space.all
        audience = get("audience")
        if audience is not None:
            mask &= space.audiences.get(audience, 0)
        age = get("age")
        if age is not None and mask & space.age_limited:
            age_mask = space.ages.get(age)
            mask &= space.age_mask(age) if age_mask is None else age_mask
        languages = get("languages")
        if languages and mask & space.language_limited:
            allowed = space.no_language
            speaks = space.speaks
            for language in languages:
                allowed |= speaks.get(language, 0)
            mask &= allowed
        for group, check in space.requires:
            if mask & group and not check(signals):
                mask &= ~group

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
        excluded = 0
        for rule in candidates:
            if whens[rule](signals):
                if excludes[rule]:
                    excluded |= space.target(rule)
                else:
                    fired.append(rule)
        if excluded:
            mask &= ~excluded
        return space, mask, tuple(fired)

    def rank(self, space: Space, mask: int, fired: tuple[int, ...]) -> list[tuple[int, int, list[int]]]:
        """Referrals [(offer index, score, rule indexes)], ranked as `engine.sort_key` does.

        The rule indexes are in firing order; `tail` sorts them (as reasons) where shown.
        """
        ranked = self._score(space, mask, fired)
        scores, reasons = self.scratch_scores, self.scratch_reasons
        result = [(offer, scores[offer], reasons[offer]) for offer in ranked]
        self._reset()
        return result  # type: ignore[return-value]

    def _score(self, space: Space, mask: int, fired: tuple[int, ...]) -> list[int]:
        """The referred offers in rank order; their scores and rules are left in the scratch lists
        (indexed by offer, reused across casussen) until `_reset`."""
        scores, reasons = self.scratch_scores, self.scratch_reasons
        touched = self.scratch_touched
        weights = self.weights
        targets, offsets, offers = space.targets, space.offsets, space.offers
        for rule in fired:
            target = targets.get(rule)
            hits = (space.target(rule) if target is None else target) & mask
            if not hits:
                continue
            found = offsets.get(hits)
            if found is None:
                found = tuple(offers[i] for i in _offsets(hits))
                if len(offsets) < OFFSETS:
                    offsets[hits] = found
            weight = weights[rule]
            for offer in found:
                listed = reasons[offer]
                if listed is None:
                    reasons[offer] = [rule]
                    scores[offer] = weight
                    touched.append(offer)
                else:
                    listed.append(rule)
                    scores[offer] += weight
        rank = self.offer_rank
        spread = self.count + 1
        ordered = sorted([rank[offer] - scores[offer] * spread, offer] for offer in touched if scores[offer] > 0)
        return [offer for _, offer in ordered]

    def _reset(self) -> None:
        reasons = self.scratch_reasons
        touched = self.scratch_touched
        for offer in touched:
            reasons[offer] = None
        touched.clear()

    def run(self, signals: Signals) -> tuple[list[tuple[int, int, list[int]]], int]:
        """Ranked referrals and the number of eligible offers (for tests and benchmarks)."""
        space, mask, fired = self.decide(signals)
        return self.rank(space, mask, fired), mask.bit_count()

    # --- JSON ------------------------------------------------------------------------------

    def _offer_text(self, offer: int, audience: Any) -> str:
        key = _audience_key(audience) if isinstance(audience, str) or audience is None else ""
        variants = self.plain["offers"][offer]["json"]
        found: str | None = variants.get(key)
        if found is None:  # an audience the vocabulary did not list when compiled
            found = self.offer_text.get((key, offer))
            if found is None:
                audiences = self.plain["offers"][offer]["audiences"]
                data = dict(json.loads(variants[""]), audience=audience if audience in audiences else audiences[0])
                found = self.offer_text[(key, offer)] = dumps_compact(data)
        return found

    def _reasons(self, lang: str) -> list[str]:
        found = self.reason_text.get(lang)
        if found is None:
            found = []
            for rule in self.plain["rules"]:
                nl, en = rule["because"]
                text = en if lang == "en" and en else nl
                found.append(dumps_compact({"rule": rule["id"], "weight": rule["weight"], "text": text}))
            self.reason_text[lang] = found
        return found

    def tail(self, space: Space, mask: int, fired: tuple[int, ...], audience: Any, lang: str, top: int | None) -> bytes:
        """Everything after the casus: referrals and counts, as UTF-8 (memoized: populations repeat).

        Bytes throughout: the output is mostly these pre-encoded pieces, and joining bytes costs
        less than encoding kilobytes of text for every line.
        """
        key = (space, mask, fired, audience, lang, top)  # a Space hashes by identity: cheap
        found = self.tails.get(key)
        if found is not None:
            return found
        ranked = self._score(space, mask, fired)
        shown = ranked[:top] if top else ranked
        fragments = self.fragments.get((audience, lang))
        if fragments is None:
            fragments = self.fragments[(audience, lang)] = {}
        reasons = self.scratch_reasons
        parts = [b',"referrals":[']
        for number, offer in enumerate(shown):
            rules = reasons[offer]
            assert rules is not None
            fragment_key = (offer, *rules)
            fragment = fragments.get(fragment_key)
            if fragment is None:
                fragment = self._fragment(offer, self.scratch_scores[offer], rules, audience, lang)
                if len(fragments) < MEMO:
                    fragments[fragment_key] = fragment
            parts += (_RANKS[number] if number < _RANKED else f',{{"rank":{number + 1}'.encode(), fragment)
        self._reset()
        eligible = mask.bit_count()
        counts_key = (len(ranked), len(shown), eligible)
        counts = self.counts_text.get(counts_key)
        if counts is None:
            counts = self.counts_text[counts_key] = (
                f'],"counts":{{"referrals":{len(ranked)},"shown":{len(shown)},'
                f'"eligible_without_score":{eligible - len(ranked)},"ineligible":{self.count - eligible}}}}}'
            ).encode()
        parts.append(counts)
        if shown:
            parts[1] = parts[1][1:]  # no comma before the first referral
        found = b"".join(parts)
        if len(self.tails) >= TAILS:
            self.tails.clear()
        self.tails[key] = found
        return found

    def _fragment(self, offer: int, score: int, rules: list[int], audience: Any, lang: str) -> bytes:
        """A referral's JSON after its rank: score, offer and reasons (sorted as the engine does)."""
        reason_text = self._reasons(lang)
        ordered = sorted(rules, key=self.rule_rank.__getitem__)
        return (
            f',"score":{score},"offer":{self._offer_text(offer, audience)},'
            f'"reasons":[{",".join([reason_text[r] for r in ordered])}]}}'
        ).encode()

    def line(self, signals: Signals, casus_text: str, lang: str, top: int | None) -> bytes:
        """The one-line JSON of `match --format json` for these signals, as UTF-8."""
        space, mask, fired = self.decide(signals)
        head = self.encoded_heads.get(lang)
        if head is None:
            head = self.encoded_heads[lang] = self.head[lang].encode()
        return head + casus_text.encode() + self.tail(space, mask, fired, signals.get("audience"), lang, top)

    def match_line(self, signals: Signals, lang: str, top: int | None, scale_text: str | None = None) -> str:
        return self.line(signals, self.casus_text(signals, scale_text), lang, top).decode()

    def casus_text(self, signals: Signals, scale_text: str | None = None) -> str:
        """`Casus.to_json` as compact JSON text, from pre-encoded pieces (the scale's JSON given).

        As there: vocabulary order, a group (loneliness) where its first given member is, and
        the scale closing its group.
        """
        texts = self.value_texts
        found = []
        for signal_id, value in signals.items():
            by_value = texts.get(signal_id)
            entry = by_value.get(value) if by_value is not None else None
            if entry is None:
                entry = self._value_text(signal_id, value)
            found.append(entry)
        found.sort()
        parts: list[Any] = []  # a text, or (group, its member texts)
        groups: dict[str, list[str]] = {}
        for _, head, text in found:
            if not head:
                parts.append(text)
                continue
            members = groups.get(head)
            if members is None:
                members = groups[head] = []
                parts.append((head, members))
            members.append(text)
        if scale_text is not None:
            members = groups.get(self.scale_group)
            if members is None:
                members = groups[self.scale_group] = []
                parts.append((self.scale_group, members))
            members.append('"scale":' + scale_text)
        return (
            "{"
            + ",".join(
                [
                    part if type(part) is str else self._group_key(part[0]) + "{" + ",".join(part[1]) + "}"
                    for part in parts
                ]
            )
            + "}"
        )

    def _value_text(self, signal_id: str, value: Any) -> tuple[int, str, str]:
        """(place in the vocabulary, group or "", '"key":value') of one signal's value, remembered."""
        place, head, tail = self.places[signal_id]
        name, table = self.encoders[signal_id]
        if table is None:
            text = name + (str(value) if type(value) is int else dumps_compact(_listed(value)))
        elif type(value) is tuple:
            text = name + "[" + ",".join([table[v] for v in value]) + "]"
        else:
            piece = table.get(value)
            text = name + (piece if piece is not None else dumps_compact(value))
        entry = (place, head if tail else "", text)
        by_value = self.value_texts.setdefault(signal_id, {})
        if len(by_value) < MEMO:
            by_value[value] = entry
        return entry

    def _group_key(self, head: str) -> str:
        found = self.group_keys.get(head)
        if found is None:
            found = self.group_keys[head] = dumps_compact(head) + ":"
        return found


def build(plain: Mapping[str, Any], root: str, heads: Mapping[str, str] | None = None) -> Program:
    """The runtime program from its plain form; `root` is the rules folder (for the git commit)."""
    if plain.get("format") != PLAIN_FORMAT:
        raise ValueError("not a compiled ruleset of this version")
    signals = plain["signals"]
    specs: dict[str, tuple[Any, ...]] = {}
    for signal_id, spec in signals.items():
        positions = {value: i for i, value in enumerate(spec["values"])}
        specs[signal_id] = (signal_id, spec["kind"], spec["min"], spec["max"], spec["exact"], spec["folded"], positions)
    top: dict[Any, Any] = {}
    for name, signal_id in plain["top"].items():
        if name == plain["note"][0]:
            top[name] = _NOTE
        elif signal_id is None:
            members = {sub: specs[sid] for sub, sid in plain["groups"][name].items()}
            scaled = name == plain["scale"]["group"]
            versions = frozenset(plain["scale"]["versions"]) if scaled else frozenset()
            derived = tuple(
                (part, f"{name}.{part}" if f"{name}.{part}" in signals else None) for part in plain["scale"]["derived"]
            )
            top[name] = (_GROUP, members, versions, derived if scaled else ())
        else:
            top[name] = specs[signal_id]
    order = tuple((sid, *_split(sid)) for sid in plain["order"])
    defaults = tuple((sid, signals[sid]["default"]) for sid in plain["order"] if signals[sid]["default"] is not None)

    offers = plain["offers"]
    count = len(offers)
    checks_by_condition: dict[str, Check] = {}
    offer_facts = []
    city: list[int] = []
    by_wijk: dict[str, list[int]] = {}
    for i, offer in enumerate(offers):
        if offer["wijken"] is None:
            city.append(i)
        else:
            for wijk in offer["wijken"]:
                by_wijk.setdefault(wijk, []).append(i)
        requires = None
        if offer["requires"] != ["all", []]:
            key = json.dumps(offer["requires"])
            requires = checks_by_condition.get(key)
            if requires is None:
                requires = checks_by_condition[key] = compile_check(offer["requires"])
        low, high = offer["age"]
        offer_facts.append((tuple(offer["audiences"]), low, high, tuple(offer["languages"]), requires))
    ids = [offer["id"] for offer in offers]
    by_place = sorted(range(count), key=lambda i: (0 if offers[i]["wijken"] is not None else 1, ids[i]))
    offer_rank = [0] * count
    for position, i in enumerate(by_place):
        offer_rank[i] = position

    rules = plain["rules"]
    kinds = {sid: spec["kind"] for sid, spec in signals.items()}
    domain = {sid: (2 if spec["kind"] == "boolean" else len(spec["values"])) for sid, spec in signals.items()}
    always: list[int] = []
    tables: dict[str, dict[Any, list[int]]] = {}
    checks: list[Check] = []
    for number, rule in enumerate(rules):
        indexed = _index_key(rule["when"], kinds, domain)
        if indexed is None:
            always.append(number)
            checks.append(compile_check(rule["when"]))
            continue
        table = tables.setdefault(indexed[0], {})
        for value in indexed[1]:
            table.setdefault(value, []).append(number)
        checks.append(compile_check(indexed[2]))
    index = tuple(
        (sid, kinds[sid] == "set", {value: tuple(found) for value, found in table.items()})
        for sid, table in tables.items()
    )
    by_reason = sorted(range(len(rules)), key=lambda r: (-rules[r]["weight"], rules[r]["id"]))
    rule_rank = [0] * len(rules)
    for position, r in enumerate(by_reason):
        rule_rank[r] = position
    target_masks = []
    for rule in rules:
        mask = 0
        for i in rule["targets"]:
            mask |= 1 << i
        target_masks.append(mask)

    if heads is None:
        heads = {lang: _head(plain, root, lang) for lang in ("nl", "en")}
    return Program(
        plain=plain,
        head=heads,
        top=top,
        defaults=defaults,
        booleans=plain["booleans"],
        count=count,
        offers=tuple(offer_facts),
        city_offers=tuple(city),
        wijk_offers={wijk: tuple(found) for wijk, found in by_wijk.items()},
        offer_rank=tuple(offer_rank),
        always=tuple(always),
        index=index,
        whens=tuple(checks),
        weights=tuple(int(rule["weight"]) for rule in rules),
        excludes=tuple(bool(rule["exclude"]) for rule in rules),
        target_masks=tuple(target_masks),
        rule_rank=tuple(rule_rank),
        encoders=_encoders(plain),
        places={sid: (place, head, tail) for place, (sid, head, tail) in enumerate(order)},
        scale_group=plain["scale"]["group"],
        scratch_scores=[0] * count,
        scratch_reasons=[None] * count,
    )


_RANKS = tuple(f',{{"rank":{number}'.encode() for number in range(1, 101))  # with the comma before it
_RANKED = len(_RANKS)


def _offsets(bits: int) -> tuple[int, ...]:
    """The positions of the set bits, lowest first."""
    found = []
    while bits:
        low = bits & -bits
        found.append(low.bit_length() - 1)
        bits ^= low
    return tuple(found)


def _listed(value: Any) -> Any:
    return list(value) if type(value) is tuple else value


def _encoders(plain: Mapping[str, Any]) -> dict[str, tuple[str, Mapping[Any, str] | None]]:
    """Per signal: its JSON key (within its group) and the JSON text of each of its values."""
    found: dict[str, tuple[str, Mapping[Any, str] | None]] = {}
    for signal_id, spec in plain["signals"].items():
        head, tail = _split(signal_id)
        name = dumps_compact(tail or head) + ":"
        table: dict[Any, str] | None = None
        if spec["kind"] in ("enum", "set"):
            table = {value: dumps_compact(value) for value in spec["values"]}
        elif spec["kind"] == "boolean":
            table = {True: "true", False: "false"}
        found[signal_id] = (name, table)
    return found


def _split(signal_id: str) -> tuple[str, str]:
    head, _, tail = signal_id.partition(".")
    return head, tail


def _head(plain: Mapping[str, Any], root: str, lang: str) -> str:
    from referral.render.json_view import ruleset_fields, tool_json

    ruleset = ruleset_fields(plain["digest"], len(plain["offers"]), len(plain["rules"]), plain["commit"], root)
    tool, identity = dumps_compact(tool_json()), dumps_compact(ruleset)
    return f'{{"tool":{tool},"ruleset":{identity},"lang":{dumps_compact(lang)},"casus":'


# --- the cold-start route of `referral match CASUS --format json` ---------------------------


def quick_match_json(rules: str | None, offers: str | None, path: str, lang: str, top: int) -> str | None:
    """`match CASUS --format json` for an everyday casus file from fresh cached content.

    None means "take the full route": standard input, a casus outside the simple subset, any
    problem with it, or content that is not (yet) in the cache. The full route then reads,
    validates, reports and caches as always.
    """
    from referral.casus.simple import read_simple_casus

    data = read_simple_casus(path)
    if data is None:
        return None
    from referral.content import cache
    from referral.core.locations import content_locations

    rules_dir, offers_dir = content_locations(rules, offers)
    entry, _ = cache.read_entry(rules_dir, offers_dir)
    plain = entry.section("program") if entry is not None else None
    if plain is None:
        return None
    try:
        program = build(plain, rules_dir)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    normalized = program.normalize(data)
    if normalized is None:
        return None
    from referral.render.json_view import dumps

    return dumps(json.loads(program.match_line(normalized[0], lang, top, normalized[1])))
