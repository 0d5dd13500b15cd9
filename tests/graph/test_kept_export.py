"""An on-disk store's N-Quads and N-Triples exports are copied from the segments its imports keep, and
always hold exactly what a fresh dump of the store holds."""
from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from graph import rdf, segments
from graph.iris import Iris
from graph.export import write_export
from graph.merges import decide, list_candidates
from graph.pipeline import Importer, SourceInput
from graph.read import stored_version
from graph.segments import Segments
from graph.store import Store, Write
from graph.store.oxigraph import OxigraphStore

BASE = "http://example.org/"
ROOT = Path(__file__).resolve().parents[2]
WORDS = ["ILO", "decent", "work", "Geneva", "child", "labour", "Laura Pausini", "São Paulo", "UNICEF", "Jordan",
         "women's", "jobs", "the Director-General", "Guy Ryder", "FAO", "Bangladesh", "2021"]
# Characters graph.terms escapes and Oxigraph writes raw, or that need escaping in both.
ODD = ["\x85", "\u2028", "\u2029", "\\", '"', "\t", "\\u0085", "é"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) if rng.random() > 0.1 else rng.choice(ODD) for _ in range(words))


def _story(rng: random.Random, key: str) -> dict[str, str]:
    return {"id": key, "title": _text(rng, 6), "date": f"2021-03-{rng.randint(1, 28):02d}", "summary": _text(rng, 18)}


