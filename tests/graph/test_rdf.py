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
    assert values["headline"] == TRICKY and values["text"] == TRICKY
    assert values["start"] == "4" and values["confidence"] == "0.500" and values["field"] == "summary"
    assert {q.graph_name.value for q in quads} == {iri}


def test_every_mention_is_a_typed_node_with_its_evidence() -> None:
    story = StoryRecord(title="ILO and FAO", summary="Both.", date=dt.date(2021, 1, 26))
    iri = Iris(BASE).story(story)
    links = tuple(Link(Entity(f"{BASE}organization/{n.lower()}", EntityKind.ORGANIZATION, n),
                       Mention(EntityKind.ORGANIZATION, n, Field.TITLE, start, start + 3, "gazetteer", 0.95))
                  for n, start in (("ILO", 0), ("FAO", 8)))
    quads = _quads(rdf.story_nquads(Iris(BASE), ResolvedStory(story, iri, links), "hash"))
    mentions = {q.subject.value for q in quads if q.predicate.value == rdf.RDF_TYPE and q.object.value == rdf.SG + "Mention"}
    assert len(mentions) == 2
    for node in mentions:
        props = {q.predicate.value for q in quads if q.subject.value == node}
        assert {rdf.SG + p for p in ("entity", "text", "field", "start", "end", "method", "confidence")} <= props
