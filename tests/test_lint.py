"""`referral lint` on the shipped content and on deliberately broken, stale and silenced copies."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import Run

from referral.analysis.lint import CHECKS, add_months, lint
from referral.analysis.reach import build_space
from referral.content.loading import ContentDirs, load_content
from referral.core.model import AllOf, AnyOf, Not, Ruleset
from referral.core.model import Test as Unary

TODAY = "2026-12-02"
ROOT_RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture()
def run_lint(run: Run) -> Run:
    """`run_lint("--format", "json", content=dirs)`: `referral lint` on a fixed day."""

    def invoke(*args: str, **options: Any) -> Result:
        return run("lint", "--today", TODAY, *args, **options)

    return invoke


def findings(result: Result, key: str = "findings") -> list[dict[str, Any]]:
    data = json.loads(result.output)
    found: list[dict[str, Any]] = data[key]
    return found


def add_rule(dirs: ContentDirs, text: str) -> int:
    """Append a rule to rules/basis.yaml; returns the line of its `- id:`."""
    path = dirs.rules / "basis.yaml"
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n" + text.strip("\n") + "\n", encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


RULE = """
  - id: {id}
    when:
{when}
    effect: {effect}
    because: Samen met anderen iets doen (een testregel).
    source:
      - title: Test
        url: https://example.org/test
