"""`referral lint`: what schema validation cannot see, found by reasoning over every casus.

    lint(ruleset, *, documents=(), today=None, max_age_months=12) -> LintReport

Validation checks each file on its own; lint checks what the content *means*. Conditions are
declarative (DMN-style unary tests), so questions about every possible casus are decided
exactly over the partitioned signal space (`referral.analysis.space`): can this rule ever fire,
does that `any` branch ever matter, does this rule only fire when another does, can any casus
ever be referred to this offer. Facts that age (review dates, missing contact details and
sources) are checked too. Each finding has a stable id, a severity, a position, a message and
a fix hint (Dutch, or English); an offer or rule can silence a finding with a reason in its
YAML (`lint: {offer-stale: "reden"}`). `documents` (from `load_content`) sharpen positions from
the item to the field concerned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from referral.analysis.reach import Scorer, build_space, scorers, split_by, targets
from referral.analysis.space import ALWAYS, NEVER, Compiled, Expr, In, Space, eligibility_condition, every, some
from referral.core.i18n import translate
from referral.core.model import (
    AllOf,
    AnyOf,
    Condition,
    Location,
    Not,
    Offer,
    Rule,
    Ruleset,
    Source,
    Test,
    requires_helper,
)
from referral.core.vocabulary import suggest
from referral.core.yamlsource import Document, PathKey

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
DEFAULT_MAX_AGE_MONTHS = 12
DEFAULT_MAX_SOURCE_AGE_MONTHS = 24
DEFAULT_MAX_CAPACITY_AGE_MONTHS = 3  # a waiting list changes within months, an offer's facts within years


@dataclass(frozen=True)
class Check:
    """One kind of finding: its stable id, severity and what it is about."""

    id: str
    severity: str
    subject: str  # rule | offer


CHECKS: dict[str, Check] = {
    check.id: check
    for check in (
        Check("rule-never-fires", ERROR, "rule"),
        Check("rule-dead-branch", WARNING, "rule"),
        Check("rule-redundant-test", INFO, "rule"),
        Check("rule-no-target", WARNING, "rule"),
        Check("rule-no-effect", WARNING, "rule"),
        Check("rule-duplicate", WARNING, "rule"),
        Check("rule-subsumed", INFO, "rule"),
        Check("rule-no-source", ERROR, "rule"),
        Check("rule-source-unverifiable", INFO, "rule"),
        Check("rule-no-english", WARNING, "rule"),
        Check("rule-reason-kind", ERROR, "rule"),
        Check("offer-never-eligible", ERROR, "offer"),
        Check("offer-age-range-empty", ERROR, "offer"),
        Check("offer-never-referred", ERROR, "offer"),
        Check("offer-stale", WARNING, "offer"),
        Check("offer-not-reviewed", WARNING, "offer"),
        Check("offer-reviewed-invalid", ERROR, "offer"),
        Check("offer-reviewed-future", WARNING, "offer"),
        Check("offer-no-contact", WARNING, "offer"),
        Check("offer-no-contact-route", ERROR, "offer"),
        Check("offer-source-stale", WARNING, "offer"),
        Check("offer-capacity-stale", WARNING, "offer"),
        Check("offer-capacity-no-source", ERROR, "offer"),
        Check("offer-past", INFO, "offer"),
        Check("offer-to-review", INFO, "offer"),
        Check("offer-contact-to-review", INFO, "offer"),
        Check("offer-no-source", ERROR, "offer"),
        Check("offer-source-unverifiable", INFO, "offer"),
        Check("lint-unknown-id", WARNING, "any"),
        Check("lint-unused", INFO, "any"),
    )
}


@dataclass(frozen=True)
class Finding:
    """One thing lint found about one rule or offer, at a position in the YAML."""

    check: str
    item: str
    location: Location
    args: tuple[tuple[str, Any], ...] = ()
    variant: str | None = None  # a variant of the message (e.g. why an offer is never referred)
    silenced: str | None = None  # the reason given in the YAML, when silenced

    @property
    def severity(self) -> str:
        return CHECKS[self.check].severity

    @property
    def subject(self) -> str:
        return CHECKS[self.check].subject

    def _args(self, lang: str) -> dict[str, Any]:
        """The message's arguments; `name_en` stands in for `name` in English."""
        args = dict(self.args)
        if lang == "en":
            args.update({k[:-3]: v for k, v in self.args if k.endswith("_en")})
        return args

    def message(self, lang: str = "nl") -> str:
        code = f"lint.{self.check}" + (f".{self.variant}" if self.variant else "")
        return translate(code, lang, item=self.item, **self._args(lang))

    def hint(self, lang: str = "nl") -> str:
        code = f"lint.{self.check}" + (f".{self.variant}" if self.variant else "") + ".hint"
        if self.check == "lint-unknown-id":
            suggestion = dict(self.args).get("suggestion")
            return translate(code if suggestion else code + ".list", lang, suggestion=suggestion)
        if self.check == "offer-never-referred":
            code = "lint.offer-never-referred.hint"
        return translate(code, lang, item=self.item, **self._args(lang))

    def to_json(self, lang: str = "nl") -> dict[str, Any]:
        data = {
            "id": self.check,
            "severity": self.severity,
            "subject": self.subject,
            "item": self.item,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message(lang),
            "hint": self.hint(lang),
        }
        if self.silenced is not None:
            data["reason"] = self.silenced
        return data

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line or 0, loc.column or 0, self.check, self.item)


