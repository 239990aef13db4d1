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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from referral.analysis.gaps import Scorer, build_space, scorers, split_by, targets
from referral.analysis.space import Expr, Space, eligibility_condition, every, neg, some
from referral.core.i18n import register_messages, translate
from referral.core.model import AllOf, AnyOf, Condition, Location, Not, Offer, Rule, Ruleset, Source, Test
from referral.core.vocabulary import suggest
from referral.core.yamlsource import Document, PathKey

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
DEFAULT_MAX_AGE_MONTHS = 12


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
        Check("offer-never-eligible", ERROR, "offer"),
        Check("offer-age-range-empty", ERROR, "offer"),
        Check("offer-never-referred", ERROR, "offer"),
        Check("offer-stale", WARNING, "offer"),
        Check("offer-not-reviewed", WARNING, "offer"),
        Check("offer-reviewed-invalid", ERROR, "offer"),
        Check("offer-reviewed-future", WARNING, "offer"),
        Check("offer-no-contact", WARNING, "offer"),
        Check("offer-contact-to-review", INFO, "offer"),
        Check("offer-no-source", ERROR, "offer"),
        Check("offer-source-unverifiable", INFO, "offer"),
        Check("lint-unknown-id", WARNING, "any"),
        Check("lint-unused", INFO, "any"),
    )
}

