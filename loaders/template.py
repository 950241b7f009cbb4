"""The government's report template (data/template/aterrapportering.yaml), loaded once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from samverkan.settings import DATA_DIR
from samverkan.yamlio import read_yaml

TEMPLATE_FILE = DATA_DIR / "template" / "aterrapportering.yaml"


@dataclass(frozen=True)
class Guidance:
    starts: str
    answers: str | None
    preamble_only: bool


@dataclass(frozen=True)
class Template:
    chapters: dict[str, str]
    sections: dict[str, str]
    questions: dict[str, str]
    guidance: tuple[Guidance, ...]
    table_headings: frozenset[str]
    page_headers: tuple[re.Pattern, ...]
    result_cues: tuple[re.Pattern, ...] = ()

    def title(self, number: str) -> str | None:
        return self.sections.get(number) or self.chapters.get(number)


@lru_cache(maxsize=1)
def load_template() -> Template:
    raw = _raw()
    guidance = tuple(
        Guidance(g["starts"], g.get("answers"), bool(g.get("preamble_only"))) for g in raw["guidance"]
    )
    return Template(
        chapters={str(k): v for k, v in raw["chapters"].items()},
        sections={str(k): v for k, v in raw["sections"].items()},
        questions=dict(raw["questions"]),
        guidance=guidance,
        table_headings=frozenset(h.strip().lower() for h in raw["table_headings"]),
        page_headers=tuple(re.compile(p) for p in raw["page_header_patterns"]),
        result_cues=tuple(re.compile(p) for p in raw.get("result_cues", [])),
    )


def counterpart(number: str) -> str | None:
    """The party a section of the template is about ("3.1" -> county_board), if it fixes one."""
    raw = _raw()
    for key, value in (raw.get("counterparts") or {}).items():
        if number == str(key) or number.startswith(f"{key}."):
            return value
    return None


@lru_cache(maxsize=1)
def _raw() -> dict:
    return read_yaml(TEMPLATE_FILE)
