"""storygraph's knowledge-graph core: records, sources, extraction, resolution, RDF, stores, views."""
from graph.compiled import STATE as _COMPILED

# The compiled extractor's modules (graph.resolve among them) come from the build when it matches the sources
# (graph/compiled.py); every other module, and every module when it does not, from here.
__path__[:0] = _COMPILED.search_path(__name__)
