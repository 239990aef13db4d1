"""The signal space, cut exactly along the boundaries the content uses (as DMN gap analysis does).

Every condition in the content is a DMN-style unary test: a set of enum values, an integer range,
a boolean, "the set contains one of", "the signal is known". So the values of each signal fall
into *parts* that no condition tells apart (ages 26-54, the wijken no offer names, ...), and a
question about *every* casus (can this rule fire? does it imply that one? who gets no offer?) is
answered exactly by reasoning over parts instead of values.

Each signal becomes one or more dimensions:

- value:    an enum, boolean or integer signal: its parts, plus "unknown" when it has no default;
- presence: a set signal that a condition tests with `known`: absent / present;
- member:   one element of a set signal that a condition tests: no / yes;
- rest:     the untested elements of a set signal, where emptiness matters (language
            eligibility): none / some.

A *box* gives every dimension a bit mask of allowed parts. Conditions compile to `Expr` and are
evaluated on a box in three-valued logic (TRUE / FALSE / UNKNOWN); a box of single parts always
evaluates to TRUE or FALSE, which is what makes the partition exact. An absent set counts as
holding none of its elements; without a presence dimension "absent" and "empty" are one state.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from referral.core.model import AllOf, AnyOf, Condition, Named, Not, Offer, Signal, Test, Vocabulary

TRUE, FALSE, UNKNOWN = 1, 0, 2
NONEMPTY = "nonempty"  # internal test: a set signal holds at least one value (language eligibility)

ABSENT, PRESENT = 0, 1  # parts of a presence dimension
NO, YES = 0, 1  # parts of a member or rest dimension

DimKind = Literal["value", "presence", "member", "rest"]


# --- expressions -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class In:
    """The dimension's part lies in `mask`."""

    dim: int
    mask: int


@dataclass(frozen=True, slots=True)
class Has:
    """A member or rest dimension of a set signal that may be absent; absent counts as 'no'."""

    presence: int
    dim: int
    mask: int


@dataclass(frozen=True, slots=True)
class Every:
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Some:
    items: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Neg:
    item: Expr


Expr = In | Has | Every | Some | Neg


@dataclass(frozen=True, slots=True)
class Compiled:
    """An expression standing in a model condition where a part was compiled already: lint
    replaces one item of a wide `any` or `all` without compiling its other items again."""

    expr: Expr


ALWAYS: Expr = Every(())
NEVER: Expr = Some(())


def every(items: Iterable[Expr]) -> Expr:
    """All of the items, flattened and with constants folded (keeps expressions small)."""
    out: list[Expr] = []
    for item in items:
        if item == NEVER:
            return NEVER
        if isinstance(item, Every):
            out.extend(item.items)
        else:
            out.append(item)
    out = _merged(out, intersect=True)
    return out[0] if len(out) == 1 else Every(tuple(out))


def some(items: Iterable[Expr]) -> Expr:
    out: list[Expr] = []
    for item in items:
        if item == ALWAYS:
            return ALWAYS
        if isinstance(item, Some):
            out.extend(item.items)
        else:
            out.append(item)
    out = _merged(out, intersect=False)
    return out[0] if len(out) == 1 else Some(tuple(out))


def _merged(items: list[Expr], *, intersect: bool) -> list[Expr]:
    """Tests on one dimension as one: 'age 10-11 or age 11-12 or ...' is one mask, exactly (all:
    the masks' intersection; any: their union). Keeps a 2,000-branch `any` one node, so that
    lint's part-by-part checks stay near-linear."""
    if sum(1 for item in items if type(item) is In) < 2:
        return items
    masks: dict[int, int] = {}
    out: list[Expr] = []
    for item in items:
        if type(item) is In:
            assert isinstance(item, In)
            if item.dim in masks:
                masks[item.dim] = masks[item.dim] & item.mask if intersect else masks[item.dim] | item.mask
                continue
            masks[item.dim] = item.mask
            out.append(item)  # a placeholder at the first test's place, filled in below
        else:
            out.append(item)
    return [In(item.dim, masks[item.dim]) if type(item) is In else item for item in out]


def neg(item: Expr) -> Expr:
    if item == ALWAYS:
        return NEVER
    if item == NEVER:
        return ALWAYS
    if isinstance(item, Neg):
        return item.item
    return Neg(item)


