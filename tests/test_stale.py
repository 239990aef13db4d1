"""`referral offers --stale`: the maintainer's work list, built from lint's own findings."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import yaml

from referral.analysis.lint import REVIEW_CHECKS, lint
from referral.content.loading import ContentDirs, load_content, shipped_content
from tests.conftest import Run

TODAY = "2026-12-02"


def _items(run: Run, *args: str) -> list[dict[str, Any]]:
    result = run("offers", "--stale", "--today", TODAY, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["today"] == TODAY
    items: list[dict[str, Any]] = data["items"]
    return items


def test_the_work_list_is_lints_review_findings_oldest_sources_first(run: Run) -> None:
    items = _items(run)
    assert items
    keys = [(i["newest_source"] is not None, i["newest_source"] or "") for i in items]
    assert keys == sorted(keys)  # undated first, then the oldest newest source
    loaded = load_content(shipped_content())
    assert loaded.ruleset is not None
    report = lint(loaded.ruleset, documents=loaded.documents, today=dt.date.fromisoformat(TODAY))
    expected: dict[str, set[str]] = {}
    for finding in report.findings:
        if finding.check in REVIEW_CHECKS:
            expected.setdefault(finding.item, set()).add(finding.check)
    past = {o["id"] for o in json.loads(run("offers", "--all", "--format", "json").output)["offers"]} - {
        o["id"] for o in json.loads(run("offers", "--format", "json").output)["offers"]
    }
    assert {i["id"] for i in items} == set(expected) - past  # the archive only with --all
    for item in items:
        assert {f["id"] for f in item["findings"]} == expected[item["id"]]


def test_offers_marked_for_review_show_why(run: Run) -> None:
    """Where sources disagree the model says so in `review`: the list shows that text."""
    items = {i["id"]: i for i in _items(run)}
    infopunt = items["infopunt-informele-zorg"]
    assert infopunt["marked_for_review"] is True
    assert "Bronnen verschillen" in str(infopunt["review"])
    finding = next(f for f in infopunt["findings"] if f["id"] == "offer-to-review")
    assert "Bronnen verschillen" in finding["message"]
    assert infopunt["newest_source"] == "2021-12-31" and infopunt["oldest_source"] == "2020-12-31"
    assert all(i["marked_for_review"] == bool(i["review"]) for i in items.values())


def test_a_checked_offer_with_recent_sources_leaves_the_list(content_copy: ContentDirs, run: Run) -> None:
    path = content_copy.offers / "infopunt-informele-zorg.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["review"]
    data["reviewed"] = "2026-11-30"
    data["source"][0]["date"] = "2026-11-30"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ids = [i["id"] for i in _items(run, "--wijk", "Zuid")]
    before = [
        i["id"] for i in json.loads(run("offers", "--stale", "--today", TODAY, "--format", "json").output)["items"]
    ]
    assert "infopunt-informele-zorg" in before
    after = run("--offers", str(content_copy.offers), "offers", "--stale", "--today", TODAY, "--format", "json")
    assert "infopunt-informele-zorg" not in [i["id"] for i in json.loads(after.output)["items"]]
    assert "ambassadeur-west" not in ids  # the filters of `offers` apply


def test_rich_markdown_and_english(run: Run) -> None:
    rich = run("offers", "--stale", "--today", TODAY)
    assert rich.exit_code == 0 and "oudste bronnen eerst" in rich.output and "Traceback" not in rich.output
    assert "[offer-to-review]" in rich.output
    markdown = run("--lang", "en", "offers", "--stale", "--today", TODAY, "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.output.startswith("## Offers to re-check (as of 2026-12-02), oldest sources first")
    assert "`offer-to-review`: offer 'infopunt-informele-zorg' needs checking by a person" in markdown.output
    assert "to re-check," in markdown.output
    nothing = run("offers", "--stale", "--today", TODAY, "geenzoekwoordditbestaatniet")
    assert nothing.exit_code == 0 and "Niets opnieuw te controleren" in nothing.output


def test_a_bad_day_is_exit_2(run: Run) -> None:
    bad = run("offers", "--stale", "--today", "2026-13-01")
    assert bad.exit_code == 2 and "Traceback" not in bad.output
