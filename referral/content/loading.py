"""Loading the content (vocabulary, scales, rules, offers) into a checked Ruleset.

Every problem in every file is collected before giving up, so that `referral validate` can
report them all at once, each at file:line:column.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import stat
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from referral.core.limits import MAX_FILE_BYTES
from referral.core.locations import content_locations, display_path, shipped_locations
from referral.core.problems import Problem, ReferralError

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from referral.core.model import Capacity, Condition, Location, Offer, Period, Rule, Ruleset, Source, Vocabulary
    from referral.core.yamlsource import Document, PathKey

# The model, YAML, the schemas (jsonschema) and hashing are imported where content is really
# loaded: resolving the content folders must stay cheap, because `referral.content.cache` does it on
# every start and then usually needs none of them.

VOCABULARY_FILE = "vocabulary.yaml"
SCALES_FILE = "scales.yaml"
CONTENT_SUFFIXES = (".yaml", ".yml")
# Signals the engine itself reads (eligibility), with the kind it expects.
REQUIRED_SIGNALS = {"audience": "enum", "wijk": "enum", "languages": "set", "age": "integer"}


@dataclass(frozen=True)
class ContentDirs:
    """Where the rules and the offers are read from (two folders: offers may live apart)."""

    rules: Path
    offers: Path


def shipped_content() -> ContentDirs:
    """The Utrecht content: inside the wheel (referral/data/), or at the repository root."""
    from pathlib import Path

    rules, offers = shipped_locations()
    return ContentDirs(Path(rules), Path(offers))


def resolve_dirs(rules: str | os.PathLike[str] | None, offers: str | os.PathLike[str] | None) -> ContentDirs:
    """Flags first, then REFERRAL_RULES / REFERRAL_OFFERS, then the shipped content."""
    from pathlib import Path

    chosen_rules, chosen_offers = content_locations(rules, offers)
    return ContentDirs(Path(chosen_rules), Path(chosen_offers))


def content_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """YAML files below `folder`, sorted. A link that loops or leads out of the folder, a device or
    an oversized file is an error, not something to skip silently: appended to `problems` when
    given (so that validate reports everything at once), raised otherwise."""
    if not folder.is_dir():
        raise ReferralError(Problem.make("content.dir_missing", path=display_path(folder)))
    root = folder.resolve()
    found = []
    collect = problems
    problems = []
    real_dirs: dict[Path, Path] = {}  # a folder -> where it really is (asked once, not per file)
    for path in sorted(folder.rglob("*")):
        plain = _plain_file(path, real_dirs)
        if plain is not None:
            # A regular file that is no link is where its folder really is: the checks below
            # without resolving every file's own path (30,000 of them at national scale).
            real_dir, size = plain
            if path.suffix.lower() not in CONTENT_SUFFIXES or path.name.startswith("."):
                continue
            if not (root == real_dir or root in real_dir.parents):
                problems.append(Problem.make("content.outside", file=display_path(path), path=display_path(folder)))
            elif size > MAX_FILE_BYTES:
                problems.append(Problem.make("file.too_large", file=display_path(path), limit=MAX_FILE_BYTES))
            else:
                found.append(path)
            continue
        if path.is_symlink() and path.is_dir():
            # rglob does not follow a folder link: one leading out would be skipped in silence
            # (one inside the folder only repeats files that are read where they really are)
            with contextlib.suppress(OSError, RuntimeError):
                real_dir = path.resolve(strict=True)
                if not (root == real_dir or root in real_dir.parents):
                    problems.append(
                        Problem.make("content.outside_dir", file=display_path(path), path=display_path(folder))
                    )
            continue
        if path.suffix.lower() not in CONTENT_SUFFIXES or path.name.startswith("."):
            continue
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append(Problem.make("content.bad_link", file=display_path(path)))
            continue
        if not (root == real.parent or root in real.parents):
            problems.append(Problem.make("content.outside", file=display_path(path), path=display_path(folder)))
            continue
        # Checked before anything reads it: a FIFO would block, a huge file would fill memory.
        try:
            info = os.stat(real)
        except OSError:
            problems.append(Problem.make("file.unreadable", file=display_path(path)))
            continue
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem.make("file.not_a_file", file=display_path(path)))
        elif info.st_size > MAX_FILE_BYTES:
            problems.append(Problem.make("file.too_large", file=display_path(path), limit=MAX_FILE_BYTES))
        else:
            found.append(path)
    if problems and collect is None:
        raise ReferralError(problems)
    if collect is not None:
        collect.extend(problems)
    return found


def _plain_file(path: Path, real_dirs: dict[Path, Path]) -> tuple[Path, int] | None:
    """For a regular file that is no link: the real path of its folder, and its size; else None."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        real_dir = real_dirs.get(path.parent)
        if real_dir is None:
            real_dir = real_dirs[path.parent] = path.parent.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real_dir, info.st_size


