"""`referral offers --stale`: the content loaded with its documents, for the work list of
`referral.analysis.worklist` (lint's own findings about ageing and missing facts)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from referral.analysis.worklist import WorkList
    from referral.app.support import Settings


def stale_work_list(settings: Settings, offer_ids: Sequence[str], day: dt.date) -> WorkList:
    """The work list of the content the settings name (its documents give lint the positions)."""
    from referral.analysis.worklist import work_list
    from referral.content.loading import load_content, resolve_dirs
    from referral.core.problems import ReferralError

    loaded = load_content(resolve_dirs(settings.rules, settings.offers))
    if loaded.ruleset is None:
        raise ReferralError(list(loaded.problems))
    return work_list(loaded.ruleset, loaded.documents, offer_ids, day)
