"""Messages of 'write' (code -> (Dutch, English)), loaded when a code of this catalogue is first used."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "write.exists": (
        "bestand bestaat al; gebruik --force om het te overschrijven",
        "file already exists; use --force to overwrite it",
    ),
    "write.failed": (
        "kan niet schrijven ({reason})",
        "cannot write ({reason})",
    ),
    "write.not_a_file": (
        "dit is geen gewoon bestand; er wordt niet overheen geschreven",
        "this is not a regular file; it is not overwritten",
    ),
    "write.no_folder": (
        "de map bestaat niet",
        "the folder does not exist",
    ),
}
