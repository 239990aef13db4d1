"""The JSON of `match` (public contract: keys may be added, never renamed), written in one place.

`match --format json`, each line of `batch`, `--explain`'s casus and the meeting export all come
from this writer, so they cannot drift apart. It writes from pre-encoded UTF-8 pieces: the offer
objects per audience, the reasons and notes per language (the section "json" of the content
cache), and the casus's values; output lines are joined bytes, remembered where populations
repeat.

    {"tool", "ruleset", "lang", "as_of", "casus", "notes", "referrals", "for_asker", "full"?,
     "for_asker_full"?, "counts", "note_given"?}

`referrals` is the advice for the person the signals describe; `for_asker` what supports the one
who asks when someone close asks (audience helper), else empty. An offer declared full on the
day is no referral: it is listed in `full` (or `for_asker_full`), present only when not empty,
and counted in `counts.full` / `counts.for_asker_full`; a referral (or full entry) whose offer
declares a capacity that speaks for the day says so (`"capacity": {"status", "as_of",
"source"?}`). Content without capacity gives the very bytes it gave before capacity existed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from referral import __version__

if TYPE_CHECKING:  # pragma: no cover
    from referral.casus.reader import Casus
    from referral.core.model import Offer, Ruleset
    from referral.engine.program import Decision, Program, Ranking

FORMAT = 5
MEMO = 16384
TAILS = 2048
_COMPACT = (",", ":")
_RANKS = tuple(b'{"rank":%d' % number for number in range(1, 101))  # a referral's opening, per rank


def dumps_compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=_COMPACT)


def tool_json() -> dict[str, str]:
    return {"name": "referral", "version": __version__}


def ruleset_fields(
    digest: str, offers: int, rules: int, commit: str | None, folders: tuple[str, ...]
) -> dict[str, Any]:
    """The content's identity: digest and counts, and its git commit where it lives in git. Content
    read from a git working tree also says whether it is `modified` since that commit (then the
    digest belongs to no commit); content taken from a git ref (--content-at) is that commit's."""
    data: dict[str, Any] = {"digest": digest, "offers": offers, "rules": rules}
    if commit:  # taken from a git ref (--content-at): exactly that commit's content
        data["commit"] = commit
        return data
    from referral.content.worktree import working_commit

    found, changed = working_commit(folders, digest)
    if found:
        data["commit"] = found
        if changed is not None:
            data["modified"] = changed
    return data


def offer_json(offer: Offer, audience: str | None) -> dict[str, Any]:
    """One offer as the contract shows it; `audience` is the one it serves this casus in."""
    data: dict[str, Any] = {
        "id": offer.id,
        "name": offer.name,
        "organisation": offer.organisation,
        "audience": audience if audience in offer.audiences else offer.audiences[0],
        "audiences": list(offer.audiences),
        "kind": list(offer.kinds),
        "wijken": list(offer.wijken) if offer.wijken is not None else "all",
        "modality": list(offer.modality),
        "languages": list(offer.languages),
        "age_min": offer.age_min,
        "age_max": offer.age_max,
        "contact": offer.contact.to_json(),
        "reviewed": offer.reviewed,
    }
    if offer.evidence is not None:
        data["evidence"] = {
            "rating": offer.evidence.rating,
            "source": offer.evidence.source.url or offer.evidence.source.title,
        }
    return data