def _jsonl(rows: dict[str, dict[str, str]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows.values()).encode()


def _export(store: Store, fmt: str) -> bytes:
    out = io.BytesIO()
    write_export(store, fmt, out)
    return out.getvalue()


def assert_exports_equal_a_fresh_dump(store: OxigraphStore) -> None:
    for fmt in ("nq", "nt"):
        fresh = io.BytesIO()
        store.dump(fresh, fmt)
        got, want = _export(store, fmt).splitlines(), fresh.getvalue().splitlines()
        assert len(got) == len(want), fmt
        assert set(got) == set(want), fmt


def _kept_at_store_version(store: OxigraphStore) -> segments.Manifest | None:
    return Segments.beside(store).current(stored_version(store)[1])


@pytest.mark.parametrize("seed", range(4))
def test_exports_after_random_imports_replacements_and_prunes_equal_a_fresh_dump(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    # Small segments, so that drops rewrite segments and small segments are merged.
    monkeypatch.setattr(segments, "SEGMENT_GRAPHS", 5)
    monkeypatch.setattr(segments, "MAX_SEGMENTS", 3)
    rng = random.Random(seed)
    store = OxigraphStore(tmp_path / "db")
    sources: dict[str, dict[str, dict[str, str]]] = {"a.jsonl": {}, "b.jsonl": {}}
    serial = 0
    for _ in range(10):
        name = rng.choice(sorted(sources))
        rows = sources[name]
        prune = False
        for _ in range(rng.randint(0 if rows else 1, 9)):
            serial += 1
            rows[f"s{serial}"] = _story(rng, f"s{serial}")
        for key in rng.sample(sorted(rows), min(len(rows), rng.randint(0, 3))):
            rows[key] = _story(rng, key)  # the same story, changed: its graph is replaced
        if len(rows) > 1 and rng.random() < 0.4:
            for key in rng.sample(sorted(rows), rng.randint(1, len(rows) - 1)):
                del rows[key]
            prune = True
        Importer(store, BASE).run([SourceInput(name, _jsonl(rows))], prune=prune)
        kept = _kept_at_store_version(store)
        assert kept is not None  # the import kept the segments: the export below copies them
        assert_exports_equal_a_fresh_dump(store)
        assert Segments.beside(store).manifest() == kept  # served, not rebuilt
        # Small segments are merged: no more than MAX_SEGMENTS, or than half-full segments would hold.
        stories = sum(len(r) for r in sources.values())
        assert len(kept.segments) <= max(3, 2 * stories // 5 + 1)
    store.close()


def test_an_import_leaves_only_the_files_its_segments_need(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segments, "SEGMENT_GRAPHS", 3)
    rng = random.Random(1)
    store = OxigraphStore(tmp_path / "db")
    rows = {f"s{i}": _story(rng, f"s{i}") for i in range(10)}
    Importer(store, BASE).run([SourceInput("a.jsonl", _jsonl(rows))])
    rows["s4"] = _story(rng, "s4")
    Importer(store, BASE).run([SourceInput("a.jsonl", _jsonl(rows))])
    kept = _kept_at_store_version(store)
    assert kept is not None
    files = {p.name for p in Segments.beside(store).directory.iterdir()}
    assert files == {"manifest.json"} | {f"{n}.{k}" for n in kept.segments for k in ("nq", "nt", "more.nt", "graphs")}
    assert_exports_equal_a_fresh_dump(store)
    store.close()


def test_a_merge_decision_keeps_the_segments(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    rows = {"a": {"id": "a", "title": "Guy Ryder of the ILO", "date": "2021-03-01", "summary": "Guy Ryder spoke."},
            "b": {"id": "b", "title": "G. Ryder of the ILO", "date": "2021-03-02", "summary": "G. Ryder spoke."}}
    Importer(store, BASE).run([SourceInput("a.jsonl", _jsonl(rows))])
    candidates = list_candidates(store, BASE)
    assert candidates
    decide(store, BASE, candidates[0].left, candidates[0].right, accept=True)
    kept = _kept_at_store_version(store)
    assert kept is not None
    assert_exports_equal_a_fresh_dump(store)
    assert b"sameAs" in _export(store, "nt")
    assert Segments.beside(store).manifest() == kept  # served, not rebuilt
    store.close()


def test_a_write_that_is_not_an_import_makes_the_next_export_rebuild_the_segments(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    Importer(store, BASE).run([SourceInput("a.jsonl", _jsonl({"a": _story(random.Random(2), "a")}))])
    story = next(g for g in store.graph_names() if "/story/" in g)
    drop, version = rdf.new_version(Iris(BASE))
    store.write(Write(delete=(drop,), nquads=f'<{story}> <http://example.org/note> "added by hand" <{story}> .\n' + version))
    assert _kept_at_store_version(store) is None
    assert_exports_equal_a_fresh_dump(store)
    assert b"added by hand" in _export(store, "nq")
    assert _kept_at_store_version(store) is not None
    store.close()


def test_a_crash_between_the_store_commit_and_the_segments_leaves_exports_correct(tmp_path: Path) -> None:
    db = tmp_path / "db"
    rng = random.Random(3)
    store = OxigraphStore(db)
    Importer(store, BASE).run([SourceInput("a.jsonl", _jsonl({f"s{i}": _story(rng, f"s{i}") for i in range(6)}))])
    store.close()
    more = tmp_path / "more.jsonl"
    more.write_bytes(_jsonl({f"t{i}": _story(rng, f"t{i}") for i in range(6)}))
    # The process dies once the store has committed, before the new segments are published.
    crash = f"""
import os, sys
from pathlib import Path
from graph import rdf, segments
from graph.iris import Iris
from graph.pipeline import Importer, SourceInput
from graph.store.oxigraph import OxigraphStore
segments.Segments.publish = lambda self, manifest: os._exit(9)
store = OxigraphStore(Path({str(db)!r}))
Importer(store, {BASE!r}).run([SourceInput("more.jsonl", Path({str(more)!r}).read_bytes())])
"""
    done = subprocess.run([sys.executable, "-c", crash], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 9, done.stderr
    store = OxigraphStore(db)
    assert _kept_at_store_version(store) is None
    assert_exports_equal_a_fresh_dump(store)
    assert _kept_at_store_version(store) is not None  # rebuilt by the export
    Importer(store, BASE).run([SourceInput("b.jsonl", _jsonl({"u": _story(rng, "u")}))])
    assert _kept_at_store_version(store) is not None
    assert_exports_equal_a_fresh_dump(store)
    store.close()


def test_a_read_only_store_with_stale_segments_exports_from_the_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = OxigraphStore(db)
    Importer(store, BASE).run([SourceInput("a.jsonl", _jsonl({"a": _story(random.Random(5), "a")}))])
    manifest = Segments.beside(store).directory / "manifest.json"
    manifest.write_text(manifest.read_text().replace('"version": "', '"version": "1'))  # as if a write followed
    fresh = io.BytesIO()
    store.dump(fresh, "nq")
    store.close()
    reader = OxigraphStore(db, read_only=True)
    assert set(_export(reader, "nq").splitlines()) == set(fresh.getvalue().splitlines())
    assert _kept_at_store_version(reader) is None  # a reader never writes the segments
    reader.close()
