"""The phone intake: the interview state machine, and the whole call through a pseudo-terminal."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import Run

from referral.app.intake import (
    DJG6,
    DJG11,
    DONE,
    KIND,
    METHOD,
    QUICK,
    SUMMARY,
    Intake,
    prompt_lines,
    summary_lines,
)
from referral.app.session import Session
from referral.core import scale as djg
from referral.core.model import Label, Ruleset, Signal

# --- the state machine --------------------------------------------------------------------


def answer_all(state: Intake, *lines: str) -> Intake:
    """Type each line; every line must be understood (a note on a skipped scale item is fine)."""
    for line in lines:
        step = state.answer(line)
        assert step.feedback is None, (line, step.feedback)
        state = step.state
    return state


@pytest.fixture()
def start(ruleset: Ruleset) -> Intake:
    return Intake.start(ruleset.vocabulary)


def test_order_of_a_phone_call(start: Intake) -> None:
    ids = [q.id for q in start.questions()]
    assert ids == [
        "audience",
        "age",
        "wijk",
        "household",
        "migration_background",
        "languages",
        METHOD,
        "life_events",
        "involved",
        "mobility",
        "preferences",
    ]
    assert start.current == "audience"
    assert prompt_lines(start, "nl")[0] == "[1/11] Wie belt er?"
    assert prompt_lines(start, "en")[0] == "[1/11] Who is calling?"


def test_someone_who_wants_to_volunteer_gets_a_short_interview(start: Intake) -> None:
    """The vocabulary's `intake.order_for`: no questions about the caller's own loneliness."""
    state = answer_all(start, "iemand die vrijwilliger wil worden")
    assert [q.id for q in state.questions()] == ["audience", "age", "wijk", "languages"]
    assert prompt_lines(state, "nl")[0].startswith("[2/4] ")
    state = answer_all(state, "45", "Zuid", "")
    assert state.to_mapping() == {"audience": "volunteer", "age": 45, "wijk": "Zuid"}
    # Back to the first question and another caller: the whole interview again.
    state = answer_all(state, "1")
    assert len(answer_all(state, "1").questions()) == 11


def test_numbers_words_and_aliases(start: Intake) -> None:
    state = answer_all(
        start,
        "1",
        "79 jaar",
        "Vleuten",
        "alleenstaand",
        "geen",
        "nl, arabisch",
        "1",
        "3",
        "ernstig",
        "rouw en pensioen",
        "huisarts",
    )
    state = answer_all(state, "beperkt", "1 3")
    assert state.current == SUMMARY
    assert state.to_mapping() == {
        "audience": "client",
        "age": 79,
        "wijk": "Vleuten-De Meern",
        "household": "single",
        "migration_background": "none",
        "languages": ["nl", "ar"],
        "loneliness": {"social": True, "emotional": True, "severity": "severe"},
        "life_events": ["bereavement", "retirement"],
        "involved": ["gp"],
        "mobility": "limited",
        "preferences": ["one_on_one", "phone"],
    }


def test_every_question_can_be_skipped(start: Intake, ruleset: Ruleset) -> None:
    state = answer_all(start, *[""] * 11)
    assert state.current == SUMMARY and state.to_mapping() == {}
    assert all("overgeslagen" in line for line in summary_lines(state, "nl")[1:-1])
    state = answer_all(state, "")
    assert state.finished and state.current == DONE
    casus = Session.of_ruleset(ruleset).reader.read_mapping(state.to_mapping())
    assert casus.signals == {"audience": "client"}  # only the vocabulary's default


def test_back_keeps_and_clears(start: Intake) -> None:
    state = answer_all(start, "2", "45")
    assert state.current == "wijk"
    state = answer_all(state, "terug")
    assert state.current == "age"
    assert any("nu: 45 jaar" in line for line in prompt_lines(state, "nl"))
    state = answer_all(state, "")  # Enter keeps the answer given before
    assert state.current == "wijk" and state.answers["age"] == 45
    state = answer_all(state, "back", "-")  # '-' clears it
    assert state.current == "wijk" and state.answers["age"] is None
    state = answer_all(state, "terug", "terug", "1")  # a correction of the first answer
    assert state.answers["audience"] == "client" and state.current == "age"
    first = answer_all(start).answer("terug")
    assert first.feedback is not None and first.feedback.text("nl") == "dit is de eerste vraag"


def test_typo_suggests_and_j_accepts(start: Intake) -> None:
    state = answer_all(start, "", "")
    step = state.answer("Overvecth")
    assert step.feedback is not None and step.state.current == "wijk"
    assert "bedoelde u 'Overvecht'?" in step.feedback.text("nl")
    assert "did you mean 'Overvecht'?" in step.feedback.text("en")
    state = answer_all(step.state, "j")
    assert state.answers["wijk"] == "Overvecht" and state.current == "household"
    # A new attempt replaces the suggestion instead of accepting it.
    again = answer_all(answer_all(start, "", "").answer("Overvecth").state, "Zuid")
    assert again.answers["wijk"] == "Zuid"


def test_typo_in_a_list_suggests_the_whole_list(start: Intake) -> None:
    state = answer_all(start, *[""] * 5)
    step = state.answer("nl, arabsch")
    assert step.feedback is not None and "'Nederlands, Arabisch'" in step.feedback.text("nl")
    assert answer_all(step.state, "ja").answers["languages"] == ("nl", "ar")


@pytest.mark.parametrize(
    ("question", "typed", "fragment"),
    [
        ("age", "130", "van 0 tot 120"),
        ("age", "Jan Jansen", "heel getal"),
        ("wijk", "12", "van 1 tot 10"),
        ("wijk", "Mevr. de Vries 0612345678", "niet herkend"),
        ("languages", "nl, 1234 AB", "niet herkend"),
    ],
)
def test_not_understood_is_never_echoed(start: Intake, question: str, typed: str, fragment: str) -> None:
    state = dataclasses.replace(start, current=question)
    step = state.answer(typed)
    assert step.feedback is not None and step.state.current == question
    for lang in ("nl", "en"):
        text = step.feedback.text(lang)
        assert typed not in text and not any(part in text for part in typed.split() if len(part) > 3)
    assert fragment in step.feedback.text("nl")
    assert all(typed not in line for line in prompt_lines(step.state, "nl"))


def _to_scale(start: Intake, version: str, answers: list[str]) -> Intake:
    method = "2" if version == DJG6 else "3"
    return answer_all(start, *[""] * 6, method, *answers, "", "", "", "")


@pytest.mark.parametrize("version", [DJG6, DJG11])
def test_scale_is_scored_exactly(start: Intake, ruleset: Ruleset, version: str) -> None:
    numbers = djg.VERSIONS[version]
    typed = ["j", "2", "nee", "", "min of meer", "ja", "n", "3", "1", "m", "nee"][: len(numbers)]
    canonical: dict[str, str | None] = {
        "j": djg.YES,
        "1": djg.YES,
        "ja": djg.YES,
        "2": djg.MORE_OR_LESS,
        "m": djg.MORE_OR_LESS,
        "min of meer": djg.MORE_OR_LESS,
        "nee": djg.NO,
        "n": djg.NO,
        "3": djg.NO,
        "": None,
    }
    state = _to_scale(start, version, typed)
    assert state.current == SUMMARY
    mapping = state.to_mapping()
    expected = [canonical[t] for t in typed]
    assert mapping == {"loneliness": {version: expected}}
    casus = Session.of_ruleset(ruleset).reader.read_mapping(mapping)
    assert casus.scale == djg.score(version, expected, ruleset.thresholds)
    assert casus.scale is not None and casus.scale.missing == 1


def test_skipping_a_scale_item_says_what_it_costs(start: Intake) -> None:
    state = answer_all(start, *[""] * 6, "2")
    step = state.answer("")
    assert step.feedback is None and step.note is not None and step.state.current == f"{DJG6}.2"
    assert "subschaal wordt onbekend" in step.note.text("nl") and "subscale becomes unknown" in step.note.text("en")


def test_scale_items_are_read_in_the_published_order(start: Intake) -> None:
    state = answer_all(start, *[""] * 6, "djg6")
    items = [q.item for q in state.questions() if q.kind == "scale"]
    assert items == [3, 9, 10, 4, 7, 8]
    assert "Ik ervaar een leegte om me heen" in prompt_lines(state, "nl")[0]
    assert "I experience a general sense of emptiness" in prompt_lines(state, "en")[0]
    step = state.answer("misschien")
    assert step.feedback is not None and "min of meer" in step.feedback.text("nl")


def test_all_items_yes_scores_emotional_not_social(start: Intake, ruleset: Ruleset) -> None:
    # 'ja' points to loneliness on the negatively worded (emotional) items only.
    state = _to_scale(start, DJG11, ["ja"] * 11)
    casus = Session.of_ruleset(ruleset).reader.read_mapping(state.to_mapping())
    assert casus.scale is not None
    assert (casus.scale.emotional_score, casus.scale.social_score, casus.scale.total) == (6, 0, 6)
    assert casus.signals["loneliness.emotional"] is True and casus.signals["loneliness.social"] is False


def test_summary_edits_one_answer_and_returns(start: Intake) -> None:
    state = answer_all(start, "1", "79", "3", *[""] * 8)
    assert state.current == SUMMARY
    state = answer_all(state, "3")
    assert state.current == "wijk" and state.editing
    state = answer_all(state, "Zuid")
    assert state.current == SUMMARY and state.answers["wijk"] == "Zuid" and state.answers["age"] == 79
    bad = state.answer("99")
    assert bad.feedback is not None and bad.state.current == SUMMARY


def test_summary_switch_to_the_scale_asks_its_items_then_returns(start: Intake) -> None:
    state = answer_all(start, *[""] * 6, "snel", "beide", "matig", "", "", "", "")
    assert state.to_mapping()["loneliness"] == {"social": True, "emotional": True, "severity": "moderate"}
    state = answer_all(state, "7", "2")  # question 7: the method; switch to the 6 items
    assert state.current == f"{DJG6}.1"
    state = answer_all(state, *["ja"] * 6)
    assert state.current == SUMMARY
    assert state.to_mapping() == {"loneliness": {DJG6: ["ja"] * 6}}  # the quick answers no longer count
    assert KIND not in [q.id for q in state.questions()]


def test_quick_choice_neither(start: Intake) -> None:
    state = answer_all(start, *[""] * 6, QUICK, "4", "")
    assert state.to_mapping() == {"loneliness": {"social": False, "emotional": False}}


def test_a_signal_added_to_the_vocabulary_is_asked(ruleset: Ruleset) -> None:
    extra = Signal("has_pet", "boolean", Label("heeft een huisdier", "has a pet"))
    vocabulary = dataclasses.replace(ruleset.vocabulary, signals={**ruleset.vocabulary.signals, "has_pet": extra})
    state = answer_all(Intake.start(vocabulary), *[""] * 11)
    assert state.current == "has_pet"
    assert prompt_lines(state, "nl")[0] == "[12/12] heeft een huisdier?"
    assert answer_all(state, "ja").to_mapping() == {"has_pet": True}


@pytest.mark.parametrize("width", [40, 79, 96])
def test_options_fit_the_terminal_and_keep_each_number_with_its_option(start: Intake, width: int) -> None:
    """At 80 columns the wijken took two lines and the terminal broke '7' from 'Zuid'."""
    state = answer_all(start, "2", "81")
    assert state.current == "wijk"
    lines = prompt_lines(state, "nl", width)[1:]
    assert all(len(line) <= width for line in lines), lines
    shown = [part.strip() for line in lines for part in line.split(" · ")]
    assert shown == [f"{n} {label}" for n, label in enumerate(state.vocabulary.signals["wijk"].value_ids(), start=1)]


def test_without_an_intake_order_the_vocabulary_order_is_asked(ruleset: Ruleset) -> None:
    """The order lives in vocabulary.yaml only; without `intake.order` the signals' own order
    holds, the loneliness questions where the first loneliness signal stands."""
    vocabulary = dataclasses.replace(ruleset.vocabulary, intake_order=())
    asked = [question.id for question in Intake.start(vocabulary).questions()]
    expected: list[str] = []
    for signal_id in vocabulary.signals:
        if signal_id.startswith("loneliness."):
            if METHOD not in expected:
                expected.append(METHOD)
        else:
            expected.append(signal_id)
    assert asked == expected
    assert asked.index(METHOD) == asked.index("languages") + 1  # where loneliness.* stands


# --- the whole call through a pseudo-terminal -------------------------------------------------


def _pexpect() -> Any:
    """pexpect, or a skip of the terminal tests only (the state machine tests still run)."""
    return pytest.importorskip("pexpect")


pytestmark_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
NOW = "2026-05-06T10:00"  # a Wednesday: the Infopunt is open until 13:00


def spawn(cwd: Path, *args: str) -> Any:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40", "TERM": "dumb"}
    env.pop("REFERRAL_LANG", None)
    return _pexpect().spawn(
        sys.executable,
        ["-m", "referral", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )


def ask(child: Any, expect: str, typed: str) -> None:
    child.expect_exact(expect)
    child.sendline(typed)


def finish(child: Any) -> int:
    child.expect(_pexpect().EOF)
    child.close()
    status: int = child.exitstatus
    return status


@pytestmark_pty
def test_a_whole_call(tmp_path: Path, ruleset: Ruleset) -> None:
    child = spawn(tmp_path, "intake", "--now", NOW, "--top", "5")
    ask(child, "[1/11] Wie belt er?", "1")
    ask(child, "[2/11] Leeftijd", "97")  # a slip of the finger ...
    ask(child, "[3/11] In welke wijk", "terug")  # ... corrected by going back
    ask(child, "nu: 97 jaar", "79")
    ask(child, "[3/11] In welke wijk", "Overvecth")  # a typo
    ask(child, "bedoelde u 'Overvecht'?", "j")
    ask(child, "[4/11] Hoe woont", "alleenstaand")
    ask(child, "[5/11] Migratieachtergrond", "")  # skipped
    ask(child, "[6/11] Welke talen", "nl")
    ask(child, "[7/11] Eenzaamheid", "2")  # the six De Jong Gierveld questions, read aloud
    for n, typed in enumerate(["ja", "ja", "m", "nee", "nee", "3"], start=1):
        ask(child, f"vraag {n} van 6", typed)
    ask(child, "[14/17] Ingrijpende gebeurtenissen", "rouw")
    ask(child, "[15/17] Wie is al betrokken", "")
    ask(child, "[16/17] Mobiliteit", "2")
    ask(child, "[17/17] Voorkeuren", "1")
    child.expect_exact("Samenvatting")
    ask(child, "Enter voor het advies.", "")
    child.expect_exact("Verwijsadvies")
    child.expect_exact("geen diagnose")
    child.expect_exact("een vaste één-op-één band")  # emotional loneliness after a loss: a bond first
    ask(child, "Waarom (niet) een aanbod?", "join-su")
    ask(child, "bedoelde u 'join-us'?", "join-us")
    child.expect_exact("leeftijdsgrens 12-25")
    ask(child, "Waarom (niet) een aanbod?", "")
    ask(child, "Casus opslaan", "casus.yaml")
    child.expect_exact("opgeslagen")
    ask(child, "Markdown", "j")
    child.expect_exact("## Verwijsadvies")
    assert finish(child) == 0

    saved = (tmp_path / "casus.yaml").read_text(encoding="utf-8")
    assert "alleen signalen" in saved
    from referral.core.yamlsource import parse_yaml

    casus = Session.of_ruleset(ruleset).reader.read(parse_yaml(saved, "casus.yaml"))
    assert casus.signals["age"] == 79 and casus.signals["wijk"] == "Overvecht"
    assert "migration_background" not in casus.signals
    expected = djg.score(DJG6, ["ja", "ja", "min of meer", "nee", "nee", "nee"], ruleset.thresholds)
    assert casus.scale == expected and expected.total == 6 and casus.signals["loneliness.severity"] == "severe"
    assert [p.name for p in tmp_path.iterdir()] == ["casus.yaml"]  # no temporary file left behind


@pytestmark_pty
def test_ctrl_c_leaves_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    child = spawn(tmp_path, "intake", "--now", NOW, "--save", "casus.yaml")
    ask(child, "[1/11] Wie belt er?", "1")
    ask(child, "[2/11] Leeftijd", "79")
    child.expect_exact("[3/11] In welke wijk")
    child.sendintr()
    child.expect_exact("Intake afgebroken; er is niets opgeslagen.")
    assert finish(child) == 130
    assert list(tmp_path.iterdir()) == []
    assert "Traceback" not in (child.before or "")


@pytestmark_pty
def test_end_of_input_during_the_interview_leaves_cleanly(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "en", "intake", "--now", NOW)
    ask(child, "[1/11] Who is calling?", "2")
    child.expect_exact("[2/11] Age")
    child.sendeof()
    child.expect_exact("Intake stopped; nothing was saved.")
    assert finish(child) == 130


@pytestmark_pty
def test_english_call_with_options(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "en", "intake", "--now", "2026-05-06T13:00", "--save", "c.json", "--markdown")
    for _ in range(6):
        child.expect_exact("]")
        child.sendline("")
    ask(child, "[7/11] Loneliness", "quick")
    ask(child, "What kind of loneliness?", "social")
    ask(child, "How severe?", "very severe")
    for _ in range(4):
        child.expect_exact("]")
        child.sendline("")
    ask(child, "or Enter for the advice.", "")
    child.expect_exact("Referral advice")
    child.expect_exact("reachable from today 14:00")  # a support line that opens this afternoon
    ask(child, "Why (not) an offer?", "m")  # the first three first, then the rest
    child.expect_exact("open now (until 21:00)")  # among the rest: a line open tonight
    ask(child, "Why (not) an offer?", "")
    child.expect_exact("Casus saved to c.json")
    child.expect_exact("Reachability at Wed 6 May 2026 13:00")
    assert finish(child) == 0
    assert '"very_severe"' in (tmp_path / "c.json").read_text(encoding="utf-8")


def test_save_refuses_an_existing_file_before_asking(tmp_path: Path, run: Run) -> None:
    target = tmp_path / "casus.yaml"
    target.write_text("age: 1\n", encoding="utf-8")
    result = run("intake", "--save", str(target), input="")
    assert result.exit_code == 2 and "--force" in result.output and "Wie belt" not in result.output
    assert target.read_text(encoding="utf-8") == "age: 1\n"


def test_intake_messages_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from referral.core.i18n import all_codes

    def fields(template: str) -> set[str]:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        return {name.removesuffix("_nl").removesuffix("_en") for name in names}

    messages = all_codes()
    codes = [code for code in messages if code.startswith("intake.")]
    assert len(codes) > 5
    for code in codes:
        nl, en = messages[code]
        assert nl.strip() and en.strip() and fields(nl) == fields(en), code
