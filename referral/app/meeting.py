"""The casuïstiek overleg: several casussen (an agenda) matched in one go, and what recurs.

An agenda is a list of casus files and folders; a folder contributes its *.yaml, *.yml and
*.json entries (not hidden ones, not subfolders, not recursively), sorted by name. A casus that cannot be read is
kept as an item with its problems, so that one bad file does not cost the meeting the others;
the command reports it and exits 2 at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from referral.core.i18n import register_messages
from referral.core.model import Offer, Ruleset
from referral.core.problems import Problem, ReferralError
from referral.core.yamlsource import Document, load_file
from referral.engine.match import Assessment, MatchResult, match

AGENDA_SUFFIXES = (".yaml", ".yml", ".json")
MEETING_TOP = 3

register_messages(
    {
        "meeting.title": ("Casuïstiek overleg: {count} casus(sen)", "Case meeting: {count} casus(es)"),
        "meeting.recurring": ("Terugkerend aanbod", "Recurring offers"),
        "meeting.recurring.none": (
            "Geen aanbod staat bij meer dan één casus in de top {top}.",
            "No offer is in the top {top} of more than one casus.",
        ),
        "meeting.col.offer": ("Aanbod", "Offer"),
        "meeting.col.count": ("Casussen", "Casussen"),
        "meeting.col.where": ("Waar (plaats)", "Where (rank)"),
        "meeting.unreadable": (
            "{count} casus(sen) niet gelezen (zie de foutmeldingen): {files}",
            "{count} casus(es) not read (see the error messages): {files}",
        ),
        "meeting.not_read": ("niet gelezen: zie de foutmelding", "not read: see the error message"),
        "meeting.empty_folder": (
            "geen casusbestanden (*.yaml, *.yml, *.json) in deze map",
            "no casus files (*.yaml, *.yml, *.json) in this folder",
        ),
        "meeting.stdin": (
            "'-' (standaardinvoer) kan niet samen met andere casussen",
            "'-' (standard input) cannot be combined with other casussen",
        ),
        "meeting.explain": (
            "--explain werkt met één casus, niet met een agenda",
            "--explain works with one casus, not with an agenda",
        ),
        "meeting.export_failed": ("export mislukt: {reason}", "export failed: {reason}"),
    }
)


def agenda_files(paths: Sequence[str]) -> list[str]:
    """The casus files of an agenda, in order: files as given, each folder's files sorted."""
    if "-" in paths:
        raise ReferralError(Problem.make("meeting.stdin", file="-"))
    files: list[str] = []
    for given in paths:
        folder = Path(given)
        if not folder.is_dir():
            files.append(given)
            continue
        # Not only regular files: a pipe or a broken link named *.yaml is reported, not skipped.
        found = sorted(
            p.name
            for p in folder.iterdir()
            if p.suffix.lower() in AGENDA_SUFFIXES and not p.name.startswith(".") and not p.is_dir()
        )
        if not found:
            raise ReferralError(Problem.make("meeting.empty_folder", file=given))
        files.extend(str(folder / name) for name in found)
    return files


@dataclass(frozen=True)
class AgendaItem:
    """One casus of the meeting: its result, or the problems that kept it from being read."""

    file: str
    result: MatchResult | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class Recurring:
    """An offer that is in the top N of more than one casus, with where it stands in each."""

    offer: Offer
    places: tuple[tuple[str, int], ...]  # (file, rank)


@dataclass(frozen=True)
class Agenda:
    """The meeting: every casus in agenda order, the N shown per casus, and the content used."""

    items: tuple[AgendaItem, ...]
    top: int
    ruleset: Ruleset

    @property
    def results(self) -> tuple[MatchResult, ...]:
        return tuple(item.result for item in self.items if item.result is not None)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(problem for item in self.items for problem in item.problems)

    def shown(self, item: AgendaItem) -> tuple[Assessment, ...]:
        if item.result is None:
            return ()
        return item.result.referrals if not self.top else item.result.referrals[: self.top]

    def recurring(self) -> tuple[Recurring, ...]:
        """Offers in the top N of two or more casussen: most casussen first, then best ranks, then id."""
        places: dict[str, list[tuple[str, int]]] = {}
        offers: dict[str, Offer] = {}
        for item in self.items:
            for referral in self.shown(item):
                assert referral.rank is not None
                places.setdefault(referral.offer.id, []).append((item.file, referral.rank))
                offers[referral.offer.id] = referral.offer
        found = [Recurring(offers[i], tuple(p)) for i, p in places.items() if len(p) > 1]
        found.sort(key=lambda r: (-len(r.places), sum(rank for _, rank in r.places), r.offer.id))
        return tuple(found)


def run_agenda(
    files: Sequence[str],
    ruleset: Ruleset,
    top: int = MEETING_TOP,
    read: Callable[[Path, str], Document] = load_file,
) -> Agenda:
    """Match every casus of the agenda; a casus that cannot be read keeps its problems."""
    from referral.casus.reader import parse_casus

    items = []
    for name in files:
        try:
            casus = parse_casus(read(Path(name), name), ruleset)
        except ReferralError as err:
            items.append(AgendaItem(name, None, tuple(err.problems)))
            continue
        items.append(AgendaItem(name, match(casus, ruleset)))
    return Agenda(tuple(items), top, ruleset)
