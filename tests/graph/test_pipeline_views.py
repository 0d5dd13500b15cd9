"""An import brings the network view and the search index to the version it writes, without a rebuild."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from graph.network import NetworkView, build_network
from graph.network import view as view_module
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.search import SearchIndex
from graph.store.oxigraph import OxigraphStore
from tests.graph.test_pipeline import BASE, NameExtractor, jsonl, story

ARRAYS = ("days", "story_ptr", "story_adj", "entity_ptr", "entity_adj")


class Views:
    """A memory store with the views a server would answer from, and counts of full rebuilds."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.store = OxigraphStore(None)
        self.reader = GraphReader(self.store, BASE)
        self.network = NetworkView(self.reader)
        self.search = SearchIndex(self.reader, tmp_path / "search.sqlite")
        self.importer = Importer(self.store, BASE, NameExtractor(), network=self.network, search=self.search)
        self.full_builds = 0
        real = view_module.build_network

        def counting(reader, version):
            self.full_builds += 1
            return real(reader, version)
        monkeypatch.setattr(view_module, "build_network", counting)

    def run(self, *stories: dict, name: str = "a.jsonl", prune: bool = False) -> None:
        self.importer.run([SourceInput(name, jsonl(*stories))], prune=prune)

    def assert_current(self) -> None:
        """The view in hand is the store's current version and equals a full rebuild of it."""
        version = self.reader.version()
        network = self.network.current(version)
        rebuilt = build_network(self.reader, version)
        assert network.version == version
        assert (network.story_iris, network.titles, network.summaries, network.urls) == \
            (rebuilt.story_iris, rebuilt.titles, rebuilt.summaries, rebuilt.urls)
        assert (network.entity_iris, network.entities) == (rebuilt.entity_iris, rebuilt.entities)
        assert all(np.array_equal(getattr(network, a), getattr(rebuilt, a)) for a in ARRAYS)
        assert network.pagerank() == rebuilt.pagerank()