register_messages(
    {
        "lint.severity.error": ("fout", "error"),
        "lint.severity.warning": ("waarschuwing", "warning"),
        "lint.severity.info": ("info", "info"),
        "lint.summary": (
            "{errors} fout(en), {warnings} waarschuwing(en), {infos} info; {silenced} onderdrukt",
            "{errors} error(s), {warnings} warning(s), {infos} info; {silenced} silenced",
        ),
        "lint.silenced_header": ("Onderdrukt (met reden):", "Silenced (with reason):"),
        "lint.silenced_reason": ("reden: {reason}", "reason: {reason}"),
        "lint.hint_prefix": ("tip", "fix"),
        "lint.missing.phone": ("telefoonnummer", "phone number"),
        "lint.missing.hours": ("openingstijden", "opening hours"),
        "lint.rule-never-fires": (
            "regel '{item}' kan nooit vuren: geen enkele casus voldoet aan de voorwaarde",
            "rule '{item}' can never fire: no casus meets its condition",
        ),
        "lint.rule-never-fires.hint": (
            "zoek tests die elkaar uitsluiten (min boven max, een waarde en haar ontkenning, "
            "twee verschillende waarden)",
            "look for tests that exclude each other (min above max, a value and its negation, two different values)",
        ),
        "lint.rule-dead-branch": (
            "dit alternatief van 'any' in regel '{item}' maakt nooit verschil: de regel vuurt er nooit door",
            "this 'any' alternative of rule '{item}' never makes a difference: the rule never fires because of it",
        ),
        "lint.rule-dead-branch.hint": (
            "verwijder het alternatief, of corrigeer de test als er iets anders bedoeld was",
            "remove the alternative, or correct the test if something else was meant",
        ),
        "lint.rule-redundant-test": (
            "deze test in 'all' van regel '{item}' is altijd waar als de andere tests waar zijn",
            "this 'all' test of rule '{item}' always holds when the other tests hold",
        ),
        "lint.rule-redundant-test.hint": (
            "laat de test weg, of maak hem strenger als er iets anders bedoeld was",
            "leave the test out, or make it stricter if something else was meant",
        ),
        "lint.rule-no-target": (
            "regel '{item}' selecteert geen enkel aanbod: geen aanbod heeft deze tags of ids",
            "rule '{item}' selects no offer: no offer has these tags or ids",
        ),
        "lint.rule-no-target.hint": (
            "geef een aanbod de tag, verwijs naar een bestaand aanbod, of verwijder de regel",
            "give an offer the tag, name an existing offer, or remove the rule",
        ),
        "lint.rule-no-effect": (
            "regel '{item}' vuurt alleen voor casussen waarvoor geen van zijn {count} aanbod(en) beschikbaar is",
            "rule '{item}' only fires for casussen for whom none of its {count} offer(s) is available",
        ),
        "lint.rule-no-effect.hint": (
            "vergelijk de voorwaarde met de doelgroep, wijken en leeftijd van het aanbod",
            "compare the condition with the offers' audience, wijken and age limits",
        ),
        "lint.rule-duplicate": (
            "regel '{item}' doet hetzelfde als '{other}' ({where}): zelfde voorwaarde, zelfde aanbod; "
            "de punten tellen dubbel",
            "rule '{item}' does the same as '{other}' ({where}): same condition, same offers; the points count twice",
        ),
        "lint.rule-duplicate.hint": (
            "voeg de twee regels samen tot één regel met het totale gewicht",
            "merge the two rules into one with the total weight",
        ),
        "lint.rule-subsumed": (
            "regel '{item}' vuurt alleen als '{other}' ook vuurt ({where}), voor hetzelfde aanbod: "
            "zijn gewicht komt daar altijd bovenop",
            "rule '{item}' only fires when '{other}' fires too ({where}), for the same offers: "
            "its weight always adds to it",
        ),
        "lint.rule-subsumed.hint": (
            "bedoeld als extra gewicht? Onderdruk dan met een reden; anders voeg de regels samen",
            "meant as extra weight? Then silence it with a reason; otherwise merge the rules",
        ),
        "lint.rule-subsumed.exclude": (
            "regel '{item}' sluit alleen uit als '{other}' ({where}) hetzelfde aanbod al uitsluit",
            "rule '{item}' only excludes when '{other}' ({where}) already excludes the same offers",
        ),
        "lint.rule-subsumed.exclude.hint": ("de regel kan weg", "the rule can be removed"),
        "lint.rule-no-source": ("regel '{item}' heeft geen bron", "rule '{item}' has no source"),
        "lint.rule-no-source.hint": (
            "voeg onder 'source' het document of de pagina toe waar de regel op steunt",
            "add the document or page the rule rests on under 'source'",
        ),
        "lint.rule-source-unverifiable": (
            "de bron van regel '{item}' heeft geen url en geen citaat: niet na te gaan",
            "the source of rule '{item}' has no url and no quote: it cannot be checked",
        ),
        "lint.rule-source-unverifiable.hint": (
            "voeg een openbare url of het citaat toe waar de regel op steunt",
            "add a public url or the quote the rule rests on",
        ),
        "lint.offer-never-eligible": (
            "aanbod '{item}' is voor geen enkele casus beschikbaar: de voorwaarden sluiten elkaar uit",
            "offer '{item}' is available to no casus: its conditions exclude each other",
        ),
        "lint.offer-never-eligible.hint": (
            "controleer leeftijd (min en max), wijken, talen en 'when' onder 'eligibility'",
            "check age (min and max), wijken, languages and 'when' under 'eligibility'",
        ),
        "lint.offer-age-range-empty": (
            "de leeftijdsgrens van aanbod '{item}' is leeg: min {min} ligt boven max {max}",
            "the age limit of offer '{item}' is empty: min {min} is above max {max}",
        ),
        "lint.offer-age-range-empty.hint": (
            "draai min en max om, of neem de grens over zoals de organisatie hem publiceert",
            "swap min and max, or copy the limit as the organisation publishes it",
        ),
        "lint.offer-never-referred.no_rule": (
            "aanbod '{item}' wordt nooit verwezen: geen enkele regel selecteert het (op id of tag)",
            "offer '{item}' is never referred: no rule selects it (by id or tag)",
        ),
        "lint.offer-never-referred.no_points": (
            "aanbod '{item}' wordt nooit verwezen: geen regel geeft het punten voor een casus "
            "waarvoor het beschikbaar is",
            "offer '{item}' is never referred: no rule gives it points for a casus it is available to",
        ),
        "lint.offer-never-referred.hint": (
            "geef het aanbod een tag die regels gebruiken, of voeg een regel toe die het noemt",
            "give the offer a tag that rules use, or add a rule that names it",
        ),
        "lint.offer-stale": (
            "aanbod '{item}' is voor het laatst gecontroleerd op {reviewed}, meer dan {months} maanden geleden",
            "offer '{item}' was last checked on {reviewed}, more than {months} months ago",
        ),
        "lint.offer-stale.hint": (
            "controleer de gegevens bij de bron en zet 'reviewed' op de datum van controle",
            "check the facts at the source and set 'reviewed' to the date of the check",
        ),
        "lint.offer-not-reviewed": (
            "aanbod '{item}' heeft geen datum van laatste controle ('reviewed')",
            "offer '{item}' has no date of last check ('reviewed')",
        ),
        "lint.offer-not-reviewed.hint": (
            "controleer de gegevens en vul 'reviewed' in (JJJJ-MM-DD)",
            "check the facts and fill in 'reviewed' (YYYY-MM-DD)",
        ),
        "lint.offer-reviewed-invalid": (
            "'reviewed' van aanbod '{item}' is geen bestaande datum: {reviewed}",
            "'reviewed' of offer '{item}' is not a real date: {reviewed}",
        ),
        "lint.offer-reviewed-invalid.hint": ("schrijf de datum als JJJJ-MM-DD", "write the date as YYYY-MM-DD"),
        "lint.offer-reviewed-future": (
            "'reviewed' van aanbod '{item}' ligt in de toekomst: {reviewed}",
            "'reviewed' of offer '{item}' lies in the future: {reviewed}",
        ),
        "lint.offer-reviewed-future.hint": (
            "zet de datum waarop de gegevens echt zijn gecontroleerd",
            "use the date the facts were actually checked",
        ),
        "lint.offer-no-contact": (
            "aanbod '{item}' heeft geen website, telefoonnummer of e-mailadres",
            "offer '{item}' has no website, phone number or e-mail address",
        ),
        "lint.offer-no-contact.hint": (
            "zoek een openbare contactmogelijkheid op en vermeld waar die vandaan komt",
            "look up a public way to make contact and cite where it comes from",
        ),
        "lint.offer-contact-to-review": (
            "te controleren: bij aanbod '{item}' ontbreekt {missing_nl}",
            "to review: offer '{item}' lacks {missing_en}",
        ),
        "lint.offer-contact-to-review.hint": (
            "vul aan uit een openbare bron, of laat leeg als geen bron het noemt",
            "fill in from a public source, or leave empty when no source gives it",
        ),
        "lint.offer-no-source": ("aanbod '{item}' heeft geen bron", "offer '{item}' has no source"),
        "lint.offer-no-source.hint": (
            "voeg onder 'source' de pagina of het document toe waar de gegevens vandaan komen",
            "add the page or document the facts come from under 'source'",
        ),
        "lint.offer-source-unverifiable": (
            "de bronnen van aanbod '{item}' hebben geen url en geen citaat: niet na te gaan",
            "the sources of offer '{item}' have no url and no quote: they cannot be checked",
        ),
        "lint.offer-source-unverifiable.hint": (
            "voeg een openbare url of het citaat toe",
            "add a public url or the quote",
        ),
        "lint.lint-unknown-id": (
            "'{check}' onder 'lint' van '{item}' is geen bevinding van referral lint",
            "'{check}' under 'lint' of '{item}' is not a finding of referral lint",
        ),
        "lint.lint-unknown-id.hint": ("bedoelde u '{suggestion}'?", "did you mean '{suggestion}'?"),
        "lint.lint-unknown-id.hint.list": (
            "zie docs/lint.md voor de bevindingen",
            "see docs/lint.md for the findings",
        ),
        "lint.lint-unused": (
            "'{check}' is onderdrukt bij '{item}', maar die bevinding komt daar niet (meer) voor",
            "'{check}' is silenced on '{item}', but that finding no longer occurs there",
        ),
        "lint.lint-unused.hint": ("haal de regel onder 'lint' weg", "remove the entry under 'lint'"),
    }
)


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

    def message(self, lang: str = "nl") -> str:
        code = f"lint.{self.check}" + (f".{self.variant}" if self.variant else "")
        return translate(code, lang, item=self.item, **dict(self.args))

    def hint(self, lang: str = "nl") -> str:
        code = f"lint.{self.check}" + (f".{self.variant}" if self.variant else "") + ".hint"
        if self.check == "lint-unknown-id":
            suggestion = dict(self.args).get("suggestion")
            return translate(code if suggestion else code + ".list", lang, suggestion=suggestion)
        if self.check == "offer-never-referred":
            code = "lint.offer-never-referred.hint"
        return translate(code, lang, item=self.item, **dict(self.args))

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
) -> LintReport:
    """Every finding about the content, silenced ones apart."""
    today = today or dt.date.today()
    places = _Places(ruleset, documents)
    space = build_space(ruleset)
    found: list[Finding] = []
    found.extend(_rule_findings(ruleset, space, places))
    found.extend(_offer_findings(ruleset, space, places, today, max_age_months))
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
        if not chosen:
            found.append(Finding("rule-no-target", rule.id, places.rule(rule, ("effect",))))
        if not space.satisfiable(when):
            found.append(Finding("rule-never-fires", rule.id, places.rule(rule, ("when",))))
            continue
        found.extend(_redundant_parts(rule, space, when, places))
        if chosen and not space.satisfiable(every((when, some(eligibility[o] for o in chosen)))):
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


