"""`referral batch`: the same answer as `match --format json`, line for line, for any --workers."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import DAY, ROOT, Run

from referral.app.batch import LineMatcher
from referral.app.session import Session
from referral.casus.simple import simple_document
from referral.core.model import Ruleset
from referral.core.problems import ReferralError
from referral.core.yamlsource import Document, parse_yaml
from referral.render.json_lines import dumps_compact
from referral.render.json_view import match_json

EXAMPLE = ROOT / "examples" / "weduwe-overvecht.yaml"


def sample(ruleset: Ruleset, count: int, seed: int = 5) -> list[dict[str, Any]]:
    """Casussen as people write them (aliases, scale answers, notes, a few mistakes)."""
    from synthetic_population import PopulationShape, population

    shape = PopulationShape(djg=0.2, notes=0.1, broken=0.1)
    return list(population(ruleset, count, seed, shape))


def reference_line(data: Any, session: Session, lang: str = "nl", top: int | None = 10) -> str | None:
    """What `match --format json` says for this casus (from the MatchResult), compact; None when
    the casus is refused."""
    try:
        casus = session.reader.read_mapping(data)
    except ReferralError:
        return None
    return dumps_compact(match_json(session.match(casus, DAY), lang, top))


def matcher(session: Session, lang: str = "nl", top: int = 10) -> LineMatcher:
    return LineMatcher(session, lang, top, DAY.toordinal())


# --- a batch line is the match object ---------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("top", [10, 3, 0])
def test_batch_lines_equal_match_json(session: Session, ruleset: Ruleset, lang: str, top: int) -> None:
    lines = matcher(session, lang, top)
    for number, data in enumerate(sample(ruleset, 300, seed=top), start=1):
        expected = reference_line(data, session, lang, top)
        line, failed = lines.mapping(number, data)
        if expected is None:
            assert failed and json.loads(line)["line"] == number
        else:
            assert not failed and line.decode() == expected


def test_batch_lines_say_what_the_engine_decided(session: Session, ruleset: Ruleset) -> None:
    """The writer's pre-encoded pieces against the MatchResult, field by field."""
    lines = matcher(session, "en", 0)
    checked = helpers = 0
    for number, data in enumerate(sample(ruleset, 400, seed=8), start=1):
        line, failed = lines.mapping(number, data)
        if failed:
            continue
        found = json.loads(line)
        result = session.match(session.reader.read_mapping(data), DAY)
        assert found["as_of"] == DAY.isoformat() and found["lang"] == "en"
        for key, part in (("referrals", result.referrals), ("for_asker", result.for_asker)):
            assert [(r["rank"], r["offer"]["id"], r["score"]) for r in found[key]] == [
                (a.rank, a.offer.id, a.score) for a in part
            ]
            assert [[x["rule"] for x in r["reasons"]] for r in found[key]] == [
                [x.rule for x in a.reasons] for a in part
            ]
            assert [[x["text"] for x in r["reasons"]] for r in found[key]] == [
                [x.text.get("en") for x in a.reasons] for a in part
            ]
            assert [r["offer"]["kind"] for r in found[key]] == [list(a.offer.kinds) for a in part]
        assert [note["id"] for note in found["notes"]] == list(result.notes)
        counts = found["counts"]
        assert counts["referrals"] == counts["shown"] == len(result.referrals)
        assert counts["for_asker"] == counts["for_asker_shown"] == len(result.for_asker)
        assert counts["eligible_without_score"] == result.unranked_count
        assert counts["ineligible"] == result.ineligible_count
        casus = result.casus.to_json(ruleset.vocabulary)
        assert found["casus"] == casus
        assert found.get("note_given") is (True if result.casus.has_note else None)
        checked += 1
        helpers += bool(result.for_asker)
    assert checked > 300 and helpers > 10


