"""`referral batch` and the compiled engine behind it: the same answer as `match`, line for line."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from referral.app.batch import LineMatcher
from referral.casus.reader import casus_from_mapping, parse_casus
from referral.casus.simple import simple_document
from referral.cli import main
from referral.core.model import Ruleset
from referral.core.problems import ReferralError
from referral.core.vocabulary import fold
from referral.core.yamlsource import parse_yaml
from referral.engine.compiled import Program, build, describe, dumps_compact
from referral.engine.match import match
from referral.render.json_view import match_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "weduwe-overvecht.yaml"


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def program(ruleset: Ruleset) -> Program:
    return build(json.loads(json.dumps(describe(ruleset))), ruleset.root)


def run(*args: str, input: str | bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def sample(ruleset: Ruleset, count: int, seed: int = 5) -> list[dict[str, Any]]:
    """Casussen as people write them (aliases, scale answers, notes, a few mistakes)."""
    from benchmarks.population import PopulationShape, population

    shape = PopulationShape(djg=0.2, notes=0.1, broken=0.1)
    return list(population(ruleset, count, seed, shape))


def reference_line(data: Any, ruleset: Ruleset, lang: str = "nl", top: int | None = 10) -> str | None:
    """What `match --format json` says for this casus, compact; None when it refuses the casus."""
    try:
        casus = casus_from_mapping(data, ruleset)
    except ReferralError:
        return None
    return dumps_compact(match_json(match(casus, ruleset), lang, top))


# --- the compiled engine equals the engine -----------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("top", [10, 3, 0])
def test_compiled_lines_equal_match_json(ruleset: Ruleset, program: Program, lang: str, top: int) -> None:
    matcher = LineMatcher(program, lang, top, lambda: ruleset)
    for number, data in enumerate(sample(ruleset, 300, seed=top), start=1):
        expected = reference_line(data, ruleset, lang, top)
        line, failed = matcher.mapping(number, data)
        if expected is None:
            assert failed and json.loads(line)["line"] == number
        else:
            assert not failed and line.decode() == expected


def test_fast_route_agrees_with_the_parser(ruleset: Ruleset, program: Program) -> None:
    """Where the fast route accepts a casus, it gives the parser's signals; else the parser decides."""
    rng = random.Random(3)
    signals = ruleset.vocabulary.signals
    accepted = 0
    for _ in range(2000):
        data: dict[str, Any] = {}
        for signal_id, signal in signals.items():
            if rng.random() < 0.5:
                continue
            options: list[Any] = [None, 7, "x", True, [], ["nl"], 130, "79", " 79", 79.0]
            if signal.values:
                value = rng.choice(signal.values)
                options += [value.id, value.label.nl, value.id.upper(), *value.aliases, [value.id], [value.id, "??"]]
            head, _, tail = signal_id.partition(".")
            chosen = rng.choice(options)
            if tail:
                data.setdefault(head, {})[tail] = chosen
            else:
                data[head] = chosen
        if rng.random() < 0.1:
            data["loneliness"] = None
        try:
            expected = dict(casus_from_mapping(data, ruleset).signals)
        except ReferralError:
            expected = None
        found = program.normalize(data, fold)
        if found is not None:
            accepted += 1
            assert found[0] == expected, data
    assert accepted > 20


def test_scale_answers_on_the_fast_route(ruleset: Ruleset, program: Program) -> None:
    matcher = LineMatcher(program, "nl", 10, lambda: ruleset)
    data = {"age": 70, "loneliness": {"djg6": ["ja", "Ja", "nee", None, "min of meer", "nee"]}}
    assert program.normalize(data, fold, matcher._scale) is not None
    assert matcher.mapping(1, data)[0].decode() == reference_line(data, ruleset)
    both = {"loneliness": {"djg6": ["ja"] * 6, "social": True}}
    assert program.normalize(both, fold, matcher._scale) is None  # the parser explains the conflict