def _replace(condition: Condition, path: PathKey, new: Condition) -> Condition:
    """The condition with the item at `path` (relative, as from `_parts`) replaced."""
    if not path:
        return new
    if isinstance(condition, Not):
        return Not(_replace(condition.item, path[1:], new))
    assert isinstance(condition, AllOf | AnyOf) and isinstance(path[1], int)
    items = list(condition.items)
    items[path[1]] = _replace(items[path[1]], path[2:], new)
    return replace(condition, items=tuple(items))


def _equivalent(space: Space, a: Expr, b: Expr) -> bool:
    return not space.satisfiable(some((every((a, neg(b))), every((neg(a), b)))))


_TRUE: Condition = AllOf(())


def _redundant_parts(rule: Rule, space: Space, when: Expr, places: _Places) -> list[Finding]:
    """`any` alternatives that never make a difference; `all` tests implied by the others.

    A part is redundant exactly when replacing it by FALSE (in `any`) or TRUE (in `all`)
    leaves the condition equivalent: this takes the surrounding condition into account.
    """
    found: list[Finding] = []
    reported: list[PathKey] = []
    for path, word in _parts(rule.when, ()):
        if any(path[: len(done)] == done for done in reported):
            continue  # inside a part already found redundant: everything there is
        if word == "any":
            changed = _replace(rule.when, path, _never())
            check = "rule-dead-branch"
        else:
            changed = _replace(rule.when, path, _TRUE)
            check = "rule-redundant-test"
        if _equivalent(space, when, space.compile(changed)):
            found.append(Finding(check, rule.id, places.rule(rule, ("when", *path))))
            reported.append(path)
    return found


def _never() -> Condition:
    """A condition no casus meets, in the model's own terms (an `any` needs an item)."""
    return AllOf((Test("audience", "known", (True,)), Test("audience", "known", (False,))))


def _overlaps(ruleset: Ruleset, space: Space, conditions: Sequence[Expr], places: _Places) -> list[Finding]:
    """Rules with the same effect target where one condition implies the other."""
    found: list[Finding] = []
    groups: dict[tuple[frozenset[str], frozenset[str], bool], list[int]] = {}
    for index, rule in enumerate(ruleset.rules):
        key = (rule.effect.offers, rule.effect.tags, rule.effect.exclude)
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
    for offer in ruleset.offers:
        found.extend(_reachability(offer, compiled[offer.id], space, places))
        found.extend(_review(offer, places, today, max_age_months))
        contact = offer.contact
        if not (contact.url or contact.phone or contact.email):
            found.append(Finding("offer-no-contact", offer.id, places.offer(offer, ("contact",))))
        missing = []
        if not contact.phone:
            missing.append("phone")
        if not contact.schedule and not contact.schedule_notes:
            missing.append("hours")
        if missing:
            args = tuple(
                (
                    f"missing_{lang}",
                    translate("gaps.and", lang).join(translate(f"lint.missing.{m}", lang) for m in missing),
                )
                for lang in ("nl", "en")
            )
            found.append(Finding("offer-contact-to-review", offer.id, places.offer(offer, ("contact",)), args))
        if not offer.sources:
            found.append(Finding("offer-no-source", offer.id, places.offer(offer, ("source",))))
        elif _unverifiable(offer.sources):
            found.append(Finding("offer-source-unverifiable", offer.id, places.offer(offer, ("source",))))
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
    reached, _ = split_by(space, scorer, space.full_box(), 1, first_only=True)
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
