"""An on-disk store keeps each export beside it, keyed by the dataset version, and never serves a stale one.

(N-Quads and N-Triples are copied from the segments imports keep instead: tests/graph/test_kept_export.py.)"""
from __future__ import annotations

import io
from pathlib import Path

from graph.export import export_cache_dir, iter_export, write_export
from graph.pipeline import Importer, SourceInput
from graph.store import open_store

BASE = "http://example.org/"
ONE = b"1. First story about the ILO\n\n10 March 2021\n\nThe ILO met in Geneva.\n"
TWO = b"1. Second story about UNICEF\n\n11 March 2021\n\nUNICEF met in Jordan.\n"


def _export(store, fmt: str = "ttl") -> bytes:
    out = io.BytesIO()
    write_export(store, fmt, out)
    return out.getvalue()


def test_a_repeated_export_is_copied_from_the_kept_file(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    Importer(store, BASE).run([SourceInput("one.txt", ONE)])
    first = _export(store)
    kept = list(export_cache_dir(store).glob("ttl.*"))
    assert len(kept) == 1 and kept[0].read_bytes() == first
    kept[0].write_bytes(first + b"# served from the kept file\n")
    assert _export(store).endswith(b"# served from the kept file\n")


def test_an_import_makes_the_next_export_fresh_and_drops_the_old_file(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    Importer(store, BASE).run([SourceInput("one.txt", ONE)])
    before = _export(store)
    Importer(store, BASE).run([SourceInput("two.txt", TWO)])
    after = _export(store)
    assert b"UNICEF" in after and b"UNICEF" not in before
    assert len(list(export_cache_dir(store).glob("ttl.*"))) == 1


def test_an_abandoned_streamed_export_keeps_nothing(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    Importer(store, BASE).run([SourceInput("one.txt", ONE)])
    chunks = iter_export(store, "nq", chunk_size=64, max_chunks=1)
    next(chunks)
    chunks.close()
    cache = export_cache_dir(store)
    assert not cache.exists() or not list(cache.iterdir())


def test_n_triples_and_n_quads_keep_no_copy_of_their_own_and_remove_older_ones(tmp_path: Path) -> None:
    store = open_store(f"oxigraph:{tmp_path / 'db'}")
    Importer(store, BASE).run([SourceInput("one.txt", ONE)])
    cache = export_cache_dir(store)
    cache.mkdir()
    (cache / "nt.1796").write_bytes(b"an export an older version kept\n")
    assert b"Geneva" in _export(store, "nt") and b"Geneva" in _export(store, "nq")
    assert not list(cache.iterdir())


def test_memory_stores_export_without_a_cache() -> None:
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput("one.txt", ONE)])
    assert b"Geneva" in _export(store) and export_cache_dir(store) is None
