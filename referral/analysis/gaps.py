"""Gaps in the aanbod: where in the whole signal space a casus gets no passend aanbod.

    find_gaps(ruleset, *, threshold=10, audience="client", fallback_tags=FALLBACK_TAGS,
              fallback_offers=(), scope=None) -> GapReport

A casus is *covered* when an eligible offer that is not a general referral point reaches
`threshold` points, scored exactly as `referral match` scores it. General referral points
(*fallbacks*) are by default the offers tagged `information` or `wijk_bridge`: the Infopunt and
the wijk ambassadors, who refer onwards rather than meet the need. An uncovered casus is a gap
of kind "fallback" when a fallback offer reaches the threshold (the casus is only referred
onwards) and of kind "none" when nothing does. `audience` fixes who asks (None: both); `scope`
(a Condition) limits the analysis to the casussen that meet it, e.g. `LONELY`.

How it stays exact and fast (see docs/gaps.md):

1. The space is cut into parts at the boundaries the content uses (`referral.analysis.space`):
   ages at every min/max, enum values into the classes no condition tells apart, set signals
   into the elements conditions test. No casus value is ever enumerated.
2. A *sieve* passes boxes of parts through one offer at a time (strong city-wide offers first):
   `split_by` cuts a box into where the offer reaches the threshold and where not, by branch and
   bound - in a box every condition is TRUE, FALSE or UNKNOWN, which bounds the score from below
   and above, and a box is cut only along a test that is still undecided. What an offer reaches
   drops out; the rest goes on to the next offer. Only the gaps are ever materialised, never
   the (much larger) covered part of the space.
3. After each offer, boxes that differ in one dimension only are merged, which keeps the
   number of boxes small and leaves regions a person can read.

`heatmap(report, columns="age")` summarises a report per wijk and doelgroep;
`GapReport.outcome(signals)` classifies one concrete casus (used to check the partition against
brute-force enumeration in the tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from referral.analysis.space import (
    ABSENT,
    FALSE,
    PRESENT,
    TRUE,
    UNKNOWN,
    Dim,
    Every,
    Expr,
    In,
    Space,
    bits,
    dims_of,
    eligibility_condition,
    evaluate,
)
from referral.core.i18n import register_messages, translate
from referral.core.model import AnyOf, Condition, Ruleset, Test

FALLBACK_TAGS: tuple[str, ...] = ("information", "wijk_bridge")
DEFAULT_THRESHOLD = 10
PROFILE: tuple[str, ...] = ("loneliness.social", "loneliness.emotional", "loneliness.severity")

COVERED, NONE, FALLBACK, OUT_OF_SCOPE = "covered", "none", "fallback", "out_of_scope"
GAP_KINDS = (NONE, FALLBACK)

# The casussen that are lonely in some way (`referral gaps --lonely`).
LONELY: Condition = AnyOf(
    (
        Test("loneliness.social", "is", (True,)),
        Test("loneliness.emotional", "is", (True,)),
        Test("loneliness.severity", "at_least", ("moderate",)),
    )
)

register_messages(
    {
        "gaps.kind.none": ("geen passend aanbod", "no suitable offer"),
        "gaps.kind.fallback": ("alleen een algemene doorverwijzing", "only a general referral point"),
        "gaps.any_wijk": ("elke wijk", "any district"),
        "gaps.any_age": ("elke leeftijd", "any age"),
        "gaps.unknown_suffix": (" (of onbekend)", " (or unknown)"),
        "gaps.signal_unknown": ("{label} onbekend", "{label} unknown"),
        "gaps.signal_known": ("{label} bekend", "{label} known"),
        "gaps.not": ("niet {label}", "not {label}"),
        "gaps.values": ("{label}: {values}", "{label}: {values}"),
        "gaps.all_but": ("{label}: alles behalve {values}", "{label}: anything but {values}"),
        "gaps.set_with": ("{label}: {holds}", "{label}: {holds}"),
        "gaps.set_without": ("{label} zonder {lacks}", "{label} without {lacks}"),
        "gaps.set_both": ("{label}: {holds}, zonder {lacks}", "{label}: {holds}, without {lacks}"),
        "gaps.other_values": ("iets anders", "something else"),
        "gaps.years": ("{low}-{high} {unit}", "{low}-{high} {unit}"),
        "gaps.years_up": ("{low}+ {unit}", "{low}+ {unit}"),
        "gaps.year": ("{low} {unit}", "{low} {unit}"),
        "gaps.region": ("{where}: {kind}", "{where}: {kind}"),
        "gaps.unknown_row": ("(onbekend)", "(unknown)"),
        "gaps.all_row": ("(elke)", "(any)"),
        "gaps.and": (" en ", " and "),
    }
)


@dataclass(frozen=True)
class GapRegion:
    """A box of the signal space in which every casus has the same kind of gap."""

    kind: str
    box: tuple[int, ...]
    weight: int


@dataclass(frozen=True)
class GapReport:
    """Every gap of the aanbod for one audience and threshold, as merged regions.

    Regions are ordered for reading: those holding the most basic casussen (only wijk, age and
    loneliness known) first, then the simpler (fewer signals restricted), then the larger.
    """

    space: Space
    threshold: int
    audience: str | None
    fallback_offers: tuple[str, ...]
    scope: Expr | None
    root: tuple[int, ...]  # the analysed part of the space (the audience fixed)
    regions: tuple[GapRegion, ...]
    total_weight: int  # casussen in scope, counted as in Space.weight
    cells: int  # the size of the naive product of parts, for comparison

    @property
    def gap_weight(self) -> int:
        return sum(region.weight for region in self.regions)

    def share(self, weight: int) -> float:
        return weight / self.total_weight if self.total_weight else 0.0

    def outcome(self, signals: Mapping[str, Any]) -> str:
        """covered | none | fallback | out_of_scope for one concrete casus (signal id -> value)."""
        point = self.space.point(signals)
        if not self.space.contains(self.root, point):
            return OUT_OF_SCOPE
        if self.scope is not None and evaluate(self.scope, [1 << part for part in point]) != TRUE:
            return OUT_OF_SCOPE
        for region in self.regions:
            if self.space.contains(region.box, point):
                return region.kind
        return COVERED


def fallback_ids(ruleset: Ruleset, tags: Iterable[str] = FALLBACK_TAGS, offers: Iterable[str] = ()) -> frozenset[str]:
    """Offers that refer onwards rather than meet a need: tagged with a fallback tag, or named."""
    wanted = frozenset(tags)
    named = frozenset(offers)
    return frozenset(o.id for o in ruleset.offers if o.id in named or not wanted.isdisjoint(o.tags))


def basic_box(space: Space, root: Sequence[int], keep: Iterable[str] = ("wijk", "age", *PROFILE)) -> list[int]:
    """The basic casussen of a box: only the `keep` signals may be known, the others are not."""
    kept = set(keep)
    out = list(root)
    for dim in space.dims:
        if dim.signal in kept and dim.kind == "value":
            continue
        unknown = dim.unknown_part()
        if dim.kind in ("presence", "member", "rest"):
            out[dim.index] &= 1  # absent, or without the element
        elif unknown is not None:
            out[dim.index] &= 1 << unknown
    return out


def build_space(ruleset: Ruleset, extra: Iterable[Condition] = ()) -> Space:
    """The space cut by every rule, every offer's eligibility and any extra condition."""
    vocabulary = ruleset.vocabulary
    conditions: list[Condition] = [rule.when for rule in ruleset.rules]
    conditions.extend(eligibility_condition(offer, vocabulary) for offer in ruleset.offers)
    conditions.extend(extra)
    return Space.build(vocabulary, conditions)


