"""Renderers: rich output rendered into a fixed-width console and compared (as Rich's own tests do).

Snapshots use the frozen content beside them (tests/snapshots/content) on a fixed day and clock,
so that they change only when a view does; `UPDATE_SNAPSHOTS=1` accepts a deliberate change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import DAY
from rich.console import Console, RenderableType

from referral.app.session import Session
from referral.content.loading import ContentDirs, load_ruleset
from referral.core.i18n import translate
from referral.core.model import Ruleset
from referral.core.scale import ANSWERS
from referral.engine.explanation import Explanation, explain
from referral.engine.result import MatchResult
from referral.render.json_view import dumps, explain_json, match_json
from referral.render.markdown_view import explain_markdown, match_markdown, md
from referral.render.registry import render as render_as
from referral.render.rich_view import render_explain, render_match, score_bar

SNAPSHOTS = Path(__file__).parent / "snapshots"
NOW = dt.datetime(2026, 12, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))  # a Wednesday, 10:00 in Utrecht
WIDOW = {
    "age": 79,
    "wijk": "Overvecht",
    "household": "single",
    "loneliness": {"emotional": True, "social": False, "severity": "severe"},
    "life_events": ["bereavement"],
}
NEIGHBOUR = {
    "title": "Buurvrouw belt over mevrouw",
    "audience": "helper",
    "age": 84,
    "wijk": "Overvecht",
    "loneliness": {"social": True},
}


def render(renderable: RenderableType, width: int = 80) -> str:
    """As the CLI prints it: uncropped, so that a long web address stays whole."""
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable, crop=False)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)"


@pytest.fixture(scope="module")
def snapshot_session(tmp_path_factory: pytest.TempPathFactory) -> Session:
    """The frozen content beside the snapshots, copied out of the repository (so that the footer
    names no changing git commit)."""
    root = tmp_path_factory.mktemp("snapshot-content")
    shutil.copytree(SNAPSHOTS / "content", root, dirs_exist_ok=True)
    return Session.of_ruleset(load_ruleset(ContentDirs(root / "rules", root / "offers")))


def matched(session: Session, data: dict[str, Any], day: dt.date = DAY) -> MatchResult:
    return session.match(session.reader.read_mapping(data), day)


def explained(result: MatchResult, offer_id: str) -> Explanation:
    found = explain(result, offer_id)
    assert found is not None
    return found


# --- snapshots ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_match_view_snapshot(snapshot_session: Session, lang: str) -> None:
    result = matched(snapshot_session, WIDOW)
    check_snapshot(f"match-{lang}.txt", render(render_match(result, lang, top=5, now=NOW)))


def test_helper_view_snapshot(snapshot_session: Session) -> None:
    """Someone close asks: the advice for the person, then what supports the one who asks."""
    result = matched(snapshot_session, NEIGHBOUR)
    check_snapshot("match-helper-nl.txt", render(render_match(result, "nl", now=NOW)))


def test_explain_view_snapshot(snapshot_session: Session) -> None:
    result = matched(snapshot_session, WIDOW)
    check_snapshot("explain-nl.txt", render(render_explain(explained(result, "groepje"), "nl")))


def test_explain_past_event_snapshot(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    check_snapshot("explain-past-event-en.txt", render(render_explain(explained(result, "lezing"), "en")))


def test_markdown_snapshot(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    check_snapshot("match-helper-nl.md", match_markdown(result, "nl", now=NOW))


# --- the rich view ------------------------------------------------------------------------------


def test_the_view_is_blocks_with_urls_on_their_own_line(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    text = render(render_match(result, "nl"), width=60)
    lines = text.splitlines()
    url = "https://example.org/trainingen/eenzaamheid-signaleren-en-bespreekbaar-maken-voor-vrijwilligers-en-naasten"
    assert [line.strip() for line in lines if "https://" in line].count(url) == 1  # whole, never wrapped or cut
    assert all(line.strip() == url or len(line) <= 60 for line in lines)
    assert "│" not in "".join(line for line in lines if "https://" in line)  # not inside a table cell
    person, asker = translate("view.part.person", "nl"), translate("view.part.asker", "nl")
    assert text.index(person) < text.index("Groepje") < text.index(asker) < text.index("Training eenzaamheid")


@pytest.mark.parametrize("width", [60, 80, 120])
def test_shipped_view_fits_width_without_colour(session: Session, width: int) -> None:
    result = matched(session, WIDOW)
    text = render(render_match(result, "nl"), width=width)
    assert "\x1b[" not in text
    for line in text.splitlines():
        assert len(line) <= width or line.strip().startswith("https://"), line
    assert result.referrals[0].offer.name in text and "Overvecht" in text
    assert "sha256:" in text and "02-12-2026" in text


def test_score_bar_is_proportional() -> None:
    assert score_bar(50, 100).plain == "████░░░░ 50"
    assert score_bar(1, 100).plain.startswith("█░")  # a positive score always shows
    assert score_bar(100, 100).plain == "████████ 100"


def test_scale_note_says_not_a_diagnosis(session: Session) -> None:
    result = matched(session, {"loneliness": {"djg6": [ANSWERS[0]] * 6}})
    assert "geen diagnose" in render(render_match(result, "nl"))
    assert "geen diagnose" in match_markdown(result, "nl")
    assert "not a diagnosis" in render(render_match(result, "en"))


def test_notes_open_the_advice(snapshot_session: Session) -> None:
    result = matched(snapshot_session, {"loneliness": {"severity": "none"}})
    assert result.notes == ("not_lonely",)
    assert "Geen eenzaamheid gesignaleerd." in render(render_match(result, "nl"))
    assert "> **" in match_markdown(result, "en") and "No loneliness signalled." in match_markdown(result, "en")
    data = match_json(result, "en")
    assert data["notes"] == [{"id": "not_lonely", "text": "No loneliness signalled."}]


def test_markup_in_an_offer_name_is_shown_as_text(snapshot_session: Session) -> None:
    ruleset = snapshot_session.ruleset
    offers = tuple(
        dataclasses.replace(o, name="Groepje [/jong] [bold]x") if o.id == "groepje" else o for o in ruleset.offers
    )
    changed = Session.of_ruleset(dataclasses.replace(ruleset, offers=offers))
    result = matched(changed, {**WIDOW, "loneliness": {"social": True}})
    assert "Groepje [/jong] [bold]x" in render(render_explain(explained(result, "groepje"), "nl"))
    assert "Groepje [/jong] [bold]x" in render(render_match(result, "nl"))


def test_control_characters_never_reach_the_terminal(snapshot_session: Session) -> None:
    ruleset = snapshot_session.ruleset
    offers = tuple(
        dataclasses.replace(o, name="Maatje\x1b]0;gehackt\x07", organisation="Org\x1b[2J") if o.id == "maatje" else o
        for o in ruleset.offers
    )
    result = matched(Session.of_ruleset(dataclasses.replace(ruleset, offers=offers)), WIDOW)
    text = render(render_match(result, "nl")) + match_markdown(result, "nl")
    assert "\x1b" not in text and "\x07" not in text and "Maatje]0;gehackt" in text


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_is_pasteable(session: Session) -> None:
    result = matched(session, WIDOW)
    text = match_markdown(result, "nl", top=3)
    assert text.startswith("## Verwijsadvies\n")
    first = md(result.referrals[0].offer.name)
    assert re.search(rf"^1\. \*\*{re.escape(first)}\*\*", text, re.MULTILINE)
    assert len(re.findall(r"^\d+\. \*\*", text, re.MULTILINE)) == 3
    assert "sha256:" in text
    young = explain_markdown(explained(result, "join-us"), "nl")
    assert "niet beschikbaar" in young and "leeftijdsgrens" in young


def test_markdown_escapes_content(snapshot_session: Session) -> None:
    ruleset = snapshot_session.ruleset
    hostile = "# Kop [klik](javascript:alert(1)) <b>vet</b> *ster* _x_ | pijp"
    offers = tuple(dataclasses.replace(o, name=hostile) if o.id == "maatje" else o for o in ruleset.offers)
    result = matched(Session.of_ruleset(dataclasses.replace(ruleset, offers=offers)), WIDOW)
    text = match_markdown(result, "nl")
    line = next(line for line in text.splitlines() if "Kop" in line)
    assert "<b>" not in line and "](" not in line.replace("\\]", "")
    assert r"\[klik\]" in line and r"\<b\>" in line and r"\*ster\*" in line and r"\|" in line
    assert md("# Kop").startswith("\\#") and md("- lijst").startswith("\\-")
    assert "<https://example.org/maatje>" in text  # a plain address is an autolink, whole
    assert md("regel\neen\x1b[31m") == "regel een\\[31m"  # the control is gone, the rest is text


def test_markdown_names_the_two_parts(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    text = match_markdown(result, "en")
    assert text.startswith("## Referral advice: Buurvrouw belt over mevrouw\n")
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert len(headings) == 2


# --- JSON ---------------------------------------------------------------------------------------


def test_json_contract(session: Session, ruleset: Ruleset) -> None:
    result = matched(session, {**WIDOW, "wijk": "overvecht", "household": "alleenstaand"})
    data: dict[str, Any] = json.loads(dumps(match_json(result, "nl", top=3)))
    assert list(data)[:8] == ["tool", "ruleset", "lang", "as_of", "casus", "notes", "referrals", "for_asker"]
    assert data["tool"]["name"] == "referral"
    assert data["ruleset"]["digest"].startswith("sha256:") and len(data["ruleset"]["digest"]) == 71
    assert data["ruleset"]["offers"] == len(ruleset.offers) and data["ruleset"]["rules"] == len(ruleset.rules)
    assert data["as_of"] == "2026-12-02" and data["lang"] == "nl"
    assert data["casus"]["wijk"] == "Overvecht" and data["casus"]["household"] == "single"
    assert data["casus"]["loneliness"] == {"social": False, "emotional": True, "severity": "severe"}
    assert [r["rank"] for r in data["referrals"]] == [1, 2, 3]
    assert data["for_asker"] == []
    first = data["referrals"][0]
    assert set(first) >= {"rank", "score", "offer", "reasons"}
    assert set(first["offer"]) >= {"id", "name", "organisation", "audience", "contact", "kind", "languages"}
    assert first["offer"]["audience"] == "client"
    assert first["offer"]["kind"] == list(ruleset.offers_by_id[first["offer"]["id"]].kinds)
    assert sum(r["weight"] for r in first["reasons"]) == first["score"]
    assert all(set(r) == {"rule", "weight", "text"} for r in first["reasons"])
    counts = data["counts"]
    assert set(counts) == {"referrals", "shown", "eligible_without_score", "ineligible", "for_asker", "for_asker_shown"}
    assert counts["shown"] == 3 and counts["for_asker"] == counts["for_asker_shown"] == 0
    assert counts["referrals"] + counts["eligible_without_score"] + counts["ineligible"] == len(ruleset.offers)


def test_json_for_someone_close(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    # The ambassador and the Infopunt serve both: for the person by the rules about the person,
    # for the one who asks by the rules that need someone close asking.
    assert [(a.offer.id, [r.rule for r in a.reasons]) for a in result.referrals] == [
        ("groepje", ["groep"]),
        ("ambassadeur-overvecht", ["wijk"]),
        ("infopunt", ["infopunt"]),
    ]
    # 20 each: the own wijk's ambassador before a city-wide training; the Infopunt (information, like
    # the ambassador) in the second round; recruitment never.
    assert [(a.offer.id, a.score) for a in result.for_asker] == [
        ("ambassadeur-overvecht", 20),
        ("training", 20),
        ("infopunt", 5),
    ]
    data = match_json(result, "nl", top=1)
    assert [r["offer"]["id"] for r in data["referrals"]] == ["groepje"]
    assert [r["offer"]["id"] for r in data["for_asker"]] == ["ambassadeur-overvecht"]
    assert [r["rule"] for r in data["for_asker"][0]["reasons"]] == ["naasten-wijk"]
    assert all(r["offer"]["audience"] == "helper" for r in data["for_asker"])
    assert data["counts"]["for_asker"] == 3 and data["counts"]["for_asker_shown"] == 1
    assert "title" not in data["casus"] and "Buurvrouw" not in json.dumps(data)


def test_json_with_now_adds_reachability(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    plain = match_json(result, "nl")
    timed = match_json(result, "nl", now=NOW)
    assert "now" not in plain and "now" in timed
    infopunt = next(r for r in timed["for_asker"] if r["offer"]["id"] == "infopunt")
    assert infopunt["reachable"]["status"] == "open"
    assert {k: v for k, v in timed.items() if k != "now"} != plain  # per referral "reachable"


def test_explain_json_for_ineligible(session: Session) -> None:
    result = matched(session, WIDOW)
    data = explain_json(explained(result, "ambassadeur-zuid"), "en")
    assert data["explain"]["status"] == "ineligible"
    assert data["explain"]["failures"] == [{"kind": "wijk", "text": "only in Zuid; the casus lives in Overvecht"}]
    assert data["as_of"] == "2026-12-02"


def test_explain_json_for_every_status(snapshot_session: Session) -> None:
    result = matched(snapshot_session, NEIGHBOUR)
    statuses = {
        offer_id: explain_json(explained(result, offer_id), "nl")["explain"]
        for offer_id in ("groepje", "training", "maatje", "lezing", "werving")
    }
    unknown = matched(snapshot_session, {"audience": "helper", "age": 80})
    statuses["rouwcafe"] = explain_json(explained(unknown, "rouwcafe"), "nl")["explain"]
    assert statuses["groepje"]["status"] == "referred" and statuses["groepje"]["part"] == "person"
    assert statuses["training"]["status"] == "referred" and statuses["training"]["part"] == "asker"
    assert statuses["maatje"]["status"] == "eligible_without_score"
    assert [f["kind"] for f in statuses["lezing"]["failures"]] == ["period"]
    assert "25-11-2021" in statuses["lezing"]["failures"][0]["text"]
    assert [f["kind"] for f in statuses["werving"]["failures"]] == ["not_referable"]
    assert [f["kind"] for f in statuses["rouwcafe"]["failures"]] == ["requires"]
    unmet = statuses["rouwcafe"]["failures"][0]["text"]
    assert unmet.startswith("vereist: een signaal van eenzaamheid")


def test_the_registry_renders_every_format(snapshot_session: Session) -> None:
    result = matched(snapshot_session, WIDOW)
    explanation = explained(result, "maatje")
    assert json.loads(render_as("match", "json", result, lang="nl"))["referrals"]
    assert render_as("match", "md", result, lang="nl").startswith("## ")
    assert render_as("explain", "markdown", explanation, lang="nl").startswith("## ")
    assert json.loads(render_as("explain", "json", explanation, lang="en"))["explain"]["offer"] == "maatje"
    html = render_as("match", "html", result, lang="nl", now=NOW, export=True)
    assert html.lstrip().startswith("<!DOCTYPE html>") and "Maatje" in html
    assert "<svg" in render_as("match", "svg", result, lang="nl", now=NOW, export=True)
    with pytest.raises(KeyError):
        render_as("match", "pdf", result)


@pytest.mark.parametrize("kind", ["html", "svg"])
def test_exports_take_braces_and_markup_in_content(snapshot_session: Session, kind: str) -> None:
    import xml.etree.ElementTree as ElementTree

    ruleset = snapshot_session.ruleset
    name = "Maatje {count} {{x}} & <b>"
    offers = tuple(dataclasses.replace(o, name=name) if o.id == "maatje" else o for o in ruleset.offers)
    result = matched(Session.of_ruleset(dataclasses.replace(ruleset, offers=offers)), WIDOW)
    text = render_as("match", kind, result, lang="nl", now=NOW, export=True)
    assert "<b>" not in text and "&lt;b&gt;" in text and "{count}" in text
    if kind == "svg":
        ElementTree.fromstring(text)  # well-formed: no half entity, no stray markup


def test_out_of_season_names_the_next_occurrence(tmp_path: Path) -> None:
    from kit import offer, rule, ruleset_of

    week = offer(
        "week",
        period={
            "type": "seasonal",
            "lead_days": 14,
            "dates": [{"from": "2027-10-01", "to": "2027-10-07"}, {"from": "2026-10-01", "to": "2026-10-07"}],
        },
    )
    session = Session.of_ruleset(ruleset_of(tmp_path, [week], [rule("meet", {"weight": 10, "kinds": ["meeting"]})]))
    for day, when in ((dt.date(2026, 8, 1), "01-10-2026"), (dt.date(2027, 1, 1), "01-10-2027")):
        failures = explain_json(explained(matched(session, {}, day), "week"), "nl")["explain"]["failures"]
        assert [f["kind"] for f in failures] == ["period"]
        assert failures[0]["text"] == f"buiten het seizoen; telt pas mee vanaf 14 dagen voor {when}"
    text = explain_json(explained(matched(session, {}, dt.date(2027, 10, 8)), "week"), "en")["explain"]["failures"]
    assert text == [{"kind": "period", "text": "over (07 Oct 2027)"}]


# --- unknown is not "no": limits a casus could not be checked against ----------------------------


def test_a_casus_without_age_is_told_which_age_limits_it_did_not_check(session: Session) -> None:
    """A referral to an offer with a published age range, for a casus whose age is unknown, says
    so in every view (JSON "unchecked", the rich view and Markdown): the phone worker asks."""
    without_age = {"wijk": "Overvecht", "loneliness": {"emotional": True, "severity": "severe"}}
    result = matched(session, without_age)
    limited = [item for item in result.referrals if item.offer.age_min is not None or item.offer.age_max is not None]
    assert limited, "the shipped content refers an age-bound offer to a casus without age"
    data = match_json(result, "nl")
    for referral in data["referrals"]:
        offer = referral["offer"]
        # the shipped groups that let an unknown age through: youth (to 27) and older_people (65+)
        for_age_group = bool({"youth", "older_people"} & set(session.ruleset.offer(offer["id"]).groups))
        has_limit = offer["age_min"] is not None or offer["age_max"] is not None or for_age_group
        assert referral.get("unchecked") == (["age"] if has_limit else None), offer["id"]
    first = limited[0]
    assert first.unchecked == ("age",)
    ages = f"{first.offer.age_min}–{first.offer.age_max} jaar"
    text = render(render_match(result, "nl"), width=120)
    assert f"Leeftijd niet bekend: dit aanbod is voor {ages}. Vraag het na." in text
    assert "Age not known" in render(render_match(result, "en"), width=120)
    assert f"⚠ Leeftijd niet bekend: dit aanbod is voor {ages}." in match_markdown(result, "nl")

    with_age = matched(session, {**without_age, "age": 21})
    assert all(item.unchecked == () for item in with_age.referrals)
    assert all("unchecked" not in r for r in match_json(with_age, "nl")["referrals"])
    assert "Leeftijd niet bekend" not in render(render_match(with_age, "nl"), width=120)


def test_an_offer_for_older_people_reached_without_age_says_whom_it_is_for(session: Session) -> None:
    """Senior&Student publishes no age range, but is for older people (65+ in the vocabulary): a
    casus without age reaches it (unknown is not "no"), and every view says what to ask."""
    casus = {"wijk": "Overvecht", "loneliness": {"emotional": True, "severity": "severe"}}
    result = matched(session, casus)
    item = next(i for i in result.referrals if i.offer.id == "senior-en-student-utrecht")
    assert (item.offer.age_min, item.offer.age_max) == (None, None)
    assert item.unchecked == ("age",)
    referral = next(r for r in match_json(result, "nl")["referrals"] if r["offer"]["id"] == item.offer.id)
    assert referral["unchecked"] == ["age"]
    text = render(render_match(result, "nl"), width=120)
    assert "Leeftijd niet bekend: dit aanbod is voor ouderen (vanaf 65 jaar). Vraag het na." in text
    assert "this offer is for older people (ages 65 and over)" in render(render_match(result, "en"), width=120)
    aged = matched(session, {**casus, "age": 70})
    assert next(i for i in aged.referrals if i.offer.id == item.offer.id).unchecked == ()
    assert "Leeftijd niet bekend" not in render(render_match(aged, "nl"), width=120)


def test_the_age_range_is_a_fact_under_the_offer_name(session: Session) -> None:
    result = matched(session, {"age": 20, "loneliness": {"emotional": True, "severity": "severe"}})
    item = next(i for i in result.referrals if i.offer.id == "alles-oke-supportlijn")
    assert f"{item.offer.age_min}–{item.offer.age_max} jaar" in render(render_match(result, "nl"), width=120)


def test_an_offer_reached_through_another_names_that_route_in_every_view(session: Session) -> None:
    """A wijk ambassador publishes no route of their own: the advice names the Infopunt's, in full."""
    result = matched(session, {"age": 70, "wijk": "Overvecht", "loneliness": {"social": True, "severity": "moderate"}})
    item = next(i for i in result.referrals if i.offer.id == "ambassadeur-overvecht")
    infopunt = session.ruleset.offer("infopunt-informele-zorg")
    via = item.offer.contact.via
    assert infopunt is not None and via is not None and via.offer == infopunt.id
    assert (via.phone, via.email) == (infopunt.contact.phone, infopunt.contact.email) and via.phone
    line = f"bereikbaar via Infopunt Informele Zorg (tel. {via.phone}, {via.email})"
    assert line in render(render_match(result, "nl"), width=120)
    assert line in match_markdown(result, "nl")
    block = render(render_match(result, "nl", top=20), width=120).split("ambassadeur-overvecht")[1].split("\n\n")[0]
    assert "geen contactgegevens" not in block
    referral = next(r for r in match_json(result, "nl")["referrals"] if r["offer"]["id"] == "ambassadeur-overvecht")
    assert referral["offer"]["contact"]["via"] == {
        "offer": "infopunt-informele-zorg",
        "name": "Infopunt Informele Zorg",
        "phone": via.phone,
        "email": via.email,
    }


