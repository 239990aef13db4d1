"""The command line through click's CliRunner: exit codes, formats, errors without tracebacks."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import ROOT, Run

from referral.content.loading import ContentDirs
from referral.core.schedule import today

EXAMPLE = str(ROOT / "examples" / "weduwe-overvecht.yaml")


def test_match_example_rich(run: Run) -> None:
    result = run("match", EXAMPLE)
    assert result.exit_code == 0, result.output
    first = json.loads(run("match", EXAMPLE, "--format", "json").stdout)["referrals"][0]["offer"]
    assert "Verwijsadvies" in result.output and first["name"] in result.output
    assert "\x1b[" not in result.output  # not a terminal: no colour codes
    url = first["contact"].get("url")
    if url:  # a web address on a line of its own, whole
        assert any(line.strip() == url for line in result.output.splitlines())


def test_match_json_is_stable_and_complete(run: Run) -> None:
    first = run("match", EXAMPLE, "--format", "json", "--top", "3")
    second = run("match", EXAMPLE, "--format", "json", "--top", "3")
    assert first.exit_code == 0 and first.output == second.output
    data = json.loads(first.output)
    assert [r["rank"] for r in data["referrals"]] == [1, 2, 3]
    assert data["casus"]["life_events"] == ["bereavement"] and data["casus"]["household"] == "single"
    assert data["for_asker"] == [] and data["counts"]["shown"] == 3
    assert data["as_of"] == today().isoformat()  # the day of the advice, in Amsterdam
    everything = json.loads(run("match", EXAMPLE, "--format", "json", "--top", "0").stdout)
    assert everything["referrals"][:3] == data["referrals"]
    assert len(everything["referrals"]) == everything["counts"]["referrals"] == everything["counts"]["shown"]


def test_match_from_stdin_yaml_and_json(run: Run) -> None:
    yaml_result = run("match", "-", "--format", "json", input="age: 16\nloneliness: {social: true}\n")
    assert yaml_result.exit_code == 0
    assert "join-us" in [r["offer"]["id"] for r in json.loads(yaml_result.output)["referrals"]]
    json_result = run("match", "-", "--format", "json", input='{"age": 16, "loneliness": {"social": true}}')
    assert json.loads(json_result.output)["referrals"] == json.loads(yaml_result.output)["referrals"]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("age: 80\nwijk: Oost\nage: 81\n", "c.yaml:3:1: de sleutel 'age' komt dubbel voor (eerder op regel 1)"),
        ("loneliness:\n  social: true\n  social: false\n", "c.yaml:3:3: de sleutel 'social' komt dubbel voor"),
        ("agnes: 80\nagnes: 81\n", "c.yaml:2:1: deze sleutel komt dubbel voor (eerder op regel 1)"),
    ],
)
def test_a_duplicate_casus_key_is_named_only_when_it_is_a_field(
    text: str, shown: str, tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(text, encoding="utf-8")
    result = run("match", "c.yaml")
    assert result.exit_code == 2
    assert result.output.startswith(shown)
    assert "agnes" not in result.output


def test_a_duplicate_field_in_stdin_json_and_batch_is_named(run: Run) -> None:
    result = run("match", "-", input='{"age": 80, "age": 81}')
    assert result.exit_code == 2 and "<stdin>: de sleutel 'age' komt dubbel voor" in result.output
    line = json.loads(
        run("batch", "-", input='{"age": 80, "age": 81}\n{"agnes": 1, "agnes": 2}\n').stdout.splitlines()[0]
    )
    assert line["problems"][0]["message"] == "de sleutel 'age' komt dubbel voor"
    other = run("batch", "-", input='{"agnes": 1, "agnes": 2}\n').stdout
    assert "agnes" not in other and "dubbel" in other


def test_quick_casus_flags_equal_a_file(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(
        "audience: helper\nage: 78\nwijk: Overvecht\nloneliness: {emotional: true, severity: severe}\n"
        "involved: [gp, buurtteam]\nlife_events: [rouw]\n",
        encoding="utf-8",
    )
    from_file = run("match", str(path), "--format", "json")
    from_flags = run(
        "match",
        *("--audience", "mantelzorger", "--age", "78", "--wijk", "overvecht", "--emotional"),
        *("--severity", "ernstig", "--involved", "huisarts", "--involved", "buurtteam", "--event", "rouw"),
        *("--format", "json"),
    )
    assert from_flags.exit_code == 0
    assert json.loads(from_flags.output) == json.loads(from_file.output)
    assert json.loads(from_flags.output)["for_asker"]


def test_explain_why_not_and_why(run: Run) -> None:
    why_not = run("match", EXAMPLE, "--explain", "join-us")
    assert why_not.exit_code == 0
    assert "niet beschikbaar" in why_not.output and "leeftijdsgrens 12-25" in why_not.output
    first = json.loads(run("match", EXAMPLE, "--format", "json").stdout)["referrals"][0]["offer"]
    for wanted in (first["id"], "1", first["name"].upper()):  # an id, a rank number or a name
        why = run("--lang", "en", "match", EXAMPLE, "--explain", wanted, "--format", "markdown")
        assert why.exit_code == 0 and "ranks 1 of" in why.output and "(for the resident)" in why.output
    data = json.loads(run("match", EXAMPLE, "--explain", "lezing-rick-kwekkeboom", "--format", "json").stdout)
    assert [f["kind"] for f in data["explain"]["failures"]] == ["audience", "period"]
    assert data["explain"]["status"] == "ineligible"


def test_explain_a_recruitment_campaign_for_someone_close(run: Run) -> None:
    """A recruitment campaign is for someone who wants to volunteer, never for a helper."""
    data = json.loads(run("match", "--audience", "helper", "--explain", "maatjes-gezocht", "--format", "json").stdout)
    assert [f["kind"] for f in data["explain"]["failures"]] == ["audience"]
    volunteer = json.loads(run("match", "--audience", "volunteer", "--format", "json").stdout)
    assert "maatjes-gezocht" in [r["offer"]["id"] for r in volunteer["referrals"]]


def test_explain_unknown_offer_suggests(run: Run) -> None:
    result = run("match", EXAMPLE, "--explain", "join-su")
    assert result.exit_code == 2
    assert "join-us" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("wijk: Overvecth\n", "bedoelde u 'Overvecht'?"),
        ("wjik: Overvecht\n", "bedoelde u 'wijk'?"),
        ("age: 130\n", "tussen 0 en 120"),
        ("age: [1\n", "ongeldige YAML"),
        ("naam: Jan\n", "persoonsgegevens"),
        ("note: bel 06-12345678\n", "telefoonnummer"),
        ("title: bel 06-12345678\n", "telefoonnummer"),
        ("involved: [huisarst]\n", "bedoelde u 'huisarts"),
        ("\tage: 3\n", "tab"),
        ("", "leeg"),
    ],
)
def test_bad_casus_exit_2_with_position(tmp_path: Path, text: str, fragment: str, run: Run) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("match", str(path))
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert "06-12345678" not in result.output and "Jan" not in result.output
    if text.strip():
        assert re.search(rf"{re.escape(str(path))}:[12]:\d+: ", result.output)


def test_non_utf8_and_missing_file(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("wijk: Utrecht-Zuid caf\xe9\n".encode("latin-1"))
    result = run("match", str(path))
    assert result.exit_code == 2 and "UTF-8" in result.output and ":1:" in result.output
    missing = run("match", str(tmp_path / "nope.yaml"))
    assert missing.exit_code == 2 and "bestaat niet" in missing.output


def test_no_casus_is_usage_error(run: Run) -> None:
    result = run("match")
    assert result.exit_code == 2 and "--age" in result.output


def test_english_messages(run: Run) -> None:
    result = run("--lang", "en", "match", "--wijk", "Overvecth")
    assert result.exit_code == 2 and "did you mean 'Overvecht'?" in result.output


def test_offers_search_and_filters(run: Run) -> None:
    result = run("offers", "infopunt", "--format", "json")
    ids = [o["id"] for o in json.loads(result.output)["offers"]]
    assert "infopunt-informele-zorg" in ids and "join-us" not in ids
    zuid = json.loads(run("offers", "--wijk", "zuid", "--kind", "information", "--format", "json").output)
    found = [o["id"] for o in zuid["offers"]]
    assert "ambassadeur-zuid" in found and "infopunt-informele-zorg" in found
    assert not [i for i in found if i.startswith("ambassadeur-") and i != "ambassadeur-zuid"]
    assert all("information" in o["kind"] for o in zuid["offers"])
    helpers = json.loads(run("offers", "--audience", "helper", "--format", "json").output)["offers"]
    assert helpers and all("helper" in o["audiences"] for o in helpers)
    bad = run("offers", "--kind", "rouw")
    assert bad.exit_code == 2 and "bedoelde u 'grief'?" in bad.output
    assert run("offers", "--wijk", "Overvecth").exit_code == 2
    assert run("offers", "rouw").exit_code == 0


def test_offers_leave_out_what_is_over_unless_asked(run: Run) -> None:
    current = [o["id"] for o in json.loads(run("offers", "--format", "json").stdout)["offers"]]
    archive = [o["id"] for o in json.loads(run("offers", "--all", "--format", "json").stdout)["offers"]]
    assert "lezing-rick-kwekkeboom" not in current and "lezing-rick-kwekkeboom" in archive
    assert set(current) < set(archive)


def test_validate_shipped_content_is_clean(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "in orde" in result.output


def test_validate_reports_every_problem_with_positions(content_copy: ContentDirs, run: Run) -> None:
    args = ["--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "validate", "--format", "json"]
    extra = content_copy.rules / "extra.yaml"
    # Rules no longer select offers by tag (tags are search words): a rule with `tags` is refused.
    extra.write_text(
        "rules:\n  - id: z\n    effect: {weight: 5, tags: [meeting]}\n    because: z\n    source: [{title: t}]\n",
        encoding="utf-8",
    )
    refused = run(*args)
    assert refused.exit_code == 1
    found = {(p["code"], p["line"], p["column"]) for p in json.loads(refused.output)["problems"]}
    assert ("schema.unknown_field", 3, 25) in found
    # Schema-valid, with wrong references: each at its position, with a did-you-mean.
    offer = content_copy.offers / "infopunt-informele-zorg.yaml"
    text = offer.read_text(encoding="utf-8")
    assert "kind: [information]" in text
    offer.write_text(text.replace("kind: [information]", "kind: [informatoin]"), encoding="utf-8")
    extra.write_text(
        "rules:\n  - id: x\n    when: {signal: wjik, is: Zuid}\n"
        "    effect: {weight: 5, offers: [infopunt]}\n    because: x\n    source: [{title: t}]\n"
        "  - id: y\n    effect: {weight: 5, kinds: [meetnig]}\n    because: y\n    source: [{title: t}]\n",
        encoding="utf-8",
    )
    result = run(*args)
    assert result.exit_code == 1
    problems = [
        (p["code"], p["file"].rsplit("/", 1)[-1], p["line"], p["column"], p["hint"])
        for p in json.loads(result.output)["problems"]
    ]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("kind:"))
    assert sorted(problems) == sorted(
        [
            ("content.unknown_kind", "infopunt-informele-zorg.yaml", line, 8, "bedoelde u 'information'?"),
            ("content.unknown_signal", "extra.yaml", 3, 20, "bedoelde u 'wijk'?"),
            ("content.unknown_offer", "extra.yaml", 4, 34, "bedoelde u 'infopunt-informele-zorg'?"),
            ("content.unknown_kind", "extra.yaml", 8, 33, "bedoelde u 'meeting'?"),
        ]
    )


def test_validate_schema_error_at_yaml_line(content_copy: ContentDirs, run: Run) -> None:
    path = content_copy.offers / "infopunt-informele-zorg.yaml"
    text = path.read_text(encoding="utf-8").replace('opens_at: "09:00"', "opens_at: 9:00")
    path.write_text(text, encoding="utf-8")
    result = run("--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "validate")
    assert result.exit_code == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "opens_at: 9:00" in row)
    assert f"infopunt-informele-zorg.yaml:{line}:" in result.output
    assert "aanhalingstekens" in result.output


def test_match_on_broken_content_is_exit_2(content_copy: ContentDirs, run: Run) -> None:
    (content_copy.offers / "kapot.yaml").write_text("id: [\n", encoding="utf-8")
    result = run("--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "match", "--age", "3")
    assert result.exit_code == 2 and "kapot.yaml:" in result.output


def test_environment_selects_content(content_copy: ContentDirs, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    count = len(list(content_copy.offers.glob("*.yaml")))
    (content_copy.offers / "join-us.yaml").unlink()
    monkeypatch.setenv("REFERRAL_RULES", str(content_copy.rules))
    monkeypatch.setenv("REFERRAL_OFFERS", str(content_copy.offers))
    result = run("validate")
    assert result.exit_code == 0 and f"aanbod {count - 1}," in result.output
    assert "join-us" not in run("offers", "--format", "json").stdout


def test_an_everyday_casus_and_a_bad_one_read_as_with_the_yaml_parser(tmp_path: Path, run: Run) -> None:
    # The rich route reads everyday files without PyYAML; a problem still gets its line:column.
    path = tmp_path / "c.yaml"
    path.write_text("age: 79\nwijk: Overvecth\n", encoding="utf-8")
    result = run("match", str(path))
    assert result.exit_code == 2 and f"{path}:2:7:" in result.output
    path.write_text("age: 79\nwijk: overvecht\nloneliness:\n  emotional: true\n", encoding="utf-8")
    rich_view = run("match", str(path))
    assert rich_view.exit_code == 0 and "wijk: Overvecht" in rich_view.output


@pytest.mark.parametrize("fmt", ["json", "rich"])
def test_a_fifo_as_casus_never_blocks(tmp_path: Path, fmt: str, run: Run) -> None:
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    result = run("match", str(fifo), "--format", fmt)
    assert result.exit_code == 2 and "geen gewoon bestand" in result.output


def test_validate_checks_contact_via(content_copy: ContentDirs, run: Run) -> None:
    """`contact.via` names an offer that exists and has a route of its own; each mistake at its line."""
    args = ("--rules", str(content_copy.rules), "--offers", str(content_copy.offers), "validate", "--format", "json")
    typo = content_copy.offers / "ambassadeur-zuid.yaml"
    typo_text = typo.read_text(encoding="utf-8").replace("via: infopunt-informele-zorg", "via: infopunt-informele-zrog")
    typo.write_text(typo_text, encoding="utf-8")
    chained = content_copy.offers / "ambassadeur-west.yaml"
    chained_text = chained.read_text(encoding="utf-8").replace("via: infopunt-informele-zorg", "via: ambassadeur-oost")
    chained.write_text(chained_text, encoding="utf-8")
    home_page = content_copy.offers / "ambassadeur-noordoost.yaml"  # buurtteams: a bare home page only
    home_text = home_page.read_text(encoding="utf-8").replace("via: infopunt-informele-zorg", "via: buurtteams")
    home_page.write_text(home_text, encoding="utf-8")
    result = run(*args)
    assert result.exit_code == 1
    problems = {
        (p["code"], p["file"].rsplit("/", 1)[-1], p["line"], p["hint"]) for p in json.loads(result.output)["problems"]
    }

    def line(text: str) -> int:
        return next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("via:"))

    assert problems == {
        ("content.unknown_offer", "ambassadeur-zuid.yaml", line(typo_text), "bedoelde u 'infopunt-informele-zorg'?"),
        ("content.via_without_route", "ambassadeur-west.yaml", line(chained_text), None),
        ("content.via_without_route", "ambassadeur-noordoost.yaml", line(home_text), None),
    }


@pytest.mark.parametrize("command", [("match", EXAMPLE), ("offers",), ("gaps", "--wijk", "Oost")])
def test_format_md_is_markdown(run: Run, command: tuple[str, ...]) -> None:
    short = run(*command, "--format", "md")
    assert short.exit_code == 0, short.output
    assert short.stdout == run(*command, "--format", "markdown").stdout
    assert short.stdout.startswith("## ")


def test_signal_under_a_dutch_group_name_joins_the_quick_options(run: Run) -> None:
    result = run("match", "--signal", "eenzaamheid.ernst=ernstig", "--social", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["casus"]["loneliness"] == {"social": True, "severity": "severe"}
    both = run("match", "--signal", "eenzaamheid.sociaal=ja", "--signal", "loneliness.emotional=ja", "--format", "json")
    assert json.loads(both.stdout)["casus"]["loneliness"] == {"social": True, "emotional": True}


# --- the quick options come from the vocabulary (issue 12, item 6) --------------------------


def _add_pet_signal(dirs: ContentDirs, option: str | None = None) -> None:
    """A signal a maintainer adds in YAML only: a boolean with a Dutch field name."""
    path = dirs.rules / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    own = f"    option: {option}\n" if option else ""
    signal = (
        "  has_pet:\n    kind: boolean\n"
        + own
        + "    label: {nl: heeft een huisdier, en: has a pet}\n    field_aliases: [huisdier]\n"
    )
    path.write_text(text.replace("\nfield_groups:", "\n" + signal + "\nfield_groups:", 1), encoding="utf-8")


def test_a_signal_added_in_yaml_gets_its_own_quick_option(run: Run, content_copy: ContentDirs) -> None:
    _add_pet_signal(content_copy)
    on = ("--rules", str(content_copy.rules), "--offers", str(content_copy.offers))
    result = run(*on, "match", "--has-pet", "--age", "80", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["casus"] == {"has_pet": True, "age": 80, "audience": "client"}
    help_text = " ".join(run(*on, "match", "--help").output.split())
    assert "--has-pet / --no-has-pet" in help_text and "Heeft een huisdier (of niet)." in help_text
    english = " ".join(run(*on, "--lang", "en", "match", "--help").output.split())
    assert "Has a pet (or not)." in english and "Age (0-120 years)." in english
    # The shipped content has no such signal, so no such option.
    assert run("match", "--has-pet", "--format", "json").exit_code == 2


def test_a_signals_own_option_name_is_used(run: Run, content_copy: ContentDirs) -> None:
    _add_pet_signal(content_copy, option="pet")
    on = ("--rules", str(content_copy.rules), "--offers", str(content_copy.offers))
    result = run(*on, "match", "--no-pet", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["casus"]["has_pet"] is False
    wrong = run(*on, "match", "--pet", "--severity", "erg", "--format", "json")
    assert wrong.exit_code == 2 and wrong.output.startswith("--severity: onbekende waarde voor ernst")


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("top", "optie '--top' is al een optie van match zelf; geef 'has_pet' een andere 'option'"),
        ("social", "optie '--social' van match hoort al bij 'loneliness.social', niet ook bij 'has_pet'"),
    ],
)
def test_a_quick_option_that_is_taken_is_a_content_error(
    run: Run, content_copy: ContentDirs, option: str, message: str
) -> None:
    _add_pet_signal(content_copy, option=option)
    on = ("--rules", str(content_copy.rules), "--offers", str(content_copy.offers))
    validated = run(*on, "validate")
    assert validated.exit_code == 1 and message in validated.output
    assert "vocabulary.yaml:" in validated.output
    # match says the same, once, and the help still shows match's own options
    matched = run(*on, "match", "--age", "80")
    assert matched.exit_code == 2 and message in matched.output and "Traceback" not in matched.output
    helped = run(*on, "match", "--help")
    assert helped.exit_code == 0 and "--explain" in helped.output and "--age" not in helped.output


def test_match_own_options_are_the_ones_a_signal_may_not_take() -> None:
    import click

    from referral.commands.match import match
    from referral.core.limits import MATCH_OWN_OPTIONS

    own = {name.lstrip("-") for param in match.params if isinstance(param, click.Option) for name in param.opts}
    assert own | {"help"} == set(MATCH_OWN_OPTIONS)


def test_every_shipped_signal_has_a_quick_option(run: Run) -> None:
    """The everyday options are the vocabulary's: --migration, --language, --event, --prefer, ..."""
    help_text = " ".join(run("match", "--help").output.split())
    everyday = ("--audience", "--age", "--wijk", "--household", "--migration", "--language", "--social / --no-social")
    for option in (*everyday, "--emotional / --no-emotional", "--severity", "--event", "--involved", "--mobility"):
        assert option in help_text
    assert "--prefer" in help_text
    assert "Huishouden: single, single_parent, couple, family, shared, institution (of Nederlands)." in help_text
    assert "herhaalbaar" in help_text.split("--event", 1)[1].split("--involved", 1)[0]