def describe(ruleset: Ruleset) -> dict[str, Any]:
    """The section "json": every offer's object per audience, every reason and note per language."""
    from referral.core.i18n import translate

    audience_signal = ruleset.vocabulary.signals.get("audience")
    audiences = [*(audience_signal.value_ids() if audience_signal else ()), None]
    offers = [{_audience_key(a): dumps_compact(offer_json(offer, a)) for a in audiences} for offer in ruleset.offers]
    reasons = {
        lang: [
            dumps_compact({"rule": rule.id, "weight": rule.effect.weight, "text": rule.because.get(lang)})
            for rule in ruleset.rules
        ]
        for lang in ("nl", "en")
    }
    notes = {lang: {note.id: note.text.get(lang) for note in ruleset.vocabulary.notes} for lang in ("nl", "en")}
    languages = ruleset.vocabulary.signals.get("languages")
    unserved = {lang: translate("note.language_unserved", lang) for lang in ("nl", "en")}
    return {
        "format": FORMAT,
        "digest": ruleset.digest,
        "commit": ruleset.commit,
        "counts": [len(ruleset.offers), len(ruleset.rules)],
        "offers": offers,
        # per offer: the signals its limits test that a casus may lack (age range, groups' unknowns)
        "uncheckable": [list(ruleset.vocabulary.uncheckable(offer)) for offer in ruleset.offers],
        # per offer: the languages it works in (declared, else the content's default)
        "served_in": [list(ruleset.vocabulary.served_in(offer)) for offer in ruleset.offers],
        # per offer: its declared capacity as the contract shows it, and the day it counts from
        "capacity": [_capacity_entry(offer) for offer in ruleset.offers],
        "reasons": reasons,
        "notes": notes,
        "unserved": unserved,
        "language_names": {
            lang: {v.id: v.label.get(lang) for v in languages.values} if languages else {} for lang in ("nl", "en")
        },
        # rule order for reasons: heaviest first, then id (as the views read them)
        "reason_rank": _reason_rank(ruleset),
    }


def _capacity_entry(offer: Offer) -> list[Any] | None:
    """[JSON text of {"status", "as_of", "source"?}, as_of as a day number], or None."""
    from referral.engine.compile import ordinal

    capacity = offer.capacity
    if capacity is None:
        return None
    data: dict[str, Any] = {"status": capacity.status, "as_of": capacity.as_of}
    if capacity.source is not None:
        data["source"] = capacity.source.url or capacity.source.title
    return [dumps_compact(data), ordinal(capacity.as_of)]


def _reason_rank(ruleset: Ruleset) -> list[int]:
    order = sorted(range(len(ruleset.rules)), key=lambda r: (-ruleset.rules[r].effect.weight, ruleset.rules[r].id))
    rank = [0] * len(order)
    for position, r in enumerate(order):
        rank[r] = position
    return rank


def _audience_key(audience: str | None) -> str:
    return "" if audience is None else "=" + audience