def find_gaps(
    ruleset: Ruleset,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    audience: str | None = "client",
    fallback_tags: Iterable[str] = FALLBACK_TAGS,
    fallback_offers: Iterable[str] = (),
    scope: Condition | None = None,
) -> GapReport:
    """Every region of the signal space where no non-fallback offer reaches `threshold` points."""
    extra: list[Condition] = []
    has_audience = audience is not None and "audience" in ruleset.vocabulary.signals
    if has_audience:
        extra.append(Test("audience", "in", (str(audience),)))
    if scope is not None:
        extra.append(scope)
    space = build_space(ruleset, extra)
    root = space.full_box()
    if has_audience:
        dim = space.dims[space.value_dims["audience"]]
        root[dim.index] = sum(1 << i for i, part in enumerate(dim.parts) if audience in part.values)
    scope_expr = space.compile(scope) if scope is not None else None
    start = space.regions(scope_expr, root) if scope_expr is not None else [root]
    fallbacks = fallback_ids(ruleset, fallback_tags, fallback_offers)
    compiled = scorers(space, ruleset)
    floor = max(threshold, 1)  # a referral needs a positive score
    real = [s for s in compiled if s.offer not in fallbacks]
    left, _ = sieve_by_wijk(space, real, start, floor)
    nothing, referred = sieve_by_wijk(space, [s for s in compiled if s.offer in fallbacks], left, floor)
    basic = basic_box(space, root)
    regions = sorted(
        [GapRegion(NONE, box, space.weight(box)) for box in nothing]
        + [GapRegion(FALLBACK, box, space.weight(box)) for box in referred],
        key=lambda r: (
            -space.weight([a & b for a, b in zip(r.box, basic, strict=True)]),
            sum(1 for d in space.dims if r.box[d.index] != root[d.index]),
            -r.weight,
            r.kind,
            r.box,
        ),
    )
    cells = 1
    for dim in space.dims:
        cells *= len(bits(root[dim.index]))
    return GapReport(
        space=space,
        threshold=threshold,
        audience=audience,
        fallback_offers=tuple(sorted(fallbacks)),
        scope=scope_expr,
        root=tuple(root),
        regions=tuple(regions),
        total_weight=sum(space.weight(box) for box in start),
        cells=cells,
    )


