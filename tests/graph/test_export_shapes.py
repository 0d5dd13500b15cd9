"""The seed export conforms to ontology/shapes.ttl (pyshacl), and the shapes do catch what they promise."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
import rdflib

from graph import export
from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from ontology import DIRECTORY as ONTOLOGY

pyshacl = pytest.importorskip("pyshacl")
SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://127.0.0.1:8000/"
SG = "https://w3id.org/storygraph#"


@pytest.fixture(scope="module")
def seed_union() -> rdflib.Graph:
    """The seed import exported as N-Quads, parsed by rdflib, as one union graph."""
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    buffer = io.BytesIO()
    export.write_export(store, "nq", buffer)
    dataset = rdflib.Dataset().parse(data=buffer.getvalue(), format="nquads")
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def _violations(graph: rdflib.Graph) -> tuple[bool, str]:
    shapes = rdflib.Graph().parse(ONTOLOGY / "shapes.ttl")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, advanced=True, allow_warnings=False)
    return conforms, text


def test_seed_export_has_zero_shacl_violations(seed_union: rdflib.Graph) -> None:
    conforms, report = _violations(seed_union)
    assert conforms, report


def test_seed_export_is_not_trivially_valid(seed_union: rdflib.Graph) -> None:
    stories = set(seed_union.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle")))
    assert len(stories) == 20


def test_a_story_without_a_title_violates_the_shapes(seed_union: rdflib.Graph) -> None:
    broken = rdflib.Graph() + seed_union
    story = next(broken.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle")))
    broken.remove((story, rdflib.URIRef("https://schema.org/headline"), None))
    conforms, report = _violations(broken)
    assert not conforms and "exactly one non-empty title" in report


def test_a_link_to_an_untyped_entity_violates_the_shapes(seed_union: rdflib.Graph) -> None:
    broken = rdflib.Graph() + seed_union
    story = next(broken.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.org/NewsArticle")))
    broken.add((story, rdflib.URIRef("https://schema.org/mentions"), rdflib.URIRef(BASE + "nothing/known")))
    conforms, report = _violations(broken)
    assert not conforms and "known class" in report


@pytest.mark.parametrize("value", ['{"entity":"http://x/a","spans":[["body",0,5,"rule",0.5]]}',
                                   '{"entity":"http://x/a","spans":[["title",0,5,"rule",1.5]]}',
                                   '[["title",0,5,"rule",0.5]]'])
def test_malformed_link_evidence_violates_the_shapes(seed_union: rdflib.Graph, value: str) -> None:
    broken = rdflib.Graph() + seed_union
    story = next(broken.subjects(rdflib.URIRef(SG + "linkEvidence"), None))
    broken.add((story, rdflib.URIRef(SG + "linkEvidence"), rdflib.Literal(value, datatype=rdflib.RDF.JSON)))
    conforms, report = _violations(broken)
    assert not conforms and "link evidence" in report


def test_a_language_tagged_name_violates_the_shapes(seed_union: rdflib.Graph) -> None:
    broken = rdflib.Graph() + seed_union
    day = next(broken.subjects(rdflib.RDF.type, rdflib.URIRef(SG + "Day")))
    name = broken.value(day, rdflib.URIRef("https://schema.org/name"))
    broken.set((day, rdflib.URIRef("https://schema.org/name"), rdflib.Literal(str(name), lang="en")))
    conforms, _ = _violations(broken)
    assert not conforms


def test_every_sg_term_the_mapping_writes_is_declared_in_the_vocabulary() -> None:
    import re

    import graph.pipeline
    import graph.rdf
    vocabulary = rdflib.Graph().parse(ONTOLOGY / "storygraph.ttl")
    declared = {str(s) for s in vocabulary.subjects() if str(s).startswith(SG)}
    source = Path(graph.rdf.__file__).read_text() + Path(graph.pipeline.__file__).read_text()
    used = {SG + name for name in re.findall(r'(?:SG\}|SG \+ ")([A-Za-z]+)', source)}
    assert used and used <= declared, sorted(used - declared)