class JsonWriter:
    """Writes the match contract from a program's decisions; built from the sections "json" and "fields"."""

    def __init__(self, plain: Mapping[str, Any], fields: Mapping[str, Any], folders: tuple[str, ...]) -> None:
        if plain.get("format") != FORMAT:
            raise ValueError("not a JSON section of this version")
        self.plain = plain
        self.offers = plain["offers"]
        self.uncheckable: list[list[str]] = plain["uncheckable"]
        self.served_in: list[frozenset[str]] = [frozenset(codes) for codes in plain["served_in"]]
        self.uncheckable_signals = tuple(sorted({s for signals in self.uncheckable for s in signals}))
        self.reason_rank = plain["reason_rank"]
        self.capacity: list[tuple[bytes, int] | None] = [
            (b',"capacity":' + entry[0].encode(), int(entry[1])) if entry else None for entry in plain["capacity"]
        ]
        self.has_capacity = any(entry is not None for entry in self.capacity)
        count_offers, count_rules = plain["counts"]
        identity = ruleset_fields(plain["digest"], count_offers, count_rules, plain["commit"], folders)
        self.prefix = f'{{"tool":{dumps_compact(tool_json())},"ruleset":{dumps_compact(identity)},"lang":'
        self.count = count_offers
        self.order = {sid: i for i, sid in enumerate(fields["order"])}
        self.places = {sid: _split(sid) for sid in fields["order"]}
        self.scale_group = fields["scale"]["group"]
        self.encoders = _encoders(fields)
        self.heads: dict[tuple[str, int], bytes] = {}
        self.tails: dict[tuple[Any, ...], bytes] = {}
        self.fragments: dict[tuple[Any, str], dict[tuple[Any, ...], bytes]] = {}  # per (audience, lang)
        self.fragment_count = 0
        self.note_pieces: dict[tuple[Any, ...], bytes] = {}
        self.value_texts: dict[str, dict[Any, tuple[int, str, str]]] = {}
        self.group_openings: dict[str, str] = {}  # a group's '"loneliness":{'
        self.reason_texts: dict[str, list[bytes]] = {}

    @classmethod
    def of(cls, ruleset: Ruleset) -> JsonWriter:
        """A writer straight from the model (routes that have it already)."""
        from referral.casus.fields import field_table

        return cls(describe(ruleset), field_table(ruleset.vocabulary, ruleset.thresholds), ruleset.folders)

    # --- the parts of a line ---------------------------------------------------------------

    def head(self, lang: str, day: int) -> bytes:
        key = (lang, day)
        found = self.heads.get(key)
        if found is None:
            import datetime as dt

            as_of = dt.date.fromordinal(day).isoformat()
            found = self.heads[key] = f'{self.prefix}{dumps_compact(lang)},"as_of":"{as_of}","casus":'.encode()
        return found

    def casus_text(self, signals: Mapping[str, Any], scale: Any = None) -> str:
        """The normalized casus: vocabulary order, a group where its first member is, the scale closing it."""
        texts = self.value_texts
        found = []
        for signal_id, value in signals.items():
            by_value = texts.get(signal_id)
            entry = by_value.get(value) if by_value is not None else None
            if entry is None:
                entry = self._value_text(signal_id, value)
            found.append(entry)
        found.sort()
        parts: list[Any] = []
        groups: dict[str, list[str]] = {}
        for _, head, text in found:
            if not head:
                parts.append(text)
                continue
            members = groups.get(head)
            if members is None:
                members = groups[head] = []
                parts.append((head, members))
            members.append(text)
        if scale is not None:
            members = groups.get(self.scale_group)
            if members is None:
                members = groups[self.scale_group] = []
                parts.append((self.scale_group, members))
            members.append('"scale":' + dumps_compact(scale.to_json()))
        if groups:  # a group's key encoded once per writer, not once per casus
            opening = self.group_openings
            for position, part in enumerate(parts):
                if type(part) is not str:
                    head = part[0]
                    start = opening.get(head)
                    if start is None:
                        start = opening[head] = dumps_compact(head) + ":{"
                    parts[position] = start + ",".join(part[1]) + "}"
        return "{" + ",".join(parts) + "}"

    def _value_text(self, signal_id: str, value: Any) -> tuple[int, str, str]:
        head, tail = self.places[signal_id]
        name, table = self.encoders[signal_id]
        if table is None:
            text = name + (
                str(value) if type(value) is int else dumps_compact(list(value) if type(value) is tuple else value)
            )
        elif type(value) is tuple:
            text = name + "[" + ",".join([table.get(v) or dumps_compact(v) for v in value]) + "]"
        else:
            piece = table.get(value)
            text = name + (piece if piece is not None else dumps_compact(value))
        entry = (self.order[signal_id], head if tail else "", text)
        by_value = self.value_texts.setdefault(signal_id, {})
        if len(by_value) < MEMO:
            by_value[value] = entry
        return entry

    def tail(
        self,
        program: Program,
        decision: Decision,
        languages: Any,
        lang: str,
        top: int | None,
        ranking: Ranking | None = None,
        missing: frozenset[str] = frozenset(),
    ) -> bytes:
        """Everything after the casus: notes, both parts and the counts (remembered: populations repeat).

        `missing`: the uncheckable signals the casus lacks; a referral to an offer whose limits test
        one of them says so ("unchecked": ["age"])."""
        # capacity counts from a day: with any declared, the same decision on another day may differ
        key = (decision.key, languages, lang, top, missing, decision.day if self.has_capacity else None)
        found: bytes | None = self.tails.get(key)
        if found is not None:
            return found
        if ranking is None:
            ranking = program.rank(decision, languages)
        audience = decision.audience
        parts = [self._notes(program, decision.notes, languages if ranking.language_unserved else None, lang)]
        person = ranking.person[:top] if top else ranking.person
        asker = ranking.asker[:top] if top else ranking.asker
        person_languages = frozenset(languages) if languages else None
        day = decision.day
        parts.append(self._referrals(person, audience, lang, missing, person_languages, day))
        parts.append(b'],"for_asker":[')
        parts.append(self._referrals(asker, audience, lang, missing, None, day))
        parts.append(b"]")
        full, asker_full = ranking.person_full, ranking.asker_full
        for key_name, listed in ((b"full", full), (b"for_asker_full", asker_full)):
            if listed:  # only when an offer is full on the day: content without capacity stays as it was
                shown_full = listed[:top] if top else listed
                part_languages = person_languages if key_name == b"full" else None
                entries = self._referrals(shown_full, audience, lang, missing, part_languages, day, numbered=False)
                parts += [b',"' + key_name + b'":[', entries]
                parts.append(b"]")
        eligible = (decision.person | decision.asker).bit_count()
        # an offer may be in both parts; a full one is listed, so it is not "without score"
        referred = len({entry[0] for entry in (*ranking.person, *ranking.asker, *full, *asker_full)})
        full_counts = f',"full":{len(full)},"for_asker_full":{len(asker_full)}' if full or asker_full else ""
        parts.append(
            (
                f',"counts":{{"referrals":{len(ranking.person)},"shown":{len(person)},'
                f'"eligible_without_score":{eligible - referred},"ineligible":{self.count - eligible},'
                f'"for_asker":{len(ranking.asker)},"for_asker_shown":{len(asker)}{full_counts}}}}}'
            ).encode()
        )
        found = b"".join(parts)
        if len(self.tails) >= TAILS:
            self.tails.clear()
        self.tails[key] = found
        return found

    def _notes(self, program: Program, notes: tuple[int, ...], unserved: Any, lang: str) -> bytes:
        """`,"notes":[...],"referrals":[` for these notes (and the languages none of the referrals
        works in); remembered, as a population has few combinations."""
        key = (notes, unserved, lang)
        found = self.note_pieces.get(key)
        if found is None:
            note_texts = self.plain["notes"][lang]
            names = [program.notes[i][0] for i in notes]
            shown = [dumps_compact({"id": n, "text": note_texts.get(n, n)}) for n in names]
            if unserved:
                spoken_names = self.plain["language_names"][lang]
                spoken = ", ".join(spoken_names.get(code, code) for code in unserved)
                text = self.plain["unserved"][lang].replace("{languages}", spoken)
                shown.append(dumps_compact({"id": "language_unserved", "text": text}))
            found = (',"notes":[' + ",".join(shown) + '],"referrals":[').encode()
            if len(self.note_pieces) < MEMO:
                self.note_pieces[key] = found
        return found

    def _referrals(
        self,
        ranked: Any,
        audience: Any,
        lang: str,
        missing: frozenset[str] = frozenset(),
        spoken: frozenset[str] | None = None,
        day: int | None = None,
        numbered: bool = True,
    ) -> bytes:
        """The referrals of one part; `spoken`: the person's languages (the person's part only).
        `numbered=False`: a list of full offers, whose entries carry no rank (they are not referred)."""
        pieces = []
        uncheckable, served_in = self.uncheckable, self.served_in
        # most referrals of a line share the audience and language and carry nothing extra: they
        # are remembered under (offer, reasons) within the line's (audience, language)
        context = (audience, lang)
        fragments = self.fragments.get(context)
        if fragments is None:
            fragments = self.fragments[context] = {}
        for number, (offer, score, rules) in enumerate(ranked):
            unchecked = tuple([s for s in uncheckable[offer] if s in missing]) if missing and uncheckable[offer] else ()
            unserved = spoken is not None and served_in[offer].isdisjoint(spoken)
            declared = self.capacity[offer] if self.has_capacity else None
            capacity = declared[0] if declared is not None and day is not None and day >= declared[1] else b""
            fragment_key = (
                (offer, rules, unchecked, unserved, capacity) if unchecked or unserved or capacity else (offer, rules)
            )
            fragment = fragments.get(fragment_key)
            if fragment is None:
                fragment = self._fragment(offer, score, rules, audience, lang, unchecked, unserved, capacity)
                if self.fragment_count < MEMO:
                    fragments[fragment_key] = fragment
                    self.fragment_count += 1
            if numbered:
                pieces.append((_RANKS[number] if number < len(_RANKS) else b'{"rank":%d' % (number + 1)) + fragment)
            else:
                pieces.append(b"{" + fragment[1:])
        return b",".join(pieces)

    def _fragment(
        self,
        offer: int,
        score: int,
        rules: tuple[int, ...],
        audience: Any,
        lang: str,
        unchecked: tuple[str, ...] = (),
        unserved: bool = False,
        capacity: bytes = b"",
    ) -> bytes:
        texts = self.reason_texts.get(lang)
        if texts is None:
            texts = self.reason_texts[lang] = [t.encode() for t in self.plain["reasons"][lang]]
        ordered = sorted(rules, key=self.reason_rank.__getitem__)
        variants = self.offers[offer]
        key = _audience_key(audience) if isinstance(audience, str) or audience is None else ""
        offer_text: str = variants.get(key) or variants[""]
        return (
            f',"score":{score},"offer":'.encode()
            + offer_text.encode()
            + b',"reasons":['
            + b",".join([texts[r] for r in ordered])
            + b"]"
            + (b',"unchecked":' + dumps_compact(list(unchecked)).encode() if unchecked else b"")
            + (b',"languages_served":false' if unserved else b"")
            + capacity
            + b"}"
        )

    def line(
        self,
        program: Program,
        decision: Decision,
        casus_text: str,
        languages: Any,
        lang: str,
        top: int | None,
        note_given: bool = False,
        ranking: Ranking | None = None,
        missing: frozenset[str] = frozenset(),
    ) -> bytes:
        """One match object as one line of UTF-8 (no newline)."""
        body = (
            self.head(lang, decision.day)
            + casus_text.encode()
            + self.tail(program, decision, languages, lang, top, ranking, missing)
        )
        return body[:-1] + b',"note_given":true}' if note_given else body

    def casus_line(
        self,
        program: Program,
        decision: Decision,
        casus: Casus,
        lang: str,
        top: int | None,
        ranking: Ranking | None = None,
    ) -> bytes:
        return self.line(
            program,
            decision,
            self.casus_text(casus.signals, casus.scale),
            casus.signals.get("languages"),
            lang,
            top,
            casus.has_note,
            ranking,
            self.missing(casus.signals),
        )

    def missing(self, signals: Any) -> frozenset[str]:
        """The uncheckable signals this casus lacks (usually none, or just the age)."""
        get = signals.get
        return frozenset(s for s in self.uncheckable_signals if get(s) is None)


def _encoders(fields: Mapping[str, Any]) -> dict[str, tuple[str, dict[Any, str] | None]]:
    """Per signal: its JSON key (within its group) and the JSON text of each of its values."""
    found: dict[str, tuple[str, dict[Any, str] | None]] = {}
    for signal_id, spec in fields["signals"].items():
        head, tail = _split(signal_id)
        name = dumps_compact(tail or head) + ":"
        table: dict[Any, str] | None = None
        if spec["kind"] in ("enum", "set"):
            table = {value: dumps_compact(value) for value in spec["values"]}
        elif spec["kind"] == "boolean":
            table = {True: "true", False: "false"}
        found[signal_id] = (name, table)
    return found


def _split(signal_id: str) -> tuple[str, str]:
    head, _, tail = signal_id.partition(".")
    return head, tail