def test_every_route_reads_a_casus_alike(session: Session, ruleset: Ruleset) -> None:
    """A mapping (batch, options), a YAML document with positions (a file) and the everyday file
    reader without PyYAML give the same signals, or refuse with the same problems."""
    rng = random.Random(3)
    signals = ruleset.vocabulary.signals
    simple = 0
    for _ in range(1500):
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
        text = yaml.safe_dump(data, allow_unicode=True)
        outcomes = []
        documents = [parse_yaml(text, "c.yaml")]
        everyday = simple_document(text, "yaml")
        if everyday is not None:
            simple += 1
            documents.append(Document("c.yaml", everyday, {}))
        for document in [Document("<opties>", data, {}), *documents]:
            try:
                outcomes.append(dict(session.reader.read(document).signals))
            except ReferralError as err:
                outcomes.append(sorted(p.code for p in err.problems))
        assert all(outcome == outcomes[0] for outcome in outcomes), (data, outcomes)
    assert simple > 100


def test_scale_answers_in_a_line(session: Session) -> None:
    lines = matcher(session)
    data = {"age": 70, "loneliness": {"djg6": ["ja", "Ja", "nee", None, "min of meer", "nee"]}}
    line, failed = lines.mapping(1, data)
    assert not failed and line.decode() == reference_line(data, session)
    assert json.loads(line)["casus"]["loneliness"]["scale"]["version"] == "djg6"
    both = {"loneliness": {"djg6": ["ja"] * 6, "social": True}}
    line, failed = lines.mapping(2, both)
    assert failed and [p["code"] for p in json.loads(line)["problems"]] == ["casus.scale_and_quick"]


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
def test_notes_in_a_line_as_the_reader_has_them(session: Session, note: str) -> None:
    data = {"age": 70, "wijk": "Overvecht", "note": note}
    line, failed = matcher(session).mapping(7, data)
    expected = reference_line(data, session)
    if expected is None:
        assert failed and json.loads(line)["line"] == 7
        assert b"06-12345678" not in line and b"Jansen" not in line
    else:
        assert not failed and line.decode() == expected
        assert json.loads(line).get("note_given") is (True if note.strip() else None)


def test_a_refused_note_is_refused_with_and_without_cached_content(tmp_path: Path, run: Run) -> None:
    casus = tmp_path / "blank.json"
    casus.write_text(json.dumps({"age": 70, "note": " " * 2001}), encoding="utf-8")
    first = run("match", str(casus), "--format", "json")  # the content is loaded and cached
    second = run("match", str(casus), "--format", "json")  # from the cache
    assert first.exit_code == second.exit_code == 2
    assert first.output == second.output


# --- the command -------------------------------------------------------------------------------


@pytest.mark.parametrize("workers", ["1", "3"])
def test_batch_equals_match_per_casus(tmp_path: Path, ruleset: Ruleset, run: Run, workers: str) -> None:
    """The acceptance check: every output line is `match --format json` for that casus, byte for byte."""
    casussen = sample(ruleset, 30, seed=11)
    casussen += [{"audience": "helper", "age": 70, "wijk": "West", "life_events": ["rouw"]}, {"title": "Casus 1"}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(c) + "\n" for c in casussen), encoding="utf-8")
    result = run("batch", str(source), "--workers", workers)
    lines = result.stdout.splitlines()
    assert len(lines) == len(casussen)
    seen_asker = False
    for number, (data, line) in enumerate(zip(casussen, lines, strict=True), start=1):
        single = run("match", "-", "--format", "json", input=json.dumps(data))
        if single.exit_code == 0:
            assert line == dumps_compact(json.loads(single.stdout)), number
            assert single.stdout == json.dumps(json.loads(line), ensure_ascii=False, indent=2) + "\n"
            seen_asker = seen_asker or bool(json.loads(line)["for_asker"])
        else:
            assert single.exit_code == 2
            assert json.loads(line)["line"] == number
    assert seen_asker
    assert result.exit_code == (1 if any('"problems"' in line for line in lines) else 0)


