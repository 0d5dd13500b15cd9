"""Crash safety: an import killed with SIGKILL mid-way leaves a consistent store, and re-running completes it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench import generate
from graph import rdf
from graph.read import GraphReader
from graph.store.oxigraph import _JOURNAL, OxigraphStore

ROOT = Path(__file__).resolve().parents[2]
BASE = "http://127.0.0.1:8000/"
STORIES = 2_000  # ~100 quads each: several times the bulk-load threshold, in several batches
DEADLINE = 300.0


def import_process(db: Path, corpus: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "server", "import", "--db", str(db), "--base", BASE, "-q", str(corpus)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_when_loading(process: subprocess.Popen, journal: Path) -> bool:
    """SIGKILL the import once its journal names a few batches of new graphs, i.e. while their bulk
    load runs (the journal names a load's batches just before it); False if the import finished first."""
    deadline = time.monotonic() + DEADLINE
    while not _journaled_batches(journal) >= 3:
        if process.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the import never started its bulk write"
        time.sleep(0.005)  # polling interval, not synchronisation: the loop waits on the journal's content
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return True


def _journaled_batches(journal: Path) -> int:
    try:
        return journal.read_text().count('"graphs"')
    except FileNotFoundError:
        return 0


def assert_consistent(db: Path) -> int:
    store = OxigraphStore(db)
    try:
        assert not (db / _JOURNAL).exists()
        reader = GraphReader(store, BASE)
        count = reader.story_count()
        assert count in (0, STORIES)
        incomplete = store.select(f"""SELECT ?s WHERE {{ GRAPH ?s {{ ?s a <{rdf.STORY_CLASS}> }}
            FILTER NOT EXISTS {{ GRAPH ?s {{ ?s <{rdf.SCHEMA}headline> ?t ; <{rdf.DCTERMS}date> ?d }} }} }}""")
        assert incomplete == []
        orphans = store.select(f"""SELECT ?e WHERE {{ GRAPH <{reader.entities_graph}> {{ ?e a ?type }}
            FILTER NOT EXISTS {{ GRAPH ?g {{ ?s <{rdf.SCHEMA}mentions>|<{rdf.SG}publishedOn> ?e }} }} }}""")
        assert orphans == []
        return count
    finally:
        store.close()


def test_killed_import_leaves_a_consistent_store_and_rerunning_completes_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(generate.corpus(STORIES), encoding="utf-8")
    db = tmp_path / "db"
    assert kill_when_loading(import_process(db, corpus), db / _JOURNAL), "the import finished before the kill"
    assert_consistent(db)
    rerun = import_process(db, corpus)
    out, err = rerun.communicate(timeout=DEADLINE)
    assert rerun.returncode == 0, err.decode()
    assert assert_consistent(db) == STORIES
