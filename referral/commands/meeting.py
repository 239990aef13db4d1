"""The meeting view and exports of `referral match` (not a command of its own: `match` calls it).

Several casus files or a folder print one compact panel per casus and the offers that recur.
A casus that cannot be read is reported on stderr (file:line:column) and the others are still
shown (and exported); the exit code is then 2. `--export html|svg|md PATH` writes what was
shown to a file, all at once and never over an existing file without --force.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from referral.app.support import console
from referral.core.problems import ExitCode

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import RenderableType

    from referral.core.model import Ruleset

EXPORT_FORMATS = ("html", "svg", "md")
EXPORT_WIDTH = 100


def check_export_target(export: tuple[str, str] | None, force: bool) -> None:
    """Refuse an existing export file before any work is done (the write checks again)."""
    if export is not None:
        from referral.core.safe_write import check_target

        check_target(Path(export[1]), force=force)


def recorded(renderable: RenderableType, kind: str, title: str) -> str:
    """The rich view as HTML or SVG, at a fixed width and with colour, whatever the terminal."""
    from rich.console import Console

    record = Console(
        record=True,
        width=EXPORT_WIDTH,
        file=io.StringIO(),
        no_color=False,
        color_system="truecolor",
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    record.print(renderable)
    return record.export_svg(title=title) if kind == "svg" else record.export_html()


def write_export(
    export: tuple[str, str], force: bool, renderable: Callable[[], RenderableType], markdown: Callable[[], str]
) -> None:
    from referral.core.safe_write import write_text_atomic

    kind, path = export
    text = markdown() if kind == "md" else recorded(renderable(), kind, "referral")
    write_text_atomic(Path(path), text, force=force)


def run_meeting(
    ruleset: Ruleset,
    paths: Sequence[str],
    *,
    lang: str,
    fmt: str,
    top: int,
    export: tuple[str, str] | None,
    force: bool,
) -> None:
    """Match every casus of the agenda, print the meeting view, export it; exit 2 if a casus was bad."""
    from referral.app.meeting import agenda_files, run_agenda
    from referral.render.meeting_view import meeting_json, meeting_markdown, render_meeting

    files = agenda_files(paths)
    check_export_target(export, force)
    agenda = run_agenda(files, ruleset, top)
    for problem in agenda.problems:
        click.echo(problem.format(lang), err=True)
    if fmt == "json":
        from referral.render.json_view import dumps

        click.echo(dumps(meeting_json(agenda, lang)))
    elif fmt == "markdown":
        click.echo(meeting_markdown(agenda, lang), nl=False)
    else:
        console().print(render_meeting(agenda, lang))
    if export is not None and agenda.results:
        write_export(export, force, lambda: render_meeting(agenda, lang), lambda: meeting_markdown(agenda, lang))
    if agenda.problems:
        sys.exit(ExitCode.BAD_INPUT)