def test_the_day_of_a_batch(tmp_path: Path, session: Session, run: Run) -> None:
    source = tmp_path / "in.jsonl"
    data = {"audience": "helper", "loneliness": {"social": True}}
    source.write_text(json.dumps(data) + "\n", encoding="utf-8")
    result = run("batch", str(source), "--now", "2021-11-25T10:00")
    assert result.exit_code == 0
    found = json.loads(result.stdout)
    assert found["as_of"] == "2021-11-25"
    expected = LineMatcher(session, "nl", 10, dt.date(2021, 11, 25).toordinal()).mapping(1, data)[0]
    assert result.stdout.strip() == expected.decode()
    assert run("batch", str(source), "--now", "morgen").exit_code == 2


def test_errors_blank_lines_and_privacy(tmp_path: Path, run: Run) -> None:
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
        '{"age": 16, "loneliness": {"social": true}}\n'
        '{"title": "Mevrouw Geheimzinnig"}\n',
        encoding="utf-8",
    )
    result = run("batch", str(source))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 10
    assert lines[1] == {"line": 2, "skipped": "blank"}
    failed = {item["line"]: item["problems"] for item in lines if "problems" in item}
    assert sorted(failed) == [3, 4, 5, 6, 7, 8, 10]
    assert failed[3][0]["code"] == "casus.personal_field"
    assert failed[4][0]["code"] == "casus.unknown_value"
    assert failed[5][0]["code"] == "json.syntax"
    assert failed[6][0]["code"] == "casus.personal_text"
    assert failed[10][0]["code"] == "casus.personal_text"
    assert "referrals" in lines[0] and "referrals" in lines[8]
    for secret in ("Jan Geheim", "Geheimstraat", "0612345678", "Geheimzinnig"):
        assert secret not in result.output
    assert "7 van 10" in result.stderr


def test_csv_input(tmp_path: Path, session: Session, run: Run) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "age,wijk,languages,loneliness.social,loneliness.djg6,life_events,involved\n"
        "79,Overvecht,nl;ar,,ja;ja;nee;nee;min of meer;nee,rouw,huisarts\n"
        ",,,,,,\n"
        '16,,,ja,,"",\n'
        "oud,West,,,,,\n"
        "1,2\n",
        encoding="utf-8",
    )
    result = run("batch", str(source), "--now", DAY.isoformat())
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5  # the header yields no line
    first = {
        "age": "79",
        "wijk": "Overvecht",
        "languages": ["nl", "ar"],
        "loneliness": {"djg6": ["ja", "ja", "nee", "nee", "min of meer", "nee"]},
        "life_events": ["rouw"],
        "involved": ["huisarts"],
    }
    assert lines[0] == reference_line(first, session)
    assert json.loads(lines[0])["casus"]["involved"] == ["gp"]
    assert json.loads(lines[1]) == {"line": 3, "skipped": "blank"}
    assert lines[2] == reference_line({"age": "16", "loneliness": {"social": "ja"}}, session)
    assert json.loads(lines[3])["line"] == 5
    assert json.loads(lines[4])["problems"][0]["code"] == "batch.csv_cells"


def test_csv_header_problems_stop_the_batch(tmp_path: Path, run: Run) -> None:
    source = tmp_path / "in.csv"
    source.write_text("leeftjid,naam,wijk\n79,X,West\n", encoding="utf-8")
    result = run("batch", str(source))
    assert result.exit_code == 2
    assert "in.csv:1:1: onbekende kolom in de kopregel (bedoelde u 'leeftijd'?)" in result.stderr
    assert "in.csv:1:2: veld 'naam' is niet toegestaan" in result.stderr
    assert "X" not in result.stdout


