"""The domain knowledge as RDF data files (vocabulary, themes, gazetteer, shapes, JSON-LD context)."""
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent
