"""The same decision as a GoRules ZEN graph, to compare rankings and throughput with a peer engine.

The synthetic content (tests/synthetic_region.py) is written as a JSON Decision Model for ZEN
(`zen-engine`, a benchmark-only dependency: `pip install -e '.[bench]'`):

- a decision table (hit policy "collect") with one row per rule: every test is a unary test in
  the column of its signal (a list of values, a range, a boolean, `some(...)` for sets);
- a decision table with one row per offer that can be advised on the day of the advice (its
  period and its kind of help decide that before any casus: rows only for those): eligibility
  by audience, wijk, age and languages;
- a function node that sums the weights of the fired rules per eligible offer, drops what an
  excluding rule hits, splits the advice into the person's part and the asker's part (someone
  close asks: offers for helpers go to the one who asks), and orders each part as the engine
  does: round by round over the kinds of help (an offer's first kind), then score, then
  wijk-specific before region-wide, then id.

Both engines get the same normalized signals (parsing is not what is compared) and must return
the same ranking: {"person": [(offer id, score), ...], "asker": [...]} in order. The content must
be table-shaped (`RegionShape.table()`: no `for` groups, no loneliness gate).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from referral.core.model import AllOf, Condition, Offer, Ruleset, Test

COLUMNS = (
    "audience",
    "age",
    "wijk",
    "household",
    "migration_background",
    "languages",
    "loneliness.social",
    "loneliness.emotional",
    "loneliness.severity",
    "life_events",
    "mobility",
    "preferences",
    "involved",
)

RANK = """const local = LOCAL;
const kinds = KINDS;
const helpers = HELPERS;
const order = (items) => {
  items.sort((a, b) => (b[1] - a[1]) || ((local[a[0]] ? 0 : 1) - (local[b[0]] ? 0 : 1)) || (a[0] < b[0] ? -1 : 1));
  const turns = {};
  const keyed = items.map((item, index) => {
    const kind = kinds[item[0]];
    const turn = turns[kind] || 0;
    turns[kind] = turn + 1;
    return [turn, index, item];
  });
  keyed.sort((a, b) => (a[0] - b[0]) || (a[1] - b[1]));
  return keyed.map((k) => k[2]);
};
export const handler = async (input) => {
  const eligible = new Set((input.eligible || []).map((row) => row.offer));
  const excluded = new Set();
  const scores = new Map();
  for (const row of input.fired || []) {
    for (const offer of row.offers) {
      if (!eligible.has(offer)) continue;
      if (row.exclude) { excluded.add(offer); continue; }
      scores.set(offer, (scores.get(offer) || 0) + row.weight);
    }
  }
  const asks = input.audience === "helper";
  const person = [];
  const asker = [];
  for (const [offer, score] of scores) {
    if (score > 0 && !excluded.has(offer)) (asks && helpers[offer] ? asker : person).push([offer, score]);
  }
  return { person: order(person), asker: order(asker) };
};"""


def _literal(value: Any) -> str:
    return json.dumps(value)


def unary(test: Test, kinds: Mapping[str, str]) -> str:
    """One test as a ZEN unary expression on the cell's input `$` (a missing signal never passes)."""
    if test.op in ("in", "is") and kinds[test.signal] != "boolean":
        return "$ != null and $ in [" + ", ".join(_literal(v) for v in test.values) + "]"
    if test.op == "is":
        return "$ == " + ("true" if test.values[0] else "false")
    if test.op == "includes":
        return "$ != null and some($, # in [" + ", ".join(_literal(v) for v in test.values) + "])"
    if test.op == "range":
        return "$ != null and " + _bounds(test.minimum, test.maximum)
    if test.op == "known":
        return "$ != null" if test.values[0] else "$ == null"
    raise ValueError(f"no unary test for {test.op}")


def _bounds(low: int | None, high: int | None) -> str:
    """A range test (ZEN's parser wants `[a..b]`, not parentheses around `and`)."""
    if low is not None and high is not None:
        return f"$ in [{low}..{high}]"
    if low is not None:
        return f"$ >= {low}"
    if high is not None:
        return f"$ <= {high}"
    return "true"


def _row_tests(condition: Condition) -> list[Test]:
    if isinstance(condition, Test):
        return [condition]
    if isinstance(condition, AllOf) and all(isinstance(item, Test) for item in condition.items):
        return [item for item in condition.items if isinstance(item, Test)]
    raise ValueError("only conjunctions of tests fit a decision table row")


def _column(name: str) -> str:
    return "c_" + name.replace(".", "_")


def _at_levels(test: Test, ruleset: Ruleset) -> Test:
    if test.op not in ("at_least", "at_most"):
        return test
    signal = ruleset.vocabulary.signals[test.signal]
    bound = signal.order(str(test.values[0]))
    keep = [v for v in signal.value_ids() if (signal.order(v) >= bound) == (test.op == "at_least")]
    return Test(test.signal, "in", tuple(keep))


def rules_table(ruleset: Ruleset) -> dict[str, Any]:
    kinds = {sid: signal.kind for sid, signal in ruleset.vocabulary.signals.items()}
    rows = []
    for rule, targets in zip(ruleset.rules, ruleset.targets, strict=True):
        row: dict[str, str] = {"_id": rule.id}
        for name in COLUMNS:
            row[_column(name)] = ""
        for test in _row_tests(rule.when):
            row[_column(test.signal)] = unary(_at_levels(test, ruleset), kinds)
        row["o_weight"] = str(rule.effect.weight)
        row["o_exclude"] = "true" if rule.effect.exclude else "false"
        row["o_offers"] = "[" + ", ".join(_literal(o.id) for o in targets) + "]"
        rows.append(row)
    return {
        "hitPolicy": "collect",
        "inputs": [{"id": _column(name), "name": name, "field": name} for name in COLUMNS],
        "outputs": [
            {"id": "o_weight", "name": "weight", "field": "weight"},
            {"id": "o_exclude", "name": "exclude", "field": "exclude"},
            {"id": "o_offers", "name": "offers", "field": "offers"},
        ],
        "rules": rows,
        "outputPath": "fired",
    }


def _eligibility(offer: Offer, ruleset: Ruleset, kinds: Mapping[str, str]) -> dict[str, str]:
    row = {"_id": offer.id, "e_audience": "", "e_wijk": "", "e_age": "", "e_languages": ""}
    for name in COLUMNS:
        row["r_" + _column(name)] = ""
    if offer.requires != AllOf(()):
        for test in _row_tests(offer.requires):
            row["r_" + _column(test.signal)] = unary(_at_levels(test, ruleset), kinds)
    if "client" not in offer.audiences:  # for helpers only: only when someone close asks
        row["e_audience"] = '$ == "helper"'
    if offer.wijken is not None:
        row["e_wijk"] = "$ != null and $ in [" + ", ".join(_literal(w) for w in offer.wijken) + "]"
    if offer.age_min is not None or offer.age_max is not None:
        row["e_age"] = "$ == null or " + _bounds(offer.age_min, offer.age_max)
    if offer.languages:
        spoken = ", ".join(_literal(v) for v in offer.languages)
        row["e_languages"] = f"$ == null or len($) == 0 or some($, # in [{spoken}])"
    row["o_offer"] = _literal(offer.id)
    return row


def advisable(ruleset: Ruleset, day: dt.date) -> list[Offer]:
    """The offers that can be advised on this day at all: current, and of a kind that is advised."""
    from referral.engine.compile import plain_period
    from referral.engine.program import in_period

    return [
        offer
        for offer in ruleset.offers
        if ruleset.referable(offer) and in_period(plain_period(offer.period), day.toordinal()) is None
    ]


def offers_table(ruleset: Ruleset, day: dt.date) -> dict[str, Any]:
    kinds = {sid: signal.kind for sid, signal in ruleset.vocabulary.signals.items()}
    return {
        "hitPolicy": "collect",
        "inputs": [
            {"id": "e_audience", "name": "audience", "field": "audience"},
            {"id": "e_wijk", "name": "wijk", "field": "wijk"},
            {"id": "e_age", "name": "age", "field": "age"},
            {"id": "e_languages", "name": "languages", "field": "languages"},
            *({"id": "r_" + _column(name), "name": name, "field": name} for name in COLUMNS),
        ],
        "outputs": [{"id": "o_offer", "name": "offer", "field": "offer"}],
        "rules": [_eligibility(offer, ruleset, kinds) for offer in advisable(ruleset, day)],
        "outputPath": "eligible",
    }


