"""Importing PyYAML without compiling its largest regular expression (issue 15: start-up).

When ``yaml`` is imported, PyYAML's pure-Python reader compiles the class of the characters
YAML refuses, written as everything but the printable ones (:data:`NON_PRINTABLE`): Python's
`re` visits each of its ~63,000 BMP characters, ~5 ms (57 million instructions, 4 % of a
whole `score`), though the tool parses with libyaml when it can. The same class written as
the few characters it holds compiles in ~0.3 ms. :func:`import_yaml` puts that pattern in
`re`'s cache under the original's text before the first import, so ``re.compile`` returns it;
it matches exactly the same characters (a test checks every code point). With another
PyYAML (another text) or a Python whose `re` keeps no such cache, nothing changes but the
time.
"""

from __future__ import annotations

import re
import sys

# PyYAML's text (yaml/reader.py, Reader.NON_PRINTABLE), character for character
NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# the characters that class holds: C0 controls but tab, LF and CR; DEL and C1 controls but
# NEL; the surrogates; U+FFFE and U+FFFF
REFUSED = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"


def import_yaml() -> None:
    """Import ``yaml`` (if it is not yet), its reader's class compiled from :data:`REFUSED`."""
    if "yaml" not in sys.modules:
        cache = getattr(re, "_cache", None)
        if isinstance(cache, dict):
            cache.setdefault((str, NON_PRINTABLE, 0), re.compile(REFUSED))
    import yaml  # noqa: F401