# --- the sieve ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scorer:
    """One offer, compiled: its eligibility and the rules that score or exclude it."""

    offer: str
    local: bool
    eligibility: Expr
    rules: tuple[tuple[Expr, int, bool], ...]  # condition, weight, exclude
    best: int  # the highest score the offer can get: the sum of its positive weights
    dims: frozenset[int]  # every dimension its eligibility and rules look at


def targets(ruleset: Ruleset) -> list[list[int]]:
    """For each rule, the indexes of the offers it selects, through an index on ids and tags.

    (Ruleset.targets asks every rule about every offer: fine for a city, slow for a region.)
    """
    by_id = {offer.id: i for i, offer in enumerate(ruleset.offers)}
    by_tag: dict[str, list[int]] = {}
    for i, offer in enumerate(ruleset.offers):
        for tag in offer.tags:
            by_tag.setdefault(tag, []).append(i)
    out = []
    for rule in ruleset.rules:
        found = {by_id[o] for o in rule.effect.offers if o in by_id}
        for tag in rule.effect.tags:
            found.update(by_tag.get(tag, ()))
        out.append(sorted(found))
    return out


def scorers(space: Space, ruleset: Ruleset) -> list[Scorer]:
    """Every offer of the ruleset compiled against the space (each rule compiled once)."""
    vocabulary = ruleset.vocabulary
    by_offer: list[list[tuple[Expr, int, bool]]] = [[] for _ in ruleset.offers]
    dims: list[set[int]] = [set() for _ in ruleset.offers]
    for rule, selected in zip(ruleset.rules, targets(ruleset), strict=True):
        if not selected:
            continue
        expr = space.compile(rule.when)
        looks_at = dims_of(expr)
        for o in selected:
            by_offer[o].append((expr, rule.effect.weight, rule.effect.exclude))
            dims[o] |= looks_at
    out = []
    for o, offer in enumerate(ruleset.offers):
        rules = tuple(by_offer[o])
        best = sum(weight for _, weight, exclude in rules if not exclude and weight > 0)
        eligibility = space.compile(eligibility_condition(offer, vocabulary))
        looks_at = frozenset(dims[o] | dims_of(eligibility))
        out.append(Scorer(offer.id, offer.is_local, eligibility, rules, best, looks_at))
    return out