@pytest.mark.parametrize(
    "note",
    [
        "Zoekt contact in de buurt.",
        "   ",
        "Bel haar op 06-12345678.",  # personal data: refused, as by the parser
        "x" * 2001,  # too long: refused, as by the parser
        " " * 2001,  # too long, even if blank
        " " * 2000,
        "Mevrouw Jansen woont alleen.",
    ],
)
def test_notes_on_the_fast_route_as_the_parser_has_them(ruleset: Ruleset, program: Program, note: str) -> None:
    matcher = LineMatcher(program, "nl", 10, lambda: ruleset)
    data = {"age": 70, "wijk": "Overvecht", "note": note}
    line, failed = matcher.mapping(7, data)
    expected = reference_line(data, ruleset)
    if expected is None:
        assert failed and json.loads(line)["line"] == 7
        assert b"06-12345678" not in line and b"Jansen" not in line
    else:
        assert not failed and line.decode() == expected
        assert json.loads(line).get("note_given") is (True if note.strip() else None)


def test_a_refused_note_is_refused_with_and_without_cached_content(tmp_path: Path) -> None:
    casus = tmp_path / "blank.json"
    casus.write_text(json.dumps({"age": 70, "note": " " * 2001}), encoding="utf-8")
    first = run("match", str(casus), "--format", "json")  # the content is loaded and cached
    second = run("match", str(casus), "--format", "json")  # the quick route, from the cache
    assert first.exit_code == second.exit_code == 2
    assert first.output == second.output


# --- the command -------------------------------------------------------------------------------


def test_batch_equals_match_per_casus(tmp_path: Path, ruleset: Ruleset) -> None:
    """The acceptance check of the issue: every output line is `match --format json` for that casus."""
    casussen = sample(ruleset, 30, seed=11)
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(c) + "\n" for c in casussen), encoding="utf-8")
    result = run("batch", str(source))
    lines = result.stdout.splitlines()
    assert len(lines) == len(casussen)
    for number, (data, line) in enumerate(zip(casussen, lines, strict=True), start=1):
        single = run("match", "-", "--format", "json", input=json.dumps(data))
        if single.exit_code == 0:
            assert line == dumps_compact(json.loads(single.output)), number
        else:
            assert single.exit_code == 2
            assert json.loads(line)["line"] == number
    assert result.exit_code == (1 if any('"problems"' in line for line in lines) else 0)


def test_errors_blank_lines_and_privacy(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"age": 79, "wijk": "Overvecht"}\n'
        "\n"
        '{"naam": "Jan Geheim", "age": 80}\n'
        '{"wijk": "Geheimstraat 12"}\n'
        "{not json\n"
        '{"note": "belt 0612345678"}\n'
        "[1, 2]\n"
        '{"age": 30, "age": 31}\n'
        '{"age": 16, "loneliness": {"social": true}}\n',
        encoding="utf-8",
    )
    result = run("batch", str(source))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 9
    assert lines[1] == {"line": 2, "skipped": "blank"}
    failed = {item["line"]: item["problems"] for item in lines if "problems" in item}
    assert sorted(failed) == [3, 4, 5, 6, 7, 8]
    assert failed[3][0]["code"] == "casus.personal_field"
    assert failed[4][0]["code"] == "casus.unknown_value"
    assert failed[5][0]["code"] == "json.syntax"
    assert failed[6][0]["code"] == "casus.personal_text"
    assert "referrals" in lines[0] and "referrals" in lines[8]
    for secret in ("Jan Geheim", "Geheimstraat", "0612345678"):
        assert secret not in result.output
    assert "6 van 9" in result.stderr


def test_csv_input(tmp_path: Path, ruleset: Ruleset) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "age,wijk,languages,loneliness.social,loneliness.djg6,life_events\n"
        "79,Overvecht,nl;ar,,ja;ja;nee;nee;min of meer;nee,rouw\n"
        ",,,,,\n"
        '16,,,ja,,""\n'
        "oud,West,,,,\n"
        "1,2\n",
        encoding="utf-8",
    )
    result = run("batch", str(source))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5  # the header yields no line
    first = {
        "age": "79",
        "wijk": "Overvecht",
        "languages": ["nl", "ar"],
        "loneliness": {"djg6": ["ja", "ja", "nee", "nee", "min of meer", "nee"]},
        "life_events": ["rouw"],
    }
    assert lines[0] == reference_line(first, ruleset)
    assert json.loads(lines[1]) == {"line": 3, "skipped": "blank"}
    assert lines[2] == reference_line({"age": "16", "loneliness": {"social": "ja"}}, ruleset)
    assert json.loads(lines[3])["line"] == 5
    assert json.loads(lines[4])["problems"][0]["code"] == "batch.csv_cells"


