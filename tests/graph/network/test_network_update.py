"""An import's changes applied to the previous view give the view a full rebuild would give."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.kept import Kept
from graph.network import centrality, persist
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


def _bound(network) -> float:  # type: ignore[no-untyped-def]
    """How far two PageRanks that each met the stopping rule may be apart (L1): each is within
    alpha / (1 - alpha) of one step's change (< N * tolerance) of the fixed point."""
    n = len(network.story_iris) + len(network.entity_iris)
    return 2 * n * centrality.TOLERANCE * centrality.ALPHA / (1 - centrality.ALPHA)


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data())
def test_pagerank_after_an_import_starts_from_the_last_and_agrees_with_a_fresh_computation(
        corpus: Corpus, data: st.DataObject) -> None:
    delta, after = data.draw(changes(corpus))
    old = corpus.network("1")
    old.pagerank()
    updated = apply(old, "2", delta)
    start = updated.computed("pagerank_start")
    assert start is not None  # the previous version's PageRank was there: the next one starts from it
    rebuilt = after.network("2")
    warm, cold = updated.pagerank(), rebuilt.pagerank()
    assert warm.keys() == cold.keys()
    assert sum(abs(warm[k] - cold[k]) for k in warm) <= _bound(rebuilt)


def test_a_warm_started_pagerank_converges_in_fewer_iterations_to_the_same_ranks() -> None:
    rng = np.random.default_rng(1)
    n_s, n_e = 3_000, 800
    links = sorted({(s, int(e)) for s in range(n_s) for e in rng.zipf(1.5, 4) % n_e})

    def arrays(stories: int) -> tuple[np.ndarray, ...]:
        chosen = [(s, e) for s, e in links if s < stories]
        s_ptr = np.zeros(stories + 1, dtype=np.int64)
        np.cumsum(np.bincount([s for s, _ in chosen], minlength=stories), out=s_ptr[1:])
        by_e = sorted(chosen, key=lambda p: (p[1], p[0]))
        e_ptr = np.zeros(n_e + 1, dtype=np.int64)
        np.cumsum(np.bincount([e for _, e in by_e], minlength=n_e), out=e_ptr[1:])
        return s_ptr, np.array([e for _, e in chosen]), e_ptr, np.array([s for s, _ in by_e])

    before = arrays(n_s - 100)
    old_s, old_e = centrality.pagerank_arrays(*before)
    after = arrays(n_s)
    start = (np.concatenate([old_s, np.full(100, np.nan)]), old_e)
    steps: dict[str, int] = {}
    for name, given_start in (("cold", None), ("warm", start)):
        steps[name] = centrality.iterations_to_converge(*after, start=given_start)
    cold = np.concatenate(centrality.pagerank_arrays(*after))
    warm = np.concatenate(centrality.pagerank_arrays(*after, start=start))
    assert np.abs(warm - cold).sum() <= 2 * (n_s + n_e) * centrality.TOLERANCE * centrality.ALPHA / (1 - centrality.ALPHA)
    assert steps["warm"] < steps["cold"]


@settings(max_examples=100, deadline=None)
@given(corpora(), st.data())
def test_co_occurrence_rows_of_entities_an_import_did_not_touch_are_carried_and_equal_a_rebuild(
        corpus: Corpus, data: st.DataObject) -> None:
    delta, after = data.draw(changes(corpus))
    old = corpus.network("1")
    for e in corpus.nodes():
        old.ties(e)  # a server that answered before the import has these rows
    updated, rebuilt = apply(old, "2", delta), after.network("2")
    touched = {e for s, e in corpus.links if s in delta.dropped} | {e for _, e in delta.links} | delta.gone
    untouched = [e for e in corpus.nodes() if e not in touched]
    carried = {updated.entity_iris[e] for e, _ in updated.tie_rows.rows()}
    assert carried == set(untouched)  # there before anyone asks the new version
    for e in after.nodes():
        assert updated.ties(e) == rebuilt.ties(e), e
        assert updated.neighbourhood([e], 2, None, 5, 8) == rebuilt.neighbourhood([e], 2, None, 5, 8)


def test_a_carried_row_is_renumbered_when_an_entity_is_inserted_before_it() -> None:
    day = dt.date(2024, 5, 1)
    people = {n: EntityRow(f"{BASE}e/{n}", EntityKind.PERSON, n, ()) for n in ("a", "b", "c", "d")}
    first = Corpus([StoryRow(f"{BASE}story/1", "One", "", day, None)], {f"{BASE}e/{n}": people[n] for n in "cd"},
                   [(f"{BASE}story/1", f"{BASE}e/c"), (f"{BASE}story/1", f"{BASE}e/d")])
    old = first.network("1")
    old.ties(f"{BASE}e/c")
    written = StoryRow(f"{BASE}story/2", "Two", "", day, None)
    links = [(written.iri, f"{BASE}e/a"), (written.iri, f"{BASE}e/b")]
    delta = Delta(stories=[written], links=links, entities={f"{BASE}e/{n}": people[n] for n in "ab"})
    updated = apply(old, "2", delta)
    assert [updated.entity_iris[e] for e, _ in updated.tie_rows.rows()] == [f"{BASE}e/c"]  # carried, not recomputed
    assert [t.target for t in updated.ties(f"{BASE}e/c")] == [f"{BASE}e/d"]
