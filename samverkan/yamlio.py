"""The one way samverkan reads its YAML data files (schema, template, lexicon, rules, gold).

libyaml's C loader when PyYAML was built with it (ten times faster: the rule files, the
lexicon and the schema load in 20 ms instead of 200 ms, which counts on every `samverkan
extract`), else the pure-Python safe loader. Both are safe loaders: no arbitrary objects.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LOADER)