def graph(ruleset: Ruleset, day: dt.date) -> dict[str, Any]:
    """The whole decision as one JDM graph: input -> both tables -> ranking function -> output."""
    local = {offer.id: offer.is_local for offer in ruleset.offers}
    main_kind = {offer.id: offer.kinds[0] if offer.kinds else "" for offer in ruleset.offers}
    helpers = {offer.id: "helper" in offer.audiences for offer in ruleset.offers}
    source = RANK.replace("LOCAL", json.dumps(local)).replace("KINDS", json.dumps(main_kind))
    source = source.replace("HELPERS", json.dumps(helpers))
    position = {"x": 0, "y": 0}
    return {
        "contentType": "application/vnd.gorules.decision",
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "casus", "position": position},
            {
                "id": "rules",
                "type": "decisionTableNode",
                "name": "rules",
                "position": position,
                "content": rules_table(ruleset),
            },
            {
                "id": "offers",
                "type": "decisionTableNode",
                "name": "offers",
                "position": position,
                "content": offers_table(ruleset, day),
            },
            {
                "id": "rank",
                "type": "functionNode",
                "name": "rank",
                "position": position,
                "content": {"source": source},
            },
            {"id": "out", "type": "outputNode", "name": "ranking", "position": position},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "rules"},
            {"id": "e2", "sourceId": "in", "targetId": "offers"},
            {"id": "e3", "sourceId": "rules", "targetId": "rank"},
            {"id": "e4", "sourceId": "offers", "targetId": "rank"},
            {"id": "e5", "sourceId": "rank", "targetId": "out"},
            {"id": "e6", "sourceId": "in", "targetId": "rank"},  # who asks decides the parts
        ],
    }


def zen_input(signals: Mapping[str, Any]) -> dict[str, Any]:
    """The normalized signals as ZEN input: sets as lists, `loneliness.social` nested (ZEN reads
    a dotted field as a path), a missing signal as null."""
    data: dict[str, Any] = {}
    for name in COLUMNS:
        value = signals.get(name)
        value = list(value) if isinstance(value, tuple) else value
        head, _, tail = name.partition(".")
        if tail:
            data.setdefault(head, {})[tail] = value
        else:
            data[head] = value
    return data


Ranked = dict[str, list[tuple[str, int]]]


class ZenRanker:
    """The decision on one day compiled by ZEN once; `rank` evaluates one casus."""

    def __init__(self, ruleset: Ruleset, day: dt.date) -> None:
        import zen

        self.engine = zen.ZenEngine()
        self.decision = self.engine.create_decision(json.dumps(graph(ruleset, day)))

    def rank(self, signals: Mapping[str, Any]) -> Ranked:
        result = self.decision.evaluate(zen_input(signals))["result"]
        return {part: [(offer, int(score)) for offer, score in result[part]] for part in ("person", "asker")}


def our_ranking(ruleset: Ruleset, signals: Mapping[str, Any], program: Any, day: dt.date) -> Ranked:
    """Our ranking of the same casus, from the engine's program: both parts, [(offer id, score), ...]."""
    ranking = program.rank(program.decide(signals, day.toordinal()))
    return {
        part: [(ruleset.offers[offer].id, score) for offer, score, _ in ranked]
        for part, ranked in (("person", ranking.person), ("asker", ranking.asker))
    }


def compare(
    ruleset: Ruleset, casussen: Sequence[Mapping[str, Any]], program: Any, day: dt.date
) -> tuple[int, list[int]]:
    """How many casussen both engines rank identically, and the positions where they differ."""
    peer = ZenRanker(ruleset, day)
    same, differ = 0, []
    for number, signals in enumerate(casussen):
        if peer.rank(signals) == our_ranking(ruleset, signals, program, day):
            same += 1
        else:
            differ.append(number)
    return same, differ


__all__ = ["ZenRanker", "compare", "graph", "our_ranking", "zen_input"]