def _broken_working_tree(tmp_path: Path) -> ContentDirs:
    """A git repository of the shipped content whose working vocabulary is broken afterwards."""
    from kit import committed_content

    dirs = committed_content(tmp_path / "repo")
    with (dirs.rules / "vocabulary.yaml").open("a", encoding="utf-8") as vocabulary:
        vocabulary.write("signals: [\n")
    return dirs


def test_content_at_does_not_need_the_working_content(run: Run, tmp_path: Path) -> None:
    """The quick options come from the content the match uses: --content-at's, not a broken tree's."""
    dirs = _broken_working_tree(tmp_path)
    from_file = run("match", EXAMPLE, "--content-at", "HEAD", "--format", "json", content=dirs)
    assert from_file.exit_code == 0, from_file.output
    quick = run("match", "--age", "80", "--wijk", "zuid", "--content-at", "HEAD", "--format", "json", content=dirs)
    assert quick.exit_code == 0, quick.output
    assert json.loads(quick.stdout)["casus"]["wijk"] == "Zuid"


def test_broken_content_is_told_as_the_cause_and_usage_errors_stay_click_s(run: Run, tmp_path: Path) -> None:
    dirs = _broken_working_tree(tmp_path)
    typed = run("match", "--age", "80", content=dirs)
    assert typed.exit_code == 2 and "vocabulary.yaml" in typed.output and "Onbekende optie" not in typed.output
    usage = run("match", "--top", "abc", content=dirs)
    assert usage.exit_code == 2 and "--top" in usage.output and "vocabulary.yaml" not in usage.output
    helped = run("match", "--help", content=dirs)
    assert helped.exit_code == 0 and "de inhoud is niet te lezen" in helped.stderr and "--explain" in helped.stdout


def test_a_field_given_twice_in_the_options_is_refused(run: Run) -> None:
    """Before, --signal silently won (or lost) against the quick option of the same field."""
    both = run("match", "--severity", "ernstig", "--signal", "loneliness.severity=matig", "--format", "json")
    assert both.exit_code == 2 and "'loneliness.severity' staat twee keer in de opties" in both.output
    again = run("match", "--signal", "involved=gp", "--signal", "involved=buurtteam")
    assert again.exit_code == 2 and "'involved' staat twee keer" in again.output
    lists = run("match", "--signal", "involved=gp,buurtteam", "--format", "json")
    assert json.loads(lists.stdout)["casus"]["involved"] == ["gp", "buurtteam"]


def test_completion_offers_the_quick_options_of_the_content_named(run: Run, content_copy: ContentDirs) -> None:
    _add_pet_signal(content_copy)
    where = f"referral --rules {content_copy.rules} --offers {content_copy.offers} match --has"
    env = {"_REFERRAL_COMPLETE": "bash_complete", "COMP_WORDS": where, "COMP_CWORD": "6"}
    from click.testing import CliRunner

    from referral.cli import main

    completed = CliRunner(env=env).invoke(main, [], prog_name="referral")
    assert "--has-pet" in completed.output
