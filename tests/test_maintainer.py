"""The maintainers' commands: validate (positions, YAML traps), schema, test (coverage), diff."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import Run

from referral.content.loading import ContentDirs

ROOT = Path(__file__).resolve().parent.parent


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- validate ------------------------------------------------------------------------------


def test_yaml_trap_warnings_and_strict(content_copy: ContentDirs, run: Run) -> None:
    path = content_copy.rules / "extra.yaml"
    path.write_text(
        "rules:\n"
        "  - id: bool-trap\n"
        "    when: {signal: loneliness.social, is: yes}\n"
        "    effect: {weight: 5, kinds: [meeting]}\n"
        "    because: x\n"
        "    source: [{title: t}]\n",
        encoding="utf-8",
    )
    relaxed = run("validate", "--format", "json", content=content_copy)
    data = json.loads(relaxed.output)
    assert relaxed.exit_code == 0 and data["warnings"] == 1
    (warning,) = data["problems"]
    assert warning["code"] == "yaml.trap.bool" and warning["severity"] == "warning"
    assert (warning["line"], warning["column"]) == (3, path.read_text().splitlines()[2].index("yes") + 1)
    strict = run("validate", "--strict", content=content_copy)
    assert strict.exit_code == 1 and "waarschuwing: YAML leest 'yes'" in strict.output


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('opens_at: "09:00"', "opens_at: 9:00", "schema.type"),
        ('phone: "030-2361745"', "phone: 0302361745", "schema.type"),
        ("name: Infopunt Informele Zorg", "name: no", "schema.type"),
        ("audience: [client, helper]", "audience: [client, helpr]", "schema.enum"),
    ],
)
def test_schema_errors_point_at_the_yaml_node(
    content_copy: ContentDirs, old: str, new: str, code: str, run: Run
) -> None:
    path = content_copy.offers / "infopunt-informele-zorg.yaml"
    edit(path, old, new)
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if new in row)
    result = run("validate", "--format", "json", content=content_copy)
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert any(p["code"] == code and p["line"] == line for p in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ('closes_at: "24:00"', 'closes_at: "24:30"', "schema.pattern"),
        ("reviewed: null", 'reviewed: "2026-13-45"', "content.bad_date"),
        ("reviewed: null", 'reviewed: "0000-00-00"', "content.bad_date"),
        (
            'closes_at: "24:00"\n',
            'closes_at: "24:00"\n      valid_from: "2026-05-01"\n      valid_to: "2026-01-01"\n',
            "content.validity_order",
        ),
    ],
)
def test_dates_and_times_are_checked_as_days_and_hours(
    content_copy: ContentDirs, old: str, new: str, code: str, run: Run
) -> None:
    """The schema checks the shape only: '24:30' and '2026-13-45' have it, and so does a validity
    that ends before it starts."""
    edit(content_copy.offers / "de-luisterlijn.yaml", old, new)
    result = run("validate", "--format", "json", content=content_copy)
    assert result.exit_code == 1
    codes = [p["code"] for p in json.loads(result.output)["problems"]]
    assert code in codes, codes


def test_duplicate_key(content_copy: ContentDirs, run: Run) -> None:
    edit(content_copy.offers / "join-us.yaml", "name: Join Us Utrecht\n", "name: Join Us Utrecht\nname: Join Us\n")
    result = run("validate", content=content_copy)
    assert result.exit_code == 1
    assert "join-us.yaml:4:1: de sleutel 'name' komt dubbel voor (eerder op regel 3)" in result.output


def test_duplicate_rule_id(content_copy: ContentDirs, run: Run) -> None:
    edit(content_copy.rules / "helpers.yaml", "  - id: helper-netwerk", "  - id: helper-colleges")
    result = run("validate", content=content_copy)
    assert result.exit_code == 1
    assert "id 'helper-colleges' komt dubbel voor (ook in" in result.output


# --- schema --------------------------------------------------------------------------------


def test_schema_writes_all_and_refuses_overwrite(tmp_path: Path, run: Run) -> None:
    assert run("schema", "--out", str(tmp_path)).exit_code == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "casus.schema.json" in names and "offer.schema.json" in names and len(names) == 7
    again = run("schema", "--out", str(tmp_path))
    assert again.exit_code == 2 and "--force" in again.output
    assert run("schema", "--out", str(tmp_path), "--force").exit_code == 0


def test_casus_schema_accepts_examples_and_refuses_personal_fields(run: Run) -> None:
    schema = json.loads(run("schema", "casus").output)
    example = yaml.safe_load((ROOT / "examples" / "weduwe-overvecht.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(example, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"naam": "x"}, schema)
    assert schema["properties"]["wijk"]["anyOf"][0]["enum"][2] == "Overvecht"
    dutch = {"leeftijd": 80, "eenzaamheid": {"sociaal": True, "ernst": "ernstig"}, "titel": "Overleg", "notitie": "x"}
    jsonschema.validate(dutch, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"leeftijd": 130}, schema)


def test_shipped_files_point_editors_at_the_schemas() -> None:
    files = [*(ROOT / "offers").glob("*.yaml"), *(ROOT / "rules").glob("*.yaml")]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=../referral/schemas/"), path
        target = (path.parent / first.split("$schema=")[1]).resolve()
        assert target.is_file(), path


def test_unknown_schema_name_suggests(run: Run) -> None:
    result = run("schema", "ofer")
    assert result.exit_code == 2 and "bedoelde u 'offer'?" in result.output


# --- test ----------------------------------------------------------------------------------


def test_golden_cases_pass_with_full_coverage(run: Run) -> None:
    result = run("test", str(ROOT / "tests" / "cases"), "--min-coverage", "90")
    assert result.exit_code == 0, result.output
    assert "0 mislukt" in result.output and "dekking:" in result.output


def test_failing_case_says_what_came_and_why(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: verkeerd\n"
        "    casus: {age: 16, loneliness: {social: true}}\n"
        "    expect: {first: senior-en-student-utrecht, excludes: [join-us]}\n",
        encoding="utf-8",
    )
    result = run("test", str(cases))
    assert result.exit_code == 1
    assert f"{cases}:2: verkeerd: MISLUKT" in result.output
    assert "first: verwacht senior-en-student-utrecht, kwam 1. join-us" in result.output
    assert "excludes: join-us werd aanbevolen op plaats 1 door jongeren-eenzaam-ontmoeten +30" in result.output
    english = run("--lang", "en", "test", str(cases))
    assert "first: expected senior-en-student-utrecht, came 1. join-us" in english.output


def test_a_known_gap_is_reported_and_turns_red_once_met(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    body = "    casus: {{age: 16, loneliness: {{social: true}}}}\n    expect: {{fitting: [{kind}]}}\n"
    gap = '    known_gap: "Geen aanbod van deze soort voor jongeren (testgeval)."\n'
    cases.write_text("cases:\n  - name: tekort\n" + gap + body.format(kind="bond"), encoding="utf-8")
    result = run("test", str(cases))
    assert result.exit_code == 0 and "tekort: bekend tekort in het aanbod" in result.output
    assert (
        "tekort: Geen aanbod van deze soort" in result.output
        and "0 geslaagd, 0 mislukt, 1 bekend tekort" in result.output
    )
    cases.write_text("cases:\n  - name: tekort\n" + gap + body.format(kind="meeting"), encoding="utf-8")
    closed = run("test", str(cases), "--format", "json")
    assert closed.exit_code == 1 and json.loads(closed.output)["cases"][0]["status"] == "gap_closed"


def test_coverage_lists_unreached_rules_and_min_coverage_fails(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text("cases:\n  - name: een\n    casus: {age: 16}\n    expect: {first: join-us}\n", encoding="utf-8")
    result = run("test", str(cases), "--coverage", "--min-coverage", "50", "--format", "text")
    assert result.exit_code == 1
    assert "emotioneel-vaste-band: regel vuurde in geen enkele casus" in result.output
    assert "lager dan het minimum 50" in result.output


def test_malformed_case_file_is_exit_2(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text("cases:\n  - name: een\n    casus: {}\n    expect: {frist: x}\n", encoding="utf-8")
    result = run("test", str(cases))
    assert result.exit_code == 2 and "bedoelde u 'first'?" in result.output


# --- diff ----------------------------------------------------------------------------------


def test_diff_against_itself_is_empty(run: Run) -> None:
    result = run("diff", "--against", str(ROOT), "--sample", "50", "--fail-on-change")
    assert result.exit_code == 0, result.output
    assert "0 met een andere uitkomst" in result.output


def test_diff_names_entering_offers_and_rules(content_copy: ContentDirs, tmp_path: Path, run: Run) -> None:
    edit(
        content_copy.rules / "eenzaamheid.yaml",
        "effect: {weight: 30, kinds: [meeting]}",
        "effect: {weight: 90, kinds: [meeting]}",
    )
    result = run(
        "diff", "--against", str(ROOT), "--sample", "100", "--format", "json", "--fail-on-change", content=content_copy
    )
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["changed"] > 0 and data["old"]["digest"] != data["new"]["digest"]
    entered = [c for d in data["diffs"] for c in d["changes"] if c["kind"] == "entered"]
    # The heavier rule lets meeting offers in; an offer of another kind may also enter where the
    # weaker kinds before it now score below a quarter of the top and so give up their turns.
    assert any("sociaal-ontmoeten" in c["rules"] for c in entered)
    assert data["tally"]["entered"]


def test_diff_against_git_ref(tmp_path: Path, run: Run) -> None:
    from kit import committed_content

    repo = tmp_path / "repo"
    committed_content(repo)
    (repo / "offers" / "join-us.yaml").unlink()
    result = run(
        "--rules",
        str(repo / "rules"),
        "--offers",
        str(repo / "offers"),
        "diff",
        "--against",
        "HEAD",
        "--sample",
        "300",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    left = {c["offer"] for d in json.loads(result.output)["diffs"] for c in d["changes"] if c["kind"] == "left"}
    assert "join-us" in left
    bad = run("--rules", str(repo / "rules"), "--offers", str(repo / "offers"), "diff", "--against", "no-such-ref")
    assert bad.exit_code == 2 and "geen git-referentie" in bad.output


def test_pre_commit_hooks_file_is_valid() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"] for h in hooks} == {"referral-validate", "referral-test"}
    assert all(h["entry"].startswith("referral ") and h["pass_filenames"] is False for h in hooks)


def test_offer_with_unknown_wijk_and_language(content_copy: ContentDirs, run: Run) -> None:
    edit(content_copy.offers / "ambassadeur-zuid.yaml", "wijken: [Zuid]", "wijken: [Zuidd]")
    edit(content_copy.offers / "join-us.yaml", "  wijken: all\n", "  wijken: all\n  languages: [nederlands]\n")
    data = json.loads(run("validate", "--format", "json", content=content_copy).output)
    found = {(p["file"].rsplit("/", 1)[1], p["code"], p["hint"]) for p in data["problems"]}
    assert ("ambassadeur-zuid.yaml", "content.unknown_value", "bedoelde u 'Zuid'?") in found
    # An alias the casus accepts is named as such in content: the content keeps the fixed value.
    assert (
        "join-us.yaml",
        "content.value_alias",
        "schrijf 'nl', zodat zoeken, lint en diff elke regel erover vinden",
    ) in found


def test_a_rule_with_a_dutch_field_name_or_value_says_why_not(content_copy: ContentDirs, run: Run) -> None:
    path = content_copy.rules / "doelgroepen.yaml"
    edit(path, "- {signal: age, min: 12, max: 27}", "- {signal: leeftijd, min: 12, max: 27}")
    edit(path, "in: [moroccan, turkish]", "in: [marokkaans, turkish]")
    result = run("validate", content=content_copy)
    assert result.exit_code == 1
    assert "'leeftijd' is de Nederlandse naam van 'age': een regel gebruikt de vaste naam" in result.output
    assert "'marokkaans' is een andere naam voor 'moroccan' (migration_background)" in result.output


def test_a_field_alias_may_not_name_another_field(content_copy: ContentDirs, run: Run) -> None:
    edit(content_copy.rules / "vocabulary.yaml", "field_aliases: [leeftijd]", "field_aliases: [leeftijd, wijk]")
    result = run("validate", content=content_copy)
    assert result.exit_code == 1
    assert "veldnaam 'wijk' hoort al bij 'wijk', niet ook bij 'age'" in result.output


def test_vocabulary_must_keep_the_signals_the_engine_reads(content_copy: ContentDirs, run: Run) -> None:
    path = content_copy.rules / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  languages:\n")
    end = text.index("  loneliness.social:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("validate", content=content_copy)
    assert result.exit_code == 1 and "mist het signaal 'languages'" in result.output


def test_validate_reports_a_missing_folder_as_a_finding(tmp_path: Path, run: Run) -> None:
    result = run("--rules", str(tmp_path / "nope"), "validate", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["valid"] is False and data["problems"][0]["code"] == "content.dir_missing"


def test_alias_equal_to_another_values_label_is_a_clash(content_copy: ContentDirs, run: Run) -> None:
    edit(content_copy.rules / "vocabulary.yaml", "aliases: [paar, stel,", "aliases: [alleenstaand, paar, stel,")
    result = run("validate", content=content_copy)
    assert result.exit_code == 1 and "alias 'alleenstaand' wijst naar twee waarden" in result.output


def test_reasons_of_an_ineligible_offer_do_not_count(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text(
        "cases:\n  - name: dertig\n    casus: {age: 30, loneliness: {social: true}}\n"
        "    expect: {reasons: {join-us: [sociaal-ontmoeten]}}\n",
        encoding="utf-8",
    )
    result = run("test", str(cases))
    assert result.exit_code == 1 and "join-us is niet beschikbaar" in result.output


@pytest.mark.parametrize(
    ("file", "old", "new", "fragment"),
    [
        (
            "scales.yaml",
            "- {max: 10, severity: severe}",
            "- {max: 10, severity: sever}",
            "ernst 'sever' is geen waarde",
        ),
        ("scales.yaml", "- {max: 11, severity: very_severe}", "- {max: 10, severity: very_severe}", "eindigen bij 11"),
        ("scales.yaml", "  subscale_threshold: 1\n", "  subscale_threshold: 4\n", "kleinste subschaal (3 items)"),
        ("vocabulary.yaml", "    default: client\n", "    default: clientt\n", "standaardwaarde van 'audience'"),
        (
            "vocabulary.yaml",
            "    min: 0\n    max: 120\n",
            "    min: 0\n    max: 120\n    default: onbekend\n",
            "standaardwaarde van 'age'",
        ),
        (
            "vocabulary.yaml",
            "  languages:\n    kind: set\n",
            "  languages:\n    kind: enum\n",
            "'languages' (soort set)",
        ),
    ],
)
def test_content_shapes_the_schema_cannot_see(
    content_copy: ContentDirs, file: str, old: str, new: str, fragment: str, run: Run
) -> None:
    edit(content_copy.rules / file, old, new)
    result = run("validate", content=content_copy)
    assert result.exit_code == 1 and fragment in result.output, result.output


def test_validate_reports_file_level_problems_together(content_copy: ContentDirs, run: Run) -> None:
    (content_copy.offers / "groot.yaml").write_text("# " + "x" * (3 * 1024 * 1024), encoding="utf-8")
    (content_copy.offers / "leeg.yaml").write_text("", encoding="utf-8")
    (content_copy.rules / "vocabulary.yaml").unlink()
    codes = {
        p["code"] for p in json.loads(run("validate", "--format", "json", content=content_copy).output)["problems"]
    }
    assert {"file.too_large", "file.empty", "content.no_vocabulary"} <= codes


def test_a_content_ref_that_looks_like_personal_data_is_not_echoed(run: Run) -> None:
    result = run("match", "--content-at", "mevrouw Jansen 0612345678", "--age", "80")
    assert result.exit_code == 2 and "Jansen" not in result.output and "0612345678" not in result.output
    plain = run("match", "--content-at", "no-such-ref", "--age", "80")
    assert plain.exit_code == 2 and "'no-such-ref'" in plain.output


def test_validate_reports_every_problem_in_one_round(content_copy: ContentDirs, run: Run) -> None:
    """A file that does not parse, a schema error and a cross-reference error, all at once: the
    cross-references are checked on the files that are sound."""
    (content_copy.offers / "kapot.yaml").write_text("id: [broken\n", encoding="utf-8")
    edit(content_copy.offers / "join-us.yaml", "name: Join Us Utrecht", "name: 5")
    edit(content_copy.offers / "senior-en-student-utrecht.yaml", "kind: [bond]", "kind: [bnd]")
    result = run("validate", "--format", "json", content=content_copy)
    assert result.exit_code == 1
    codes = {p["code"] for p in json.loads(result.output)["problems"]}
    assert {"yaml.syntax", "schema.type", "content.unknown_kind"} <= codes, codes


def test_test_lists_failures_and_a_summary_and_every_case_with_verbose(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: goed\n"
        "    casus: {age: 16, loneliness: {social: true}}\n"
        "    expect: {first: join-us}\n"
        "  - name: verkeerd\n"
        "    casus: {age: 16, loneliness: {social: true}}\n"
        "    expect: {first: senior-en-student-utrecht}\n",
        encoding="utf-8",
    )
    quiet = run("test", str(cases))
    assert "verkeerd: MISLUKT" in quiet.output and "goed:" not in quiet.output
    assert quiet.output.rstrip().endswith("1 geslaagd, 1 mislukt")
    verbose = run("test", str(cases), "--verbose")
    assert "goed: geslaagd" in verbose.output and "verkeerd: MISLUKT" in verbose.output


def test_an_unknown_offer_id_in_a_test_file_gets_a_did_you_mean(tmp_path: Path, run: Run) -> None:
    cases = tmp_path / "c.yaml"
    cases.write_text(
        "cases:\n  - name: typo\n    casus: {age: 16}\n    expect: {includes: [join-uss]}\n", encoding="utf-8"
    )
    result = run("test", str(cases))
    assert (
        result.exit_code == 1 and "onbekend aanbod in de verwachting: join-uss (bedoelde u 'join-us'?)" in result.output
    )
