"""Python's cyclic garbage collector paused while a large object graph is built.

Loading content creates millions of objects (YAML nodes, values, positions, the model) and
almost no garbage cycles. Each collection of the oldest generation walks every object alive, and
such collections keep coming while the graph grows, so at national scale (30,000 offers, 60,000
rules) the collector took more time than the parsing itself: loading grew faster than the
content. Paused, the work is linear; reference counting still frees everything that is not
part of a cycle, and the collector runs as before once the graph is built.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector for the block (nested use is fine: the outermost restores)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # The graph just built would otherwise be walked by the next collections (all of it
            # is young); in a one-command process it lives until the end anyway.
            keep_for_the_process()
            gc.enable()


_ONE_COMMAND = [False]  # set by the console script: this process runs one command, then exits


def one_command_process() -> None:
    """Called by the console script (`referral.entry.main`), never by a library or a test run."""
    _ONE_COMMAND[0] = True


def one_short_command() -> None:
    """Called by the console script for the everyday `referral match CASUS` only: the collector
    runs rarely (every 100,000 allocations instead of 700) until the process exits, right after
    the output.

    One casus and one view leave almost no cyclic garbage (reference counting frees the rest),
    while the collections that the start-up's allocations trigger (imports, the cached content,
    rich laying out the tables) took about 10 ms of a 115 ms answer at the meeting table. Rarely,
    not never: content loaded for real (a stale cache) may still leave cycles worth collecting.
    """
    _ONE_COMMAND[0] = True
    gc.set_threshold(100_000, 20, 100)


def keep_for_the_process() -> None:
    """Move every object alive now out of the collector's sight, for good (gc.freeze).

    Done when a paused block ends: what it built stays until the process ends, and later
    collections, which the analysis's many small objects trigger, no longer walk all of it
    again (lint at 7,500 offers: 13.8 -> 11.2 s). Only in a process that runs one command:
    elsewhere (a test run, a library) cyclic garbage alive at this moment would never be
    collected, so there it does nothing.
    """
    if _ONE_COMMAND[0]:
        gc.freeze()


@contextmanager
def paused_for_the_command() -> Iterator[None]:
    """The collector paused for the rest of a command that builds large graphs and keeps them
    (lint, gaps): after loading, the analysis, the compiled engine, the cache entry and the
    rendering make millions of objects more, and each collection of the oldest generation walks
    all of them again (encoding the cache entry of 7,500 offers: 0.45 s paused, 2.6 s not). Only
    in a process that runs one command and then ends, where cyclic garbage can wait for the
    end; elsewhere (a test run, a library) the collector runs as usual."""
    if not _ONE_COMMAND[0]:
        yield
        return
    with paused_gc():
        yield