@dataclass(frozen=True)
class LintReport:
    findings: tuple[Finding, ...]  # in file and line order
    silenced: tuple[Finding, ...]
    today: dt.date
    max_age_months: int

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail; with `strict`, warnings fail too. Info never fails."""
        return bool(self.count(ERROR) or (strict and self.count(WARNING)))


def lint(
    ruleset: Ruleset,
    *,
    documents: Iterable[Document] = (),
    today: dt.date | None = None,
    max_age_months: int = DEFAULT_MAX_AGE_MONTHS,
    max_source_age_months: int = DEFAULT_MAX_SOURCE_AGE_MONTHS,
    max_capacity_age_months: int = DEFAULT_MAX_CAPACITY_AGE_MONTHS,
) -> LintReport:
    """Every finding about the content, silenced ones apart."""
    today = today or dt.date.today()
    places = _Places(ruleset, documents)
    space = build_space(ruleset)
    found: list[Finding] = []
    found.extend(_rule_findings(ruleset, space, places))
    found.extend(_reason_findings(ruleset, places))
    found.extend(_offer_findings(ruleset, space, places, today, max_age_months))
    found.extend(_time_findings(ruleset, places, today, max_source_age_months))
    found.extend(_capacity_findings(ruleset, places, today, max_capacity_age_months))
    kept, silenced = _silence(ruleset, found, places)
    return LintReport(
        findings=tuple(sorted(kept, key=Finding.sort_key)),
        silenced=tuple(sorted(silenced, key=Finding.sort_key)),
        today=today,
        max_age_months=max_age_months,
    )


# --- positions ---------------------------------------------------------------------------


@dataclass
class _Places:
    """From an item and a field path to file:line:column, using the loaded documents if any."""

    ruleset: Ruleset
    documents: Iterable[Document]
    docs: dict[str, Document] = field(default_factory=dict)
    rule_paths: dict[tuple[str, int | None], PathKey] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for doc in self.documents:
            self.docs[doc.file] = doc
            rules = doc.value.get("rules") if isinstance(doc.value, dict) else None
            if isinstance(rules, list):
                for index in range(len(rules)):
                    mark = doc.marks.get(("rules", index))
                    if mark is not None:
                        self.rule_paths[(doc.file, mark.line)] = ("rules", index)

    def at(self, location: Location, path: PathKey, item_path: PathKey = ()) -> Location:
        doc = self.docs.get(location.file)
        if doc is None:
            return location
        full = (*item_path, *path)
        if full:
            key = doc.marks.get((*full[:-1], "@key", full[-1]))
            if key is not None:
                return Location(location.file, key.line, key.column)
        mark = doc.mark(full)
        return Location(location.file, mark.line, mark.column) if mark else location

    def rule(self, rule: Rule, path: PathKey = ()) -> Location:
        item_path = self.rule_paths.get((rule.location.file, rule.location.line))
        if item_path is None:
            return rule.location
        return self.at(rule.location, path, item_path)

    def offer(self, offer: Offer, path: PathKey = ()) -> Location:
        return self.at(offer.location, path)


# --- rules -------------------------------------------------------------------------------


def _unverifiable(sources: Sequence[Source]) -> bool:
    return not any(source.url or source.quote for source in sources)


def _rule_findings(ruleset: Ruleset, space: Space, places: _Places) -> list[Finding]:
    found: list[Finding] = []
    vocabulary = ruleset.vocabulary
    selected = targets(ruleset)
    eligibility = [space.compile(eligibility_condition(offer, vocabulary)) for offer in ruleset.offers]
    conditions: list[Expr] = []
    for rule, chosen in zip(ruleset.rules, selected, strict=True):
        when = space.compile(rule.when)
        conditions.append(when)
        if not rule.sources:
            found.append(Finding("rule-no-source", rule.id, places.rule(rule, ("source",))))
        elif _unverifiable(rule.sources):
            found.append(Finding("rule-source-unverifiable", rule.id, places.rule(rule, ("source",))))
        if not rule.because.en:
            # --lang en would show the Dutch sentence in an English advice
            found.append(Finding("rule-no-english", rule.id, places.rule(rule, ("because",))))
        if not chosen:
            found.append(Finding("rule-no-target", rule.id, places.rule(rule, ("effect",))))
        if not space.satisfiable(when):
            found.append(Finding("rule-never-fires", rule.id, places.rule(rule, ("when",))))
            continue
        found.extend(_redundant_parts(rule, space, when, places))
        # Some casus meets the rule and is eligible for one of its offers: asked offer by offer
        # (the same answer as for the `any` of them all, which made the search cut the wijk
        # dimension along every offer's wijken at once: quadratic for a general rule).
        if chosen and not any(space.satisfiable(every((when, eligibility[o]))) for o in chosen):
            found.append(Finding("rule-no-effect", rule.id, places.rule(rule, ("effect",)), (("count", len(chosen)),)))
    found.extend(_overlaps(ruleset, space, conditions, places))
    return found


def _parts(condition: Condition, path: PathKey) -> Iterable[tuple[PathKey, str]]:
    """Every item of an `all` or `any` inside the condition: (YAML path, all | any)."""
    if isinstance(condition, Not):
        yield from _parts(condition.item, (*path, "not"))
    elif isinstance(condition, AllOf | AnyOf):
        word = "all" if isinstance(condition, AllOf) else "any"
        for index, item in enumerate(condition.items):
            yield (*path, word, index), word
            yield from _parts(item, (*path, word, index))


def _replace(condition: Condition, path: PathKey, new: Condition | Compiled) -> Condition:
    """The condition with the item at `path` (relative, as from `_parts`) replaced."""
    if not path:
        return new  # type: ignore[return-value]  # a Compiled stands in for a condition
    if isinstance(condition, Not):
        return Not(_replace(condition.item, path[1:], new))
    assert isinstance(condition, AllOf | AnyOf) and isinstance(path[1], int)
    items = list(condition.items)
    items[path[1]] = _replace(items[path[1]], path[2:], new)
    return replace(condition, items=tuple(items))


_TRUE: Condition = AllOf(())


def _redundant_parts(rule: Rule, space: Space, when: Expr, places: _Places) -> list[Finding]:
    """`any` alternatives that never make a difference; `all` tests implied by the others.

    A part is redundant exactly when replacing it by FALSE (in `any`) or TRUE (in `all`)
    leaves the condition equivalent: this takes the surrounding condition into account.
    """
    found: list[Finding] = []
    reported: set[PathKey] = set()
    wide = _wide_nodes(rule.when, (), space)
    for path, word in _parts(rule.when, ()):
        if any(path[:end] in reported for end in range(1, len(path) + 1)):
            continue  # inside a part already found redundant: everything there is
        check = "rule-dead-branch" if word == "any" else "rule-redundant-test"
        without = wide.get(path[:-2])
        if without is not None:
            changed = _replace(rule.when, path[:-2], Compiled(without.leaving_out(int(path[-1]))))
        else:
            changed = _replace(rule.when, path, _never() if word == "any" else _TRUE)
        if space.equivalent(when, space.compile(changed)):
            found.append(Finding(check, rule.id, places.rule(rule, ("when", *path))))
            reported.add(path)
    return found


WIDE = 16  # items of an `any` or `all` from which one is left out by masks, not by compiling again


def _wide_nodes(condition: Condition, path: PathKey, space: Space) -> dict[PathKey, _Without]:
    """The wide `any` and `all` nodes of a condition (path -> the node's items, compiled once)."""
    found: dict[PathKey, _Without] = {}
    if isinstance(condition, Not):
        found.update(_wide_nodes(condition.item, (*path, "not"), space))
    elif isinstance(condition, AllOf | AnyOf):
        word = "all" if isinstance(condition, AllOf) else "any"
        if len(condition.items) >= WIDE:
            found[path] = _Without([space.compile(item) for item in condition.items], space, word == "all")
        for index, item in enumerate(condition.items):
            found.update(_wide_nodes(item, (*path, word, index), space))
    return found


class _Without:
    """A wide `any` (or `all`) with one item left out, for each item at the cost of its
    dimensions: lint asks this once per item, and compiling the other items again each time made
    a 2,000-branch `any` quadratic.

    An item that is a mask on one dimension leaves the union (intersection) of the other masks on
    that dimension, known from which bits one mask alone contributes; other items are kept as
    they are. The result means the same as the node compiled without that item."""

    def __init__(self, items: list[Expr], space: Space, intersect: bool) -> None:
        self.items = items
        self.intersect = intersect
        self.full = {dim.index: dim.full for dim in space.dims}
        self.once: dict[int, int] = {}  # dim -> bits in at least one mask (for all: missing from one)
        self.twice: dict[int, int] = {}  # dim -> bits in at least two
        for item in items:
            if type(item) is In:
                bits = self.full[item.dim] & ~item.mask if intersect else item.mask
                once = self.once.get(item.dim, 0)
                self.twice[item.dim] = self.twice.get(item.dim, 0) | (once & bits)
                self.once[item.dim] = once | bits
        self.rest = [i for i, item in enumerate(items) if type(item) is not In]

    def leaving_out(self, index: int) -> Expr:
        left = self.items[index]
        parts: list[Expr] = []
        for dim, once in self.once.items():
            if type(left) is In and left.dim == dim:
                mine = self.full[dim] & ~left.mask if self.intersect else left.mask
                once = self.twice[dim] | (once & ~mine)  # what the others contribute
            mask = self.full[dim] & ~once if self.intersect else once
            if mask == 0:  # as the space writes masks: an empty one is NEVER, a full one ALWAYS
                parts.append(NEVER)
            elif mask == self.full[dim]:
                parts.append(ALWAYS)
            else:
                parts.append(In(dim, mask))
        parts.extend(self.items[i] for i in self.rest if i != index)
        return every(parts) if self.intersect else some(parts)


def _never() -> Condition:
    """A condition no casus meets, in the model's own terms (an `any` needs an item)."""
    return AllOf((Test("audience", "known", (True,)), Test("audience", "known", (False,))))


def _overlaps(ruleset: Ruleset, space: Space, conditions: Sequence[Expr], places: _Places) -> list[Finding]:
    """Rules with the same effect target where one condition implies the other."""
    found: list[Finding] = []
    groups: dict[tuple[Any, ...], list[int]] = {}
    for index, rule in enumerate(ruleset.rules):
        effect = rule.effect
        key = (
            effect.offers,
            effect.kinds,
            effect.groups,
            effect.modality,
            effect.outside_home,
            effect.evidence,
            effect.exclude,
            not effect.exclude and requires_helper(rule.when),  # the asker's part does not stack on the person's
        )
        groups.setdefault(key, []).append(index)
    for members in groups.values():
        live = [i for i in members if space.satisfiable(conditions[i])]
        for n, first in enumerate(live):
            for second in live[n + 1 :]:
                a, b = ruleset.rules[first], ruleset.rules[second]
                a_in_b = space.implies(conditions[first], conditions[second])
                b_in_a = space.implies(conditions[second], conditions[first])
                if a_in_b and b_in_a:
                    found.append(_pair("rule-duplicate", b, a, places))
                elif a_in_b:
                    found.append(_pair("rule-subsumed", a, b, places))
                elif b_in_a:
                    found.append(_pair("rule-subsumed", b, a, places))
    return found


def _pair(check: str, rule: Rule, other: Rule, places: _Places) -> Finding:
    variant = "exclude" if check == "rule-subsumed" and rule.effect.exclude else None
    where = places.rule(other)
    return Finding(check, rule.id, places.rule(rule), (("other", other.id), ("where", str(where))), variant)


# --- offers ------------------------------------------------------------------------------


def _offer_findings(
    ruleset: Ruleset, space: Space, places: _Places, today: dt.date, max_age_months: int
) -> list[Finding]:
    found: list[Finding] = []
    compiled = {scorer.offer: scorer for scorer in scorers(space, ruleset)}
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    for offer in ruleset.offers:
        past = in_period(plain_period(offer.period), today.toordinal()) == "past"
        if ruleset.referable(offer) and not past:  # recruitment and archive entries are never referred
            found.extend(_reachability(offer, compiled[offer.id], space, places))
        found.extend(_review(offer, places, today, max_age_months))
        contact = offer.contact
        if ruleset.referable(offer) and not past and not offer.own_contact_route:
            found.append(Finding("offer-no-contact-route", offer.id, places.offer(offer, ("contact",))))
        elif not (contact.url or contact.phone or contact.email or contact.via):
            found.append(Finding("offer-no-contact", offer.id, places.offer(offer, ("contact",))))
        if offer.review:
            found.append(
                Finding("offer-to-review", offer.id, places.offer(offer, ("review",)), (("reason", offer.review),))
            )
        missing = []
        if not contact.phone:
            missing.append("phone")
        if not contact.schedule and not contact.schedule_notes:
            missing.append("hours")
        if missing:
            args = tuple(
                (
                    f"missing_{lang}",
                    translate("words.and", lang).join(translate(f"lint.missing.{m}", lang) for m in missing),
                )
                for lang in ("nl", "en")
            )
            found.append(Finding("offer-contact-to-review", offer.id, places.offer(offer, ("contact",)), args))
        if not offer.sources:
            found.append(Finding("offer-no-source", offer.id, places.offer(offer, ("source",))))
        elif _unverifiable(offer.sources):
            found.append(Finding("offer-source-unverifiable", offer.id, places.offer(offer, ("source",))))
    return found


def speaks_of(text: str, terms: Iterable[str]) -> bool:
    """Whether a reason uses one of a kind's words (case, accents and dashes folded; a prefix counts)."""
    from referral.core.vocabulary import fold

    folded = f" {fold(text)} "
    return any(f" {term}" in folded or term in folded for term in _folded_terms(tuple(terms)))


@lru_cache(maxsize=1024)
def _folded_terms(terms: tuple[str, ...]) -> tuple[str, ...]:
    """A kind's words folded, the empty ones left out: the same few kinds for 60,000 reasons."""
    from referral.core.vocabulary import fold

    return tuple(folded for folded in map(fold, terms) if folded)


def _reason_findings(ruleset: Ruleset, places: _Places) -> list[Finding]:
    """A rule's `because` must be true of every offer it reaches: it must speak of each kind of help
    among them (by the kind's terms), or, for an offer named in the effect, name the offer."""
    from referral.core.vocabulary import fold

    found: list[Finding] = []
    kinds = ruleset.vocabulary.kinds
    for rule, reached in zip(ruleset.rules, ruleset.targets, strict=True):
        unspoken: dict[str, list[str]] = {}
        # Whether the reason speaks of a kind depends on the kind only, not on the offer: asked
        # once per kind and language (a general rule reaches thousands of offers).
        spoken: dict[tuple[str, int], bool] = {}
        # An offer the effect does not name is judged by its kinds alone: once per set of kinds.
        by_kinds: dict[tuple[str, ...], list[str]] = {}
        for offer in reached:
            named = offer.id in rule.effect.offers
            if named:
                missing = _unspoken(rule, offer, set(offer.kinds), kinds, spoken, fold)
            else:
                found_for = by_kinds.get(offer.kinds)
                if found_for is None:
                    relevant = set(offer.kinds) & rule.effect.kinds
                    found_for = by_kinds[offer.kinds] = _unspoken(rule, None, relevant, kinds, spoken, fold)
                missing = found_for
            for kind_id in missing:
                unspoken.setdefault(kind_id, []).append(offer.id)
        if unspoken:
            labels = {
                lang: ", ".join(ruleset.vocabulary.kind_label(k, lang) for k in sorted(unspoken))
                for lang in ("nl", "en")
            }
            offers = sorted({o for ids in unspoken.values() for o in ids})
            shown = ", ".join(offers[:3]) + (", …" if len(offers) > 3 else "")
            found.append(
                Finding(
                    "rule-reason-kind",
                    rule.id,
                    places.rule(rule, ("because",)),
                    (("kinds", labels["nl"]), ("kinds_en", labels["en"]), ("offers", shown)),
                )
            )
    return found


def _unspoken(
    rule: Rule,
    named: Offer | None,
    relevant: set[str],
    kinds: Mapping[str, Any],
    spoken: dict[tuple[str, int], bool],
    fold: Callable[[str], str],
) -> list[str]:
    """The kinds among `relevant` that the rule's reason does not speak of, in Dutch or English
    (for an offer the effect names: nor names it)."""
    missing = []
    for kind_id in sorted(relevant):
        kind = kinds.get(kind_id)
        if kind is None:
            continue
        texts = [(rule.because.nl, kind.terms_nl)]
        if rule.because.en:
            texts.append((rule.because.en, kind.terms_en or kind.terms_nl))
        for which, (text, terms) in enumerate(texts):
            speaks = spoken.get((kind_id, which))
            if speaks is None:
                speaks = spoken[(kind_id, which)] = speaks_of(text, terms)
            if speaks or (named is not None and fold(named.name) in fold(text)):
                continue
            missing.append(kind_id)
            break
    return missing


def _source_day(text: str) -> dt.date | None:
    """The last day a source date can mean: 2021 -> 2021-12-31, 2021-04 -> 2021-04-30."""
    try:
        if len(text) == 4:
            return dt.date(int(text), 12, 31)
        if len(text) == 7:
            year, month = int(text[:4]), int(text[5:])
            return add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def source_days(offer: Offer) -> list[dt.date]:
    """The dates of an offer's sources (the last day each can mean), oldest first; undated ones left out."""
    return sorted(d for d in (_source_day(s.date) for s in offer.sources if s.date) if d is not None)


# What a person re-checks: facts that age, facts missing, and what the content marks for review.
REVIEW_CHECKS = (
    "offer-to-review",
    "offer-source-stale",
    "offer-capacity-stale",
    "offer-capacity-no-source",
    "offer-stale",
    "offer-not-reviewed",
    "offer-reviewed-invalid",
    "offer-reviewed-future",
    "offer-contact-to-review",
    "offer-no-contact-route",
    "offer-no-contact",
    "offer-no-source",
    "offer-source-unverifiable",
)


def _time_findings(ruleset: Ruleset, places: _Places, today: dt.date, max_source_age_months: int) -> list[Finding]:
    """Offers whose facts are old (the newest source), and offers whose time is over (archive entries)."""
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    found: list[Finding] = []
    for offer in ruleset.offers:
        state = in_period(plain_period(offer.period), today.toordinal())
        if state == "past":
            last = offer.period.valid_to or (offer.period.occurrences[-1].end if offer.period.occurrences else "?")
            found.append(Finding("offer-past", offer.id, places.offer(offer, ("period",)), (("when", last),)))
            continue
        days = source_days(offer)
        if not days:
            found.append(Finding("offer-source-stale", offer.id, places.offer(offer, ("source",)), variant="undated"))
        elif add_months(max(days), max_source_age_months) < today:
            args = (("date", max(days).isoformat()), ("months", max_source_age_months))
            found.append(Finding("offer-source-stale", offer.id, places.offer(offer, ("source",)), args))
    return found


def _capacity_findings(ruleset: Ruleset, places: _Places, today: dt.date, max_months: int) -> list[Finding]:
    """A declared capacity changes the advice, so it must be recent and sourced, as every fact is:
    older than `max_months` (the same clock as the sources' age, `add_months`), or without a source.
    Archive entries are left out: they are never referred."""
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    found: list[Finding] = []
    for offer in ruleset.offers:
        capacity = offer.capacity
        if capacity is None or in_period(plain_period(offer.period), today.toordinal()) == "past":
            continue
        try:
            as_of = dt.date.fromisoformat(capacity.as_of)
        except ValueError:  # pragma: no cover - the loader refuses it
            continue
        if add_months(as_of, max_months) < today:
            args: tuple[tuple[str, Any], ...] = (
                ("status", capacity.status),
                ("as_of", capacity.as_of),
                ("months", max_months),
            )
            found.append(Finding("offer-capacity-stale", offer.id, places.offer(offer, ("capacity", "as_of")), args))
        if capacity.source is None:
            where = places.offer(offer, ("capacity",))
            found.append(Finding("offer-capacity-no-source", offer.id, where, (("status", capacity.status),)))
    return found


def _reachability(offer: Offer, scorer: Scorer, space: Space, places: _Places) -> list[Finding]:
    if offer.age_min is not None and offer.age_max is not None and offer.age_min > offer.age_max:
        # The engine lets a casus without an age pass an age limit, so this is no contradiction
        # to the space - but a limit no age can meet is surely a mistake.
        args = (("min", offer.age_min), ("max", offer.age_max))
        return [Finding("offer-age-range-empty", offer.id, places.offer(offer, ("eligibility", "age")), args)]
    if not space.satisfiable(scorer.eligibility):
        return [Finding("offer-never-eligible", offer.id, places.offer(offer, ("eligibility",)))]
    if not scorer.rules:
        return [Finding("offer-never-referred", offer.id, places.offer(offer), variant="no_rule")]
    if all(weight > 0 and not exclude for _, weight, exclude in scorer.rules):
        # Only rules that add: a casus reaches the offer exactly where it is eligible and one of
        # them fires (each weighs at least 1).
        reached = any(space.satisfiable(every((scorer.eligibility, when))) for when, _, _ in scorer.rules)
    else:
        # Searched within the boxes where the offer is eligible: the same answer as a search of
        # the whole space, which splits the small dimensions first and met the wijk (where most
        # offers' eligibility is decided) last, enumerating every combination of the others first.
        boxes = space.each_region(scorer.eligibility)
        reached = any(split_by(space, scorer, box, 1, first_only=True)[0] for box in boxes)
    if not reached:
        return [Finding("offer-never-referred", offer.id, places.offer(offer), variant="no_points")]
    return []


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of the month where that day does not exist)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _review(offer: Offer, places: _Places, today: dt.date, max_age_months: int) -> list[Finding]:
    where = places.offer(offer, ("reviewed",))
    if not offer.reviewed:
        return [Finding("offer-not-reviewed", offer.id, where)]
    try:
        reviewed = dt.date.fromisoformat(str(offer.reviewed))
    except ValueError:
        return [Finding("offer-reviewed-invalid", offer.id, where, (("reviewed", offer.reviewed),))]
    if reviewed > today:
        return [Finding("offer-reviewed-future", offer.id, where, (("reviewed", offer.reviewed),))]
    if add_months(reviewed, max_age_months) < today:
        args = (("reviewed", offer.reviewed), ("months", max_age_months))
        return [Finding("offer-stale", offer.id, where, args)]
    return []


