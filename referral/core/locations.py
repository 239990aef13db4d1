"""Where the content is, as plain text: cheap enough for every start (no pathlib, no model).

`referral.content.cache` and the everyday `match` need only these; loading the content itself is
`referral.content.loading`.
"""

from __future__ import annotations

import os


def shipped_locations() -> tuple[str, str]:
    """The Utrecht content's folders: inside the wheel (referral/data/), or at the repository root."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    bundled = os.path.join(package, "data")
    base = bundled if os.path.isdir(os.path.join(bundled, "rules")) else os.path.dirname(package)
    return os.path.join(base, "rules"), os.path.join(base, "offers")


def content_locations(rules: str | os.PathLike[str] | None, offers: str | os.PathLike[str] | None) -> tuple[str, str]:
    """Flags first, then REFERRAL_RULES / REFERRAL_OFFERS, then the shipped content (as text).

    Plain strings, without pathlib: the cold start of `match` needs only these (`referral.content.cache`).
    """
    if not (rules or os.environ.get("REFERRAL_RULES")) or not (offers or os.environ.get("REFERRAL_OFFERS")):
        default_rules, default_offers = shipped_locations()
    else:
        default_rules = default_offers = ""
    chosen_rules = rules or os.environ.get("REFERRAL_RULES") or default_rules
    chosen_offers = offers or os.environ.get("REFERRAL_OFFERS") or default_offers
    return os.fspath(chosen_rules), os.fspath(chosen_offers)


def display_path(path: str | os.PathLike[str]) -> str:
    """A short path for messages: relative to the working directory where that is shorter."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return os.fspath(path)
    return relative if not relative.startswith(".." + os.sep + "..") else os.fspath(path)
