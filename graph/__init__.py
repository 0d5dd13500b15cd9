"""storygraph's knowledge-graph core: records, sources, extraction, resolution, RDF, stores, views."""