# --- silencing ---------------------------------------------------------------------------


def _silence(ruleset: Ruleset, found: list[Finding], places: _Places) -> tuple[list[Finding], list[Finding]]:
    """Split findings into kept and silenced; flag unknown and unused silences."""
    reasons: dict[tuple[str, str, str], str] = {}
    items: list[tuple[str, str, tuple[tuple[str, str], ...], Location]] = []
    for rule in ruleset.rules:
        items.append(("rule", rule.id, rule.silenced, places.rule(rule)))
    for offer in ruleset.offers:
        items.append(("offer", offer.id, offer.silenced, places.offer(offer)))
    extra: list[Finding] = []
    for subject, item, silenced, location in items:
        for check, reason in silenced:
            reasons[(subject, item, check)] = reason
            if check not in CHECKS:
                where = _lint_entry(places, subject, item, check, location, ruleset)
                extra.append(
                    Finding("lint-unknown-id", item, where, (("check", check), ("suggestion", suggest(check, CHECKS))))
                )
    kept: list[Finding] = []
    muted: list[Finding] = []
    used: set[tuple[str, str, str]] = set()
    for finding in found:
        key = (finding.subject, finding.item, finding.check)
        if key in reasons:
            used.add(key)
            muted.append(replace(finding, silenced=reasons[key]))
        else:
            kept.append(finding)
    for (subject, item, check), _reason in reasons.items():
        if check in CHECKS and (subject, item, check) not in used:
            location = next(loc for s, i, _, loc in items if s == subject and i == item)
            where = _lint_entry(places, subject, item, check, location, ruleset)
            extra.append(Finding("lint-unused", item, where, (("check", check),)))
    return kept + extra, muted


def _lint_entry(places: _Places, subject: str, item: str, check: str, location: Location, ruleset: Ruleset) -> Location:
    if subject == "rule":
        rule = next(r for r in ruleset.rules if r.id == item)
        return places.rule(rule, ("lint", check))
    offer = ruleset.offers_by_id[item]
    return places.offer(offer, ("lint", check))
