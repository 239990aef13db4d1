"""The casuïstiek overleg: several casussen (an agenda) matched in one go, and what recurs.

An agenda is a list of casus files and folders; a folder contributes its *.yaml, *.yml and
*.json entries (not hidden ones, not subfolders, not recursively), sorted by name. A casus that cannot be read is
kept as an item with its problems, so that one bad file does not cost the meeting the others;
the command reports it and exits 2 at the end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from referral.core.problems import ExitCode, Problem, ReferralError
from referral.engine.agenda import Agenda, AgendaItem

if TYPE_CHECKING:  # pragma: no cover
    from referral.app.session import Session

AGENDA_SUFFIXES = (".yaml", ".yml", ".json")
MEETING_TOP = 3


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


def shown_file_name(name: str, number: int) -> tuple[str, tuple[Problem, ...]]:
    """The name a casus file is shown by: its path, or 'casus N' (with a warning that says why,
    never repeating the name) when the path looks like personal data ('mevrouw Jansen BSN ...')."""
    from referral.core.privacy import file_name_kinds, kind_label

    kinds = file_name_kinds(name)
    if not kinds:
        return name, ()
    label = f"casus {number}"
    warning = Problem.make(
        "meeting.personal_file_name",
        file=label,
        severity="warning",
        label=label,
        kind_nl=", ".join(kind_label(k, "nl") for k in kinds),
        kind_en=", ".join(kind_label(k, "en") for k in kinds),
        hint="meeting.personal_file_name.hint",
    )
    return label, (warning,)


def run_agenda(files: Sequence[str], session: Session, day: dt.date, top: int = MEETING_TOP) -> Agenda:
    """Match every casus of the agenda; a casus that cannot be read keeps its problems."""
    from referral.app.matching import read_casus_file

    items = []
    for number, name in enumerate(files, 1):
        shown, warnings = shown_file_name(name, number)
        try:
            casus = read_casus_file(name, session.reader)
        except ReferralError as err:
            problems = tuple(dataclasses.replace(p, file=shown) if p.file == name else p for p in err.problems)
            items.append(AgendaItem(shown, None, problems, warnings))
            continue
        items.append(AgendaItem(shown, session.match(casus, day), warnings=warnings))
    return Agenda(tuple(items), top, session.ruleset)


def run_meeting(
    session: Session,
    paths: Sequence[str],
    *,
    lang: str,
    fmt: str,
    top: int,
    day: dt.date,
    export: tuple[str, str] | None,
    force: bool,
) -> None:
    """Match every casus of the agenda, print the meeting view, export it; exit 2 if a casus was bad."""
    from referral.app.exports import check_export_target, write_export
    from referral.app.support import echo, print_output
    from referral.render.registry import render

    files = agenda_files(paths)
    check_export_target(export, force)
    agenda = run_agenda(files, session, day, top)
    for problem in (*agenda.warnings, *agenda.problems):
        echo(problem.format(lang), err=True)
    print_output(render("meeting", fmt, agenda, lang=lang, writer=session.writer))
    if export is not None and agenda.results:
        write_export(export, force, lambda kind: render("meeting", kind, agenda, lang=lang, export=True), lang)
    if agenda.problems:
        sys.exit(ExitCode.BAD_INPUT)