def _combine(a: int, b: int) -> int:
    return a if a == b else UNKNOWN


def evaluate(expr: Expr, box: Sequence[int]) -> int:
    """TRUE, FALSE or UNKNOWN (true for some casussen of the box, false for others)."""
    # isinstance, not asserts after a type() test: this runs millions of times in lint.
    if isinstance(expr, In):
        have = box[expr.dim]
        hit = have & expr.mask
        return TRUE if hit == have else FALSE if hit == 0 else UNKNOWN
    if isinstance(expr, Every):
        result = TRUE
        for item in expr.items:
            value = evaluate(item, box)
            if value == FALSE:
                return FALSE
            if value == UNKNOWN:
                result = UNKNOWN
        return result
    if isinstance(expr, Some):
        result = FALSE
        for item in expr.items:
            value = evaluate(item, box)
            if value == TRUE:
                return TRUE
            if value == UNKNOWN:
                result = UNKNOWN
        return result
    if isinstance(expr, Neg):
        value = evaluate(expr.item, box)
        return value if value == UNKNOWN else 1 - value
    presence = box[expr.presence]
    absent = (TRUE if expr.mask & (1 << NO) else FALSE) if presence & (1 << ABSENT) else None
    if not presence & (1 << PRESENT):
        return absent if absent is not None else FALSE
    have = box[expr.dim]
    hit = have & expr.mask
    present = TRUE if hit == have else FALSE if hit == 0 else UNKNOWN
    return present if absent is None else _combine(absent, present)


def dims_of(expr: Expr) -> frozenset[int]:
    """The dimensions an expression looks at."""
    if isinstance(expr, In):
        return frozenset((expr.dim,))
    if isinstance(expr, Has):
        return frozenset((expr.presence, expr.dim))
    if isinstance(expr, Neg):
        return dims_of(expr.item)
    found: set[int] = set()
    for item in expr.items:
        found |= dims_of(item)
    return frozenset(found)


def bits(mask: int) -> list[int]:
    """The part indexes set in a mask, lowest first."""
    out = []
    index = 0
    while mask:
        if mask & 1:
            out.append(index)
        mask >>= 1
        index += 1
    return out


# --- dimensions --------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A class of values of one dimension that no condition of the content tells apart.

    weight: how many concrete values it stands for (years of an age band, wijken of a class).
    """

    weight: int
    values: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    flag: bool | None = None
    unknown: bool = False


@dataclass(frozen=True)
class Dim:
    index: int
    signal: str
    kind: DimKind
    parts: tuple[Part, ...]
    element: str | None = None  # member dimensions: the element of the set
    presence: int | None = None  # member and rest dimensions: their signal's presence dimension

    @cached_property
    def full(self) -> int:
        """Every part (asked millions of times by lint: computed once)."""
        return (1 << len(self.parts)) - 1

    def unknown_part(self) -> int | None:
        for index, part in enumerate(self.parts):
            if part.unknown:
                return index
        return None


@dataclass
class _Uses:
    """What the content's conditions ask of one signal."""

    subsets: set[frozenset[str]] = field(default_factory=set)
    cuts: set[int] = field(default_factory=set)
    elements: set[str] = field(default_factory=set)
    known: bool = False
    nonempty: bool = False


def eligibility_condition(offer: Offer, vocabulary: Vocabulary) -> Condition:
    """The offer's hard eligibility as one declarative condition, exactly as the engine checks it."""
    items: list[Condition] = []
    if "audience" in vocabulary.signals:
        # Exactly the engine's parts: an offer for the client serves every casus but a volunteer
        # caller's (who gets the volunteer offers); one for helpers, someone close who asks.
        allowed = [a for a in ("helper", "volunteer") if a in offer.audiences]
        volunteers = "volunteer" in vocabulary.signals["audience"].value_ids()
        if "client" in offer.audiences:
            if volunteers and "volunteer" not in offer.audiences:
                items.append(Not(Test("audience", "in", ("volunteer",))))
        else:
            items.append(Test("audience", "in", tuple(allowed)))
    if offer.wijken is not None:
        items.append(Test("wijk", "in", tuple(offer.wijken)))
    if offer.age_min is not None or offer.age_max is not None:
        items.append(AnyOf((Test("age", "known", (False,)), Test("age", "range", (), offer.age_min, offer.age_max))))
    if offer.languages:
        # A casus that names languages must share one; no languages (or none given) is fine.
        items.append(AnyOf((Not(Test("languages", NONEMPTY)), Test("languages", "includes", tuple(offer.languages)))))
    items.append(offer.requires)
    return AllOf(tuple(items))