def split_by(
    space: Space, scorer: Scorer, box: Sequence[int], threshold: int, first_only: bool = False
) -> tuple[list[list[int]], list[list[int]]]:
    """The box cut into where the offer reaches `threshold` (eligible, not excluded) and where not.

    Branch and bound: in a box each condition is TRUE, FALSE or UNKNOWN, which bounds the
    offer's score from below and above; a box is settled as soon as the bounds decide it, and
    otherwise cut along an undecided test. With `first_only`, stop at the first box reached.
    """
    reached: list[list[int]] = []
    missed: list[list[int]] = []
    walk = _Walk(space, scorer, threshold, reached, missed, first_only)
    walk.visit(list(box), True, tuple(range(len(scorer.rules))), 0)
    return reached, missed


_MISSED, _REACHED, _MIXED, _STOP = 0, 1, 2, 3


@dataclass(frozen=True)
class _Walk:
    space: Space
    scorer: Scorer
    threshold: int
    reached: list[list[int]]
    missed: list[list[int]]
    first_only: bool

    def visit(self, box: list[int], open_eligibility: bool, open_rules: Sequence[int], base: int) -> int:
        """Settle or cut one box: _MISSED or _REACHED as a whole, _MIXED, or _STOP (first found)."""
        scorer = self.scorer
        if open_eligibility:
            eligible = evaluate(scorer.eligibility, box)
            if eligible == FALSE:
                self.missed.append(box)
                return _MISSED
            open_eligibility = eligible == UNKNOWN
        low = high = 0
        still: list[int] = []
        exclusion_open = False
        for r in open_rules:
            expr, weight, exclude = scorer.rules[r]
            value = evaluate(expr, box)
            if value == FALSE:
                continue
            if value == TRUE:
                if exclude:
                    self.missed.append(box)
                    return _MISSED
                base += weight
                continue
            still.append(r)
            if exclude:
                exclusion_open = True
            elif weight > 0:
                high += weight
            else:
                low += weight
        if base + high < self.threshold:
            self.missed.append(box)
            return _MISSED
        if not open_eligibility and not exclusion_open and base + low >= self.threshold:
            self.reached.append(box)
            return _STOP if self.first_only else _REACHED
        exprs = [scorer.eligibility] if open_eligibility else []
        exprs.extend(scorer.rules[r][0] for r in still)
        dim, blocks = self.space.split(exprs, box)
        marks = (len(self.reached), len(self.missed))
        outcomes = set()
        for block in blocks:
            child = list(box)
            child[dim] = block
            outcome = self.visit(child, open_eligibility, still, base)
            if outcome == _STOP:
                return _STOP
            outcomes.add(outcome)
        if outcomes == {_MISSED}:  # the cut was not needed after all: keep the box whole
            del self.missed[marks[1] :]
            self.missed.append(box)
            return _MISSED
        if outcomes == {_REACHED}:
            del self.reached[marks[0] :]
            self.reached.append(box)
            return _REACHED
        return _MIXED


def sieve(
    space: Space, offers: Sequence[Scorer], boxes: Iterable[Sequence[int]], threshold: int
) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """Pass boxes through each offer in turn: what an offer reaches drops out, the rest goes on.

    Returns (left, reached), both merged. Strong city-wide offers go first so that what is left
    shrinks early; the pieces of a cut box are merged at once, all boxes now and then.
    """
    left = [tuple(box) for box in boxes]
    reached: list[tuple[int, ...]] = []
    ordered = sorted((s for s in offers if s.best >= threshold), key=lambda s: (s.local, -s.best, s.offer))
    merged_size = len(left)
    for scorer in ordered:
        if not left:
            break
        kept: list[tuple[int, ...]] = []
        for box in left:
            got, missed = split_by(space, scorer, box, threshold)
            reached.extend(tuple(b) for b in got)
            kept.extend(tuple(b) for b in missed)
        left = kept
        if len(left) > max(32, 2 * merged_size):
            left = merge_boxes(space, left)
            merged_size = len(left)
    return merge_boxes(space, left), merge_boxes(space, reached)