def _digest_file(digest: Any, prefix: str, path: Path, root: Path, raw: bytes) -> None:
    """One file's share of the content digest: its place in the content and its bytes."""
    import hashlib

    digest.update(f"{prefix}/{path.relative_to(root).as_posix()}\0".encode())
    digest.update(hashlib.sha256(raw).digest())


def content_digest(dirs: ContentDirs) -> str:
    """The digest `load_content` gives this content, without parsing it (for `referral.content.cache`)."""
    import hashlib

    digest = hashlib.sha256()
    for prefix, folder in (("rules", dirs.rules), ("offers", dirs.offers)):
        for path in content_files(folder):
            _digest_file(digest, prefix, path, folder, path.read_bytes())
    return "sha256:" + digest.hexdigest()


def _load(
    path: Path, problems: list[Problem], digest: Any, prefix: str, root: Path, positions: bool
) -> Document | None:
    from referral.core.yamlsource import load_bytes
    from referral.schemas import is_field_name

    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        problems.append(Problem.make("file.unreadable", file=name))
        return None
    _digest_file(digest, prefix, path, root, raw)
    try:
        # Dates as text, so that schemas see what the author meant (JSON has no dates).
        return load_bytes(raw, path, name, is_field_name, dates_as_text=True, positions=positions)
    except ReferralError as err:
        problems.extend(err.problems)
        return None


@dataclass(frozen=True)
class LoadedContent:
    """The result of reading content: a Ruleset when it is sound, and every problem found."""

    ruleset: Ruleset | None
    problems: tuple[Problem, ...]
    documents: tuple[Document, ...]


def load_content(dirs: ContentDirs, positions: bool = True) -> LoadedContent:
    """Read, validate and cross-check the content; every problem found, and the Ruleset if sound.

    Without `positions`, the documents' positions are read only as far as a problem asks for
    them (`yamlsource.PartialMarks`): every message is the same, sound content is read faster.
    """
    from referral.core.gc_pause import paused_gc

    with paused_gc():  # millions of objects, hardly a cycle: see referral.core.gc_pause
        return _load_content(dirs, positions)


