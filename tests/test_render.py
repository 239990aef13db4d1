"""Renderers: rich output rendered into a fixed-width console and compared (as Rich's own tests do)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console, RenderableType

from referral.casus.reader import casus_from_mapping
from referral.content.loading import load_ruleset
from referral.core.model import Ruleset
from referral.core.scale import ANSWERS
from referral.engine.match import explain, match
from referral.render.json_view import dumps, explain_json, match_json
from referral.render.markdown_view import explain_markdown, match_markdown
from referral.render.rich_view import render_explain, render_match, score_bar

SNAPSHOTS = Path(__file__).parent / "snapshots"
WIDOW = {
    "age": 79,
    "wijk": "Overvecht",
    "household": "single",
    "loneliness": {"emotional": True, "social": False, "severity": "severe"},
    "life_events": ["bereavement"],
}


def render(renderable: RenderableType, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def check_snapshot(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)"


@pytest.fixture(scope="module")
def snapshot_ruleset(tmp_path_factory: pytest.TempPathFactory) -> Ruleset:
    """A frozen copy of content kept beside the snapshots, so they change only when the view does."""
    from referral.content.loading import ContentDirs

    # Copied out of the repository, so that the footer names no (changing) git commit.
    root = tmp_path_factory.mktemp("snapshot-content")
    shutil.copytree(SNAPSHOTS / "content", root, dirs_exist_ok=True)
    return load_ruleset(ContentDirs(root / "rules", root / "offers"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_match_view_snapshot(snapshot_ruleset: Ruleset, lang: str) -> None:
    result = match(casus_from_mapping(WIDOW, snapshot_ruleset), snapshot_ruleset)
    check_snapshot(f"match-{lang}.txt", render(render_match(result, lang, top=5)))


def test_explain_view_snapshot(snapshot_ruleset: Ruleset) -> None:
    result = match(casus_from_mapping(WIDOW, snapshot_ruleset), snapshot_ruleset)
    explanation = explain(result, "groepje")
    assert explanation is not None
    check_snapshot("explain-nl.txt", render(render_explain(result, explanation, "nl")))


@pytest.mark.parametrize("width", [60, 80, 120])
def test_shipped_view_fits_width_without_colour(ruleset: Ruleset, width: int) -> None:
    result = match(casus_from_mapping(WIDOW, ruleset), ruleset)
    text = render(render_match(result, "nl"), width=width)
    assert "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= width
    assert "Bezoekvrijwilligers" in text and "Overvecht" in text
    assert "sha256:" in text


def test_score_bar_is_proportional() -> None:
    assert score_bar(50, 100).plain == "████░░░░ 50"
    assert score_bar(1, 100).plain.startswith("█░")  # a positive score always shows
    assert score_bar(100, 100).plain == "████████ 100"


def test_scale_note_says_not_a_diagnosis(ruleset: Ruleset) -> None:
    answers = [ANSWERS[0]] * 6
    result = match(casus_from_mapping({"loneliness": {"djg6": answers}}, ruleset), ruleset)
    text = render(render_match(result, "nl"))
    assert "geen diagnose" in text
    assert "geen diagnose" in match_markdown(result, "nl")
    english = render(render_match(result, "en"))
    assert "not a diagnosis" in english


def test_markdown_is_pasteable(ruleset: Ruleset) -> None:
    result = match(casus_from_mapping(WIDOW, ruleset), ruleset)
    text = match_markdown(result, "nl", top=3)
    assert text.startswith("## Verwijsadvies\n")
    assert re.search(r"^1\. \*\*Bezoekvrijwilligers", text, re.MULTILINE)
    assert len(re.findall(r"^\d+\. \*\*", text, re.MULTILINE)) == 3
    assert "sha256:" in text
    explained = explain_markdown(result, explain(result, "join-us"), "nl")  # type: ignore[arg-type]
    assert "niet beschikbaar" in explained and "leeftijdsgrens 12-25" in explained


def test_json_contract(ruleset: Ruleset) -> None:
    result = match(casus_from_mapping({**WIDOW, "wijk": "overvecht", "household": "alleenstaand"}, ruleset), ruleset)
    data: dict[str, Any] = json.loads(dumps(match_json(result, "nl", top=3)))
    assert data["tool"]["name"] == "referral"
    assert data["ruleset"]["digest"].startswith("sha256:") and len(data["ruleset"]["digest"]) == 71
    assert data["ruleset"]["offers"] == len(ruleset.offers)
    assert data["casus"]["wijk"] == "Overvecht" and data["casus"]["household"] == "single"
    assert data["casus"]["loneliness"] == {"social": False, "emotional": True, "severity": "severe"}
    assert [r["rank"] for r in data["referrals"]] == [1, 2, 3]
    first = data["referrals"][0]
    assert set(first) >= {"rank", "score", "offer", "reasons"}
    assert set(first["offer"]) >= {"id", "name", "organisation", "audience", "contact"}
    assert first["offer"]["audience"] == "client"
    assert sum(r["weight"] for r in first["reasons"]) == first["score"]
    assert all(set(r) == {"rule", "weight", "text"} for r in first["reasons"])


def test_explain_json_for_ineligible(ruleset: Ruleset) -> None:
    result = match(casus_from_mapping(WIDOW, ruleset), ruleset)
    data = explain_json(result, explain(result, "ambassadeur-zuid"), "en")  # type: ignore[arg-type]
    assert data["explain"]["status"] == "ineligible"
    assert data["explain"]["failures"] == [{"kind": "wijk", "text": "only in Zuid; the casus lives in Overvecht"}]


def test_markup_in_an_offer_name_is_shown_as_text(snapshot_ruleset: Ruleset) -> None:
    import dataclasses

    offers = tuple(
        dataclasses.replace(o, name="Groepje [/jong] [bold]x") if o.id == "groepje" else o
        for o in snapshot_ruleset.offers
    )
    ruleset = dataclasses.replace(snapshot_ruleset, offers=offers)
    result = match(casus_from_mapping(WIDOW, ruleset), ruleset)
    text = render(render_explain(result, explain(result, "groepje"), "nl"))  # type: ignore[arg-type]
    assert "Groepje [/jong] [bold]x" in text
