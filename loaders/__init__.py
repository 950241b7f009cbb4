"""Documents to graph: read, repair, split, find, relate."""
