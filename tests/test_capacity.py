"""Capacity declared in the content (issue 13 item 5): open, waitlist or full, as of a day, with a source.

Without any capacity declared, the advice is byte-identical to the advice before capacity existed:
`tests/data/advice-before-capacity/` holds what main printed (commit 4a427fe, before this feature)
for the shipped examples, in every format and both languages, from the content of that commit.
The rich files were taken again on 2026-12-03, when the view's lines got a hanging indent: the
same words (checked with white space and panel borders folded), laid out anew. All files were
taken again later on 2026-12-03, when offers of equal score got a second tie-break (a contact
route of its own first): the same referrals with the same scores and reasons, only offers of
equal score in another order (checked on the JSON), so that in the overleg's top 3 Welzijn op
Recept took the place of the buurtteams, both at 35.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import oracle
import pytest
from conftest import ROOT, Run
from kit import offer, rule, write_content

from referral.analysis.lint import lint
from referral.app.session import Session
from referral.content.loading import ContentDirs, load_content, load_ruleset
from referral.engine.explanation import explain
from referral.render.json_view import explain_json, match_json
from referral.render.markdown_view import match_markdown

BEFORE = ROOT / "tests" / "data" / "advice-before-capacity"
BEFORE_COMMIT = "4a427fe06de7a49a89daf443b467b6b4d07d0d5a"  # main before capacity: its content has none
EXAMPLES = {
    "weduwe": "examples/weduwe-overvecht.yaml",
    "buurman": "examples/buurman-vraagt.yaml",
    "overleg": "examples/overleg",
}


def _has_commit(commit: str) -> bool:
    """Whether the repository's history (with the commit before capacity) is at hand: not in an sdist."""
    import shutil
    import subprocess

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return False
    found = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", commit], capture_output=True, check=False)
    return found.returncode == 0