def sieve_by_wijk(
    space: Space, offers: Sequence[Scorer], boxes: Iterable[Sequence[int]], threshold: int
) -> tuple[list[tuple[int, ...]], list[tuple[int, ...]]]:
    """`sieve`, wijk by wijk where that saves work.

    The wijk is the natural unit of the aanbod: most offers and local rules hold in one or two
    wijken. Offers that never look at the wijk are sieved once over the whole space; then each
    wijk's slice of what is left goes only through the offers that can hold in that wijk.
    """
    wijk = space.value_dims.get("wijk")
    if wijk is None:
        return sieve(space, offers, boxes, threshold)
    free = [s for s in offers if wijk not in s.dims]
    bound = [s for s in offers if wijk in s.dims and s.best >= threshold]
    left, reached = sieve(space, free, boxes, threshold)
    if not bound:
        return left, reached
    full = space.dims[wijk].full
    by_part: dict[int, list[Scorer]] = {}
    for scorer in bound:
        for part in bits(_wijk_mask(scorer.eligibility, wijk, full)):
            by_part.setdefault(part, []).append(scorer)
    busy = sum(1 << part for part in by_part)
    out_left: list[tuple[int, ...]] = []
    slices: dict[int, list[tuple[int, ...]]] = {}
    for box in left:
        quiet = box[wijk] & ~busy
        if quiet:
            out_left.append((*box[:wijk], quiet, *box[wijk + 1 :]))
        for part in bits(box[wijk] & busy):
            slices.setdefault(part, []).append((*box[:wijk], 1 << part, *box[wijk + 1 :]))
    out_reached = list(reached)
    for part, boxes_here in sorted(slices.items()):
        got_left, got_reached = sieve(space, by_part[part], boxes_here, threshold)
        out_left.extend(got_left)
        out_reached.extend(got_reached)
    return merge_boxes(space, out_left), merge_boxes(space, out_reached)


def _wijk_mask(eligibility: Expr, wijk: int, full: int) -> int:
    """The wijk parts where an offer can be eligible, read off its eligibility's top level."""
    items = eligibility.items if isinstance(eligibility, Every) else (eligibility,)
    mask = full
    for item in items:
        if isinstance(item, In) and item.dim == wijk:
            mask &= item.mask
    return mask


