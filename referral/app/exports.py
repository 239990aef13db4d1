"""Writing an export (`--export html|svg|md PATH`): checked before any work, written atomically."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from referral.app.support import echo
from referral.core.i18n import translate

EXPORT_FORMATS = ("html", "svg", "md")


def check_export_target(export: tuple[str, str] | None, force: bool) -> None:
    """Refuse an existing export file before any work is done (the write checks again)."""
    if export is not None:
        from referral.core.safe_write import check_target

        check_target(Path(export[1]), force=force)


def write_export(export: tuple[str, str], force: bool, produce: Callable[[str], str], lang: str = "nl") -> None:
    """Write what `produce(kind)` gives to the export path, and say where (on stderr)."""
    from referral.core.safe_write import write_text_atomic

    kind, path = export
    write_text_atomic(Path(path), produce(kind), force=force)
    echo(translate("export.written", lang, path=path), err=True)
