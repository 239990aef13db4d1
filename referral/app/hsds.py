"""Open Referral HSDS 3.0 exchange: the offers as HSDS services (`referral offers --export hsds DIR`)
and HSDS services as YAML offer drafts (`referral offers --import-hsds DIR --out OFFERS`).

Why: other sociale kaarten and registers speak HSDS, so the aanbod can be shared with them and
their data can seed offer files. The mapping (docs/hsds.md) uses HSDS's own fields wherever both
models have the fact; kinds of help, audience, groups, modality and tags travel as HSDS attributes
with taxonomies of our own; what HSDS has no place for (sources, period, rules' conditions, ...)
travels in one extension attribute, so a round trip loses nothing. An import maps only what the
HSDS gives: nothing is invented, and what a person must still fill in is said in `review`.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from referral.app.support import Settings
from referral.core.i18n import translate
from referral.core.model import Offer, Ruleset, Vocabulary
from referral.core.problems import Problem, ReferralError
from referral.core.yamlsource import Document, PathKey

# A fixed namespace, so that the same offer gets the same HSDS ids in every export.
NAMESPACE = uuid.UUID("5b0e3c55-6a53-4c1e-9d0c-2f4b8f0a7e11")
TAXONOMIES = {  # our field -> the taxonomy of its HSDS attributes
    "kind": "referral-kind",
    "audience": "referral-audience",
    "for": "referral-for",
    "modality": "referral-modality",
    "tags": "referral-tag",
}
EXTENSION = "referral-extension"  # the attribute that carries what HSDS has no place for
VIA_TITLE = "bereikbaar via"  # the title of the HSDS contact that stands for `contact.via`
DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
# The keys of an offer whose facts HSDS fields carry; everything else goes into the extension.
NATIVE_CONTACT = ("url", "phone", "email", "address", "schedule", "schedule_notes")
NATIVE_ELIGIBILITY = ("wijken", "age", "languages")
SCHEDULE_ROW = ("days", "opens_at", "closes_at", "valid_from", "valid_to", "notes", "nth_of_month")
KEY_ORDER = (
    "id",
    "name",
    "organisation",
    "kind",
    "audience",
    "for",
    "description",
    "eligibility",
    "modality",
    "contact",
    "period",
    "evidence",
    "review",
    "reviewed",
    "tags",
    "source",
    "lint",
)


def hsds_id(*parts: str) -> str:
    """A stable UUID for an HSDS record of an offer (uuid5: the same offer, the same id)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


# --- export ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HsdsExport:
    """The HSDS records of an export: one service per offer, one organization per provider."""

    services: tuple[tuple[str, dict[str, Any]], ...]  # (offer id, service)
    organizations: tuple[dict[str, Any], ...]


def export_records(
    ruleset: Ruleset, raw: Mapping[str, Mapping[str, Any]], offers: Sequence[Offer], day: Any
) -> HsdsExport:
    """Every offer as an HSDS 3.0 service; `raw` is each offer's YAML data by id (what the file says,
    so that a condition travels as written)."""
    from referral.engine.compile import is_past

    by_org: dict[str, list[Offer]] = {}
    for offer in offers:
        by_org.setdefault(offer.organisation, []).append(offer)
    organizations = {name: _organization(name, members) for name, members in by_org.items()}
    services = []
    for offer in offers:
        service = _service(offer, raw[offer.id], ruleset.vocabulary, organizations[offer.organisation])
        if is_past(offer, day):
            service["status"] = "inactive"
        services.append((offer.id, service))
    return HsdsExport(tuple(services), tuple(organizations.values()))


def _organization(name: str, offers: Sequence[Offer]) -> dict[str, Any]:
    """HSDS requires a description: we have none of our own, so it names what the organisation offers."""
    names = "; ".join(sorted({offer.name for offer in offers}))
    return {
        "id": hsds_id("organization", name),
        "name": name,
        "description": translate("hsds.organization_description", "nl", offers=names),
    }