def merge_boxes(space: Space, boxes: Iterable[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """Merge boxes that differ in one dimension only, until nothing merges.

    The boxes are disjoint, so two boxes equal everywhere but in one dimension differ there in
    disjoint parts, and their union is again a box: the merge is exact. A box where a set
    signal is absent also joins a box where it is present (the elements of an absent set do
    not apply), which reads as "(of onbekend)".
    """
    current = set(boxes)
    groups = _set_groups(space)
    changed = True
    while changed and len(current) > 1:
        changed = False
        varying = [d for d in reversed(space.order) if len({box[d] for box in current}) > 1]
        for d in varying:
            merged: dict[tuple[int, ...], int] = {}
            for box in current:
                key = (*box[:d], 0, *box[d + 1 :])
                merged[key] = merged.get(key, 0) | box[d]
            if len(merged) < len(current):
                changed = True
                current = {(*key[:d], mask, *key[d + 1 :]) for key, mask in merged.items()}
        for presence, members in groups.items():
            changed = _merge_absent(current, presence, members) or changed
    return sorted(current)


def _set_groups(space: Space) -> dict[int, tuple[int, ...]]:
    """Presence dimension -> the member and rest dimensions of its set signal."""
    return {
        p: tuple(d.index for d in space.dims if d.presence == p)
        for p in (d.index for d in space.dims if d.kind == "presence")
    }


def _merge_absent(current: set[tuple[int, ...]], presence: int, members: tuple[int, ...]) -> bool:
    def blank(box: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(0 if i == presence or i in members else mask for i, mask in enumerate(box))

    absent = {blank(box): box for box in current if box[presence] == 1 << ABSENT}
    if not absent:
        return False
    merged = False
    for box in sorted(current):
        if box[presence] != 1 << PRESENT:
            continue
        partner = absent.pop(blank(box), None)
        if partner is not None:
            current.discard(partner)
            current.discard(box)
            current.add(tuple(mask | (1 << ABSENT) if i == presence else mask for i, mask in enumerate(box)))
            merged = True
    return merged


# --- reading a region --------------------------------------------------------------------


def _join(items: list[str], lang: str, word: str = "words.or") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + translate(word, lang) + items[-1]


def _ranges(dim: Dim, mask: int) -> list[tuple[int | None, int | None]]:
    """Adjacent integer parts joined into ranges."""
    out: list[tuple[int | None, int | None]] = []
    for index in bits(mask):
        part = dim.parts[index]
        if part.unknown:
            continue
        if out and out[-1][1] is not None and part.low is not None and out[-1][1] + 1 == part.low:
            out[-1] = (out[-1][0], part.high)
        else:
            out.append((part.low, part.high))
    return out


def range_text(space: Space, dim: Dim, low: int | None, high: int | None, lang: str) -> str:
    """'12-25 jaar', '75+ jaar', '30 jaar'."""
    signal = space.vocabulary.signals[dim.signal]
    unit = signal.unit.get(lang) if signal.unit else ""
    if low is not None and low == high:
        return translate("gaps.year", lang, low=low, unit=unit).strip()
    if high is None or high == signal.maximum:
        return translate("gaps.years_up", lang, low=low if low is not None else "", unit=unit).strip()
    return translate("gaps.years", lang, low=low if low is not None else "", high=high, unit=unit).strip()


def describe_dims(space: Space, box: Sequence[int], lang: str) -> dict[str, str]:
    """Signal id -> how the box restricts it, in words; unrestricted signals are left out."""
    out: dict[str, str] = {}
    by_signal: dict[str, list[Dim]] = {}
    for dim in space.dims:
        by_signal.setdefault(dim.signal, []).append(dim)
    for signal_id, dims in by_signal.items():
        if all(box[d.index] == d.full for d in dims):
            continue
        label = space.vocabulary.signals[signal_id].label.get(lang)
        if dims[0].kind == "value":
            out[signal_id] = _value_text(space, dims[0], box[dims[0].index], lang, label)
        else:
            out[signal_id] = _set_text(space, dims, box, lang, label)
    return out


def _value_text(space: Space, dim: Dim, mask: int, lang: str, label: str) -> str:
    signal = space.vocabulary.signals[dim.signal]
    unknown = dim.unknown_part()
    with_unknown = unknown is not None and bool(mask >> unknown & 1)
    known_mask = mask & ~(1 << unknown) if unknown is not None else mask
    suffix = translate("gaps.unknown_suffix", lang) if with_unknown else ""
    if not known_mask:
        return translate("gaps.signal_unknown", lang, label=label)
    if signal.kind == "boolean":
        flags = {dim.parts[i].flag for i in bits(known_mask)}
        if flags == {True, False}:
            return translate("gaps.signal_known", lang, label=label)
        return (label if True in flags else translate("gaps.not", lang, label=label)) + suffix
    if signal.kind == "integer":
        text = _join([range_text(space, dim, low, high, lang) for low, high in _ranges(dim, known_mask)], lang)
        return (text if dim.signal == "age" else f"{label}: {text}") + suffix
    chosen = [v for i in bits(known_mask) for v in dim.parts[i].values]
    others = [v for i, p in enumerate(dim.parts) if not p.unknown and not known_mask >> i & 1 for v in p.values]
    if not others:
        return translate("gaps.signal_known", lang, label=label)
    names = [signal.value_label(v, lang) for v in chosen]
    if dim.signal == "wijk" and len(chosen) <= len(others):
        return ", ".join(names) + suffix
    if len(others) < len(chosen) and not signal.ordered:
        rest = [signal.value_label(v, lang) for v in others]
        return translate("gaps.all_but", lang, label=label, values=_join(rest, lang)) + suffix
    return translate("gaps.values", lang, label=label, values=_join(names, lang)) + suffix


def _set_text(space: Space, dims: list[Dim], box: Sequence[int], lang: str, label: str) -> str:
    signal = space.vocabulary.signals[dims[0].signal]
    presence = next((d for d in dims if d.kind == "presence"), None)
    if presence is not None and box[presence.index] == 1:
        return translate("gaps.signal_unknown", lang, label=label)
    holds: list[str] = []
    lacks: list[str] = []
    for dim in dims:
        mask = box[dim.index]
        if dim.kind == "presence" or mask == dim.full:
            continue
        name = (
            signal.value_label(str(dim.element), lang) if dim.kind == "member" else translate("gaps.other_values", lang)
        )
        (holds if mask == 2 else lacks).append(name)
    if not holds and not lacks:
        return translate("gaps.signal_known", lang, label=label)
    code = "gaps.set_both" if holds and lacks else "gaps.set_with" if holds else "gaps.set_without"
    text = translate(code, lang, label=label, holds=_join(holds, lang, "gaps.and"), lacks=_join(lacks, lang))
    absent = presence is not None and bool(box[presence.index] & 1)
    return text + (translate("gaps.unknown_suffix", lang) if absent else "")


def region_text(space: Space, region: GapRegion, lang: str) -> str:
    """'Vleuten-De Meern, 12-17 jaar, emotioneel eenzaam: geen passend aanbod'."""
    return translate(
        "gaps.region", lang, where=region_where(space, region.box, lang), kind=kind_text(region.kind, lang)
    )


def region_where(space: Space, box: Sequence[int], lang: str) -> str:
    main, rest = region_parts(space, box, lang)
    return ", ".join([*main, *rest])


def region_parts(space: Space, box: Sequence[int], lang: str) -> tuple[list[str], list[str]]:
    """(wijk, age and loneliness in words; every other restricted signal in words)."""
    described = describe_dims(space, box, lang)
    main = [
        described.pop("wijk", translate("gaps.any_wijk", lang)),
        described.pop("age", translate("gaps.any_age", lang)),
    ]
    described.pop("audience", None)  # fixed for the whole report
    main.extend(described.pop(key) for key in list(described) if key.startswith("loneliness."))
    return main, list(described.values())


def kind_text(kind: str, lang: str) -> str:
    return translate(f"gaps.kind.{kind}", lang)


# --- the heatmap -------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    """One wijk and doelgroep: the share of its basic casussen that is a gap (by kind), and
    whether casussen that give more signals have gaps there too."""

    none: float
    fallback: float
    elsewhere: bool

    @property
    def gap(self) -> float:
        return self.none + self.fallback


@dataclass(frozen=True)
class Heatmap:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[HeatCell | None, ...], ...]  # None: no casus of this cell is in scope
    profile: tuple[str, ...]  # the signals a basic casus gives besides wijk and the column


def heatmap(report: GapReport, lang: str = "nl", columns: str = "age", profile: Sequence[str] = PROFILE) -> Heatmap:
    """Gap share per wijk (rows) and per part of `columns` (age bands by default).

    A *basic casus* gives its wijk, its `columns` signal and the `profile` signals (social and
    emotional loneliness and severity, each possibly unknown) and nothing else; a cell shows
    which share of those profiles gets no passend aanbod. Adjacent columns that are equal in
    every row are joined, so the bands shown are those where the aanbod changes.
    """
    space = report.space
    row_dim = space.dims[space.value_dims["wijk"]] if "wijk" in space.value_dims else None
    col_dim = space.dims[space.value_dims[columns]] if columns in space.value_dims else None
    keep = [d.signal for d in (row_dim, col_dim) if d is not None]
    basic = basic_box(space, report.root, (*keep, *profile))
    in_scope = space.regions(report.scope, report.root) if report.scope is not None else [list(report.root)]
    row_parts = bits(report.root[row_dim.index]) if row_dim else [0]
    col_parts = bits(report.root[col_dim.index]) if col_dim else [0]
    axes = [d.index for d in (row_dim, col_dim) if d is not None]

    def masks(box: Sequence[int]) -> tuple[int, int]:
        return (box[row_dim.index] if row_dim else 1, box[col_dim.index] if col_dim else 1)

    def basic_weight(box: Sequence[int]) -> int:
        """Weight of the box's basic casussen, per (row part, column part)."""
        return space.weight([a & b for a, b in zip(box, basic, strict=True)], skip=axes)

    # Sum per (row mask, column mask) first: far fewer than regions x rows x columns.
    totals: dict[tuple[int, int], int] = {}
    for box in in_scope:
        key = masks(box)
        totals[key] = totals.get(key, 0) + basic_weight(box)
    gaps: dict[tuple[int, int, str], int] = {}
    for region in report.regions:
        row_mask, col_mask = masks(region.box)
        key3 = (row_mask, col_mask, region.kind)
        gaps[key3] = gaps.get(key3, 0) + basic_weight(region.box)
    total_at: dict[tuple[int, int], int] = {}
    for (row_mask, col_mask), weight in totals.items():
        for r in bits(row_mask):
            for c in bits(col_mask):
                total_at[(r, c)] = total_at.get((r, c), 0) + weight
    gap_at: dict[tuple[int, int, str], int] = {}
    for (row_mask, col_mask, kind), weight in gaps.items():
        for r in bits(row_mask):
            for c in bits(col_mask):
                gap_at[(r, c, kind)] = gap_at.get((r, c, kind), 0) + weight

    def cell(r: int, c: int) -> HeatCell | None:
        total = total_at.get((r, c), 0)
        touched = (r, c, NONE) in gap_at or (r, c, FALLBACK) in gap_at
        if not total:
            return HeatCell(0.0, 0.0, True) if touched else None
        return HeatCell(gap_at.get((r, c, NONE), 0) / total, gap_at.get((r, c, FALLBACK), 0) / total, touched)

    grid = {(r, c): cell(r, c) for r in row_parts for c in col_parts}
    groups: list[list[int]] = []
    for c in col_parts:
        unknown = col_dim is not None and col_dim.parts[c].unknown
        if groups and not unknown:
            previous = groups[-1][-1]
            alike = all(grid[(r, c)] == grid[(r, previous)] for r in row_parts)
            if alike and not (col_dim is not None and col_dim.parts[previous].unknown):
                groups[-1].append(c)
                continue
        groups.append([c])
    column_labels = tuple(_column_label(space, col_dim, group, lang) for group in groups)

    rows: list[str] = []
    cells: list[tuple[HeatCell | None, ...]] = []
    if row_dim is None:
        rows.append(translate("gaps.all_row", lang))
        cells.append(tuple(grid[(0, group[0])] for group in groups))
    else:
        signal = space.vocabulary.signals[row_dim.signal]
        part_of = {v: r for r in row_parts for v in row_dim.parts[r].values}
        for value in signal.value_ids():
            if value in part_of:
                rows.append(signal.value_label(value, lang))
                cells.append(tuple(grid[(part_of[value], group[0])] for group in groups))
        for r in row_parts:
            if row_dim.parts[r].unknown:
                rows.append(translate("gaps.unknown_row", lang))
                cells.append(tuple(grid[(r, group[0])] for group in groups))
    return Heatmap(tuple(rows), column_labels, tuple(cells), tuple(s for s in profile if s in space.value_dims))


def _column_label(space: Space, dim: Dim | None, group: list[int], lang: str) -> str:
    if dim is None:
        return translate("gaps.all_row", lang)
    if group == [dim.unknown_part()]:
        return translate("value.unknown", lang)
    signal = space.vocabulary.signals[dim.signal]
    mask = sum(1 << c for c in group)
    if all(mask >> i & 1 for i, part in enumerate(dim.parts) if not part.unknown):
        return translate("gaps.any_age" if dim.signal == "age" else "gaps.all_row", lang)
    if signal.kind == "integer":
        return _join([range_text(space, dim, low, high, lang) for low, high in _ranges(dim, mask)], lang)
    if signal.kind == "boolean":
        return "/".join(translate("value.yes" if dim.parts[c].flag else "value.no", lang) for c in group)
    return _join([signal.value_label(v, lang) for c in group for v in dim.parts[c].values], lang)