def test_an_offer_id_is_never_split_from_its_label(session: Session) -> None:
    """A phone worker types the id at the "Waarom (niet)" prompt: "id" and the id stay on one
    line at every width, even where wrapping would put the break between them."""
    result = matched(
        session,
        {
            "age": 79,
            "wijk": "Overvecht",
            "life_events": ["bereavement"],
            "loneliness": {"emotional": True, "severity": "severe"},
        },
    )
    for width in range(60, 121):
        lines = [line.rstrip() for line in render(render_match(result, "nl"), width=width).splitlines()]
        assert not any(line.endswith(" id") for line in lines), width
        for item in result.referrals:
            assert any(f"id {item.offer.id}" in line for line in lines), (width, item.offer.id)


def test_each_referral_says_when_it_does_not_work_in_the_persons_language(session: Session) -> None:
    """An Arabic-speaking newcomer: one offer works in Arabic, so no advice note; every referral
    that works only in Dutch says so, in JSON ("languages_served": false) and in the views."""
    casus = {
        "age": 34,
        "wijk": "Overvecht",
        "languages": ["ar"],
        "migration_background": "other",
        "loneliness": {"social": True, "severity": "moderate"},
    }
    result = matched(session, casus)
    assert "language_unserved" not in result.notes
    data = match_json(result, "nl")
    served = {r["offer"]["id"]: r.get("languages_served", True) for r in data["referrals"]}
    assert served["vc-utrecht-nieuwe-utrechters"] is True
    dutch_only = [i for i, ok in served.items() if not ok]
    assert dutch_only and all(not session.ruleset.offer(i).languages for i in dutch_only)
    text = render(render_match(result, "nl"), width=120)
    assert text.count("Taal: dit aanbod werkt in Nederlands, niet in Arabisch") == len(dutch_only)
    assert "this offer works in Dutch, not in Arabic" in render(render_match(result, "en"), width=120)
    assert "Taal: dit aanbod werkt in Nederlands" in match_markdown(result, "nl")

    # Where nothing works in the language, the note says it once, not every referral again.
    nothing = matched(session, {**casus, "migration_background": "moroccan", "age": 72})
    assert "language_unserved" in nothing.notes
    assert all(r.get("languages_served") is False for r in match_json(nothing, "nl")["referrals"])
    text = render(render_match(nothing, "nl"), width=120)
    assert "het aanbod hieronder werkt in het Nederlands" in text
    assert "Taal: dit aanbod werkt in" not in text