def _load_content(dirs: ContentDirs, positions: bool) -> LoadedContent:
    import hashlib

    from referral import schemas
    from referral.core.model import Ruleset
    from referral.core.vocabulary import alias_clashes, build_vocabulary

    problems: list[Problem] = []
    digest = hashlib.sha256()
    rule_files = content_files(dirs.rules, problems)
    offer_files = content_files(dirs.offers, problems)
    docs: list[Document] = []

    by_name = {path.name: path for path in rule_files if path.parent == dirs.rules}
    if VOCABULARY_FILE not in by_name:
        problems.append(Problem.make("content.no_vocabulary", file=display_path(dirs.rules / VOCABULARY_FILE)))
    special = {VOCABULARY_FILE: "vocabulary", SCALES_FILE: "scales"}
    loaded: dict[str, Document | None] = {}
    rule_docs: list[Document] = []
    # Every problem at once: a file that does not parse or fails its schema is left out of the
    # cross-reference checks, which still run on the others (one round for a maintainer).
    unsound = False  # some rule or offer file could not be read: references to it are unknown
    foreign_ids: set[str] = set()  # offer ids of files left out, so that rules naming them are fine
    for path in rule_files:
        doc = _load(path, problems, digest, "rules", dirs.rules, positions)
        if doc is None:
            loaded[path.name] = None
            unsound = True
            continue
        docs.append(doc)
        kind = special.get(path.name) if path.parent == dirs.rules else None
        found = schemas.validate(doc, kind or "rules")
        problems.extend(found)
        if kind:
            loaded[path.name] = None if found else doc
        elif found:
            unsound = True
        else:
            rule_docs.append(doc)
    offer_docs: list[tuple[Path, Document]] = []
    for path in offer_files:
        doc = _load(path, problems, digest, "offers", dirs.offers, positions)
        if doc is None:
            unsound = True
            continue
        docs.append(doc)
        found = schemas.validate(doc, "offer")
        problems.extend(found)
        if found:
            if isinstance(doc.value, dict) and isinstance(doc.value.get("id"), str):
                foreign_ids.add(doc.value["id"])
            else:
                unsound = True
        else:
            offer_docs.append((path, doc))
    content_digest = "sha256:" + digest.hexdigest()

    vocab_doc = loaded.get(VOCABULARY_FILE)
    if vocab_doc is None:
        # Everything else is read against the vocabulary; report what we have.
        return LoadedContent(None, tuple(sorted(set(problems), key=Problem.sort_key)), tuple(docs))
    before_vocabulary = len(problems)

    vocabulary = build_vocabulary(vocab_doc.value)
    problems.extend(_vocabulary_problems(vocabulary, vocab_doc))
    if len(problems) == before_vocabulary:
        vocabulary = _with_definitions(vocabulary, vocab_doc, problems)
    if len(problems) > before_vocabulary:
        # The engine and the casus parser rely on these; nothing else can be checked without them.
        return LoadedContent(None, tuple(sorted(set(problems), key=Problem.sort_key)), tuple(docs))
    for signal in vocabulary.signals.values():
        for alias, first, second in alias_clashes(signal):
            problems.append(
                vocab_doc.problem("content.alias_clash", ("signals", signal.id), alias=alias, a=first, b=second)
            )
    from referral.core.vocabulary import field_alias_clashes, option_clashes

    for alias, first, second in field_alias_clashes(vocabulary):
        problems.append(vocab_doc.problem("content.field_alias_clash", ("signals",), alias=alias, a=first, b=second))

    for option, owner, signal_id in option_clashes(vocabulary):
        code = "content.option_clash" if owner else "content.option_reserved"
        problems.append(vocab_doc.problem(code, ("signals", signal_id), option=option, a=owner, b=signal_id))
    scales_doc = loaded.get(SCALES_FILE)
    thresholds = scales_doc.value if scales_doc is not None else {}
    if scales_doc is None:
        problems.append(Problem.make("content.no_scales", file=display_path(dirs.rules / SCALES_FILE)))
    else:
        problems.extend(_scale_problems(scales_doc, vocabulary))

    checked = len(problems)
    offers = _build_offers(offer_docs, vocabulary, problems)
    known_offers = {offer.id for offer in offers} | foreign_ids
    rules = _build_rules(rule_docs, vocabulary, known_offers, problems)
    if unsound:  # an offer in a file that could not be read may well be the one a rule names
        problems[checked:] = [p for p in problems[checked:] if p.code != "content.unknown_offer"]
    if problems:
        return LoadedContent(None, tuple(sorted(set(problems), key=Problem.sort_key)), tuple(docs))
    ruleset = Ruleset(
        vocabulary=vocabulary,
        offers=tuple(sorted(offers, key=lambda o: o.id)),
        rules=tuple(rules),
        digest=content_digest,
        root=str(dirs.rules),
        thresholds=thresholds,
        offers_root=str(dirs.offers),
    )
    return LoadedContent(ruleset, (), tuple(docs))


def _vocabulary_problems(vocabulary: Vocabulary, doc: Document) -> list[Problem]:
    """Shapes the schema cannot see: signals the engine needs, field clashes, defaults, ranges."""
    found: list[Problem] = []
    for name, kind in REQUIRED_SIGNALS.items():
        signal = vocabulary.signals.get(name)
        if signal is None or signal.kind != kind:
            found.append(doc.problem("content.required_signal", ("signals", name), signal=name, kind=kind))
    heads = {signal_id.partition(".")[0] for signal_id in vocabulary.signals if "." in signal_id}
    for signal_id, signal in vocabulary.signals.items():
        where = ("signals", signal_id)
        if signal_id in heads or signal_id == "note" or signal_id.partition(".")[0] == "note":
            found.append(doc.problem("content.signal_clash", where, signal=signal_id))
        if signal.kind == "integer" and (signal.minimum or 0) > (signal.maximum or 0):
            found.append(doc.problem("content.bad_range", where, signal=signal_id))
        if signal.default is not None and not _default_fits(signal.kind, signal.default, signal):
            found.append(doc.problem("content.bad_default", (*where, "default"), signal=signal_id))
    return found