def _label_nl(value: Any) -> str:
    return str(value["nl"]) if isinstance(value, dict) else str(value)


def _service(
    offer: Offer, data: Mapping[str, Any], vocabulary: Vocabulary, organization: dict[str, Any]
) -> dict[str, Any]:
    sid = hsds_id("service", offer.id)
    contact = data.get("contact") or {}
    eligibility = data.get("eligibility") or {}
    age = eligibility.get("age") or {}
    service: dict[str, Any] = {
        "id": sid,
        "organization_id": organization["id"],
        "name": data["name"],
        "description": _label_nl(data["description"]),
    }
    for key in ("url", "email"):
        if contact.get(key):
            service[key] = contact[key]
    service["status"] = "active"
    described = eligibility_text(offer, vocabulary)
    if described:
        service["eligibility_description"] = described
    if "min" in age:
        service["minimum_age"] = age["min"]
    if "max" in age:
        service["maximum_age"] = age["max"]
    if data.get("reviewed"):
        service["assured_date"] = data["reviewed"]
    service["phones"] = (
        [{"id": hsds_id("phone", offer.id), "service_id": sid, "number": contact["phone"]}]
        if contact.get("phone")
        else []
    )
    service["schedules"] = _schedules(offer.id, sid, contact)
    service["service_areas"] = (
        [_area(offer.id, sid, wijk, vocabulary) for wijk in (eligibility.get("wijken") or "all") if wijk != "all"]
        if eligibility.get("wijken") != "all"
        else []
    )
    service["service_at_locations"] = _locations(offer.id, sid, contact)
    languages = eligibility.get("languages") or vocabulary.served_in(offer)
    service["languages"] = [_language(offer.id, sid, code, vocabulary) for code in languages]
    service["organization"] = organization
    service["contacts"] = _via_contact(offer, sid)
    service["attributes"] = _attributes(offer.id, sid, data, vocabulary)
    return service


def eligibility_text(offer: Offer, vocabulary: Vocabulary) -> str:
    """The eligibility in one Dutch sentence, for HSDS's `eligibility_description` (a reader of the
    HSDS sees whom it is for; the structured limits travel in their own fields)."""
    parts = []
    if offer.age_min is not None and offer.age_max is not None:
        parts.append(translate("hsds.elig.age_range", "nl", min=offer.age_min, max=offer.age_max))
    elif offer.age_min is not None:
        parts.append(translate("hsds.elig.age_min", "nl", min=offer.age_min))
    elif offer.age_max is not None:
        parts.append(translate("hsds.elig.age_max", "nl", max=offer.age_max))
    if offer.wijken is not None:
        parts.append(translate("hsds.elig.wijken", "nl", wijken=", ".join(offer.wijken), count=len(offer.wijken)))
    if offer.groups:
        labels = [vocabulary.groups[g].get("nl") if g in vocabulary.groups else g for g in offer.groups]
        parts.append(translate("hsds.elig.groups", "nl", groups=", ".join(labels)))
    if offer.for_lonely:
        parts.append(translate("hsds.elig.lonely", "nl"))
    audience = vocabulary.signals.get("audience")
    if audience is not None and offer.audiences:
        labels = [audience.value_label(a, "nl") for a in offer.audiences]
        parts.append(translate("hsds.elig.audience", "nl", audience=", ".join(labels)))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "." if text else ""


