"""Granska: a strategist's judgements on the extracted graph, kept as data and replayed on
every rebuild.

- `judgements`: the record (who decided what on which fact, when and why), the
  rule-independent `fact_key`, and the append-only JSON Lines log under data/reviews/.
- `replay`: one pure function, `apply(judgements, graph, text)`, that turns an extracted
  graph into the reviewed one and reports the judgements it could not apply.
- `base`: the extraction before review (graph, text, sentences) kept next to the store, so a
  judgement made in the app or imported from a spreadsheet is applied by the very same
  replay without re-reading the report.
- `service`: record judgements and bring a store up to date (the app and the CLI).
- `sheet`: the spreadsheet round trip (`samverkan review export/import`).
"""