@pytest.fixture
def views(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Views:
    return Views(tmp_path, monkeypatch)


def test_a_first_import_leaves_its_view_ready(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."), story(2, "Laura Pausini sang in Jordan."))
    views.assert_current()
    assert views.full_builds == 0


def test_a_later_import_updates_the_view_instead_of_rebuilding_it(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    views.network.current()
    views.run(story(2, "Laura Pausini sang for the ILO in Jordan.", date="2021-04-01"), name="b.jsonl")
    views.assert_current()
    assert views.full_builds == 0
    assert views.network.current().titles == ["Story 2", "Story 1"]  # newest first


def test_a_changed_story_and_a_pruned_one_update_the_view_and_drop_orphans(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."), story(2, "Laura Pausini sang in Jordan."))
    views.run(story(1, "Guy Ryder met the ILO."), prune=True)  # Geneva, Pausini and Jordan lose their stories
    views.assert_current()
    assert views.full_builds == 0
    names = {row.name for row in views.network.current().entities.values()}
    assert "Geneva" not in names and "Laura Pausini" not in names and "Guy Ryder" in names


def test_an_unchanged_import_keeps_the_version_and_the_view(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    first = views.network.current()
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    assert views.network.current() is first and views.full_builds == 0


def test_search_finds_imported_stories_without_a_rebuild(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    assert [h.iri for h in views.search.search("geneva", ["story"])] == views.network.current().story_iris
    views.run(story(2, "Laura Pausini sang in Jordan."), story(1, "Guy Ryder met the ILO."), name="b.jsonl")
    network = views.network.current()
    assert [h.iri for h in views.search.search("pausini", ["story"])] == [network.story_iris[network.titles.index("Story 2")]]
    assert not views.search.search("geneva", ["story"])  # the old text of a replaced story is gone
    assert views.search.search("jordan", ["place"])
    assert views.search.builds == 1  # the first import's index, made from its rows; never rebuilt since


def test_a_view_the_import_did_not_know_is_rebuilt_on_first_use(views: Views, tmp_path: Path) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    Importer(views.store, BASE, NameExtractor()).run([SourceInput("b.jsonl", jsonl(story(2, "Jordan.")))])
    views.assert_current()
    assert views.full_builds == 1


def test_imports_racing_through_one_store_each_plan_from_the_last_version(views: Views) -> None:
    """The server runs API imports in threads: they take turns, so each updates the view the last left."""
    import threading

    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    start = threading.Barrier(4)

    def one(n: int) -> None:
        start.wait()
        views.run(story(10 + n, f"Worker {n} met the ILO in Jordan."), name=f"racer-{n}.jsonl")

    racers = [threading.Thread(target=one, args=(n,)) for n in range(4)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    views.assert_current()
    assert views.full_builds == 0  # no import left the view behind, so none was rebuilt
    assert len(views.network.current().story_iris) == 5


def test_requests_during_an_imports_commit_are_answered_at_the_version_the_views_are_at(views: Views) -> None:
    """Between an import's commit and its view update, the server keeps answering at the previous version
    (from the previous views) instead of rebuilding them for the new one; after it, at the new one."""
    import threading

    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    old = views.reader.cached_version(0)
    views.network.current(old)
    committed, release = threading.Event(), threading.Event()
    real_adopt = views.network.adopt
    seen: dict[str, object] = {}

    def slow_adopt(network):
        committed.set()
        release.wait(timeout=30)
        real_adopt(network)
        seen["after adopt"] = views.network.current(old).version  # a request that began before still works

    views.network.adopt = slow_adopt
    importer = threading.Thread(target=views.run, args=(story(2, "Laura Pausini sang in Jordan."),),
                                kwargs={"name": "b.jsonl"})
    importer.start()
    assert committed.wait(timeout=30)
    during = views.reader.cached_version(0)
    assert during == old
    assert len(views.network.current(during).story_iris) == 1
    assert [h.iri for h in views.search.search("Ryder", version=during)]
    release.set()
    importer.join()
    new = views.reader.cached_version(0)
    assert new != old and seen["after adopt"] == old
    assert len(views.network.current(new).story_iris) == 2
    assert views.full_builds == 0 and views.search.builds == 1  # the first import's build only
    views.assert_current()


def test_a_request_that_began_two_imports_ago_is_answered_by_the_newest_view_not_a_rebuild(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    first = views.reader.version()
    views.run(story(2, "Laura Pausini sang in Jordan."), name="b.jsonl")
    views.run(story(3, "Gilbert Houngbo spoke in Lomé."), name="c.jsonl")
    assert views.network.current(first).version == views.reader.version()
    assert views.full_builds == 0


def test_a_search_that_began_two_imports_ago_uses_the_newest_index_not_a_rebuild(views: Views) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    first = views.reader.version()
    views.run(story(2, "Laura Pausini sang in Jordan."), name="b.jsonl")
    views.run(story(3, "Gilbert Houngbo spoke in Lomé."), name="c.jsonl")
    assert [h.iri for h in views.search.search("Houngbo", version=first)]
    assert views.search.builds == 1  # the first import's


def test_a_search_during_an_imports_view_update_waits_for_it_and_neither_deadlocks(views: Views) -> None:
    """The import holds the writer and then takes the index's lock; a search must not hold that lock while
    it waits for the writer (the soak found exactly that deadlock)."""
    import sys
    import threading

    views.run(story(1, "Guy Ryder met the ILO in Geneva."))
    at_apply, go = threading.Event(), threading.Event()
    real_apply = views.search.apply

    def held_apply(*args, **kwargs):  # type: ignore[no-untyped-def]
        at_apply.set()
        go.wait(timeout=30)
        return real_apply(*args, **kwargs)

    views.search.apply = held_apply  # type: ignore[method-assign]
    importer = threading.Thread(target=views.run, args=(story(2, "Laura Pausini met Guy Ryder."),),
                                kwargs={"name": "b.jsonl"})
    importer.start()
    assert at_apply.wait(timeout=30)
    found: list[object] = []
    searcher = threading.Thread(target=lambda: found.extend(views.search.search("Ryder")))
    searcher.start()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # until the search is waiting for the import (polling its state)
        frame = sys._current_frames().get(searcher.ident or 0)
        names = set()
        while frame is not None:
            names.add(frame.f_code.co_name)
            frame = frame.f_back
        if names & {"_settle", "_connection"}:
            break
        time.sleep(0.01)
    go.set()
    importer.join(timeout=30)
    searcher.join(timeout=30)
    assert not importer.is_alive() and not searcher.is_alive(), "deadlock between the import and a search"
    assert sum(h.kind == "story" for h in found) == 2  # answered at the version the import wrote


def test_a_repeated_search_is_answered_from_memory_until_the_next_import(views: Views, monkeypatch: pytest.MonkeyPatch) -> None:
    views.run(story(1, "Guy Ryder met the ILO in Geneva."), story(2, "Geneva hosts the ILO."))
    first = views.search.search("gene", ["story"])
    queries: list[str] = []
    views.search._connection(views.reader.version()).set_trace_callback(queries.append)
    assert views.search.search("gene", ["story"]) == first and len(first) == 2
    assert not [q for q in queries if "MATCH" in q]  # ranked once, answered from memory since
    assert views.search.search("ilo", ["story"]) and [q for q in queries if "MATCH" in q]  # a new text is ranked
    views.run(story(2, "Laura Pausini sang in Jordan."), name="b.jsonl")
    network = views.network.current()
    assert [h.iri for h in views.search.search("gene", ["story"])] == [network.story_iris[network.titles.index("Story 1")]]


def test_remembered_search_answers_stay_within_their_budget(views: Views, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("graph.search.ANSWER_HITS", 10)
    views.run(*(story(i, f"Word{i} and Geneva.") for i in range(1, 30)))
    for i in range(1, 30):
        assert views.search.search(f"word{i}", ["story"])
        assert views.search._answer_hits <= 10
    assert views.search.search("geneva", ["story"], limit=5)  # more than a few at once: still bounded
    assert views.search._answer_hits <= 10
