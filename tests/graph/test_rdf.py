"""The RDF mapping writes N-Quads any parser reads back to the same values."""
from __future__ import annotations

import datetime as dt

import pyoxigraph as ox

from graph.iris import Iris
from graph import rdf
from graph.records import Entity, EntityKind, Field, Link, Mention, ResolvedStory, StoryRecord

BASE = "http://example.org/"
TRICKY = 'Quote " backslash \\ newline \n return \r tab \t and “curly” é'


def _quads(text: str) -> list[ox.Quad]:
    return list(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))


def test_literals_with_quotes_backslashes_and_line_breaks_round_trip() -> None:
    story = StoryRecord(title=TRICKY, summary="ILO " + TRICKY, date=dt.date(2021, 3, 10), date_text="10 March 2021")
    iri = Iris(BASE).story(story)
    ilo = Entity(f"{BASE}organization/ilo", EntityKind.ORGANIZATION, "ILO")
    mention = Mention(EntityKind.ORGANIZATION, TRICKY, Field.SUMMARY, 4, 4 + len(TRICKY), "rule", 0.5)
    quads = _quads(rdf.story_nquads(Iris(BASE), ResolvedStory(story, iri, (Link(ilo, mention),)), "hash"))
    values = {q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: q.object.value for q in quads}
    assert values["headline"] == TRICKY
    entity, ((field, start, end, method, confidence),) = rdf.link_evidence(values["linkEvidence"])
    assert entity == ilo.iri
    assert story.summary[start:end] == TRICKY
    assert (field, start, method, confidence) == ("summary", 4, "rule", 0.5)
    assert {q.graph_name.value for q in quads} == {iri}


def test_every_link_carries_the_evidence_of_all_its_mentions_in_one_literal() -> None:
    story = StoryRecord(title="ILO and FAO", summary="The ILO said so.", date=dt.date(2021, 1, 26))
    iri = Iris(BASE).story(story)
    ilo, fao = (Entity(f"{BASE}organization/{n.lower()}", EntityKind.ORGANIZATION, n) for n in ("ILO", "FAO"))
    links = (Link(ilo, Mention(EntityKind.ORGANIZATION, "ILO", Field.TITLE, 0, 3, "gazetteer", 0.95)),
             Link(fao, Mention(EntityKind.ORGANIZATION, "FAO", Field.TITLE, 8, 11, "gazetteer", 1.0)),
             Link(ilo, Mention(EntityKind.ORGANIZATION, "ILO", Field.SUMMARY, 4, 7, "gazetteer", 0.9)))
    quads = _quads(rdf.story_nquads(Iris(BASE), ResolvedStory(story, iri, links), "hash"))
    spans = dict(rdf.link_evidence(q.object.value) for q in quads if q.predicate.value == rdf.EVIDENCE)
    assert {q.subject.value for q in quads if q.predicate.value == rdf.EVIDENCE} == {iri}
    assert spans == {ilo.iri: [("title", 0, 3, "gazetteer", 0.95), ("summary", 4, 7, "gazetteer", 0.9)],
                     fao.iri: [("title", 8, 11, "gazetteer", 1.0)]}
    assert all(q.object.datatype.value == rdf.RDF_JSON for q in quads if q.predicate.value == rdf.EVIDENCE)
    assert sum(q.predicate.value == rdf.SCHEMA + "mentions" for q in quads) == 2
