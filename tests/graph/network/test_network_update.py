"""An import's changes applied to the previous view give the view a full rebuild would give."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.kept import Kept
from graph.network import persist
from graph.network.update import Delta, apply, empty_network
from graph.read import EntityRow, StoryRow
from graph.records import EntityKind
from tests.graph.network.graphs import BASE, DAYS, NAMES, RELATED, Corpus, corpora

FIELDS = ("version", "story_iris", "titles", "summaries", "urls", "entity_iris", "entities")
ARRAYS = ("days", "story_ptr", "story_adj", "entity_ptr", "entity_adj")


def assert_same(a, b) -> None:
    for name in FIELDS:
        assert getattr(a, name) == getattr(b, name), name
    for name in ARRAYS:
        assert np.array_equal(getattr(a, name), getattr(b, name)), name


@st.composite
def changes(draw: st.DrawFn, corpus: Corpus) -> tuple[Delta, Corpus]:
    """A random import on `corpus`: stories dropped, replaced and added, entities added, renamed and
    removed when nothing links to them any more; with the corpus after it."""
    old = [s.iri for s in corpus.stories]
    dropped = set(draw(st.lists(st.sampled_from(old), max_size=3))) if old else set()
    fresh = [f"{BASE}new/{n}" for n in draw(st.lists(NAMES, max_size=4, unique=True))]
    replaced = [s for s in old if s not in dropped and draw(st.booleans())]
    new_entities = {f"{BASE}e/new{n}": EntityRow(f"{BASE}e/new{n}", draw(st.sampled_from(RELATED)), n, ())
                    for n in draw(st.lists(NAMES, max_size=3, unique=True))}
    entities = {**corpus.entities, **new_entities}
    renamed = {e: EntityRow(e, row.kind, row.name, ("alias",)) for e, row in corpus.entities.items()
               if draw(st.integers(0, 4)) == 0}
    entities.update(renamed)
    written = [StoryRow(s, f"New {s}", "again", draw(DAYS), None) for s in fresh + replaced]
    links = [(s.iri, e) for s in written for e in sorted(entities) if draw(st.integers(0, 3)) == 0]
    stories = [s for s in corpus.stories if s.iri not in dropped and s.iri not in replaced] + written
    kept_links = [(s, e) for s, e in corpus.links if s not in dropped and s not in replaced] + links
    gone: set[str] = set()
    if dropped or replaced:  # the store removes entities nothing links to any more (days are linked by date)
        gone = {e for e in entities if all(le != e for _, le in kept_links) and entities[e].kind is not EntityKind.DATE
                and draw(st.booleans())}
    after = Corpus(stories, {e: r for e, r in entities.items() if e not in gone}, kept_links)
    delta = Delta(stories=written, links=links, dropped=dropped | set(replaced),
                  entities={**new_entities, **renamed}, gone=gone)
    return delta, after


@settings(max_examples=100, deadline=None)
@given(corpora(), st.data())
def test_an_applied_import_equals_a_rebuild(corpus: Corpus, data: st.DataObject) -> None:
    delta, after = data.draw(changes(corpus))
    assert_same(apply(corpus.network("1"), "2", delta), after.network("2"))


@settings(max_examples=30, deadline=None)
@given(corpora())
def test_a_first_import_applied_to_the_empty_view_equals_a_rebuild(corpus: Corpus) -> None:
    delta = Delta(stories=list(corpus.stories), links=list(corpus.links), entities=dict(corpus.entities))
    assert_same(apply(empty_network("0"), "1", delta), corpus.network("1"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus=corpora())
def test_pagerank_is_saved_with_the_view_and_loaded_without_computing_it(tmp_path: Path, corpus: Corpus) -> None:
    network = corpus.network("3")
    path = persist.save(network, Kept(tmp_path, "store.network", ".pickle"))
    loaded = persist.load(path, "3")
    assert loaded is not None and "pagerank_arrays" in loaded._derived  # there before anyone asks
    assert loaded.pagerank() == network.pagerank()
