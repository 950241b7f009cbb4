"""Settings, declared once. Every setting is read from the environment; tests check each is documented."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
GAZETTEER_DIR = DATA_DIR / "gazetteer"
RAW_DIR = DATA_DIR / "raw"
BUNDLED_REPORT = RAW_DIR / "region-vastmanland-aterrapportering-2019.txt"

# name -> (default, description); README.md must document each (tests/test_docs.py).
SETTINGS: dict[str, tuple[str | None, str]] = {
    "SAMVERKAN_STORE": (str(DATA_DIR / "build" / "samverkan.lbug"), "path of the embedded LadybugDB store"),
    "SAMVERKAN_BACKEND": ("embedded", "default store for `query`, the UI and the notebook: embedded or neo4j"),
    "SAMVERKAN_BASE_IRI": ("https://w3id.org/samverkan/", "base of the IRIs in RDF exports"),
    "SAMVERKAN_MAX_INPUT_MB": ("40", "largest document accepted, in megabytes of text"),
    "SAMVERKAN_REVIEWS": (str(DATA_DIR / "reviews"), "directory of the review judgements (one JSON Lines file per report)"),
    "NEO4J_URI": (None, "Neo4j URI (bolt://, neo4j://, neo4j+s://); setting it makes neo4j the default backend"),
    "NEO4J_USERNAME": ("neo4j", "Neo4j user (NEO4J_USER is accepted too)"),
    "NEO4J_PASSWORD": (None, "Neo4j password"),
    "NEO4J_DATABASE": ("neo4j", "Neo4j database name"),
}


def get(name: str) -> str | None:
    default = SETTINGS[name][0]
    value = os.environ.get(name)
    if name == "NEO4J_USERNAME" and not value:
        value = os.environ.get("NEO4J_USER")
    return value if value not in (None, "") else default


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str | None
    user: str
    password: str | None
    database: str

    @classmethod
    def from_env(cls, uri: str | None = None) -> "Neo4jSettings":
        return cls(uri or get("NEO4J_URI"), get("NEO4J_USERNAME") or "neo4j", get("NEO4J_PASSWORD"), get("NEO4J_DATABASE") or "neo4j")


def store_path() -> Path:
    return Path(get("SAMVERKAN_STORE"))


def reviews_dir() -> Path:
    return Path(get("SAMVERKAN_REVIEWS"))


def default_backend() -> str:
    explicit = os.environ.get("SAMVERKAN_BACKEND")
    if explicit:
        return explicit
    return "neo4j" if os.environ.get("NEO4J_URI") else "embedded"