@pytest.mark.skipif(not _has_commit(BEFORE_COMMIT), reason="needs the repository's git history")
@pytest.mark.parametrize("fmt", ["rich", "markdown", "json"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_without_capacity_the_advice_is_byte_identical(
    run: Run, monkeypatch: pytest.MonkeyPatch, name: str, lang: str, fmt: str
) -> None:
    monkeypatch.chdir(ROOT)
    extra = [] if fmt == "rich" else ["--format", fmt]
    args = ["--lang", lang, "match", EXAMPLES[name], *extra, "--now", "2026-12-02T10:00", "--content-at", BEFORE_COMMIT]
    result = run(*args, env={"COLUMNS": "100", "REFERRAL_NO_CACHE": "1"})
    assert result.exit_code == 0, result.output
    expected = (BEFORE / f"{name}-{lang}.{fmt}.txt").read_text(encoding="utf-8")
    assert result.output == expected


# --- content with capacity (a test's own: the shipped Utrecht offers declare none) ----------------


DAY = dt.date(2026, 12, 2)
SOURCE = {
    "title": "Coördinator, telefonisch",
    "url": "https://example.org/maatje",
    "date": "2026-11-12",
    "retrieved": "2026-11-12",
    "quote": "We nemen tot het voorjaar niemand aan.",
}
EMOTIONAL = {"wijk": "Noord", "loneliness": {"emotional": True, "social": True}}


def capacity_offers() -> list[dict[str, Any]]:
    """Two bonds (the strongest full), a meeting on a waiting list, one full only from next year,
    and an offer for both parts that is full (so the asker's part has a full list too)."""
    return [
        offer("maatje-a", kind=["bond"], capacity={"status": "full", "as_of": "2026-11-12", "source": SOURCE}),
        offer("maatje-b", kind=["bond"]),
        offer("groep", capacity={"status": "waitlist", "as_of": "2026-11-01", "source": SOURCE}),
        offer("later", capacity={"status": "full", "as_of": "2027-01-01", "source": SOURCE}),
        offer("open-groep", capacity={"status": "open", "as_of": "2026-11-20", "source": SOURCE}),
        offer(
            "info",
            kind=["information"],
            audience=["client", "helper"],
            capacity={"status": "full", "as_of": "2026-10-01", "source": SOURCE},
        ),
    ]


def capacity_rules() -> list[dict[str, Any]]:
    return [
        rule("bond", {"weight": 30, "kinds": ["bond"]}, {"signal": "loneliness.emotional", "is": True}),
        rule("best", {"weight": 20, "offers": ["maatje-a"]}),
        rule("meet", {"weight": 20, "kinds": ["meeting"]}, {"signal": "loneliness.social", "is": True}),
        rule("later", {"weight": 5, "offers": ["later"]}),
        rule("info", {"weight": 10, "kinds": ["information"]}),
    ]


@pytest.fixture()
def dirs(tmp_path: Path) -> ContentDirs:
    return write_content(tmp_path, capacity_offers(), capacity_rules())


@pytest.fixture()
def capacity_session(dirs: ContentDirs) -> Session:
    return Session.of_ruleset(load_ruleset(dirs))


def ids(items: Any) -> list[str]:
    return [item.offer.id for item in items]


def match(session: Session, data: dict[str, Any], day: dt.date = DAY) -> Any:
    return session.match(session.reader.read_mapping(data), day)


def helper(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "audience": "helper"}


# --- the ranking -----------------------------------------------------------------------------------


def test_a_full_offer_is_listed_after_the_referrals_not_referred(capacity_session: Session) -> None:
    result = match(capacity_session, EMOTIONAL)
    assert "maatje-a" not in ids(result.referrals)
    assert ids(result.full) == ["maatje-a", "info"]  # ordered as the referrals are, among themselves
    assert all(item.full and not item.referred and item.eligible for item in result.full)
    # the full bond gives its turn to the next bond: the first places still show every kind that fits
    assert ids(result.referrals)[0] == "maatje-b"


def test_before_its_as_of_day_a_capacity_changes_nothing(capacity_session: Session) -> None:
    early = match(capacity_session, EMOTIONAL, dt.date(2026, 9, 1))  # before every as_of
    assert early.full == () and ids(early.referrals)[0] == "maatje-a"
    assert all(item.capacity is None for item in early.referrals)
    on_the_day = match(capacity_session, EMOTIONAL, dt.date(2026, 11, 12))
    assert ids(on_the_day.full)[0] == "maatje-a"
    # 'later' is full from 2027-01-01: referred (and not marked) in 2026, listed as full after
    assert "later" in ids(on_the_day.referrals)
    assert "later" in ids(match(capacity_session, EMOTIONAL, dt.date(2027, 1, 1)).full)


def test_a_waiting_list_keeps_its_place(tmp_path: Path, capacity_session: Session) -> None:
    without = [{k: v for k, v in item.items() if k != "capacity"} for item in capacity_offers()]
    plain = Session.of_ruleset(load_ruleset(write_content(tmp_path / "plain", without, capacity_rules())))
    ours, theirs = match(capacity_session, EMOTIONAL), match(plain, EMOTIONAL)
    full = {"maatje-a", "info"}
    assert ids(ours.referrals) != ids(theirs.referrals)  # the full ones left
    # the others, 'groep' (waitlist) and 'open-groep' (open) among them, keep their relative order
    assert [i for i in ids(theirs.referrals) if i not in full and i != "later"] == [
        i for i in ids(ours.referrals) if i != "later"
    ]
    waiting = next(item for item in ours.referrals if item.offer.id == "groep")
    assert waiting.capacity is not None and waiting.capacity.status == "waitlist"


def test_the_asker_part_has_its_own_full_list(tmp_path: Path) -> None:
    rules = [*capacity_rules(), rule("ask", {"weight": 15, "offers": ["info"]}, {"signal": "audience", "is": "helper"})]
    session = Session.of_ruleset(load_ruleset(write_content(tmp_path, capacity_offers(), rules)))
    result = match(session, helper(EMOTIONAL))
    assert ids(result.asker_full) == ["info"] and result.for_asker == ()
    assert result.unranked_count == 0  # listed as full, so not "without points"


def test_engine_and_oracle_agree_on_capacity(capacity_session: Session) -> None:
    from test_conformance import disagreements, explained

    corpus = [EMOTIONAL, helper(EMOTIONAL), {"loneliness": {"social": True}}, {}, {"audience": "professional"}]
    days = [dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2026, 11, 12), DAY, dt.date(2027, 1, 1)]
    compared, found = disagreements(capacity_session, capacity_session.ruleset, corpus, days)
    assert compared == len(corpus) * len(days)
    assert not found, explained(found)
    outcome = oracle.decide(capacity_session.ruleset, capacity_session.reader.read_mapping(EMOTIONAL).signals, DAY)
    assert [entry[0] for entry in outcome.person_full] == ["maatje-a", "info"]


def test_an_engine_that_ignores_capacity_is_caught(capacity_session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_conformance import disagreements

    from referral.engine import program as engine

    rank = engine.Program.rank
    monkeypatch.setattr(
        engine.Program, "rank", lambda self, d, languages=None, capacity=True: rank(self, d, languages, False)
    )
    broken = Session.of_ruleset(capacity_session.ruleset)
    _, found = disagreements(broken, capacity_session.ruleset, [EMOTIONAL], [DAY])
    assert found


# --- JSON ------------------------------------------------------------------------------------------


def test_json_marks_capacity_and_lists_full_offers_apart(capacity_session: Session) -> None:
    result = match(capacity_session, EMOTIONAL)
    data = match_json(result, "nl", writer=capacity_session.writer)
    by_id = {r["offer"]["id"]: r for r in data["referrals"]}
    assert by_id["groep"]["capacity"] == {"status": "waitlist", "as_of": "2026-11-01", "source": SOURCE["url"]}
    assert by_id["open-groep"]["capacity"]["status"] == "open"
    assert "capacity" not in by_id["maatje-b"]  # none declared: no key
    assert [r["offer"]["id"] for r in data["full"]] == ["maatje-a", "info"]
    assert all("rank" not in r and r["capacity"]["status"] == "full" for r in data["full"])
    assert "for_asker_full" not in data  # only when not empty
    assert data["counts"]["full"] == 2 and data["counts"]["for_asker_full"] == 0
    assert data["counts"]["referrals"] == len(data["referrals"])
    # the fast writer and the model agree (the line is what `batch` prints)
    line = json.loads(capacity_session.json_line(result.casus, DAY, "nl", None))
    assert line == data


def test_json_is_remembered_per_day_when_capacity_is_declared(capacity_session: Session) -> None:
    casus = capacity_session.reader.read_mapping(EMOTIONAL)
    before = json.loads(capacity_session.json_line(casus, dt.date(2026, 11, 11), "nl", None))
    after = json.loads(capacity_session.json_line(casus, dt.date(2026, 11, 12), "nl", None))
    assert "maatje-a" in [r["offer"]["id"] for r in before["referrals"]]
    assert after["full"][0]["offer"]["id"] == "maatje-a"


# --- views and --explain --------------------------------------------------------------------------


def test_views_mark_capacity(capacity_session: Session) -> None:
    from test_render import render

    from referral.render.rich_view import render_match

    result = match(capacity_session, EMOTIONAL)
    text = render(render_match(result, "nl"), width=100)
    assert "Vol: nu niet verwijzen" in text and "⚠ vol (per 12-11-2026)" in text
    assert "⚠ wachtlijst (per 01-11-2026)" in text and "✓ plek vrij (per 20-11-2026)" in text
    assert text.index("Offer maatje-b") < text.index("Vol: nu niet verwijzen") < text.index("Offer maatje-a")
    english = match_markdown(result, "en")
    assert "### Full: do not refer now" in english and "full (as of 12 Nov 2026)" in english
    assert "- **Offer maatje-a**" in english  # listed, not numbered


def test_explain_says_why_a_full_offer_dropped(capacity_session: Session) -> None:
    from test_render import render

    from referral.render.rich_view import render_explain

    result = match(capacity_session, EMOTIONAL)
    explanation = explain(result, "maatje-a")
    assert explanation is not None and explanation.rank_if_open == 1
    text = " ".join(render(render_explain(explanation, "nl"), width=120).replace("│", " ").split())
    assert "is vol (per 12-11-2026) en wordt daarom niet verwezen" in text
    assert "zonder 'vol' stond het op plaats 1" in text and SOURCE["url"] in text
    data = explain_json(explanation, "en", writer=capacity_session.writer)["explain"]
    assert data["status"] == "full" and data["rank_if_open"] == 1 and data["capacity"]["as_of"] == "2026-11-12"
    waiting = explain(result, "groep")
    assert waiting is not None and waiting.assessment.referred
    assert "wachtlijst (per 01-11-2026)" in render(render_explain(waiting, "nl"), width=120)


def test_match_command_and_meeting(run: Run, dirs: ContentDirs, tmp_path: Path) -> None:
    casus = tmp_path / "casus.yaml"
    casus.write_text("wijk: Noord\nloneliness: {emotional: true, social: true}\n", encoding="utf-8")
    common = ["--rules", str(dirs.rules), "--offers", str(dirs.offers)]
    result = run(*common, "match", str(casus), "--now", "2026-12-02T10:00", "--explain", "maatje-a")
    assert result.exit_code == 0 and "vol (per 12-11-2026)" in result.output
    folder = tmp_path / "overleg"
    folder.mkdir()
    (folder / "a.yaml").write_text(casus.read_text(encoding="utf-8"), encoding="utf-8")
    meeting = run(*common, "match", str(folder), "--now", "2026-12-02T10:00")
    assert meeting.exit_code == 0 and "Vol: nu niet verwijzen" in meeting.output
    exported = run(*common, "match", str(folder), "--now", "2026-12-02T10:00", "--format", "json")
    assert json.loads(exported.output)["casussen"][0]["full"][0]["offer"]["id"] == "maatje-a"


def test_intake_shows_the_marking(run: Run, dirs: ContentDirs) -> None:
    """Enter to every question: a casus without signals, for which only 'info' scores, and it is full."""
    common = ["--rules", str(dirs.rules), "--offers", str(dirs.offers)]
    result = run(*common, "intake", "--now", "2026-12-02T10:00", input="\n" * 40)
    assert result.exit_code == 0, result.output
    assert "Vol: nu niet verwijzen" in result.output and "⚠ vol (per 01-10-2026)" in result.output


# --- the loader and lint ---------------------------------------------------------------------------


def test_a_typo_in_the_status_is_refused_with_a_suggestion(run: Run, tmp_path: Path) -> None:
    broken = offer("maatje-a", kind=["bond"], capacity={"status": "wachtlijst", "as_of": "2026-11-31"})
    dirs = write_content(tmp_path, [broken], capacity_rules()[:1])
    problems = {p.code: p for p in load_content(dirs).problems}
    assert set(problems) == {"schema.enum"}  # the date is checked once the shape is sound
    status = problems["schema.enum"]
    assert f"{status.file}:{status.line}:{status.column}".endswith("maatje-a.yaml:20:11")
    typo = offer("maatje-a", kind=["bond"], capacity={"status": "ful", "as_of": "2026-11-12"})
    dirs = write_content(tmp_path / "typo", [typo], capacity_rules()[:1])
    result = run("--rules", str(dirs.rules), "--offers", str(dirs.offers), "match", "--age", "70")
    assert result.exit_code == 2
    assert "maatje-a.yaml:20:11" in result.output and "bedoelde u 'full'?" in result.output


def test_a_day_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    broken = offer("maatje-a", kind=["bond"], capacity={"status": "full", "as_of": "2026-11-31"})
    problems = load_content(write_content(tmp_path, [broken], capacity_rules()[:1])).problems
    assert [p.code for p in problems] == ["content.bad_date"]
    assert (problems[0].line, problems[0].column) == (21, 10)


def test_lint_flags_an_old_capacity_and_one_without_source(tmp_path: Path) -> None:
    offers = [
        offer("oud", capacity={"status": "waitlist", "as_of": "2026-06-01", "source": SOURCE}),
        offer("vers", capacity={"status": "full", "as_of": "2026-11-12", "source": SOURCE}),
        offer("zonder", capacity={"status": "full", "as_of": "2026-11-12"}),
    ]
    loaded = load_content(write_content(tmp_path, offers, [rule("meet", {"weight": 10, "kinds": ["meeting"]})]))
    assert loaded.ruleset is not None
    report = lint(loaded.ruleset, documents=loaded.documents, today=DAY)
    found = {(f.check, f.item) for f in report.findings if f.check.startswith("offer-capacity")}
    assert found == {("offer-capacity-stale", "oud"), ("offer-capacity-no-source", "zonder")}
    stale = next(f for f in report.findings if f.check == "offer-capacity-stale")
    assert "2026-06-01" in stale.message("nl") and "3 maanden" in stale.message("nl")
    assert str(stale.location).endswith("oud.yaml:21:3")  # at the key, as lint points
    longer = lint(loaded.ruleset, documents=loaded.documents, today=DAY, max_capacity_age_months=12)
    assert not any(f.check == "offer-capacity-stale" for f in longer.findings)
    assert report.failed()  # no source is an error


def test_lint_command_takes_the_capacity_window(run: Run, tmp_path: Path) -> None:
    offers = [offer("oud", capacity={"status": "waitlist", "as_of": "2026-06-01", "source": SOURCE})]
    dirs = write_content(tmp_path, offers, [rule("meet", {"weight": 10, "kinds": ["meeting"]})])
    common = ["--rules", str(dirs.rules), "--offers", str(dirs.offers), "lint", "--today", "2026-12-02"]
    assert "offer-capacity-stale" in run(*common, "--format", "json").output
    assert "offer-capacity-stale" not in run(*common, "--format", "json", "--max-capacity-age-months", "12").output


def test_the_shipped_offers_declare_no_capacity(session: Session) -> None:
    """No public source found says whether a Utrecht offer is full or has a waiting list (searched
    2026-12-03 for 'wachtlijst' of the Utrecht maatjesprojecten): none is invented."""
    assert all(item.capacity is None for item in session.ruleset.offers)


def test_engine_and_oracle_agree_on_region_scale_content_with_capacity(tmp_path: Path) -> None:
    """The synthetic region (tests/synthetic_region.py), with a capacity on every fifth offer: full, on a
    waiting list or open, from days before, on and after the day of the advice."""
    import yaml
    from synthetic_population import PopulationShape, population
    from synthetic_region import RegionShape, generate
    from test_conformance import disagreements, explained

    shape = RegionShape(offers=300, rules=600, areas=16, per_gemeente=6, seed=13, timed=0.1)
    rules, offers = generate(tmp_path, shape)
    statuses = ("full", "waitlist", "open", "full")
    days = ("2026-11-01", "2026-12-02", "2027-02-01")
    for number, path in enumerate(sorted(offers.glob("*.yaml"))):
        if number % 5:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["capacity"] = {"status": statuses[number % 4], "as_of": days[number % 3], "source": {"title": "t"}}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ruleset = load_ruleset(ContentDirs(rules, offers))
    assert sum(1 for o in ruleset.offers if o.capacity and o.capacity.status == "full") > 10
    session = Session.of_ruleset(ruleset)
    corpus = list(population(ruleset, 150, seed=7, shape=PopulationShape(djg=0.2, broken=0.0)))
    check_days = [dt.date(2026, 10, 31), DAY, dt.date(2027, 2, 1)]
    compared, found = disagreements(session, ruleset, corpus, check_days)
    assert compared > 300
    assert not found, explained(found)
    full_lists = sum(1 for data in corpus[:60] if match(session, data).full)
    assert full_lists > 5  # the corpus does meet full offers


def test_the_sociale_kaart_shows_a_declared_capacity(run: Run, dirs: ContentDirs) -> None:
    common = ["--rules", str(dirs.rules), "--offers", str(dirs.offers), "offers"]
    text = run(*common, "--all").output
    assert "vol (per 12-11-2026)" in text and "wachtlijst (per 01-11-2026)" in text
    data = json.loads(run(*common, "--all", "--format", "json").output)
    by_id = {o["id"]: o for o in data["offers"]}
    assert by_id["maatje-a"]["capacity"]["status"] == "full" and "capacity" not in by_id["maatje-b"]