def _with_definitions(vocabulary: Vocabulary, doc: Document, problems: list[Problem]) -> Vocabulary:
    """The vocabulary with its named conditions and advice notes compiled (in file order: a
    definition may use the ones before it)."""
    import dataclasses

    from referral.content.conditions import compile_condition
    from referral.core.model import AdviceNote, Named
    from referral.core.vocabulary import label_of

    named: dict[str, Named] = {}
    for name, spec in (doc.value.get("definitions") or {}).items():
        when = compile_condition(spec["when"], ("definitions", name, "when"), doc, vocabulary, problems, named)
        named[name] = Named(name, label_of(spec["label"]), when)
    notes = tuple(
        AdviceNote(
            name,
            compile_condition(spec["when"], ("notes", name, "when"), doc, vocabulary, problems, named),
            label_of(spec["text"]),
        )
        for name, spec in (doc.value.get("notes") or {}).items()
    )
    group_conditions = {
        name: Named(
            f"group:{name}",
            vocabulary.groups[name],
            compile_condition(spec["when"], ("groups", name, "when"), doc, vocabulary, problems, named),
        )
        for name, spec in (doc.value.get("groups") or {}).items()
        if "when" in spec
    }
    return dataclasses.replace(vocabulary, definitions=named, notes=notes, group_conditions=group_conditions)


def _default_fits(kind: str, default: Any, signal: Any) -> bool:
    if kind == "boolean":
        return isinstance(default, bool)
    if kind == "integer":
        return (
            isinstance(default, int) and not isinstance(default, bool) and signal.minimum <= default <= signal.maximum
        )
    if kind == "enum":
        return isinstance(default, str) and signal.value(default) is not None
    return False  # a set signal has no sensible single default


def _scale_problems(doc: Document, vocabulary: Vocabulary) -> list[Problem]:
    """Cut-offs that would crash or silently misclassify a scored casus."""
    from referral.core.scale import ITEMS, VERSIONS

    found: list[Problem] = []
    severity = vocabulary.signals.get("loneliness.severity")
    for version, numbers in VERSIONS.items():
        config = doc.value[version]
        bands = config["bands"]
        previous = -1
        for index, band in enumerate(bands):
            where = (version, "bands", index)
            if severity is None or severity.value(band["severity"]) is None:
                found.append(doc.problem("content.scale_severity", (*where, "severity"), value=band["severity"]))
            if band["max"] <= previous:
                found.append(doc.problem("content.scale_bands", (*where, "max"), items=len(numbers)))
            previous = band["max"]
        if bands and bands[-1]["max"] != len(numbers):
            found.append(doc.problem("content.scale_bands", (version, "bands"), items=len(numbers)))
        smallest = min(sum(1 for n in numbers if ITEMS[n - 1].subscale == name) for name in ("social", "emotional"))
        if config["subscale_threshold"] > smallest:
            found.append(doc.problem("content.scale_threshold", (version, "subscale_threshold"), size=smallest))
        if config["max_missing_total"] >= len(numbers):
            found.append(doc.problem("content.scale_missing", (version, "max_missing_total"), items=len(numbers)))
    return found


def load_ruleset(dirs: ContentDirs) -> Ruleset:
    """The checked Ruleset, or a ReferralError listing every content problem."""
    result = load_content(dirs, positions=False)  # a Ruleset keeps only where each item starts
    if result.ruleset is None:
        raise ReferralError(list(result.problems))
    return result.ruleset


def _location(doc: Document, path: PathKey) -> Location:
    from referral.core.model import Location

    mark = doc.mark(path)
    return Location(doc.file, mark.line if mark else None, mark.column if mark else None)