def _schedules(offer_id: str, sid: str, contact: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each opening-hours row as a weekly (or, with nth_of_month, monthly) RRULE; the free-text
    schedule notes as a schedule with only a description."""
    found = []
    for index, row in enumerate(contact.get("schedule") or ()):
        nth = row.get("nth_of_month") or ()
        days = [d.upper() for d in row["days"]]
        item: dict[str, Any] = {
            "id": hsds_id("schedule", offer_id, str(index)),
            "service_id": sid,
            "freq": "MONTHLY" if nth else "WEEKLY",
            "byday": ",".join(f"{n}{d}" for n in nth for d in days) if nth else ",".join(days),
            "opens_at": row["opens_at"],
            "closes_at": row["closes_at"],
        }
        for key in ("valid_from", "valid_to", "notes"):
            if row.get(key):
                item[key] = row[key]
        found.append(item)
    if contact.get("schedule_notes"):
        found.append(
            {"id": hsds_id("schedule", offer_id, "notes"), "service_id": sid, "description": contact["schedule_notes"]}
        )
    return found


def _area(offer_id: str, sid: str, wijk: str, vocabulary: Vocabulary) -> dict[str, Any]:
    area: dict[str, Any] = {"id": hsds_id("service_area", offer_id, wijk), "service_id": sid, "name": wijk}
    signal = vocabulary.signals.get("wijk")
    value = signal.value(wijk) if signal else None
    cbs = dict(value.extra).get("cbs") if value else None
    if cbs:
        area["description"] = translate("hsds.area_cbs", "nl", cbs=cbs)
    return area


def _locations(offer_id: str, sid: str, contact: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The address as a physical location. Our address is one line of text: HSDS's structured
    `address` needs a postal code, city and country we do not split out, so it is the location's name."""
    if not contact.get("address"):
        return []
    lid = hsds_id("location", offer_id)
    location = {"id": lid, "location_type": "physical", "name": contact["address"]}
    return [
        {"id": hsds_id("service_at_location", offer_id), "service_id": sid, "location_id": lid, "location": location}
    ]


def _language(offer_id: str, sid: str, code: str, vocabulary: Vocabulary) -> dict[str, Any]:
    signal = vocabulary.signals.get("languages")
    name = signal.value_label(code, "nl") if signal else code
    return {"id": hsds_id("language", offer_id, code), "service_id": sid, "name": name, "code": code}


def _via_contact(offer: Offer, sid: str) -> list[dict[str, Any]]:
    """An offer reached through another's route: that route as an HSDS contact (name, e-mail, phone)."""
    via = offer.contact.via
    if via is None:
        return []
    cid = hsds_id("contact", offer.id)
    contact: dict[str, Any] = {"id": cid, "service_id": sid, "name": via.name or via.offer, "title": VIA_TITLE}
    if via.email:
        contact["email"] = via.email
    contact["phones"] = (
        [{"id": hsds_id("contact_phone", offer.id), "contact_id": cid, "number": via.phone}] if via.phone else []
    )
    return [contact]


def _attributes(offer_id: str, sid: str, data: Mapping[str, Any], vocabulary: Vocabulary) -> list[dict[str, Any]]:
    found = []
    for field, taxonomy in TAXONOMIES.items():
        for code in data.get(field) or ():
            name, description = _term_text(field, str(code), vocabulary)
            found.append(_attribute(offer_id, sid, taxonomy, str(code), name, description))
    extension = _extension(data)
    if extension:
        found.append(
            _attribute(
                offer_id,
                sid,
                EXTENSION,
                "offer",
                "referral offer",
                translate("hsds.extension_description", "nl"),
                value=json.dumps(extension, ensure_ascii=False, sort_keys=True),
            )
        )
    return found


def _term_text(field: str, code: str, vocabulary: Vocabulary) -> tuple[str, str]:
    """A term's name and description from the vocabulary where it has labels (HSDS requires both)."""
    if field == "kind" and code in vocabulary.kinds:
        kind = vocabulary.kinds[code]
        return kind.label.nl, (kind.description.nl if kind.description else kind.label.nl)
    if field == "for" and code in vocabulary.groups:
        label = vocabulary.groups[code].nl
        return label, label
    if field == "audience" and "audience" in vocabulary.signals:
        label = vocabulary.signals["audience"].value_label(code, "nl")
        return label, label
    return code, code


def _attribute(
    offer_id: str, sid: str, taxonomy: str, code: str, name: str, description: str, value: str | None = None
) -> dict[str, Any]:
    term_id = hsds_id("taxonomy_term", taxonomy, code)
    attribute: dict[str, Any] = {
        "id": hsds_id("attribute", offer_id, taxonomy, code),
        "link_id": sid,
        "link_type": taxonomy,
        "link_entity": "service",
        "taxonomy_term_id": term_id,
        "taxonomy_term": {"id": term_id, "code": code, "name": name, "description": description, "taxonomy": taxonomy},
    }
    if value is not None:
        attribute["value"] = value
    return attribute


def _extension(data: Mapping[str, Any]) -> dict[str, Any]:
    """What the offer says that no HSDS field carries: everything but the mapped fields."""
    extension = {k: v for k, v in data.items() if k not in ("name", "organisation", "reviewed", *TAXONOMIES)}
    description = data.get("description")
    extension.pop("description", None)
    if isinstance(description, dict) and description.get("en"):
        extension["description_en"] = description["en"]
    eligibility = {k: v for k, v in (data.get("eligibility") or {}).items() if k not in NATIVE_ELIGIBILITY}
    extension.pop("eligibility", None)
    if eligibility:
        extension["eligibility"] = eligibility
    if not (data.get("eligibility") or {}).get("languages"):
        extension["languages_default"] = True  # served in the content's default language, not declared
    contact = {k: v for k, v in (data.get("contact") or {}).items() if k not in NATIVE_CONTACT and v is not None}
    extension.pop("contact", None)
    if contact:
        extension["contact"] = contact
    rows = {  # fields of an opening-hours row that the RRULE does not carry (none today)
        str(i): extra
        for i, row in enumerate((data.get("contact") or {}).get("schedule") or ())
        if (extra := {k: v for k, v in row.items() if k not in SCHEDULE_ROW})
    }
    if rows:
        extension["schedule_rows"] = rows
    return extension


def export_offers(
    settings: Settings, ruleset: Ruleset, offers: Sequence[Offer], folder: Path, *, force: bool, day: Any = None
) -> tuple[int, int]:
    """Export the chosen offers, read from their files as written; (services, organizations) written."""
    from referral.content.loading import load_content, resolve_dirs
    from referral.core.schedule import today

    loaded = load_content(resolve_dirs(settings.rules, settings.offers))
    if loaded.ruleset is None:
        raise ReferralError(list(loaded.problems))
    files = {offer.location.file: offer.id for offer in loaded.ruleset.offers}
    raw = {files[doc.file]: doc.value for doc in loaded.documents if doc.file in files}
    chosen = [loaded.ruleset.offers_by_id[offer.id] for offer in offers]
    export = export_records(loaded.ruleset, raw, chosen, day or today())
    write_export(export, folder, force=force)
    return len(export.services), len(export.organizations)


def write_export(export: HsdsExport, folder: Path, *, force: bool) -> int:
    """services/<offer id>.json and organizations/<uuid>.json; every target checked before the first
    is written (all or nothing)."""
    import contextlib

    from referral.core.safe_write import check_target, write_text_atomic

    files = [(folder / "services" / f"{offer_id}.json", service) for offer_id, service in export.services]
    files += [(folder / "organizations" / f"{org['id']}.json", org) for org in export.organizations]
    for sub in ("services", "organizations"):
        with contextlib.suppress(OSError):  # check_target says what is wrong
            (folder / sub).mkdir(parents=True, exist_ok=True)
    for path, _ in files:
        check_target(path, force=force)
    for path, record in files:
        write_text_atomic(path, json.dumps(record, ensure_ascii=False, indent=2) + "\n", force=force)
    return len(export.services)


# --- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """One offer draft made from an HSDS service: its YAML data, and whether a person must complete it."""

    offer_id: str
    data: dict[str, Any]
    missing: tuple[str, ...]  # required offer fields the HSDS did not give (kind, audience, modality, ...)
    source_file: str


def _hsds_field(key: str) -> bool:
    """An HSDS file is a public directory of services, not client data: its keys may be named."""
    return True


def read_services(folder: Path) -> list[tuple[Document, PathKey, Mapping[str, Any], Mapping[str, Any]]]:
    """Every service in the folder's JSON (services/*.json, else *.json): one service, a list, or an
    HSDS API page (`contents`). With it, its organization (nested, or organizations/<id>.json)."""
    from referral.core.yamlsource import load_file

    if not folder.is_dir():
        raise ReferralError(Problem.make("hsds.no_folder", file=str(folder)))
    base = folder / "services" if (folder / "services").is_dir() else folder
    files = sorted(base.glob("*.json"))
    if not files:
        raise ReferralError(Problem.make("hsds.no_files", file=str(folder)))
    organizations: dict[str, Mapping[str, Any]] = {}
    for path in sorted((folder / "organizations").glob("*.json")) if (folder / "organizations").is_dir() else ():
        doc = load_file(path, nameable=_hsds_field)
        if isinstance(doc.value, dict) and isinstance(doc.value.get("id"), str):
            organizations[doc.value["id"]] = doc.value
    found: list[tuple[Document, PathKey, Mapping[str, Any], Mapping[str, Any]]] = []
    for path in files:
        doc = load_file(path, nameable=_hsds_field)
        value = doc.value
        if isinstance(value, dict) and isinstance(value.get("contents"), list):
            items: Iterable[tuple[PathKey, Any]] = ((("contents", i), v) for i, v in enumerate(value["contents"]))
        elif isinstance(value, list):
            items = (((i,), v) for i, v in enumerate(value))
        else:
            items = (((), value),)
        for path_key, service in items:
            if not isinstance(service, dict):
                raise ReferralError(doc.problem("hsds.not_service", path_key))
            org = service.get("organization")
            if not isinstance(org, dict):
                org = organizations.get(str(service.get("organization_id")), {})
            found.append((doc, path_key, service, org))
    return found


def _get(doc: Document, at: PathKey, record: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """A field of an HSDS record, checked for its JSON type; a wrong type is bad input at its position."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        names: dict[Any, str] = {str: "string", list: "array", dict: "object"}
        expected = names.get(kind, "number")
        raise ReferralError(doc.problem("hsds.bad_field", (*at, key), field=key, expected=expected))
    return value


def _list(doc: Document, at: PathKey, record: Mapping[str, Any], key: str) -> list[tuple[PathKey, dict[str, Any]]]:
    items = _get(doc, at, record, key, list) or []
    result = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            raise ReferralError(doc.problem("hsds.bad_field", (*at, key, index), field=key, expected="object"))
        result.append(((*at, key, index), item))
    return result


def _age(doc: Document, at: PathKey, service: Mapping[str, Any], key: str) -> int | None:
    value = _get(doc, at, service, key, (int, float))
    if value is None:
        return None
    if value != int(value) or not 0 <= value <= 120:
        raise ReferralError(doc.problem("hsds.bad_age", (*at, key), field=key, value=str(value)[:12]))
    return int(value)


_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_TIME = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])")


def _schedule_rows(
    doc: Document, at: PathKey, service: Mapping[str, Any], notes: list[str], review: list[str]
) -> list[dict[str, Any]]:
    """RRULE schedules back to opening-hours rows; a schedule without days and times is free text."""
    rows = []
    for where, item in _list(doc, at, service, "schedules"):
        byday = _get(doc, where, item, "byday", str)
        opens = _get(doc, where, item, "opens_at", str)
        closes = _get(doc, where, item, "closes_at", str)
        description = _get(doc, where, item, "description", str)
        if not (byday and opens and closes):
            text = description or _get(doc, where, item, "notes", str)
            if text:
                notes.append(text)
            continue
        parts = [p.strip().upper() for p in byday.split(",") if p.strip()]
        matches = [_BYDAY.match(p) for p in parts]
        if not all(matches) or not (_TIME.match(opens) and _TIME.match(closes)):
            raise ReferralError(doc.problem("hsds.bad_schedule", where))
        interval = _get(doc, where, item, "interval", (int, float))
        if interval not in (None, 1):
            review.append(translate("hsds.review.interval", "nl", interval=interval))
        if any(len(t) > 5 and t[5:] not in (":00", ":00:00") for t in (opens, closes)):
            review.append(translate("hsds.review.time_zone", "nl", opens=opens, closes=closes))
        # Days that share the same n-th-of-month list form one row (a product, as we export it).
        by_day: dict[str, list[int]] = {}
        for match in matches:
            assert match is not None
            day = match.group(2).lower()
            by_day.setdefault(day, [])
            if match.group(1):
                by_day[day].append(int(match.group(1)))
        groups: dict[tuple[int, ...], list[str]] = {}
        for day, nth in by_day.items():
            groups.setdefault(tuple(nth), []).append(day)
        for nths, days in groups.items():
            row: dict[str, Any] = {"days": days, "opens_at": opens[:5], "closes_at": closes[:5]}
            for key in ("valid_from", "valid_to"):
                value = _get(doc, where, item, key, str)
                if value:
                    row[key] = value[:10]
            if nths:
                row["nth_of_month"] = list(nths)
            row_notes = [t for t in (_get(doc, where, item, "notes", str), description) if t]
            if row_notes:
                row["notes"] = "; ".join(t.strip() for t in row_notes)
            rows.append(row)
    return rows


def _slug(text: str) -> str:
    from referral.core.vocabulary import fold

    slug = re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")
    return slug[:60].rstrip("-") or "aanbod"


def offer_from_service(
    doc: Document, at: PathKey, service: Mapping[str, Any], organization: Mapping[str, Any], vocabulary: Vocabulary
) -> Imported:
    """One HSDS service as the YAML data of an offer: the HSDS fields mapped, the extension restored,
    nothing else filled in."""
    from referral.core.vocabulary import lookup

    name = _get(doc, at, service, "name", str)
    if not name:
        raise ReferralError(doc.problem("hsds.missing_field", at, field="name"))
    extension, by_taxonomy = _read_attributes(doc, at, service)
    data: dict[str, Any] = dict(extension)
    review: list[str] = []
    data["id"] = data.get("id") or _slug(name)
    data["name"] = name
    org_name = _get(doc, (*at, "organization"), organization, "name", str) if organization else None
    if org_name:
        data["organisation"] = org_name
    for field in TAXONOMIES:
        if by_taxonomy.get(field):
            data[field] = by_taxonomy[field]
    description = _get(doc, at, service, "description", str)
    english = data.pop("description_en", None)
    if description:
        data["description"] = {"nl": description, "en": english} if english else description
    eligibility: dict[str, Any] = dict(data.get("eligibility") or {})
    wijken: list[str] = []
    signal = vocabulary.signals.get("wijk")
    for where, area in _list(doc, at, service, "service_areas"):
        area_name = _get(doc, where, area, "name", str)
        if not area_name:
            continue
        found = lookup(signal, area_name) if signal else None
        wijken.append(found.value if found is not None and found.value else area_name)  # unknown: validate says so
    eligibility["wijken"] = wijken or "all"
    age = {
        k: v
        for k, v in (("min", _age(doc, at, service, "minimum_age")), ("max", _age(doc, at, service, "maximum_age")))
        if v is not None
    }
    if age:
        eligibility["age"] = age
    languages = []
    for where, language in _list(doc, at, service, "languages"):
        code = _get(doc, where, language, "code", str)
        if code and code not in languages:
            languages.append(code)
    if languages and not data.pop("languages_default", False):
        eligibility["languages"] = languages
    data.pop("languages_default", None)
    data["eligibility"] = {k: eligibility[k] for k in ("wijken", "age", "languages") if k in eligibility} | {
        k: v for k, v in eligibility.items() if k not in ("wijken", "age", "languages")
    }
    extra_rows = data.pop("schedule_rows", None) or {}
    data["contact"] = _contact(doc, at, service, dict(data.get("contact") or {}), bool(extension), review)
    for index, row in enumerate(data["contact"].get("schedule") or ()):
        if isinstance(extra_rows, dict) and isinstance(extra_rows.get(str(index)), dict):
            row.update(extra_rows[str(index)])
    reviewed = _get(doc, at, service, "assured_date", str)
    data["reviewed"] = reviewed[:10] if reviewed else None
    if not extension:
        data["source"] = [_hsds_source(doc, service)]
        described = _get(doc, at, service, "eligibility_description", str)
        if described:
            review.append(translate("hsds.review.eligibility", "nl", text=described))
        status = _get(doc, at, service, "status", str)
        if status and status != "active":
            review.append(translate("hsds.review.status", "nl", status=status))
    missing = tuple(k for k in ("organisation", "kind", "audience", "description", "modality") if k not in data)
    if missing:
        review.insert(0, translate("hsds.review.missing", "nl", fields=", ".join(missing)))
    if review:
        data["review"] = " ".join([data["review"], *review]) if data.get("review") else " ".join(review)
    ordered = {k: data[k] for k in KEY_ORDER if k in data} | {k: v for k, v in data.items() if k not in KEY_ORDER}
    return Imported(str(ordered["id"]), ordered, missing, doc.file)


def _read_attributes(
    doc: Document, at: PathKey, service: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Our taxonomies' terms by field, and the extension (the offer's fields HSDS has no place for)."""
    fields = {taxonomy: field for field, taxonomy in TAXONOMIES.items()}
    extension: dict[str, Any] = {}
    by_taxonomy: dict[str, list[str]] = {}
    for where, attribute in _list(doc, at, service, "attributes"):
        term = _get(doc, where, attribute, "taxonomy_term", dict) or {}
        taxonomy = term.get("taxonomy") or attribute.get("link_type")
        code = term.get("code")
        if taxonomy == EXTENSION:
            try:
                parsed = json.loads(_get(doc, where, attribute, "value", str) or "")
            except ValueError:
                parsed = None
            if not isinstance(parsed, dict):
                raise ReferralError(doc.problem("hsds.bad_extension", (*where, "value")))
            extension = parsed
        elif taxonomy in fields and isinstance(code, str):
            values = by_taxonomy.setdefault(fields[taxonomy], [])
            if code not in values:
                values.append(code)
    return extension, by_taxonomy


def _contact(
    doc: Document, at: PathKey, service: Mapping[str, Any], contact: dict[str, Any], ours: bool, review: list[str]
) -> dict[str, Any]:
    """url, e-mail, phone, address and opening hours from the service; for a service of another
    publisher, a route given only by a contact person's record is taken too (never the person's name)."""
    url = _get(doc, at, service, "url", str)
    email = _get(doc, at, service, "email", str)
    phones = [
        number
        for where, phone in _list(doc, at, service, "phones")
        if (number := _get(doc, where, phone, "number", str))
    ]
    for where, person in [] if ours else _list(doc, at, service, "contacts"):
        numbers = [n for w, p in _list(doc, where, person, "phones") if (n := _get(doc, w, p, "number", str))]
        if _get(doc, where, person, "title", str) == VIA_TITLE:  # another offer's route, not its own
            route = ", ".join(t for t in (*numbers, _get(doc, where, person, "email", str)) if t)
            name = _get(doc, where, person, "name", str) or "?"
            review.append(translate("hsds.review.via", "nl", name=name, route=route or "-"))
        elif not (email or phones):
            email = email or _get(doc, where, person, "email", str)
            phones += numbers
    phones = [p.strip().strip('"').strip() for p in phones]
    address = None
    for where, link in _list(doc, at, service, "service_at_locations"):
        location = _get(doc, where, link, "location", dict) or {}
        address = address or _address(location) or None
    notes: list[str] = []
    rows = _schedule_rows(doc, at, service, notes, review)
    found: dict[str, Any] = {}
    for key, value in (("url", url), ("phone", phones[0] if phones else None), ("email", email), ("address", address)):
        if value:
            found[key] = value
    if len(phones) > 1:
        review.append(translate("hsds.review.phones", "nl", phones=", ".join(phones[1:])))
    found.update(contact)  # via, from the extension
    if rows:
        found["schedule"] = rows
    if notes:
        found["schedule_notes"] = " ".join(notes)
    return found


def _address(location: Mapping[str, Any]) -> str | None:
    """One line of text: a structured HSDS address if there is one, else the location's name."""
    for item in location.get("addresses") or ():
        if isinstance(item, dict) and item.get("address_1"):
            parts = [item.get("address_1"), " ".join(str(p) for p in (item.get("postal_code"), item.get("city")) if p)]
            return ", ".join(str(p) for p in parts if p)
    name = location.get("name")
    return str(name) if isinstance(name, str) and name else None


def _hsds_source(doc: Document, service: Mapping[str, Any]) -> dict[str, Any]:
    """The HSDS file itself is the source of an imported offer: its name, the service's page, the date
    the publisher gives (assured or last modified). No quote: a person adds one on review."""
    source: dict[str, Any] = {"title": translate("hsds.source_title", "nl", file=Path(doc.file).name)}
    url = service.get("url")
    if isinstance(url, str) and url:
        source["url"] = url
    for key in ("assured_date", "last_modified"):
        value = service.get(key)
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}", value):
            source["date"] = value[:10]
            break
    source["note"] = translate("hsds.source_note", "nl")
    return source


def import_services(folder: Path, vocabulary: Vocabulary) -> list[Imported]:
    """Every service of the folder as an offer draft; ids made unique (a second 'x' becomes 'x-2')."""
    drafts = []
    seen: dict[str, int] = {}
    for doc, at, service, organization in read_services(folder):
        draft = offer_from_service(doc, at, service, organization, vocabulary)
        count = seen.get(draft.offer_id, 0) + 1
        seen[draft.offer_id] = count
        if count > 1:
            new_id = f"{draft.offer_id}-{count}"
            draft = Imported(new_id, {**draft.data, "id": new_id}, draft.missing, draft.source_file)
        drafts.append(draft)
    return drafts


def offer_yaml(data: Mapping[str, Any]) -> str:
    """An offer file as a maintainer writes it: the schema line, then the fields in the usual order;
    times, dates and phone numbers quoted (YAML 1.1 traps), long texts folded."""
    import yaml

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        if re.fullmatch(r"[0-9+(][0-9 :.+()/-]*", text) or text.lower() in _YAML11_WORDS:
            return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
        return dumper.represent_scalar("tag:yaml.org,2002:str", text)

    def _list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.SequenceNode:
        flow = all(isinstance(i, str | int) and not isinstance(i, bool) and len(str(i)) < 30 for i in items)
        return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)

    _Dumper.add_representer(str, _str)
    _Dumper.add_representer(list, _list)
    body = yaml.dump(dict(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "# yaml-language-server: $schema=../referral/schemas/offer.schema.json\n" + body


_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~", ""}


def write_import(drafts: Sequence[Imported], out: Path, *, force: bool) -> None:
    """OUT/<id>.yaml for every draft; every target checked before the first is written."""
    import contextlib

    from referral.core.safe_write import check_target, write_text_atomic

    with contextlib.suppress(OSError):
        out.mkdir(parents=True, exist_ok=True)
    paths = [(out / f"{draft.offer_id}.yaml", draft) for draft in drafts]
    for path, _ in paths:
        check_target(path, force=force)
    for path, draft in paths:
        write_text_atomic(path, offer_yaml(draft.data), force=force)
