"""A fingerprint of the extraction itself: the code, rules, lexicon, gazetteer and template.

Stored on each Document (`extractor`), it lets `samverkan build` skip a report whose file
and fingerprint are unchanged: the facts would come out the same. Any change to what the
extraction reads or runs changes it.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from samverkan import __version__
from samverkan.settings import DATA_DIR, PROJECT_ROOT

LOADERS = Path(__file__).resolve().parent
INPUTS = [(LOADERS, "**/*.py"), (PROJECT_ROOT / "samverkan" / "review", "*.py"), (LOADERS / "rules", "*"), (DATA_DIR / "gazetteer", "*"), (DATA_DIR / "template", "*")]


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    digest = hashlib.sha256(__version__.encode())
    for folder, pattern in INPUTS:
        for path in sorted(folder.glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