def _sources(data: list[dict[str, Any]]) -> tuple[Source, ...]:
    return tuple(_source(item) for item in data)


def _source(item: dict[str, Any]) -> Source:
    from referral.core.model import Source

    return Source(
        item["title"],
        item.get("url"),
        item.get("quote"),
        date=item.get("date"),
        retrieved=item.get("retrieved"),
        note=item.get("note"),
    )


def _check_ids(
    found: list[str],
    known: Any,
    code: str,
    arg: str,
    path: PathKey,
    doc: Document,
    problems: list[Problem],
) -> None:
    """Problems (with a did-you-mean) for ids that the vocabulary does not declare."""
    from referral.core.vocabulary import suggest

    for index, item in enumerate(found):
        if item not in known:
            problems.append(doc.problem(code, (*path, index), suggestion=suggest(item, known), **{arg: item}))


def _period(data: dict[str, Any] | None, doc: Document, problems: list[Problem]) -> Period:
    from referral.core.model import ONGOING, Occurrence, Period

    if not data:
        return ONGOING
    for key in ("valid_from", "valid_to"):
        if key in data and not _is_date(data[key]):
            problems.append(doc.problem("content.bad_date", ("period", key), date=str(data[key])))
    _check_validity(data, ("period",), doc, problems)
    occurrences = []
    for index, item in enumerate(data.get("dates") or ()):
        start, end = item["from"], item.get("to", item["from"])
        if not (_is_date(start) and _is_date(end)):
            problems.append(doc.problem("content.bad_date", ("period", "dates", index), date=f"{start}/{end}"))
            continue
        if end < start:
            problems.append(doc.problem("content.period_dates", ("period", "dates", index, "to")))
        occurrences.append(Occurrence(start, end))
    return Period(
        type=data.get("type", "ongoing"),
        valid_from=data.get("valid_from"),
        valid_to=data.get("valid_to"),
        occurrences=tuple(sorted(occurrences, key=lambda o: o.start)),
        lead_days=int(data.get("lead_days", 42)),
    )


def _capacity(data: dict[str, Any] | None, doc: Document, problems: list[Problem]) -> Capacity | None:
    """The declared capacity; its day must be a real calendar day (the schema checks the shape)."""
    from referral.core.model import Capacity

    if not data:
        return None
    if not _is_date(data["as_of"]):
        problems.append(doc.problem("content.bad_date", ("capacity", "as_of"), date=str(data["as_of"])))
    source = data.get("source")
    return Capacity(data["status"], data["as_of"], _source(source) if source else None)


def _check_validity(data: dict[str, Any], path: PathKey, doc: Document, problems: list[Problem]) -> None:
    """`valid_from` after `valid_to` is a period no day falls in: a typo, never content."""
    start, end = data.get("valid_from"), data.get("valid_to")
    if _is_date(start) and _is_date(end) and str(end) < str(start):
        problems.append(doc.problem("content.validity_order", (*path, "valid_to"), start=start, end=end))


def _check_offer_dates(data: dict[str, Any], doc: Document, problems: list[Problem]) -> None:
    """Dates the schema can only check by their shape: a real calendar day, in order."""
    reviewed = data.get("reviewed")
    if reviewed is not None and not _is_date(reviewed):
        problems.append(doc.problem("content.bad_date", ("reviewed",), date=str(reviewed)))
    for index, row in enumerate((data.get("contact") or {}).get("schedule") or ()):
        if not isinstance(row, dict):
            continue
        for key in ("valid_from", "valid_to"):
            if key in row and not _is_date(row[key]):
                problems.append(
                    doc.problem("content.bad_date", ("contact", "schedule", index, key), date=str(row[key]))
                )
        _check_validity(row, ("contact", "schedule", index), doc, problems)


def _is_date(text: Any) -> bool:
    try:
        dt.date.fromisoformat(str(text))
    except ValueError:
        return False
    return True


def _check_tags(tags: list[str], path: PathKey, doc: Document, vocabulary: Vocabulary, problems: list[Problem]) -> None:
    from referral.core.vocabulary import suggest

    for index, tag in enumerate(tags):
        if tag not in vocabulary.tags:
            guess = suggest(tag, vocabulary.tags)
            problems.append(
                doc.problem(
                    "content.unknown_tag",
                    (*path, index),
                    tag=tag,
                    suggestion=guess,
                )
            )


def _build_offers(
    offer_docs: list[tuple[Path, Document]], vocabulary: Vocabulary, problems: list[Problem]
) -> list[Offer]:
    from referral.content.conditions import check_value, compile_condition
    from referral.core.model import ALWAYS, AllOf, Contact, Evidence, Offer, OpeningHours, Via
    from referral.core.vocabulary import label_of

    offers: list[Offer] = []
    routed: list[tuple[int, Document]] = []  # offers reached through another's route (contact.via)
    seen: dict[str, str] = {}
    for path, doc in offer_docs:
        data = doc.value
        offer_id = data["id"]
        if offer_id != path.stem:
            problems.append(doc.problem("content.id_filename", ("id",), id=offer_id))
        if offer_id in seen:
            problems.append(doc.problem("content.duplicate_id", ("id",), id=offer_id, other=seen[offer_id]))
        seen.setdefault(offer_id, doc.file)
        eligibility = data["eligibility"]
        wijken = None
        if eligibility["wijken"] != "all":
            wijken = tuple(eligibility["wijken"])
            for index, wijk in enumerate(wijken):
                check_value(vocabulary.signals["wijk"], wijk, ("eligibility", "wijken", index), doc, problems)
        languages = tuple(eligibility.get("languages", ()))
        for index, language in enumerate(languages):
            check_value(vocabulary.signals["languages"], language, ("eligibility", "languages", index), doc, problems)
        # tags are free search words of the sociale kaart: not checked against the vocabulary
        kinds = list(data["kind"])
        _check_ids(kinds, vocabulary.kinds, "content.unknown_kind", "kind", ("kind",), doc, problems)
        groups = list(data.get("for", ()))
        _check_ids(groups, vocabulary.groups, "content.unknown_group", "group", ("for",), doc, problems)
        requires = (
            compile_condition(eligibility["when"], ("eligibility", "when"), doc, vocabulary, problems)
            if "when" in eligibility
            else ALWAYS
        )
        for_lonely = bool(eligibility.get("lonely", False))
        gates: list[Condition] = []
        if for_lonely:
            lonely = vocabulary.definitions.get("lonely")
            if lonely is None:
                problems.append(doc.problem("content.no_lonely_definition", ("eligibility", "lonely")))
            else:
                gates.append(lonely)
        # `for` is eligibility: the casus must be in every group listed (each by its `when`).
        gates.extend(vocabulary.group_conditions[g] for g in groups if g in vocabulary.group_conditions)
        gates = [g for i, g in enumerate(gates) if g not in gates[:i]]
        if gates:
            requires = (
                AllOf((*gates, requires))
                if requires != ALWAYS
                else (gates[0] if len(gates) == 1 else AllOf(tuple(gates)))
            )
        _check_offer_dates(data, doc, problems)
        evidence = data.get("evidence")
        age = eligibility.get("age", {})
        contact = data.get("contact") or {}
        offers.append(
            Offer(
                id=offer_id,
                name=data["name"],
                organisation=data["organisation"],
                audiences=tuple(data["audience"]),
                description=label_of(data["description"]),
                wijken=wijken,
                age_min=age.get("min"),
                age_max=age.get("max"),
                languages=languages,
                requires=requires,
                modality=tuple(data["modality"]),
                tags=frozenset(data.get("tags", ())),
                contact=Contact(
                    url=contact.get("url"),
                    phone=contact.get("phone"),
                    email=contact.get("email"),
                    address=contact.get("address"),
                    schedule=tuple(
                        OpeningHours(
                            days=tuple(row["days"]),
                            opens_at=row["opens_at"],
                            closes_at=row["closes_at"],
                            valid_from=row.get("valid_from"),
                            valid_to=row.get("valid_to"),
                            notes=row.get("notes"),
                            nth_of_month=tuple(row.get("nth_of_month", ())),
                        )
                        for row in contact.get("schedule") or ()
                    ),
                    schedule_notes=contact.get("schedule_notes"),
                    via=Via(contact["via"]) if contact.get("via") else None,
                ),
                reviewed=data.get("reviewed"),
                sources=_sources(data["source"]),
                location=_location(doc, ()),
                silenced=tuple(sorted((data.get("lint") or {}).items())),
                kinds=tuple(kinds),
                groups=tuple(groups),
                period=_period(data.get("period"), doc, problems),
                evidence=Evidence(evidence["rating"], _source(evidence["source"])) if evidence else None,
                review=data.get("review"),
                for_lonely=for_lonely,
                capacity=_capacity(data.get("capacity"), doc, problems),
            )
        )
        if contact.get("via"):
            routed.append((len(offers) - 1, doc))
    return _resolve_via(offers, routed, problems)


