"""The graph model: schema, ids, provenance, stores, exports, analytics."""