def _tests(condition: Condition) -> Iterable[Test]:
    if isinstance(condition, Test):
        yield condition
    elif isinstance(condition, Not | Named):
        yield from _tests(condition.item)
    else:
        for item in condition.items:
            yield from _tests(item)


def _ordered_values(signal: Signal, op: str, value: str) -> frozenset[str]:
    ids = signal.value_ids()
    if value not in ids:
        return frozenset()
    at = ids.index(value)
    return frozenset(ids[at:] if op == "at_least" else ids[: at + 1])


@dataclass(frozen=True)
class Space:
    """The partitioned signal space of one ruleset (plus any extra conditions it was built for)."""

    vocabulary: Vocabulary
    dims: tuple[Dim, ...]
    value_dims: Mapping[str, int]
    presence_dims: Mapping[str, int]
    member_dims: Mapping[tuple[str, str], int]
    rest_dims: Mapping[str, int]
    order: tuple[int, ...]  # dimension indexes in the order a search splits them
    # a test's expression, once: lint recompiles a rule once per part it tries to leave out
    _tests_compiled: dict[Test, Expr] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(cls, vocabulary: Vocabulary, conditions: Iterable[Condition]) -> Space:
        """Cut every signal at the boundaries these conditions use, and no finer."""
        uses: dict[str, _Uses] = {}
        for condition in conditions:
            for test in _tests(condition):
                signal = vocabulary.signal(test.signal)
                if signal is None:
                    continue
                use = uses.setdefault(signal.id, _Uses())
                if test.op == "known":
                    use.known = True
                elif test.op == NONEMPTY:
                    use.nonempty = True
                elif test.op in ("in", "is") and signal.kind == "enum":
                    use.subsets.add(frozenset(str(v) for v in test.values))
                elif test.op in ("at_least", "at_most"):
                    use.subsets.add(_ordered_values(signal, test.op, str(test.values[0])))
                elif test.op == "range":
                    if test.minimum is not None:
                        use.cuts.add(test.minimum)
                    if test.maximum is not None:
                        use.cuts.add(test.maximum + 1)
                elif test.op == "includes":
                    use.elements.update(str(v) for v in test.values)
        dims: list[Dim] = []
        value_dims: dict[str, int] = {}
        presence_dims: dict[str, int] = {}
        member_dims: dict[tuple[str, str], int] = {}
        rest_dims: dict[str, int] = {}
        for signal in vocabulary.signals.values():
            found = uses.get(signal.id)
            if found is None:
                continue  # no condition looks at it: every value behaves alike
            use = found
            if signal.kind == "set":
                declared = signal.value_ids()
                elements = [v for v in declared if v in use.elements]
                presence = None
                if use.known and signal.default is None:
                    presence = len(dims)
                    presence_dims[signal.id] = presence
                    dims.append(
                        Dim(
                            presence,
                            signal.id,
                            "presence",
                            (Part(1, flag=False, unknown=True), Part(1, flag=True)),
                        )
                    )
                for element in elements:
                    index = len(dims)
                    member_dims[(signal.id, element)] = index
                    dims.append(
                        Dim(index, signal.id, "member", (Part(1, flag=False), Part(1, flag=True)), element, presence)
                    )
                untested = len(declared) - len(elements)
                if use.nonempty and untested:
                    index = len(dims)
                    rest_dims[signal.id] = index
                    parts = (Part(1, flag=False), Part(2**untested - 1, flag=True))
                    dims.append(Dim(index, signal.id, "rest", parts, None, presence))
                continue
            index = len(dims)
            value_dims[signal.id] = index
            dims.append(Dim(index, signal.id, "value", _value_parts(signal, use)))
        order = sorted(range(len(dims)), key=lambda i: (len(dims[i].parts), i))
        return cls(vocabulary, tuple(dims), value_dims, presence_dims, member_dims, rest_dims, tuple(order))

    # --- boxes ---------------------------------------------------------------------------

    def full_box(self) -> list[int]:
        return list(self._full_box)

    @cached_property
    def _full_box(self) -> tuple[int, ...]:
        return tuple(dim.full for dim in self.dims)

    @cached_property
    def part_of_value(self) -> dict[int, dict[str, int]]:
        """Enum dimensions: value id -> the index of the part that holds it."""
        return {
            dim.index: {value: i for i, part in enumerate(dim.parts) for value in part.values}
            for dim in self.dims
            if dim.kind == "value"
        }

    @cached_property
    def rank(self) -> dict[int, int]:
        return {dim: position for position, dim in enumerate(self.order)}

    def split(self, exprs: Iterable[Expr], box: Sequence[int]) -> tuple[int, list[int]]:
        """Where to split a box so that the undecided tests of `exprs` get decided.

        The dimension is the first in `order` on which some test is still undecided; the box
        is cut there into the coarsest blocks on which every test of `exprs` on that
        dimension is decided (so "age >= 55" cuts an age range in two, not into every part).
        A set signal's presence is split before its elements: once a set is known to be
        absent its elements no longer matter, and the boxes stay disjoint.
        """
        leaves: list[tuple[int, int]] = []
        for expr in exprs:
            _scan(expr, box, leaves)
        masks: dict[int, set[int]] = {}
        for index, mask in leaves:
            masks.setdefault(index, set()).add(mask)
        assert masks, "an undecided expression always has an undecided test"
        rank = self.rank
        dim = min(masks, key=rank.__getitem__)
        blocks = [box[dim]]
        for mask in sorted(masks[dim]):
            cut: list[int] = []
            for block in blocks:
                inside, outside = block & mask, block & ~mask
                cut.extend(b for b in (inside, outside) if b)
            blocks = cut
        return dim, sorted(blocks)

    def weight(self, box: Sequence[int], skip: Iterable[int] = ()) -> int:
        """How many distinguishable casussen the box holds (each value and age counted once).

        `skip` leaves value dimensions out of the count (a share within one of their parts).
        """
        total = 1
        groups: dict[str, int] = {}
        skipped = set(skip)
        for dim in self.dims:
            if dim.index in skipped:
                continue
            mask = box[dim.index]
            size = sum(part.weight for i, part in enumerate(dim.parts) if mask >> i & 1)
            if dim.kind == "value":
                total *= size
            elif dim.kind != "presence":
                groups[dim.signal] = groups.get(dim.signal, 1) * size
        for signal, presence in self.presence_dims.items():
            mask = box[presence]
            inner = groups.pop(signal, 1)
            total *= (1 if mask & (1 << ABSENT) else 0) + (inner if mask & (1 << PRESENT) else 0)
        for size in groups.values():
            total *= size
        return total

    def point(self, signals: Mapping[str, Any]) -> tuple[int, ...]:
        """The cell (one part per dimension) that a concrete casus falls in."""
        out: list[int] = []
        for dim in self.dims:
            signal = self.vocabulary.signals[dim.signal]
            value: Any = signals.get(dim.signal)
            if value is None:
                value = signal.default
            if dim.kind == "presence":
                out.append(ABSENT if value is None else PRESENT)
            elif dim.kind == "member":
                out.append(YES if value is not None and dim.element in value else NO)
            elif dim.kind == "rest":
                tested = {d.element for d in self.dims if d.signal == dim.signal and d.kind == "member"}
                out.append(YES if value is not None and any(v not in tested for v in value) else NO)
            else:
                out.append(_part_of(dim, value))
        return tuple(out)

    def contains(self, box: Sequence[int], point: Sequence[int]) -> bool:
        for dim in self.dims:
            if dim.presence is not None and point[dim.presence] == ABSENT:
                continue  # an absent set: its elements do not apply
            if not box[dim.index] >> point[dim.index] & 1:
                return False
        return True

    def example(self, box: Sequence[int]) -> dict[str, Any]:
        """A concrete casus (signal id -> value) inside the box: the first value of each part."""
        signals: dict[str, Any] = {}
        sets: dict[str, list[str]] = {}
        absent: set[str] = set()
        for dim in self.dims:
            first = bits(box[dim.index])[0]
            part = dim.parts[first]
            if dim.kind == "presence":
                if first == ABSENT:
                    absent.add(dim.signal)
                else:
                    sets.setdefault(dim.signal, [])
            elif dim.kind == "member":
                if first == YES:
                    sets.setdefault(dim.signal, []).append(str(dim.element))
            elif dim.kind == "rest":
                if first == YES:
                    tested = {d.element for d in self.dims if d.signal == dim.signal and d.kind == "member"}
                    signal = self.vocabulary.signals[dim.signal]
                    spare = next(v for v in signal.value_ids() if v not in tested)
                    sets.setdefault(dim.signal, []).append(spare)
            elif not part.unknown:
                if part.values:
                    signals[dim.signal] = part.values[0]
                elif part.flag is not None:
                    signals[dim.signal] = part.flag
                else:
                    signals[dim.signal] = part.low if part.low is not None else part.high
        for signal_id, values in sets.items():
            if signal_id in absent:
                continue
            order = self.vocabulary.signals[signal_id].value_ids()
            signals[signal_id] = tuple(sorted(values, key=order.index))
        for signal in self.vocabulary.signals.values():
            if signal.id not in signals and signal.default is not None:
                signals[signal.id] = signal.default
        return signals

    # --- compiling -------------------------------------------------------------------------

    def compile(self, condition: Condition | Compiled) -> Expr:
        """The condition as an expression over this space's dimensions."""
        if isinstance(condition, AllOf):
            return every(self.compile(item) for item in condition.items)
        if isinstance(condition, AnyOf):
            return some(self.compile(item) for item in condition.items)
        if isinstance(condition, Not):
            return neg(self.compile(condition.item))
        if isinstance(condition, Named):
            return self.compile(condition.item)
        if isinstance(condition, Compiled):
            return condition.expr
        found = self._tests_compiled.get(condition)
        if found is None:
            found = self._tests_compiled[condition] = self._test(condition)
        return found

    def _test(self, test: Test) -> Expr:
        signal = self.vocabulary.signal(test.signal)
        if signal is None:  # the engine sees such a signal as never given
            return ALWAYS if test.op == "known" and not test.values[0] else NEVER
        if signal.kind == "set":
            return self._set_test(signal, test)
        index = self.value_dims.get(signal.id)
        if index is None:
            raise ValueError(f"signal {signal.id} is not part of this space")
        dim = self.dims[index]
        if test.op == "known":
            unknown = dim.unknown_part()
            known_mask = dim.full & ~(1 << unknown) if unknown is not None else dim.full
            return _in(dim, known_mask if test.values[0] else dim.full & ~known_mask)
        if test.op == "range":
            low = test.minimum if test.minimum is not None else -(10**9)
            high = test.maximum if test.maximum is not None else 10**9
            mask = 0
            for i, part in enumerate(dim.parts):
                if part.unknown:
                    continue
                part_low = part.low if part.low is not None else -(10**9)
                part_high = part.high if part.high is not None else 10**9
                if low <= part_low and part_high <= high:
                    mask |= 1 << i
            return _in(dim, mask)
        if signal.kind == "boolean":
            wanted = bool(test.values[0])
            return _in(dim, sum(1 << i for i, part in enumerate(dim.parts) if part.flag is wanted))
        if test.op in ("at_least", "at_most"):
            values = _ordered_values(signal, test.op, str(test.values[0]))
        else:
            values = frozenset(str(v) for v in test.values)
        where = self.part_of_value.get(dim.index, {})
        mask = 0
        for value in values:
            index = where.get(value)
            if index is not None and not mask >> index & 1 and set(dim.parts[index].values) <= values:
                mask |= 1 << index
        return _in(dim, mask)

    def _set_test(self, signal: Signal, test: Test) -> Expr:
        if test.op == "known":
            presence = self.presence_dims.get(signal.id)
            if presence is None:
                if signal.default is not None:
                    return ALWAYS if test.values[0] else NEVER
                raise ValueError(f"signal {signal.id}: presence is not part of this space")
            return In(presence, 1 << (PRESENT if test.values[0] else ABSENT))
        if test.op == NONEMPTY:
            members = [self._member(i) for (s, _), i in self.member_dims.items() if s == signal.id]
            rest = self.rest_dims.get(signal.id)
            if rest is not None:
                members.append(self._member(rest))
            return some(members)
        found = []
        for value in test.values:
            index = self.member_dims.get((signal.id, str(value)))
            if index is not None:
                found.append(self._member(index))
        return some(found)

    def _member(self, index: int) -> Expr:
        dim = self.dims[index]
        if dim.presence is None:
            return In(index, 1 << YES)
        return Has(dim.presence, index, 1 << YES)

    # --- questions about every casus -----------------------------------------------------

    def find(self, expr: Expr, box: Sequence[int] | None = None) -> list[int] | None:
        """A box (inside `box`) where the expression holds for every casus, or None if none exists."""
        start = list(box) if box is not None else self.full_box()
        return self._find(expr, start)

    def _find(self, expr: Expr, box: list[int]) -> list[int] | None:
        value = evaluate(expr, box)
        if value == TRUE:
            return box
        if value == FALSE:
            return None
        dim, blocks = self.split((expr,), box)
        for block in blocks:
            child = list(box)
            child[dim] = block
            found = self._find(expr, child)
            if found is not None:
                return found
        return None

    def satisfiable(self, expr: Expr, box: Sequence[int] | None = None) -> bool:
        if box is None:
            return self._satisfiable(expr)
        return self.find(expr, box) is not None

    def _satisfiable(self, expr: Expr) -> bool:
        """`satisfiable` in the whole space, decided by the expression's shape where it can be.

        A test on one dimension holds somewhere unless its mask is empty; `any` holds where one
        of its items does; `all` of items on disjoint dimensions holds where each item holds on
        its own (a box is every combination of parts). Anything else is searched, and an item
        of such an `all` is searched alone. The answer is the search's answer, without cutting
        the space along every test of a rule and an offer's eligibility at once.
        """
        if isinstance(expr, In):
            return expr.mask & self.dims[expr.dim].full != 0
        if isinstance(expr, Has):
            return expr.mask & ((1 << NO) | (1 << YES)) != 0  # present with it, or absent for NO
        if isinstance(expr, Some):
            return any(self._satisfiable(item) for item in expr.items)
        if isinstance(expr, Every):
            seen: set[int] = set()
            for item in expr.items:
                looks_at = dims_of(item)
                if not seen.isdisjoint(looks_at):
                    return self.find(expr) is not None
                seen |= looks_at
            return all(self._satisfiable(item) for item in expr.items)
        return self.find(expr) is not None

    def implies(self, left: Expr, right: Expr) -> bool:
        """Every casus that meets `left` also meets `right`."""
        inner, outer = self._box(left), self._box(right)
        if inner is not None and outer is not None:
            if inner is _EMPTY or outer is _EMPTY:
                return inner is _EMPTY
            return all(inner.get(dim, self.dims[dim].full) & ~mask == 0 for dim, mask in outer.items())
        return not self.satisfiable(every((left, neg(right))))

    def equivalent(self, a: Expr, b: Expr) -> bool:
        """The same casussen meet both."""
        boxes = self._box(a), self._box(b)
        if boxes[0] is not None and boxes[1] is not None:
            return boxes[0] == boxes[1]
        return not self.satisfiable(some((every((a, neg(b))), every((neg(a), b)))))

    def _box(self, expr: Expr) -> dict[int, int] | None:
        """A conjunction of tests on single dimensions as its box: dimension -> mask, the
        dimensions it leaves whole left out (_EMPTY where no casus meets it); else None. Two
        such boxes hold the same casussen exactly when they are equal."""
        if isinstance(expr, In):
            items: tuple[Expr, ...] = (expr,)
        elif isinstance(expr, Every) and all(isinstance(item, In) for item in expr.items):
            items = expr.items
        else:
            return None
        masks: dict[int, int] = {}
        for item in items:
            assert isinstance(item, In)
            full = self.dims[item.dim].full
            masks[item.dim] = masks.get(item.dim, full) & item.mask
        box = {}
        for dim, mask in masks.items():
            if mask == 0:
                return _EMPTY
            if mask != self.dims[dim].full:
                box[dim] = mask
        return box

    def regions(self, expr: Expr, box: Sequence[int] | None = None) -> list[list[int]]:
        """Disjoint boxes that together hold exactly the casussen meeting the expression."""
        out: list[list[int]] = []
        start = list(box) if box is not None else self.full_box()
        self._regions(expr, start, out)
        return out

    def each_region(self, expr: Expr, box: Sequence[int] | None = None) -> Iterator[list[int]]:
        """The boxes of `regions`, in the same order, one at a time: a caller that stops at the
        first one it wants does not cut the rest of the space."""
        start = list(box) if box is not None else self.full_box()
        stack = [start]
        while stack:
            current = stack.pop()
            value = evaluate(expr, current)
            if value == TRUE:
                yield current
            elif value != FALSE:
                dim, blocks = self.split((expr,), current)
                for block in reversed(blocks):  # depth first, in the order `_regions` takes
                    child = list(current)
                    child[dim] = block
                    stack.append(child)

    def _regions(self, expr: Expr, box: list[int], out: list[list[int]]) -> None:
        value = evaluate(expr, box)
        if value == TRUE:
            out.append(box)
            return
        if value == FALSE:
            return
        dim, blocks = self.split((expr,), box)
        for block in blocks:
            child = list(box)
            child[dim] = block
            self._regions(expr, child, out)


