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
            gc.enable()
