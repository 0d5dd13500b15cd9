"""The embedded store's write protocol: bulk writes are journaled and a crash's leftovers are rolled back."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.records import StoreError
from graph.store.base import NewQuads, Write
from graph.kept import write_durably
from graph.store import oxigraph
from graph.store.oxigraph import _BULK_THRESHOLD, _COMMIT, _JOURNAL, _SURVIVORS, OxigraphStore

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
    write_durably(tmp_path / _JOURNAL, f'{{"id": "x", "graphs": ["{G}5", "{G}6"], "subjects": ["{G}s"]}}'.encode())
    store._store.bulk_load(graph_quads(range(5, 7)) + f"<{G}s> <http://example.org/p> \"e\" <{G}e> .\n",
                           format=ox.RdfFormat.N_QUADS)
    store.close()
    reopened = OxigraphStore(tmp_path)
    assert reopened.quad_count() == 3
    assert not (tmp_path / _JOURNAL).exists()


def test_committed_bulk_write_survives_a_crash_before_the_journal_is_removed(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path)
    write_durably(tmp_path / _JOURNAL, f'{{"id": "abc", "graphs": ["{G}1"], "subjects": []}}'.encode())
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


def _quads(store: OxigraphStore) -> set[str]:
    return {str(q) for q in store._store.quads_for_pattern(None, None, None, None)}


def _crash_mid_import(path: Path, before: range, added: range) -> set[str]:
    """A store holding `before`, then an uncommitted bulk load of `added` and an entity: what a kill leaves."""
    store = OxigraphStore(path)
    store.write(Write(nquads=graph_quads(before)))
    expected = _quads(store)
    graphs = ", ".join(f'"{G}{g}"' for g in added)
    write_durably(path / _JOURNAL, f'{{"id": "x", "graphs": [{graphs}], "subjects": ["{G}new-entity"]}}'.encode())
    store._store.bulk_load(graph_quads(added) + f"<{G}new-entity> <http://example.org/p> \"e\" <{G}{before[0]}> .\n",
                           format=ox.RdfFormat.N_QUADS)
    store.close()
    return expected


@pytest.mark.parametrize("before, added", [(range(0, 30), range(30, 40)), (range(0, 3), range(3, 300))],
                         ids=["removing what the import added", "keeping what was there before"])
def test_a_roll_back_leaves_exactly_what_was_there_before(tmp_path: Path, before: range, added: range) -> None:
    expected = _crash_mid_import(tmp_path, before, added)
    reopened = OxigraphStore(tmp_path)
    assert _quads(reopened) == expected
    assert not (tmp_path / _JOURNAL).exists() and not (tmp_path / _SURVIVORS).exists()


def test_a_roll_back_says_what_it_does(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _crash_mid_import(tmp_path, range(0, 3), range(3, 300))
    with caplog.at_level("WARNING", logger="storygraph.store"):
        OxigraphStore(tmp_path).close()
    said = caplog.text
    assert "interrupted" in said and "297 story graphs" in said and "as it was before" in said


def test_a_roll_back_interrupted_after_saving_the_survivors_finishes_from_them(tmp_path: Path) -> None:
    expected = _crash_mid_import(tmp_path, range(0, 3), range(3, 300))
    # The crash came after the survivors were saved and the store emptied, before they were loaded back.
    (tmp_path / _SURVIVORS).write_text("".join(q + " .\n" for q in expected), encoding="utf-8")
    raw = ox.Store(str(tmp_path))  # pyoxigraph itself: no recovery on open
    raw.clear()
    raw.flush()
    del raw
    assert _quads(OxigraphStore(tmp_path)) == expected


def batches_of(graphs: range, size: int) -> Iterator[NewQuads]:
    for start in range(graphs.start, graphs.stop, size):
        part = range(start, min(start + size, graphs.stop))
        yield NewQuads(tuple(f"{G}{g}" for g in part), (), graph_quads(part))


def test_a_streamed_bulk_write_stores_every_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph, "_LOAD_BYTES", 1 << 16)  # several loads
    store = OxigraphStore(tmp_path)
    store.write_stream(batches_of(BIG, 500), lambda: Write(nquads=graph_quads(range(1))))
    assert store.quad_count() == 3 * (len(BIG) + 1)
    assert not (tmp_path / _JOURNAL).exists()


def test_a_stream_that_fails_after_loading_some_batches_changes_nothing(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(oxigraph, "_LOAD_BYTES", 1 << 16)  # loaded before the failure
    store = OxigraphStore(tmp_path)
    store.write(Write(nquads=graph_quads(range(1))))

    def failing() -> Iterator[NewQuads]:
        yield from batches_of(BIG, 500)
        raise RuntimeError("extraction failed")

    with pytest.raises(RuntimeError, match="extraction failed"):
        store.write_stream(failing(), Write)
    assert store.quad_count() == 3
    assert not (tmp_path / _JOURNAL).exists()
