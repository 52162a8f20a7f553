"""Once a process has evaluated a few firms, what it has built for good (the pack, its
compiled forms, the modules) is moved out of the cyclic garbage collector's reach.

The pack's models and the engine's compiled forms are ~100,000 objects the collector tracks
and will never free (a pack is immutable and lives as long as the process). Each full
collection walks them all, a memory-bound walk of 20-40 ms that counts few instructions and
costs much time; and the first one after a pack is loaded comes within the first few hundred
firms, since loading made them all at once. ``settle``, called by ``evaluate``, collects
once after ``SETTLE_AFTER`` evaluations in the process (after the compiled forms' code is
generated, ``GENERATE_AFTER``) and then freezes what is left (``gc.freeze``): collections
after it walk only what came since (memos, the firm at hand). Freezing what is alive is safe
for a caller too: frozen objects are still freed when nothing refers to them; only a loop
among them, dropped later, would not be, and the collection just before leaves none that is
garbage now. Once per process; not at all when the caller turned the collector off. A
forked batch worker inherits what its parent froze, and the pages holding it are not
written by its collections (copy-on-write pages stay shared).
"""

import gc

from .condition_codegen import GENERATE_AFTER

SETTLE_AFTER = 2 * GENERATE_AFTER

_LEFT = [SETTLE_AFTER]


def settle() -> None:
    """Count one evaluation; at the ``SETTLE_AFTER``-th of the process, collect and freeze."""
    left = _LEFT[0]
    if left:
        _LEFT[0] = left - 1
        if left == 1 and gc.isenabled():
            gc.collect()
            gc.freeze()
