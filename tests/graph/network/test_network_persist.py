"""The network view survives a save and load unchanged, and only the current version's file is kept."""
from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings

from graph.kept import Kept
from graph.network import persist
from graph.network.view import NetworkView
from tests.graph.network.graphs import Corpus, corpora, sample

FIELDS = ("version", "story_iris", "titles", "summaries", "urls", "entity_iris", "entities")
ARRAYS = ("days", "story_ptr", "story_adj", "entity_ptr", "entity_adj")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus=corpora())
def test_a_saved_view_loads_back_equal(tmp_path: Path, corpus: Corpus) -> None:
    network = corpus.network("7")
    path = persist.save(network, Kept(tmp_path, "store.network", ".pickle"))
    loaded = persist.load(path, "7")
    assert loaded is not None
    assert all(getattr(loaded, f) == getattr(network, f) for f in FIELDS)
    assert all(np.array_equal(getattr(loaded, a), getattr(network, a)) for a in ARRAYS)
    assert all(loaded.ties(e) == network.ties(e) for e in corpus.nodes())


def test_a_file_of_another_version_or_layout_or_garbage_is_not_loaded(tmp_path: Path) -> None:
    network = sample().network("7")
    path = persist.save(network, Kept(tmp_path, "s", ".pickle"))
    assert persist.load(path, "8") is None
    with open(path, "wb") as out:
        pickle.dump((persist.FORMAT + 1, "7"), out)
        pickle.dump({}, out)
    assert persist.load(path, "7") is None
    path.write_bytes(b"not a pickle")
    assert persist.load(path, "7") is None
    assert persist.load(tmp_path / "missing.pickle", "7") is None


class _Reader:
    """Just what NetworkView asks of a GraphReader: the version, whether a write is in flight, and the
    whole-graph reads."""

    def __init__(self, corpus: Corpus, version: str) -> None:
        self.corpus, self.version = corpus, version
        self.store = None

    def cached_version(self, max_age: float) -> str:
        return self.version

    def writing(self) -> bool:
        return False

    def all_stories(self):
        return self.corpus.stories

    def all_entities(self):
        return self.corpus.entities

    def all_links(self):
        return self.corpus.links


def test_a_new_version_replaces_the_kept_file_of_the_old_one(tmp_path: Path) -> None:
    corpus = sample()
    reader = _Reader(corpus, "1")
    kept = Kept.beside(tmp_path / "store", ".network", ".pickle")
    (tmp_path / "store.network.pickle").write_bytes(b"the one unversioned file of older releases")
    view = NetworkView(reader, kept=kept)
    assert view.current().version == "1" and view.builds == 1 and view.path == tmp_path / "store.network.1.pickle"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.network.1.pickle"]
    reader.version = "2"
    assert view.current().version == "2" and view.builds == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.network.2.pickle"]
    again = NetworkView(reader, kept=kept)
    assert again.current().story_iris == view.current().story_iris and (again.builds, again.loads) == (0, 1)


def test_a_view_that_cannot_be_saved_still_answers(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_bytes(b"")
    view = NetworkView(_Reader(sample(), "1"), kept=Kept(blocked / "sub", "s"))
    assert view.current().version == "1" and view.builds == 1
