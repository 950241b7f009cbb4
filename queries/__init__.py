"""The named Cypher query catalogue and the report lists built from it."""