def test_csv_takes_dutch_column_names(tmp_path: Path, run: Run) -> None:
    dutch = tmp_path / "nl.csv"
    dutch.write_text("leeftijd,eenzaamheid.sociaal,loneliness.emotioneel,woonsituatie\n80,ja,nee,alleenstaand\n")
    fixed = tmp_path / "en.csv"
    fixed.write_text("age,loneliness.social,loneliness.emotional,household\n80,true,false,single\n")
    assert run("batch", str(dutch)).stdout == run("batch", str(fixed)).stdout
    for header in ("leeftijd,age", "eenzaamheid.sociaal,loneliness.sociaal", "eenzaamheid.djg6,loneliness.djg6"):
        twice = tmp_path / "twice.csv"
        twice.write_text(f"{header}\nja,nee\n")
        result = run("batch", str(twice))
        first, second = header.split(",")
        assert result.exit_code == 2 and result.stdout == ""  # in the header, before any line is matched
        assert f"twice.csv:1:2: kolom '{second}' is hetzelfde veld als kolom '{first}'" in result.stderr


def test_an_unknown_csv_header_is_not_repeated(tmp_path: Path, run: Run) -> None:
    source = tmp_path / "in.csv"
    source.write_text("age,Jansen,wjik\n80,x,West\n", encoding="utf-8")
    result = run("batch", str(source))
    assert result.exit_code == 2 and "Jansen" not in result.stderr and "wjik" not in result.stderr
    assert "in.csv:1:2: onbekende kolom in de kopregel" in result.stderr
    assert "in.csv:1:3: onbekende kolom in de kopregel (bedoelde u 'wijk'?)" in result.stderr


def test_stdin_workers_and_top(tmp_path: Path, ruleset: Ruleset, session: Session, run: Run) -> None:
    casussen = sample(ruleset, 2500, seed=21)
    text = "".join(json.dumps(c) + "\n" for c in casussen)
    source = tmp_path / "in.jsonl"
    source.write_text(text, encoding="utf-8")
    day = ["--now", DAY.isoformat()]
    one = run("batch", str(source), *day)
    two = run("batch", str(source), "--workers", "2", *day)
    four = run("batch", str(source), "--workers", "4", *day)
    piped = run("batch", "-", *day, input=text)
    assert one.stdout == two.stdout == four.stdout == piped.stdout
    assert len(one.stdout.splitlines()) == len(casussen)
    assert one.exit_code == two.exit_code == piped.exit_code == 1  # the sample holds broken lines
    for data in casussen[:20]:
        everything = run("batch", "-", "--top", "0", *day, input=json.dumps(data) + "\n")
        expected = reference_line(data, session, top=None)
        if expected is None:
            assert everything.exit_code == 1
        else:
            assert everything.stdout.strip() == expected


def test_english_messages_and_bad_input(run: Run) -> None:
    result = run("--lang", "en", "batch", "-", input='{"age": "old"}\n')
    assert result.exit_code == 1
    assert "must be" in json.loads(result.stdout)["problems"][0]["message"]
    missing = run("batch", "no-such-file.jsonl")
    assert missing.exit_code == 2


# --- the cold start of match ----------------------------------------------------------------


def test_match_json_from_the_cache_equals_the_full_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.setenv("REFERRAL_CACHE_DIR", str(tmp_path / "cache"))
    casus = tmp_path / "c.yaml"
    casus.write_text("age: 79\nwijk: overvecht\nloneliness: {emotional: true}\n", encoding="utf-8")
    helper = tmp_path / "h.yaml"
    helper.write_text("audience: helper\nwijk: West\nlife_events: [rouw]\n", encoding="utf-8")
    for path in (str(EXAMPLE), str(casus), str(helper)):
        first = run("match", path, "--format", "json")  # fills the cache
        cached = run("match", path, "--format", "json")  # from the cache, no model
        monkeypatch.setenv("REFERRAL_NO_CACHE", "1")
        full = run("match", path, "--format", "json")
        monkeypatch.delenv("REFERRAL_NO_CACHE")
        assert first.exit_code == 0
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
        "title: Casus 3\ninvolved: [huisarts, buurtteam]\n",
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