"""


def rule_text(rule_id: str, when: str, effect: str = "{weight: 10, kinds: [meeting]}") -> str:
    return RULE.format(id=rule_id, when=when, effect=effect)


def edit_offer(dirs: ContentDirs, offer_id: str, old: str, new: str) -> None:
    path = dirs.offers / f"{offer_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(dirs: ContentDirs, offer_id: str, start: str) -> int:
    """The 1-based line of the first line of an offer file that starts with `start`."""
    lines = (dirs.offers / f"{offer_id}.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def by_id(found: list[dict[str, Any]], check: str) -> list[dict[str, Any]]:
    return [f for f in found if f["id"] == check]


# --- the shipped content ---------------------------------------------------------------


def test_shipped_content_has_no_errors(run_lint: Run) -> None:
    result = run_lint("--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["summary"]["error"] == 0
    for finding in data["findings"]:
        assert finding["id"] in CHECKS and finding["severity"] == CHECKS[finding["id"]].severity
        assert finding["file"] and finding["line"] and finding["message"] and finding["hint"]
    strict = run_lint("--strict")
    assert strict.exit_code == (1 if data["summary"]["warning"] else 0)


def test_text_output_has_positions_hints_and_a_summary(run_lint: Run) -> None:
    result = run_lint()
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[-1].startswith("0 fouten")
    first = next(line for line in lines if "[" in line)
    assert first.split(":")[1].isdigit()  # file:line:column
    assert any(line.startswith("    tip: ") for line in lines)


def test_english(run: Run) -> None:
    result = run("--lang", "en", "lint", "--today", TODAY)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("0 errors")
    assert "    fix: " in result.output


# --- rules that can never fire, or do nothing ------------------------------------------


@pytest.mark.parametrize(
    "when",
    [
        "      all: [{signal: age, max: 20}, {signal: age, min: 30}]",
        "      {signal: age, min: 30, max: 20}",
        "      all: [{signal: loneliness.social, is: true}, {not: {signal: loneliness.social, is: true}}]",
        "      all: [{signal: wijk, is: Overvecht}, {signal: wijk, is: Zuid}]",
        "      all: [{signal: life_events, includes: bereavement}, {signal: life_events, known: false}]",
    ],
)
def test_contradictory_rule_is_found_at_its_line(content_copy: ContentDirs, when: str, run_lint: Run) -> None:
    line = add_rule(content_copy, rule_text("tegenstrijdig", when))
    result = run_lint("--format", "json", content=content_copy)
    assert result.exit_code == 1, result.output
    (finding,) = by_id(findings(result), "rule-never-fires")
    assert finding["item"] == "tegenstrijdig" and finding["severity"] == "error"
    assert finding["file"].endswith("basis.yaml") and finding["line"] == line + 1  # the `when:` line
    text = run_lint(content=content_copy)
    assert f"basis.yaml:{line + 1}:" in text.output and "[rule-never-fires]" in text.output


def test_dead_branch_and_redundant_test(content_copy: ContentDirs, run_lint: Run) -> None:
    when = """      any:
        - {signal: age, min: 65}
        - all: [{signal: age, min: 70}, {signal: loneliness.social, is: true}]"""
    dead_line = add_rule(content_copy, rule_text("overbodig", when))
    when = """      all:
        - {signal: loneliness.emotional, is: true}
        - {signal: age, min: 70}
        - {signal: age, min: 18}"""
    redundant_line = add_rule(content_copy, rule_text("dubbele-test", when))
    found = findings(run_lint("--format", "json", content=content_copy))
    (dead,) = by_id(found, "rule-dead-branch")  # and nothing inside the dead branch
    assert dead["item"] == "overbodig" and dead["line"] == dead_line + 4
    (redundant,) = by_id(found, "rule-redundant-test")
    assert redundant["item"] == "dubbele-test" and redundant["line"] == redundant_line + 5
    assert redundant["severity"] == "info"


def test_duplicate_and_subsumed_rules(content_copy: ContentDirs, run_lint: Run) -> None:
    line = add_rule(
        content_copy,
        rule_text("dubbel", "      {ref: socially_lonely}", "{weight: 5, kinds: [meeting]}"),
    )
    add_rule(
        content_copy,
        rule_text(
            "smaller",
            "      all: [{ref: socially_lonely}, {signal: age, min: 65}]",
            "{weight: 5, kinds: [meeting]}",
        ),
    )
    found = findings(run_lint("--format", "json", content=content_copy))
    (duplicate,) = by_id(found, "rule-duplicate")  # reported on the later of the two, pointing to the other
    assert duplicate["item"] == "sociaal-ontmoeten" and duplicate["file"].endswith("eenzaamheid.yaml")
    assert "'dubbel' (" in duplicate["message"] and f"basis.yaml:{line}:" in duplicate["message"]
    subsumed = {f["item"] for f in by_id(found, "rule-subsumed")}
    assert subsumed == {"smaller"}  # the shipped subsumed rules carry a silence with a reason


def add_kind(dirs: ContentDirs, kind: str) -> None:
    vocabulary = dirs.rules / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    entry = f"  {kind}:\n    nl: ongebruikt\n    terms: {{nl: [ongebruikt]}}\n"
    vocabulary.write_text(text.replace("\nkinds:\n", "\nkinds:\n" + entry, 1), encoding="utf-8")


def test_rule_without_effect_or_target(content_copy: ContentDirs, run_lint: Run) -> None:
    add_rule(
        content_copy,
        rule_text(
            "helpt-niemand",
            "      {signal: audience, is: client}",
            "{weight: 10, offers: [training-zingeving]}",
        ).replace("Samen met anderen iets doen", "De training Zingeving"),
    )
    add_kind(content_copy, "ongebruikt")
    add_rule(
        content_copy, rule_text("zonder-doel", "      {signal: age, min: 18}", "{weight: 10, kinds: [ongebruikt]}")
    )
    found = findings(run_lint("--format", "json", content=content_copy))
    assert [f["item"] for f in by_id(found, "rule-no-effect")] == ["helpt-niemand"]
    assert [f["item"] for f in by_id(found, "rule-no-target")] == ["zonder-doel"]


def test_a_reason_must_speak_of_every_kind_it_reaches(content_copy: ContentDirs, run_lint: Run) -> None:
    """The check can fail: a reason about a buddy on a rule that also reaches listening lines."""
    line = add_rule(
        content_copy,
        rule_text(
            "maatje-en-lijn",
            "      {ref: emotionally_lonely}",
            "{weight: 10, kinds: [bond, listening]}",
        ).replace("Samen met anderen iets doen (een testregel).", "Een vast maatje biedt een hechte band."),
    )
    result = run_lint("--format", "json", content=content_copy)
    assert result.exit_code == 1
    (finding,) = [f for f in by_id(findings(result), "rule-reason-kind") if f["item"] == "maatje-en-lijn"]
    assert finding["severity"] == "error" and finding["line"] == line + 4  # the `because:` line
    assert "een luisterend oor" in finding["message"] and "de-luisterlijn" in finding["message"]
    assert "een vaste één-op-één band" not in finding["message"]  # that kind it does speak of
    english = run_lint("--format", "json", content=content_copy).output
    assert "maatje-en-lijn" in english


def test_a_named_offer_may_be_spoken_of_by_its_name(content_copy: ContentDirs, run_lint: Run) -> None:
    add_rule(
        content_copy,
        rule_text(
            "noemt-infopunt", "      {signal: age, min: 90}", "{weight: 5, offers: [infopunt-informele-zorg]}"
        ).replace("Samen met anderen iets doen (een testregel).", "Het Infopunt Informele Zorg weet de weg."),
    )
    add_rule(
        content_copy,
        rule_text(
            "noemt-niets", "      {signal: age, min: 91}", "{weight: 5, offers: [infopunt-informele-zorg]}"
        ).replace("Samen met anderen iets doen (een testregel).", "Bel gerust."),
    )
    items = {f["item"] for f in by_id(findings(run_lint("--format", "json", content=content_copy)), "rule-reason-kind")}
    assert items == {"noemt-niets"}


def test_recruitment_is_never_an_advice_and_never_flagged_unreachable(content_copy: ContentDirs, run_lint: Run) -> None:
    found = findings(run_lint("--format", "json", content=content_copy))
    assert "maatjes-gezocht" not in {f["item"] for f in by_id(found, "offer-never-referred")}
    assert "maatjes-gezocht" not in {f["item"] for f in by_id(found, "offer-no-contact-route")}


# --- offers ------------------------------------------------------------------------------


def test_offer_no_casus_can_reach(content_copy: ContentDirs, run_lint: Run) -> None:
    edit_offer(content_copy, "join-us", "age: {min: 12, max: 25}", "age: {min: 30, max: 25}")
    edit_offer(
        content_copy,
        "buurtteams",
        "  wijken: all\n",
        "  wijken: all\n  when: {all: [{signal: mobility, is: ok}, {signal: mobility, is: housebound}]}\n",
    )
    add_kind(content_copy, "ongebruikt")
    text = (content_copy.offers / "de-luisterlijn.yaml").read_text(encoding="utf-8")
    new = text.replace("id: de-luisterlijn", "id: niemand-kiest-mij").replace("kind: [listening]", "kind: [ongebruikt]")
    assert "kind: [ongebruikt]" in new
    (content_copy.offers / "niemand-kiest-mij.yaml").write_text(new, encoding="utf-8")
    result = run_lint("--format", "json", content=content_copy)
    assert result.exit_code == 1
    found = findings(result)
    (empty,) = by_id(found, "offer-age-range-empty")
    assert empty["item"] == "join-us" and empty["line"] == line_of(content_copy, "join-us", "  age:")
    (never,) = by_id(found, "offer-never-eligible")
    assert never["item"] == "buurtteams" and never["file"].endswith("buurtteams.yaml")
    referred = {f["item"]: f["message"] for f in by_id(found, "offer-never-referred")}
    assert list(referred) == ["niemand-kiest-mij"] and "geen enkele regel" in referred["niemand-kiest-mij"]


def test_stale_offer_at_its_reviewed_line(content_copy: ContentDirs, run_lint: Run) -> None:
    edit_offer(content_copy, "join-us", "reviewed: null", 'reviewed: "2025-06-01"')
    found = findings(run_lint("--format", "json", content=content_copy))
    (stale,) = by_id(found, "offer-stale")
    assert stale["item"] == "join-us" and stale["line"] == line_of(content_copy, "join-us", "reviewed:")
    assert stale["severity"] == "warning"
    assert "2025-06-01" in stale["message"] and "12 maanden" in stale["message"]
    assert not by_id(
        findings(run_lint("--format", "json", "--max-age-months", "24", content=content_copy)), "offer-stale"
    )


def test_review_dates(content_copy: ContentDirs, run_lint: Run) -> None:
    edit_offer(content_copy, "join-us", "reviewed: null", 'reviewed: "2027-01-01"')
    found = by_id(findings(run_lint("--format", "json", content=content_copy)), "offer-reviewed-future")
    assert [f["item"] for f in found] == ["join-us"]


def test_a_review_date_that_is_no_day_is_refused_when_loading(content_copy: ContentDirs, run_lint: Run) -> None:
    """'2026-02-30' has the shape of a date: the loader refuses it, so no check builds on it."""
    edit_offer(content_copy, "join-us", "reviewed: null", 'reviewed: "2026-02-30"')
    result = run_lint("--format", "json", content=content_copy)
    assert result.exit_code != 0 and "2026-02-30" in result.output


def test_an_offer_no_person_checked_is_a_warning(run_lint: Run) -> None:
    found = by_id(findings(run_lint("--format", "json")), "offer-not-reviewed")
    assert "join-us" in {f["item"] for f in found}  # no tool sets `reviewed`: only a person does


def test_a_referable_offer_needs_a_contact_route_of_its_own(content_copy: ContentDirs, run_lint: Run) -> None:
    edit_offer(
        content_copy,
        "join-us",
        "  url: https://www.u-centraal.nl/cursussen/join-us/\n",
        "  url: https://www.u-centraal.nl/\n",
    )
    found = findings(run_lint("--format", "json", content=content_copy))
    (route,) = [f for f in by_id(found, "offer-no-contact-route") if f["item"] == "join-us"]
    assert route["severity"] == "error" and "kale startpagina" in route["message"]  # a bare home page is no route
    edit_offer(content_copy, "join-us", "  url: https://www.u-centraal.nl/\n", "")
    found = findings(run_lint("--format", "json", content=content_copy))
    assert "join-us" in {f["item"] for f in by_id(found, "offer-no-contact-route")}
    review = {f["item"]: f["message"] for f in by_id(found, "offer-contact-to-review")}
    assert "telefoonnummer" in review["join-us"]


def test_old_and_undated_sources(content_copy: ContentDirs, run_lint: Run) -> None:
    found = findings(run_lint("--format", "json", content=content_copy))
    stale = {f["item"]: f for f in by_id(found, "offer-source-stale")}
    assert stale, "the shipped content has offers whose newest source is old"
    some = next(iter(stale.values()))
    assert some["severity"] == "warning"
    loose = findings(run_lint("--format", "json", "--max-source-age-months", "1200", content=content_copy))
    assert not [
        f
        for f in by_id(loose, "offer-source-stale")
        if "ongedateerd" not in f["message"] and "geen bron" not in f["message"]
    ]


def test_a_past_event_is_an_archive_entry(run_lint: Run) -> None:
    found = findings(run_lint("--format", "json"))
    past = {f["item"]: f for f in by_id(found, "offer-past")}
    assert "lezing-rick-kwekkeboom" in past and "2021-11-25" in past["lezing-rick-kwekkeboom"]["message"]
    assert "lezing-rick-kwekkeboom" not in {f["item"] for f in by_id(found, "offer-never-referred")}


def test_a_finding_can_be_silenced_with_a_reason(content_copy: ContentDirs, run_lint: Run) -> None:
    before = json.loads(run_lint("--format", "json", content=content_copy).output)["summary"]["silenced"]
    edit_offer(content_copy, "join-us", "reviewed: null", 'reviewed: "2025-06-01"')
    edit_offer(
        content_copy,
        "join-us",
        "\nsource:\n",
        '\nlint:\n  offer-stale: "U Centraal bevestigt in januari"\nsource:\n',
    )
    plain = run_lint("--format", "json", "--strict", content=content_copy)
    data = json.loads(plain.output)
    assert not by_id(data["findings"], "offer-stale") and data["summary"]["silenced"] == before + 1
    assert "silenced" not in data
    shown = run_lint("--format", "json", "--show-silenced", content=content_copy)
    (silenced,) = [f for f in findings(shown, "silenced") if f["id"] == "offer-stale"]
    assert silenced["id"] == "offer-stale" and silenced["reason"] == "U Centraal bevestigt in januari"
    text = run_lint("--show-silenced", content=content_copy).output
    assert "Onderdrukt (met reden):" in text and "reden: U Centraal bevestigt in januari" in text


def test_unknown_and_unused_silences_are_flagged(content_copy: ContentDirs, run_lint: Run) -> None:
    edit_offer(
        content_copy,
        "join-us",
        "\nsource:\n",
        '\nlint:\n  offer-stal: "typo"\n  offer-never-eligible: "niet meer nodig"\nsource:\n',
    )
    found = findings(run_lint("--format", "json", content=content_copy))
    (unknown,) = by_id(found, "lint-unknown-id")
    assert unknown["item"] == "join-us" and "offer-stale" in unknown["hint"]
    assert unknown["line"] == line_of(content_copy, "join-us", "  offer-stal:")
    (unused,) = by_id(found, "lint-unused")
    assert "offer-never-eligible" in unused["message"]


# --- usage errors and the API ------------------------------------------------------------


def test_bad_today_and_broken_content_exit_2(content_copy: ContentDirs, run_lint: Run) -> None:
    bad = run_lint("--today", "28-11-2026")
    assert bad.exit_code == 2 and "--today" in bad.output
    (content_copy.offers / "join-us.yaml").write_text("id: join-us\n", encoding="utf-8")
    broken = run_lint(content=content_copy)
    assert broken.exit_code == 2


def test_api_positions_without_documents(ruleset: Ruleset) -> None:
    report = lint(ruleset, today=dt.date(2026, 12, 2))
    assert not report.failed() and report.max_age_months == 12
    # without the documents, positions fall back to the item's own location
    assert all(f.location.line is not None for f in report.findings)


def test_positions_with_documents(content_copy: ContentDirs) -> None:
    loaded = load_content(content_copy)
    assert loaded.ruleset is not None
    report = lint(loaded.ruleset, documents=loaded.documents, today=dt.date(2026, 12, 2))
    contact = [f for f in report.findings if f.check == "offer-contact-to-review" and f.item == "join-us"]
    assert contact[0].location.line == line_of(content_copy, "join-us", "contact:")


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 11, 30), 14) == dt.date(2027, 1, 30)


def test_space_decides_satisfiability_and_implication(ruleset: Ruleset) -> None:
    extra = [
        AllOf((Unary("age", "range", (), 18, None), Unary("age", "range", (), None, 17))),
        Unary("age", "range", (), 70, None),
        Unary("age", "range", (), 65, None),
        AnyOf((Unary("loneliness.social", "is", (True,)), Not(Unary("loneliness.social", "is", (True,))))),
    ]
    space = build_space(ruleset, extra)
    contradiction, seventy, sixty_five, tautology = (space.compile(c) for c in extra)
    assert not space.satisfiable(contradiction)
    assert space.implies(seventy, sixty_five) and not space.implies(sixty_five, seventy)
    assert space.satisfiable(tautology) and not space.satisfiable(space.compile(Not(extra[3])))


def test_docs_list_every_finding_with_its_severity(run_lint: Run) -> None:
    import re
    from pathlib import Path

    guide = (Path(__file__).resolve().parent.parent / "docs" / "lint.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning|info) \|", guide, re.MULTILINE))
    assert table == {check.id: check.severity for check in CHECKS.values()}
    help_text = run_lint("--help").output
    for option in set(re.findall(r"referral (?:--lang en )?lint[^\n]*?(--[a-z-]+)", guide)):
        assert option in help_text, option


def test_own_messages_exist_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from referral.core.i18n import catalogue

    def fields(template: str) -> set[str]:
        return {
            name.removesuffix("_nl").removesuffix("_en") for _, name, _, _ in string.Formatter().parse(template) if name
        }

    messages = {**catalogue("lint"), **catalogue("gaps")}
    assert len(messages) > 60
    for code, (nl, en) in messages.items():
        assert nl.strip() and en.strip() and fields(nl) == fields(en), code
    for check in CHECKS:
        assert f"lint.{check}.hint" in messages or check == "offer-never-referred", check


def test_an_any_of_many_tests_on_one_signal_compiles_to_one_mask() -> None:
    """Lint checks each part of a rule by compiling it again without that part; tests on one
    dimension merge into one mask (exactly: union for any, intersection for all), so that a
    2,000-branch `any` stays one node and the check near-linear."""
    from referral.analysis.space import In, Some, Space, every, some
    from referral.content.loading import load_ruleset, shipped_content
    from referral.core.model import AnyOf, Test

    ruleset = load_ruleset(shipped_content())
    branches = tuple(Test("age", "range", (), i, i + 1) for i in range(0, 100, 2))
    space = Space.build(ruleset.vocabulary, [AnyOf(branches)])
    compiled = space.compile(AnyOf(branches))
    assert isinstance(compiled, In)
    parts = [space.compile(b) for b in branches]
    assert all(isinstance(p, In) for p in parts)
    union = 0
    for part in parts:
        assert isinstance(part, In)
        union |= part.mask
    assert compiled.mask == union
    a, b = parts[0], parts[1]
    assert isinstance(a, In) and isinstance(b, In)
    assert every((a, b)) == In(a.dim, a.mask & b.mask)
    assert isinstance(some((a, Some(()))), In)


def test_info_findings_are_counted_per_check_unless_asked_for(content_copy: ContentDirs, run_lint: Run) -> None:
    plain = run_lint(content=content_copy)
    assert "Info, per soort (alle met --show info):" in plain.output
    assert "[offer-to-review]" in plain.output and " info [offer-to-review]" not in plain.output
    shown = run_lint("--show", "info", content=content_copy)
    assert " info [offer-to-review]" in shown.output and "Info, per soort" not in shown.output


def test_a_rule_without_an_english_reason_is_a_warning(content_copy: ContentDirs, run_lint: Run) -> None:
    path = content_copy.rules / "basis.yaml"
    text = path.read_text(encoding="utf-8")
    old = (
        "      en: The Infopunt Informele Zorg knows all offers in the city"
        " and can be called with any question about loneliness.\n"
    )
    assert old in text
    path.write_text(text.replace(old, "", 1), encoding="utf-8")
    found = by_id(findings(run_lint("--format", "json", content=content_copy)), "rule-no-english")
    assert [f["item"] for f in found] == ["infopunt-altijd"] and found[0]["severity"] == "warning"


def _wide_rule(count: int) -> str:
    """A rule whose `any` has `count` items: age and wijk masks (many of them covered by others),
    a nested `all`, a set test and a `not`, so that every kind of item is left out once."""
    wijken = ["West", "Noordwest", "Overvecht", "Noordoost", "Oost", "Binnenstad", "Zuid", "Zuidwest"]
    lines = ["      all:", "        - {signal: household, in: [single]}", "        - any:"]
    for i in range(count):
        kind = i % 5
        if kind == 0:
            lines.append(f"            - {{signal: age, min: {i % 90}, max: {i % 90 + 4}}}")
        elif kind == 1:
            lines.append(f"            - {{signal: wijk, in: [{wijken[i % 8]}]}}")
        elif kind == 2:
            lines.append(f"            - all: [{{signal: age, min: {i % 80}}}, {{signal: mobility, in: [limited]}}]")
        elif kind == 3:
            lines.append("            - {signal: life_events, includes: bereavement}")
        else:
            lines.append(f"            - not: {{signal: age, max: {100 + i % 20}}}")
    return "\n".join(lines)


def test_a_wide_any_gives_the_findings_of_compiling_each_part_again(
    content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch, run_lint: Run
) -> None:
    """Leaving one item out of a wide `any` by masks means the same as compiling the rest again."""
    from referral.analysis import lint as lint_module

    add_rule(content_copy, rule_text("breed", _wide_rule(60)))
    fast = findings(run_lint("--format", "json", "--show", "info", content=content_copy))
    monkeypatch.setattr(lint_module, "WIDE", 10**9)  # every node the old way: compiled again per item
    slow = findings(run_lint("--format", "json", "--show", "info", content=content_copy))
    assert fast == slow
    dead = [f for f in by_id(fast, "rule-dead-branch") if f["item"] == "breed"]
    assert len(dead) > 20  # the repeated items are found, each at its own place
    assert len({f["line"] for f in dead}) == len(dead)


def test_a_wide_all_gives_the_findings_of_compiling_each_part_again(
    content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch, run_lint: Run
) -> None:
    """The same for `all`: leaving a test out keeps the intersection of the others."""
    from referral.analysis import lint as lint_module

    wijken = ["West", "Noordwest", "Overvecht", "Noordoost", "Oost", "Binnenstad", "Zuid", "Zuidwest"]
    lines = ["      all:"]
    for i in range(40):
        kind = i % 5
        if kind == 0:
            lines.append(f"        - {{signal: age, min: {i % 30}}}")
        elif kind == 1:
            lines.append(f"        - {{signal: wijk, in: [{', '.join(wijken[: 8 - i % 4])}]}}")
        elif kind == 2:
            lines.append("        - {signal: household, in: [single, couple]}")
        elif kind == 3:
            lines.append(f"        - not: {{signal: age, min: {100 + i % 15}}}")
        else:
            lines.append("        - any: [{signal: mobility, in: [limited]}, {signal: age, min: 70}]")
    add_rule(content_copy, rule_text("breed-alle", "\n".join(lines)))
    fast = findings(run_lint("--format", "json", "--show", "info", content=content_copy))
    monkeypatch.setattr(lint_module, "WIDE", 10**9)
    slow = findings(run_lint("--format", "json", "--show", "info", content=content_copy))
    assert fast == slow
    assert len([f for f in by_id(fast, "rule-redundant-test") if f["item"] == "breed-alle"]) > 20


def test_lint_compiles_a_wide_any_in_linear_work(
    content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch, run_lint: Run
) -> None:
    """Counted, not timed: compiling every other item again for each item was quadratic (a
    2,000-branch `any` took 45 s, 20,000 ran past 60 s)."""
    from referral.analysis.space import Space

    calls = [0]
    real = Space.compile

    def counting(self: Space, condition: Any) -> Any:
        calls[0] += 1
        return real(self, condition)

    monkeypatch.setattr(Space, "compile", counting)
    counts = {}
    for size in (200, 400):
        (content_copy.rules / "basis.yaml").write_text(
            (ROOT_RULES / "basis.yaml").read_text(encoding="utf-8"), encoding="utf-8"
        )
        add_rule(content_copy, rule_text("breed", _wide_rule(size)))
        calls[0] = 0
        assert run_lint("--format", "json", content=content_copy).exit_code in (0, 1)
        counts[size] = calls[0]
    assert counts[400] < 2.5 * counts[200], counts
