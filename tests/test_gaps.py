"""`referral gaps`: per wijk, group and need, is a fitting kind of help referred, by whom, and where
do organisations overlap. Every cell is what `referral match` advises for its casus."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from referral.analysis.gaps import COVERED, GAP, WEAK, need_map, organisations
from referral.app.session import Session
from referral.content.loading import ContentDirs, load_ruleset
from tests.conftest import DAY, Run
from tests.kit import VOCABULARY, offer, rule, write_content

GAPS = {
    "groups": {
        "young": {"label": {"nl": "jongeren", "en": "young people"}, "casus": {"age": 20}},
        "old": {"label": {"nl": "ouderen", "en": "older people"}, "casus": {"age": 80}},
    },
    "needs": {
        "emotional": {
            "label": {"nl": "mist een band", "en": "misses a bond"},
            "casus": {"loneliness": {"emotional": True, "severity": "moderate"}},
            "fitting": ["bond"],
        },
        "social": {
            "label": {"nl": "te weinig contacten", "en": "too few contacts"},
            "casus": {"loneliness": {"social": True, "severity": "moderate"}},
            "fitting": ["meeting"],
        },
    },
}


def tiny(tmp_path: Path, offers: list[dict[str, Any]], rules: list[dict[str, Any]]) -> ContentDirs:
    vocabulary = copy.deepcopy(VOCABULARY)
    vocabulary["gaps"] = GAPS
    return write_content(tmp_path, offers, rules, vocabulary)


RULES = [
    rule(
        "bond-for-emotional",
        {"weight": 30, "kinds": ["bond"]},
        {"signal": "loneliness.emotional", "is": True},
        because={"nl": "Een maatje.", "en": "A buddy."},
    ),
    rule(
        "meeting-for-social",
        {"weight": 30, "kinds": ["meeting"]},
        {"signal": "loneliness.social", "is": True},
        because={"nl": "Samen.", "en": "Together."},
    ),
    rule("info-always", {"weight": 50, "kinds": ["information"]}, because={"nl": "Info.", "en": "Info."}),
]


def mapped(dirs: ContentDirs) -> Any:
    ruleset = load_ruleset(dirs)
    session = Session.of_ruleset(ruleset)
    return need_map(ruleset, lambda data: session.match(session.reader.read_mapping(data), DAY), DAY)


def test_cells_are_covered_weak_or_gaps_with_their_providers(tmp_path: Path) -> None:
    dirs = tiny(
        tmp_path,
        [
            offer("buddy-young", ["bond"], organisation="A", eligibility={"wijken": "all", "age": {"max": 30}}),
            offer("meet-noord", ["meeting"], organisation="B", eligibility={"wijken": ["Noord"]}),
            offer("meet-city", ["meeting"], organisation="C"),
            offer("info-1", ["information"], organisation="D"),
            offer("info-2", ["information"], organisation="E"),
            offer("info-3", ["information"], organisation="F"),
        ],
        RULES,
    )
    found = mapped(dirs)
    assert found.wijken == ("Noord", "Zuid", "Oost") and found.groups == ("young", "old")
    assert found.cell("Zuid", "young", "emotional").status == COVERED
    assert [p.offer.id for p in found.cell("Zuid", "young", "emotional").providers] == ["buddy-young"]
    # No bond for older people anywhere: a gap in every wijk.
    assert all(found.cell(w, "old", "emotional").status == GAP for w in found.wijken)
    # Social: two organisations in Noord (an overlap), one elsewhere.
    noord = found.cell("Noord", "old", "social")
    assert noord.status == COVERED and noord.organisations == ("B", "C") and noord.overlap
    assert not found.cell("Zuid", "old", "social").overlap
    assert len(found.gaps()) == 3 and found.count(GAP) == 3


@pytest.mark.parametrize(("bond_weight", "status", "rank"), [(15, "covered", 2), (5, "weak", 4)])
def test_rounds_keep_a_fitting_kind_in_the_top_unless_it_is_a_weak_fit(
    tmp_path: Path, bond_weight: int, status: str, rank: int
) -> None:
    """Three strong information offers (50) do not push a bond of 15 down: each kind's best comes
    first. A bond of 5, below a quarter of the top score, takes no turn and follows them: weak."""
    dirs = tiny(
        tmp_path,
        [offer("buddy", ["bond"]), *(offer(f"info-{i}", ["information"]) for i in range(3))],
        [
            rule(
                "bond-weak",
                {"weight": bond_weight, "kinds": ["bond"]},
                {"signal": "loneliness.emotional", "is": True},
                because={"nl": "Een maatje.", "en": "A buddy."},
            ),
            rule("info-always", {"weight": 50, "kinds": ["information"]}, because={"nl": "Info.", "en": "Info."}),
        ],
    )
    found = mapped(dirs)
    cell = found.cell("Zuid", "old", "emotional")
    assert cell.status == {"covered": COVERED, "weak": WEAK}[status] and cell.providers[0].rank == rank
    assert found.cell("Zuid", "old", "social").status == GAP


def test_weak_when_the_fitting_kind_comes_after_the_third_place(tmp_path: Path) -> None:
    kinds = ["information", "grief", "helper_knowledge"]
    dirs = tiny(
        tmp_path,
        [offer("buddy", ["bond"]), *(offer(f"other-{k.replace('_', '-')}", [k]) for k in kinds)],
        [
            rule(
                "bond-weak",
                {"weight": 5, "kinds": ["bond"]},
                {"signal": "loneliness.emotional", "is": True},
                because={"nl": "Een maatje.", "en": "A buddy."},
            ),
            rule("others", {"weight": 50, "kinds": kinds}, because={"nl": "Info, rouw, training.", "en": "x"}),
        ],
    )
    cell = mapped(dirs).cell("Zuid", "old", "emotional")
    assert cell.status == WEAK and cell.providers[0].rank == 4


def test_every_cell_is_what_match_advises(run: Run, tmp_path: Path) -> None:
    """The map asks the engine itself: a cell's providers are the referrals of its casus's match."""
    dirs = tiny(
        tmp_path,
        [offer("buddy", ["bond"], organisation="A"), offer("meet", ["meeting"], organisation="B")],
        RULES,
    )
    found = mapped(dirs)
    for (wijk, group, need), cell in found.cells.items():
        data = {**GAPS["groups"][group]["casus"], **GAPS["needs"][need]["casus"], "wijk": wijk}
        result = run(
            "--rules",
            str(dirs.rules),
            "--offers",
            str(dirs.offers),
            "match",
            "-",
            "--format",
            "json",
            "--top",
            "0",
            "--now",
            "2026-12-02T10:00",
            input=json.dumps(data),
        )
        referred = [
            r["offer"]["id"]
            for r in json.loads(result.output)["referrals"]
            if set(r["offer"]["kind"]) & set(GAPS["needs"][need]["fitting"])
        ]
        assert [p.offer.id for p in cell.providers] == referred


def test_organisation_table(tmp_path: Path) -> None:
    dirs = tiny(
        tmp_path,
        [
            offer("a1", ["bond"], organisation="A"),
            offer("a2", ["meeting"], organisation="A", eligibility={"wijken": ["Noord"]}),
            offer("b1", ["meeting"], organisation="B", eligibility={"wijken": ["Zuid"]}),
            offer("r1", ["recruitment"], organisation="R"),
        ],
        RULES,
    )
    rows = {row.organisation: row for row in organisations(mapped(dirs))}
    assert set(rows) == {"A", "B"}  # recruitment is never advised, so not on the map
    assert rows["A"].kinds == ("bond", "meeting") and rows["A"].wijken is None
    assert rows["B"].wijken == ("Zuid",) and rows["B"].referred_in == 2  # social, both groups, in Zuid


# --- the shipped content and the command ------------------------------------------------------


def test_shipped_map_names_its_gaps(run: Run) -> None:
    result = run("gaps", "--format", "json", "--now", "2026-12-02")
    data = json.loads(result.output)
    counts = data["counts"]
    assert counts["cells"] == 10 * 4 * 6 == len(data["cells"])
    assert counts["covered"] + counts["weak"] + counts["gaps"] == counts["cells"]
    cells = {(c["wijk"], c["group"], c["need"]): c for c in data["cells"]}
    # Every cell with providers names organisations that really are referred for that need.
    for cell in cells.values():
        assert (cell["status"] == GAP) == (not cell["providers"])
    assert {row["organisation"] for row in data["organisations"]}


def test_rich_view_has_symbols_not_only_colour(run: Run) -> None:
    result = run("gaps", "--wijk", "Overvecht", "--wijk", "vleuten")
    assert result.exit_code == 0
    assert "Wie doet wat" in result.output and "Per organisatie" in result.output
    assert re.search(r"[✓~✗]", result.output)
    rows = {line.split()[0] for line in result.output.splitlines() if re.match(r"^ \S.* [✓~✗]", line)}
    assert rows == {"Overvecht", "Vleuten-De"}


def test_csv_has_one_row_per_cell(run: Run) -> None:
    result = run("gaps", "--format", "csv", "--wijk", "Zuid")
    rows = result.output.strip().split("\n")
    assert rows[0] == "wijk,group,need,status,organisations,offers"
    assert len(rows) == 1 + 4 * 6


def test_markdown(run: Run) -> None:
    result = run("gaps", "--format", "markdown", "--wijk", "Oost")
    assert result.output.startswith("## Wie doet wat")
    assert "| Wijk |" in result.output and "| Oost |" in result.output


def test_html_export_is_a_readable_accessible_page(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "kaart.html"
    result = run("gaps", "--export", "html", str(target))
    assert result.exit_code == 0 and str(target) in result.stderr
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<title>Wie doet wat" in page and "<h1>" in page and "<h2>" in page
    assert "<svg" in page and 'role="img"' in page and '<title id="map-title">' in page
    assert '<th scope="col">' in page and '<th scope="row">' in page and "<caption>" in page
    assert "overflow-wrap:anywhere" in page  # long organisation names wrap instead of a scrollbar
    assert "doorgerekend in" not in page and "--explain" not in page and "--top" not in page
    again = run("gaps", "--export", "html", str(target))
    assert again.exit_code == 2  # never over an existing file without --force
    assert run("gaps", "--export", "html", str(target), "--force").exit_code == 0


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_picture_colours_meet_wcag_contrast() -> None:
    from referral.render.gaps_view import COLOURS

    for fill, ink in COLOURS.values():
        light, dark = sorted((_luminance(fill), _luminance(ink)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (fill, ink)


def test_max_gaps_sets_the_exit_code(run: Run) -> None:
    data = json.loads(run("gaps", "--format", "json").output)
    gaps = data["counts"]["gaps"]
    assert run("gaps", "--format", "json", "--max-gaps", str(gaps)).exit_code == 0
    if gaps:
        assert run("gaps", "--format", "json", "--max-gaps", str(gaps - 1)).exit_code == 1


def test_unknown_wijk_is_refused_with_a_suggestion(run: Run) -> None:
    result = run("gaps", "--wijk", "Overvecth")
    assert result.exit_code == 2 and "Overvecht" in result.stderr


def test_english(run: Run) -> None:
    result = run("--lang", "en", "gaps", "--wijk", "Zuid")
    assert "Who does what" in result.output and "Per organisation" in result.output


@pytest.mark.parametrize("option", ["--format", "--wijk", "--now", "--export", "--max-gaps"])
def test_docs_describe_every_option(option: str) -> None:
    guide = (Path(__file__).resolve().parent.parent / "docs" / "gaps.md").read_text(encoding="utf-8")
    assert option in guide