def test_an_offer_to_check_says_how_old_its_newest_source_is(session: Session) -> None:
    """ "Nog te controleren" alone is on almost every offer; the year of the newest source tells a
    phone worker how much to doubt it (Senior&Student: nothing from Utrecht after 2020)."""
    result = matched(session, {"age": 79, "wijk": "Overvecht", "loneliness": {"emotional": True, "severity": "severe"}})
    item = next(i for i in result.referrals if i.offer.id == "senior-en-student-utrecht")
    newest = max(s.date[:4] for s in item.offer.sources if s.date)
    assert item.offer.review and newest == "2020"
    text = render(render_match(result, "nl"), width=200)
    assert "gegevens nog te controleren, nieuwste bron uit 2020: bel of kijk eerst na" in text
    assert "newest source from 2020" in render(render_match(result, "en"), width=200)
    assert "nieuwste bron uit 2020" in match_markdown(result, "nl")


@pytest.mark.parametrize("width", [60, 80, 84, 100])
def test_the_footer_never_splits_commit_from_its_hash(width: int) -> None:
    """At 80 columns the footer ended a line with 'commit' and put the hash on the next."""
    from rich.console import Console

    from referral.render.rich_view import footer_view

    head = "referral 0.1.0 · inhoud sha256:aba383c8996e… (aanbod 74, regels 64) · advies van 03-12-2026"
    head += " · door een persoon gecontroleerd: 0 van 10 getoond"
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(footer_view(head, "commit 2f27b2c9af"))
    lines = [line.rstrip() for line in console.file.getvalue().splitlines()]
    assert any("commit 2f27b2c9af" in line for line in lines), lines
    assert " ".join(" ".join(lines).split()) == " ".join(f"{head} · commit 2f27b2c9af".split())