_EMPTY: dict[int, int] = {-1: 0}  # the box of a conjunction no casus meets


def _scan(expr: Expr, box: Sequence[int], out: list[tuple[int, int]]) -> int:
    """Evaluate like `evaluate`, and add to `out` the (dimension, mask) of the undecided tests
    that leave the result undecided (tests under a decided part are left out)."""
    if isinstance(expr, In):
        have = box[expr.dim]
        hit = have & expr.mask
        if hit == have:
            return TRUE
        if hit == 0:
            return FALSE
        out.append((expr.dim, expr.mask))
        return UNKNOWN
    if isinstance(expr, Has):
        value = evaluate(expr, box)
        if value == UNKNOWN:
            if box[expr.presence] != 1 << PRESENT:
                out.append((expr.presence, 1 << PRESENT))
            else:
                out.append((expr.dim, expr.mask))
        return value
    if isinstance(expr, Neg):
        value = _scan(expr.item, box, out)
        return value if value == UNKNOWN else 1 - value
    conjunction = isinstance(expr, Every)
    stop = FALSE if conjunction else TRUE
    mark = len(out)
    result = TRUE if conjunction else FALSE
    for item in expr.items:
        value = _scan(item, box, out)
        if value == stop:
            del out[mark:]
            return stop
        if value == UNKNOWN:
            result = UNKNOWN
    return result


