"""The embedded store's write protocol: bulk writes are journaled and a crash's leftovers are rolled back."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.records import StoreError
from graph.store.base import Write
from graph.store.oxigraph import _BULK_THRESHOLD, _COMMIT, _JOURNAL, OxigraphStore, _write_durably

G = "http://example.org/story/"


def graph_quads(graphs: range, per_graph: int = 3) -> str:
    return "".join(f"<{G}{g}> <http://example.org/p{i}> \"v\" <{G}{g}> .\n" for g in graphs for i in range(per_graph))


def big_write(graphs: range) -> Write:
    return Write(new_nquads=graph_quads(graphs), new_graphs=tuple(f"{G}{g}" for g in graphs))


BIG = range(100, 100 + _BULK_THRESHOLD // 3 + 10)  # never graph 0, which some tests write first


def test_bulk_write_is_visible_and_leaves_no_journal(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path)
    store.write(big_write(BIG))
    assert store.quad_count() == len(BIG) * 3
    assert not (tmp_path / _JOURNAL).exists()


def test_uncommitted_bulk_load_is_rolled_back_on_open(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path)
    store.write(Write(nquads=graph_quads(range(1))))
    _write_durably(tmp_path / _JOURNAL, f'{{"id": "x", "graphs": ["{G}5", "{G}6"], "subjects": ["{G}s"]}}')
    store._store.bulk_load(graph_quads(range(5, 7)) + f"<{G}s> <http://example.org/p> \"e\" <{G}e> .\n",
                           format=ox.RdfFormat.N_QUADS)
    store.close()
    reopened = OxigraphStore(tmp_path)
    assert reopened.quad_count() == 3
    assert not (tmp_path / _JOURNAL).exists()


def test_committed_bulk_write_survives_a_crash_before_the_journal_is_removed(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path)
    _write_durably(tmp_path / _JOURNAL, f'{{"id": "abc", "graphs": ["{G}1"], "subjects": []}}')
    store._store.bulk_load(graph_quads(range(1, 2)), format=ox.RdfFormat.N_QUADS)
    store._store.update(f'INSERT DATA {{ GRAPH <{_COMMIT}> {{ <{_COMMIT}> <{_COMMIT}#id> "abc" }} }}')
    store.close()
    assert OxigraphStore(tmp_path).quad_count() == 3


def test_a_stray_commit_marker_is_removed_on_open(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path)
    store._store.update(f'INSERT DATA {{ GRAPH <{_COMMIT}> {{ <{_COMMIT}> <{_COMMIT}#id> "abc" }} }}')
    store.close()
    assert OxigraphStore(tmp_path).quad_count() == 0


def test_failed_bulk_write_changes_nothing(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path)
    store.write(Write(nquads=graph_quads(range(1))))
    broken = big_write(BIG)
    broken = Write(new_nquads=broken.new_nquads + "<not an iri> .\n", new_graphs=broken.new_graphs)
    with pytest.raises(StoreError, match="nothing was changed"):
        store.write(broken)
    assert store.quad_count() == 3
    assert not (tmp_path / _JOURNAL).exists()


def test_failed_small_write_changes_nothing() -> None:
    store = OxigraphStore(None)
    store.write(Write(nquads=graph_quads(range(1))))
    with pytest.raises(StoreError):
        store.write(Write(drop_graphs=(f"{G}0",), nquads="<broken"))
    assert store.quad_count() == 3