def _resolve_via(offers: list[Offer], routed: list[tuple[int, Document]], problems: list[Problem]) -> list[Offer]:
    """Fill in each `contact.via` with the named offer's name and own route: it must exist and
    publish a phone number, an e-mail address or a web page with a path itself (one step, never
    a chain): the route the offer then counts as its own (Offer.own_contact_route)."""
    import dataclasses

    from referral.core.vocabulary import suggest

    by_id = {offer.id: offer for offer in offers}
    for index, doc in routed:
        offer = offers[index]
        via = offer.contact.via
        assert via is not None
        target = by_id.get(via.offer)
        where = ("contact", "via")
        if target is None:
            guess = suggest(via.offer, set(by_id))
            problems.append(doc.problem("content.unknown_offer", where, id=via.offer, suggestion=guess))
            continue
        route = target.contact
        if route.via is not None or not target.own_contact_route:  # a bare home page is no route of its own
            problems.append(doc.problem("content.via_without_route", where, id=via.offer))
            continue
        resolved = dataclasses.replace(via, name=target.name, phone=route.phone, email=route.email, url=route.url)
        offers[index] = dataclasses.replace(offer, contact=dataclasses.replace(offer.contact, via=resolved))
    return offers


def _build_rules(
    rule_docs: list[Document], vocabulary: Vocabulary, known_offers: set[str], problems: list[Problem]
) -> list[Rule]:
    from referral.content.conditions import compile_condition
    from referral.core.model import Effect, Rule
    from referral.core.vocabulary import label_of, suggest

    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for doc in rule_docs:
        for index, data in enumerate(doc.value["rules"]):
            path: PathKey = ("rules", index)
            rule_id = data["id"]
            if rule_id in seen:
                problems.append(doc.problem("content.duplicate_id", (*path, "id"), id=rule_id, other=seen[rule_id]))
            seen.setdefault(rule_id, doc.file)
            effect_data = data["effect"]
            offers = effect_data.get("offers", [])
            kinds = effect_data.get("kinds", [])
            groups = effect_data.get("for", [])
            if not offers and not kinds:
                problems.append(doc.problem("content.empty_target", (*path, "effect")))
            where = (*path, "effect")
            _check_ids(kinds, vocabulary.kinds, "content.unknown_kind", "kind", (*where, "kinds"), doc, problems)
            _check_ids(groups, vocabulary.groups, "content.unknown_group", "group", (*where, "for"), doc, problems)
            for i, offer_id in enumerate(offers):
                if offer_id not in known_offers:
                    guess = suggest(offer_id, known_offers)
                    problems.append(
                        doc.problem(
                            "content.unknown_offer",
                            (*path, "effect", "offers", i),
                            id=offer_id,
                            suggestion=guess,
                        )
                    )
            when = compile_condition(data.get("when"), (*path, "when"), doc, vocabulary, problems)
            rules.append(
                Rule(
                    id=rule_id,
                    when=when,
                    effect=Effect(
                        weight=int(effect_data.get("weight", 0)),
                        exclude=bool(effect_data.get("exclude", False)),
                        offers=frozenset(offers),
                        kinds=frozenset(kinds),
                        groups=frozenset(groups),
                        modality=frozenset(effect_data.get("modality", ())),
                        outside_home=effect_data.get("outside_home"),
                        evidence=frozenset(effect_data.get("evidence", ())),
                    ),
                    because=label_of(data["because"]),
                    description=data.get("description", ""),
                    sources=_sources(data["source"]),
                    location=_location(doc, path),
                    silenced=tuple(sorted((data.get("lint") or {}).items())),
                )
            )
    return rules