def _in(dim: Dim, mask: int) -> Expr:
    if mask == 0:
        return NEVER
    if mask == dim.full:
        return ALWAYS
    return In(dim.index, mask)


def _value_parts(signal: Signal, use: _Uses) -> tuple[Part, ...]:
    parts: list[Part] = []
    if signal.kind == "integer":
        low = signal.minimum
        high = signal.maximum
        cuts = sorted(c for c in use.cuts if (low is None or c > low) and (high is None or c <= high))
        starts: list[int | None] = [low, *cuts]
        ends: list[int | None] = [*(c - 1 for c in cuts), high]
        for start, end in zip(starts, ends, strict=True):
            size = end - start + 1 if start is not None and end is not None else 1
            parts.append(Part(size, low=start, high=end))
    elif signal.kind == "boolean":
        parts = [Part(1, flag=True), Part(1, flag=False)]
    else:
        # Values in exactly the same subsets form one part, in the order of their first value.
        # Each value's subsets come from an index (value -> subsets), not by asking every subset
        # about every value: a region has thousands of wijken and thousands of wijk subsets.
        containing: dict[str, list[int]] = {}
        for number, subset in enumerate(sorted(use.subsets, key=lambda s: sorted(s))):
            for value in subset:
                containing.setdefault(value, []).append(number)
        groups: dict[tuple[int, ...], list[str]] = {}
        for value in signal.value_ids():
            groups.setdefault(tuple(containing.get(value, ())), []).append(value)
        parts = [Part(len(values), values=tuple(values)) for values in groups.values()]
    if signal.default is None:
        parts.append(Part(1, unknown=True))
    return tuple(parts)


def _part_of(dim: Dim, value: Any) -> int:
    for index, part in enumerate(dim.parts):
        if value is None:
            if part.unknown:
                return index
        elif part.values:
            if value in part.values:
                return index
        elif part.flag is not None:
            if part.flag is bool(value):
                return index
        elif not part.unknown and (part.low is None or value >= part.low) and (part.high is None or value <= part.high):
            return index
    raise ValueError(f"value outside the space of {dim.signal}")
