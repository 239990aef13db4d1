"""HSDS 3.0 exchange: `referral offers --export hsds DIR` and `--import-hsds DIR --out OFFERS`.

The export is validated against the published HSDS 3.0 JSON Schemas (tests/data/hsds-3.0, CC BY-SA
4.0, see its SOURCE.md), strictly: additionalProperties false everywhere, as upstream checks its own
examples. The round trip is tested on every shipped offer.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from referral.app.hsds import EXTENSION
from referral.content.loading import ContentDirs, load_content, shipped_content
from tests.conftest import Run

SCHEMAS = Path(__file__).parent / "data" / "hsds-3.0" / "schema"
EXAMPLE = Path(__file__).parent / "data" / "hsds-3.0" / "examples" / "service_full.json"
BASE = "https://example.test/hsds/3.0/"


def _strict(node: Any) -> Any:
    """The schema with additionalProperties false on every object that lists its properties."""
    if isinstance(node, dict):
        node = {k: _strict(v) for k, v in node.items()}
        if "properties" in node and node.get("type") == "object":
            node.setdefault("additionalProperties", False)
        return node
    if isinstance(node, list):
        return [_strict(v) for v in node]
    return node


def _validator(name: str) -> Draft202012Validator:
    schemas = {path.name: _strict(json.loads(path.read_text(encoding="utf-8"))) for path in SCHEMAS.glob("*.json")}
    registry: Registry[Any] = Registry().with_resources(
        (BASE + file, DRAFT202012.create_resource(schema)) for file, schema in schemas.items()
    )
    root = {**schemas[name], "$id": BASE + name}
    return Draft202012Validator(root, registry=registry, format_checker=FormatChecker())


def _uris(node: Any, key: str = "") -> list[str]:
    """Every value of a uri field (FormatChecker needs an extra package for 'uri'; checked here)."""
    if isinstance(node, dict):
        return [u for k, v in node.items() for u in _uris(v, k)]
    if isinstance(node, list):
        return [u for v in node for u in _uris(v, key)]
    return [node] if key in ("url", "website", "uri", "schedule_link") and isinstance(node, str) else []


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from referral.cli import main

    folder = tmp_path_factory.mktemp("hsds") / "export"
    result = CliRunner().invoke(main, ["offers", "--all", "--export", "hsds", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return folder


def _shipped_raw() -> dict[str, dict[str, Any]]:
    loaded = load_content(shipped_content())
    assert loaded.ruleset is not None
    files = {offer.location.file: offer.id for offer in loaded.ruleset.offers}
    return {files[d.file]: d.value for d in loaded.documents if d.file in files}


def _no_nulls(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _no_nulls(v) for k, v in node.items() if v is not None}
    if isinstance(node, list):
        return [_no_nulls(v) for v in node]
    return node


def test_the_export_validates_against_the_hsds_schemas(exported: Path) -> None:
    raw = _shipped_raw()
    services = sorted((exported / "services").glob("*.json"))
    assert [p.stem for p in services] == sorted(raw)  # every offer, the archive too
    service_schema, org_schema = _validator("service.json"), _validator("organization.json")
    for path in services:
        service = json.loads(path.read_text(encoding="utf-8"))
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in service_schema.iter_errors(service)]
        assert not errors, (path.name, errors[:3])
        assert all(urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc for u in _uris(service))
    organizations = sorted((exported / "organizations").glob("*.json"))
    assert organizations
    for path in organizations:
        assert not list(org_schema.iter_errors(json.loads(path.read_text(encoding="utf-8")))), path.name


def test_the_schemas_catch_a_broken_service(exported: Path) -> None:
    """The validation is not vacuous: a field HSDS does not know, or a missing status, fails."""
    service = json.loads(next((exported / "services").glob("*.json")).read_text(encoding="utf-8"))
    validator = _validator("service.json")
    assert not list(validator.iter_errors(service))
    assert list(validator.iter_errors({**service, "kind": ["bond"]}))
    assert list(validator.iter_errors({k: v for k, v in service.items() if k != "status"}))
    assert list(validator.iter_errors({**service, "id": "not-a-uuid"}))


def test_the_export_maps_the_fields_both_models_have(exported: Path) -> None:
    infopunt = json.loads((exported / "services" / "infopunt-informele-zorg.json").read_text(encoding="utf-8"))
    assert infopunt["name"] == "Infopunt Informele Zorg"
    assert infopunt["organization"]["name"] == "NIZU (Netwerk Informele Zorg Utrecht)"
    assert infopunt["organization_id"] == infopunt["organization"]["id"]
    assert [p["number"] for p in infopunt["phones"]] == ["030-2361745"]
    assert infopunt["email"] == "info@nizu.nl"
    assert infopunt["service_areas"] == []  # the whole city: no area
    rows = [s for s in infopunt["schedules"] if "byday" in s]
    assert rows[0]["byday"] == "MO,TU,WE,TH,FR,SA,SU" and rows[0]["freq"] == "WEEKLY"
    assert (rows[0]["opens_at"], rows[0]["closes_at"]) == ("09:00", "13:00")
    assert next(s["description"] for s in infopunt["schedules"] if "byday" not in s).startswith("Nieuwste bron")
    assert [lang["code"] for lang in infopunt["languages"]] == ["nl"]
    kinds = [a["taxonomy_term"]["code"] for a in infopunt["attributes"] if a["link_type"] == "referral-kind"]
    assert kinds == ["information"]
    raw = _shipped_raw()
    aged = [i for i, d in raw.items() if (d["eligibility"].get("age") or {}).get("min") is not None]
    assert aged
    for offer_id in aged:
        service = json.loads((exported / "services" / f"{offer_id}.json").read_text(encoding="utf-8"))
        age = raw[offer_id]["eligibility"]["age"]
        assert service["minimum_age"] == age["min"] and service.get("maximum_age") == age.get("max")
        assert "eligibility_description" in service
    local = [i for i, d in raw.items() if d["eligibility"]["wijken"] != "all"]
    for offer_id in local:
        service = json.loads((exported / "services" / f"{offer_id}.json").read_text(encoding="utf-8"))
        assert [a["name"] for a in service["service_areas"]] == raw[offer_id]["eligibility"]["wijken"]
        assert all(a["description"].startswith("CBS-wijkcode WK0344") for a in service["service_areas"])


def test_the_export_is_reproducible(exported: Path, tmp_path: Path, run: Run) -> None:
    again = tmp_path / "again"
    assert run("offers", "--all", "--export", "hsds", str(again)).exit_code == 0
    for path in (exported / "services").glob("*.json"):
        assert (again / "services" / path.name).read_bytes() == path.read_bytes()


def test_a_round_trip_loses_nothing_for_every_shipped_offer(exported: Path, tmp_path: Path, run: Run) -> None:
    out = tmp_path / "offers"
    result = run("offers", "--import-hsds", str(exported), "--out", str(out))
    assert result.exit_code == 0, result.output
    raw = _shipped_raw()
    assert sorted(p.stem for p in out.glob("*.yaml")) == sorted(raw)
    shipped = load_content(shipped_content())
    back = load_content(ContentDirs(shipped_content().rules, out))
    assert back.ruleset is not None and shipped.ruleset is not None, back.problems[:3]
    assert not [p for p in back.problems if p.severity == "error"]
    # The files say the same (nulls apart: `url: null` and no url are one thing) ...
    files = {offer.location.file: offer.id for offer in back.ruleset.offers}
    again = {files[d.file]: d.value for d in back.documents if d.file in files}
    for offer_id, data in raw.items():
        assert _no_nulls(again[offer_id]) == _no_nulls(data), offer_id
    # ... and the loaded offers are equal, field for field (where they were read from apart).
    for before, after in zip(shipped.ruleset.offers, back.ruleset.offers, strict=True):
        assert dataclasses.replace(after, location=before.location) == before, before.id
    assert run("--offers", str(out), "validate").exit_code == 0


def test_the_hsds_fields_alone_carry_what_both_models_have(exported: Path, tmp_path: Path, run: Run) -> None:
    """Without our extension attribute (as another HSDS tool might drop it), every fact both models
    have still comes back: names, organisation, description, area, ages, languages, contact, hours,
    the date a person checked it, and the terms of our taxonomies."""
    plain = tmp_path / "plain" / "services"
    plain.mkdir(parents=True)
    for path in (exported / "services").glob("*.json"):
        service = json.loads(path.read_text(encoding="utf-8"))
        service["attributes"] = [a for a in service["attributes"] if a["link_type"] != EXTENSION]
        (plain / path.name).write_text(json.dumps(service), encoding="utf-8")
    out = tmp_path / "out"
    result = run("offers", "--import-hsds", str(plain.parent), "--out", str(out))
    assert result.exit_code == 0, result.output
    shipped = load_content(shipped_content())
    assert shipped.ruleset is not None
    vocabulary = shipped.ruleset.vocabulary
    drafts = {}
    import yaml

    for path in out.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        drafts[data["name"], data["organisation"]] = data
    raw = _shipped_raw()
    for offer in shipped.ruleset.offers:
        data, draft = raw[offer.id], drafts[offer.name, offer.organisation]
        description = data["description"]
        assert draft["description"] == (description["nl"] if isinstance(description, dict) else description)
        for key in ("kind", "audience", "for", "modality", "tags", "reviewed"):
            assert draft.get(key) == data.get(key), (offer.id, key)
        elig, back = data["eligibility"], draft["eligibility"]
        assert back["wijken"] == elig["wijken"] and back.get("age") == elig.get("age"), offer.id
        assert back["languages"] == list(vocabulary.served_in(offer)), offer.id
        contact = {k: v for k, v in (data.get("contact") or {}).items() if v is not None and k != "via"}
        assert _no_nulls(draft["contact"]) == contact, offer.id
        assert draft["source"][0]["title"].startswith("Open Referral HSDS-bestand")


def test_import_of_another_publishers_service_maps_only_what_it_gives(tmp_path: Path, run: Run) -> None:
    folder = tmp_path / "hsds"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "service_full.json")
    assert not list(_validator("service.json").iter_errors(json.loads(EXAMPLE.read_text(encoding="utf-8"))))
    out = tmp_path / "offers"
    result = run("offers", "--import-hsds", str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "nog aan te vullen" in result.output
    import yaml

    (path,) = out.glob("*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == "community-counselling" == path.stem
    assert data["name"] == "Community Counselling"
    assert data["organisation"] == "Example Organization Inc."
    assert data["eligibility"]["age"] == {"min": 12, "max": 100}
    assert data["eligibility"]["wijken"] != "all"  # an area that is no wijk: validate will say so
    assert data["contact"]["phone"] == "+44 1234 234567"
    assert data["contact"]["email"] == "email@example.com"
    assert data["contact"]["url"] == "http://example.com/counselling"
    row = data["contact"]["schedule"][0]
    assert (row["days"], row["opens_at"], row["closes_at"]) == (["th", "fr"], "10:00", "18:00")
    assert data["reviewed"] == "2005-01-01"
    # Nothing the HSDS does not say: no kind of help, audience or modality, and the review says so.
    for key in ("kind", "audience", "modality"):
        assert key not in data
    assert "nog in te vullen: kind, audience, modality" in data["review"]
    assert "aged 12 and over" in data["review"]  # the eligibility text, kept for a person
    assert data["source"][0]["date"] == "2005-01-01"
    checked = run("--offers", str(out), "validate")
    assert checked.exit_code != 0 and "kind" in checked.output


def test_import_refuses_to_overwrite_without_force(exported: Path, tmp_path: Path, run: Run) -> None:
    out = tmp_path / "offers"
    assert run("offers", "--import-hsds", str(exported), "--out", str(out)).exit_code == 0
    again = run("offers", "--import-hsds", str(exported), "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    assert run("offers", "--import-hsds", str(exported), "--out", str(out), "--force").exit_code == 0
    assert run("offers", "--export", "hsds", str(exported)).exit_code == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "json"),
        ('{"name": "X", "minimum_age": "twelve"}', "minimum_age"),
        ('{"name": "X", "minimum_age": 12.5}', "minimum_age"),
        ('{"name": "X", "schedules": [{"byday": "Monday", "opens_at": "09:00", "closes_at": "10:00"}]}', "rooster"),
        ('{"id": "x"}', "name"),
        ("[1]", "HSDS-service"),
        (
            '{"name": "X", "attributes": [{"id": "a", "link_type": "referral-extension", "value": "[1"}]}',
            "extensie",
        ),
    ],
)
def test_bad_hsds_is_one_clear_message_with_exit_2(tmp_path: Path, run: Run, content: str, expected: str) -> None:
    folder = tmp_path / "hsds"
    folder.mkdir()
    (folder / "s.json").write_text(content, encoding="utf-8")
    result = run("offers", "--import-hsds", str(folder), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "s.json" in result.output and expected.lower() in result.output.lower()
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_bad_usage_of_the_exchange_options(tmp_path: Path, run: Run) -> None:
    missing = run("offers", "--import-hsds", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert missing.exit_code == 2 and "bestaat niet" in missing.output
    empty = run("--lang", "en", "offers", "--import-hsds", str(tmp_path), "--out", str(tmp_path / "o"))
    assert empty.exit_code == 2 and "no HSDS files found" in empty.output
    assert run("offers", "--import-hsds", str(tmp_path)).exit_code == 2
    assert run("offers", "--out", str(tmp_path)).exit_code == 2
    both = run("offers", "--import-hsds", str(tmp_path), "--export", "hsds", str(tmp_path / "x"))
    assert both.exit_code == 2 and "niet samen" in both.output


def test_a_schedule_rows_own_fields_travel_in_the_extension(ruleset: Any) -> None:
    """A field an opening-hours row may gain that no RRULE field carries comes back from the extension."""
    from referral.app.hsds import offer_from_service
    from referral.core.yamlsource import Document

    service = {
        "id": "s",
        "name": "X",
        "status": "active",
        "schedules": [{"id": "r", "freq": "MONTHLY", "byday": "1MO,3MO", "opens_at": "10:00", "closes_at": "12:00"}],
        "attributes": [
            {
                "id": "a",
                "link_type": EXTENSION,
                "taxonomy_term": {"id": "t", "code": "offer", "name": "n", "description": "d", "taxonomy": EXTENSION},
                "value": json.dumps({"id": "x", "schedule_rows": {"0": {"attending": "in_person"}}}),
            }
        ],
    }
    draft = offer_from_service(Document("s.json", service, {}), (), service, {}, ruleset.vocabulary)
    assert draft.offer_id == "x"
    assert draft.data["contact"]["schedule"] == [
        {"days": ["mo"], "opens_at": "10:00", "closes_at": "12:00", "nth_of_month": [1, 3], "attending": "in_person"}
    ]