def test_csv_header_problems_stop_the_batch(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("leeftijd,naam,wijk\n79,X,West\n", encoding="utf-8")
    result = run("batch", str(source))
    assert result.exit_code == 2
    assert "naam" in result.stderr and "leeftijd" in result.stderr
    assert "X" not in result.stdout


def test_stdin_workers_and_top(tmp_path: Path, ruleset: Ruleset) -> None:
    casussen = sample(ruleset, 2500, seed=21)
    text = "".join(json.dumps(c) + "\n" for c in casussen)
    source = tmp_path / "in.jsonl"
    source.write_text(text, encoding="utf-8")
    one = run("batch", str(source))
    two = run("batch", str(source), "--workers", "2")
    piped = run("batch", "-", input=text)
    assert one.stdout == two.stdout == piped.stdout
    assert len(one.stdout.splitlines()) == len(casussen)
    everything = run("batch", "-", "--top", "0", input=json.dumps(casussen[0]) + "\n")
    assert everything.stdout.strip() == reference_line(casussen[0], ruleset, top=None) or everything.exit_code == 1


def test_english_messages_and_bad_input() -> None:
    result = run("--lang", "en", "batch", "-", input='{"age": "old"}\n')
    assert result.exit_code == 1
    assert "must be" in json.loads(result.stdout)["problems"][0]["message"]
    missing = run("batch", "no-such-file.jsonl")
    assert missing.exit_code == 2


# --- the cold start of match ----------------------------------------------------------------


def test_fast_match_json_equals_the_full_route(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    casus = tmp_path / "c.yaml"
    casus.write_text("age: 79\nwijk: overvecht\nloneliness: {emotional: true}\n", encoding="utf-8")
    for path in (str(EXAMPLE), str(casus)):
        first = run("match", path, "--format", "json")  # fills the cache
        cached = run("match", path, "--format", "json")  # the fast route
        monkeypatch.setenv("REFERRAL_NO_CACHE", "1")
        full = run("match", path, "--format", "json")
        monkeypatch.delenv("REFERRAL_NO_CACHE")
        assert first.output == cached.output == full.output


def test_simple_yaml_reads_what_pyyaml_reads() -> None:
    documents = [EXAMPLE.read_text(encoding="utf-8")]
    for path in sorted((ROOT / "tests" / "cases").glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            for case in yaml.safe_load(handle)["cases"]:
                if isinstance(case.get("casus"), dict):
                    documents.append(yaml.safe_dump(case["casus"], allow_unicode=True, sort_keys=False))
                    documents.append(yaml.safe_dump(case["casus"], allow_unicode=True, default_flow_style=True))
    documents += [
        "age: 79 # jaar\nwijk: West\n",
        "loneliness:\n  social: yes\n",
        "wijk: 'West'\n",
        "age: 012\n",
        "a: b: c\n",
        "age: 79\nage: 80\n",
        "loneliness:\n  social: true\n   emotional: true\n",
        "languages: [nl, ar]\nlife_events: []\n",
        "note: ~\n",
        "mobility: null\nx: True\n",
        "---\nage: 1\n",
        "wijk: Vleuten-De Meern\n",
        "age:\n",
    ]
    understood = 0
    for text in documents:
        value = simple_document(text, "yaml")
        if value is None:
            continue
        understood += 1
        assert value == parse_yaml(text, "<test>").value, text
    assert understood > 50


def test_simple_json_refuses_what_match_refuses() -> None:
    assert simple_document('{"age": 1, "age": 2}', "json") is None
    assert simple_document('{"age": NaN}', "json") is None
    assert simple_document('{"age": 1}', "json") == {"age": 1}


def test_parse_casus_on_a_document_equals_mapping(ruleset: Ruleset) -> None:
    from referral.core.yamlsource import Document

    data = {"age": 79, "wijk": "West"}
    assert parse_casus(Document("x", data, {}), ruleset) == casus_from_mapping(data, ruleset)
