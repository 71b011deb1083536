"""Making thousands of small objects at once without the cycle collector walking them all.

CPython runs its cycle collector every few hundred new container objects, and every so often
walks everything alive. A publish of a 5,000-episode show loads the catalogue index (a dict
per episode), makes an episode, a result and a feed item for each, and feedgen a dozen small
objects per feed entry: the collector walks them again and again, though none of them forms
a cycle. :func:`collector_paused` holds it off for such a stretch, as Mercurial's ``nogc``
does for its bulk loads; anything cyclic made meanwhile is collected after.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the cycle collector in the block (it stays off if it was off already).

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
