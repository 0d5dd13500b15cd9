"""An import whose worker process dies or fails mid-chunk fails whole and at once: a clear error, the store as it
was, no worker left behind (multiprocessing.Pool replaced a killed worker and the import waited for ever)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from bench import generate
from graph import workers
from graph.extract import Extractor
from graph.pipeline import Importer, SourceInput
from graph.records import Mention, StoryRecord
from graph.store.oxigraph import OxigraphStore

BASE = "http://example.org/"
ROOT = Path(__file__).resolve().parents[2]
# Long enough for a loaded machine to start the workers and import 200 stories, short enough for CI to say "hangs".
TIMEOUT = 120
# Story 60 of generate.corpus(200): in the second chunk given to the workers (stories 51-150).
DOOMED = "(60)"


class Killed(Extractor):
    """The project's extractor, but its process is killed (SIGKILL, as the out-of-memory killer does) on story 60."""

    def extract(self, story: StoryRecord) -> list[Mention]:
        if story.title.endswith(DOOMED):
            os.kill(os.getpid(), signal.SIGKILL)
        return super().extract(story)


class Failing(Extractor):
    """The project's extractor, but it raises on story 60."""

    def extract(self, story: StoryRecord) -> list[Mention]:
        if story.title.endswith(DOOMED):
            raise ValueError(f"cannot extract {story.title!r}")
        return super().extract(story)


def _quads(db: Path) -> list[str]:
    store = OxigraphStore(db)
    try:
        dump = ox.serialize(store._store.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS)
    finally:
        store.close()
    return sorted(dump.decode().splitlines())


def _imported_before(db: Path) -> list[str]:
    """An earlier import's quads (100 other stories, in this process)."""
    store = OxigraphStore(db)
    try:
        Importer(store, BASE, Extractor()).run([SourceInput("earlier.jsonl", generate.corpus(100, "jsonl", seed=5).encode())])
    finally:
        store.close()
    return _quads(db)


# The command line, its extractor Failing, and its batches given to worker processes or not (argv[1]).
_FAILING = f"""
import sys
import graph.pipeline, graph.workers
from {__name__} import Failing
graph.workers.PARALLEL_MIN_STORIES = int(sys.argv[1])
graph.pipeline.Extractor = Failing
from server.cli import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("parallel_min", [1, 10_000], ids=["workers", "in-process"])
@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_an_extractor_bug_is_one_error_line_naming_the_story_and_changes_nothing(
        tmp_path: Path, parallel_min: int, debug: bool) -> None:
    db = tmp_path / "db"
    before = _imported_before(db)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(generate.corpus(200, "jsonl"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
    env.pop("STORYGRAPH_DEBUG", None)
    if debug:
        env["STORYGRAPH_DEBUG"] = "1"
    command = subprocess.run([sys.executable, "-c", _FAILING, str(parallel_min), "import", "--quiet", "--db", str(db),
                              "--base", BASE, str(corpus)], cwd=tmp_path, env=env, capture_output=True, text=True,
                             timeout=TIMEOUT)
    assert command.returncode == 1, (command.stdout, command.stderr)
    last = command.stderr.splitlines()[-1]
    assert last.startswith(f"error: extraction failed on {corpus} item 60 ("), command.stderr
    assert "ValueError: cannot extract " in last and "nothing was imported" in last and "report it" in last
    # The traceback only when asked for; a worker's own frames included (the executor chains them).
    assert ("Traceback" in command.stderr) is debug
    if debug:
        assert "in extract" in command.stderr and "raise ValueError" in command.stderr
    assert _quads(db) == before


# The command line, its extractor Killed and every batch given to worker processes. Killed is found by the workers
# in this module (tests/graph is on their path, as on the command's).
_COMMAND = f"""
import sys
import graph.pipeline, graph.workers
from {__name__} import Killed
graph.workers.PARALLEL_MIN_STORIES = 1
graph.pipeline.Extractor = Killed
from server.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_worker_killed_mid_chunk_fails_the_import_with_an_error_line_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    before = _imported_before(db)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(generate.corpus(200, "jsonl"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(Path(__file__).parent)])}
    # Its own session, so that a regression's hung command and its workers can be ended together.
    command = subprocess.Popen([sys.executable, "-c", _COMMAND, "import", "--quiet", "--db", str(db), "--base", BASE,
                                str(corpus)], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    try:
        # The workers share the command's standard output and error: these end only when every one of them has.
        out, err = command.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(command.pid, signal.SIGKILL)
        command.communicate()
        pytest.fail(f"the import or one of its workers still runs after {TIMEOUT} s")
    assert command.returncode == 1, (out, err)
    assert err.splitlines()[-1].startswith("error: worker process ")
    assert err.splitlines()[-1].endswith(" was killed by signal 9 (SIGKILL; out of memory?) while extracting stories "
                                         f"{corpus} items 51-150; nothing was imported"), err
    assert "Traceback" not in err
    assert _quads(db) == before


def test_a_worker_raising_mid_chunk_fails_the_import_with_that_exception_and_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "db"
    before = _imported_before(db)
    monkeypatch.setattr(workers, "PARALLEL_MIN_STORIES", 1)
    pools: list[Any] = []
    new_pool = workers._new_pool
    monkeypatch.setattr(workers, "_new_pool", lambda work: pools.append(new_pool(work)) or pools[-1])
    outcome: list[BaseException | None] = []

    def run() -> None:
        store = OxigraphStore(db)
        try:
            Importer(store, BASE, Failing()).run([SourceInput("corpus.jsonl", generate.corpus(200, "jsonl").encode())])
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            outcome.append(exc)
        finally:
            store.close()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=TIMEOUT)
    assert outcome, f"the import still runs after {TIMEOUT} s"
    # As when the importer extracts them itself: the story the extractor failed on, and its own error chained.
    assert isinstance(outcome[0], workers.ExtractionError), outcome[0]
    assert str(outcome[0]).startswith("extraction failed on corpus.jsonl item 60 ("), outcome[0]
    assert "ValueError: cannot extract " in str(outcome[0]) and DOOMED in str(outcome[0])
    # A worker's error comes back with its traceback as text (the executor's _RemoteTraceback), the extractor's included.
    assert "raise ValueError" in str(outcome[0].__cause__)
    assert len(pools) == 1 and not any(process.is_alive() for process in pools[0].processes.values())
    assert _quads(db) == before


@pytest.mark.parametrize(("code", "said"), [
    (-signal.SIGKILL, "was killed by signal 9 (SIGKILL; out of memory?)"),
    (-signal.SIGSEGV, "was killed by signal 11 (SIGSEGV)"),
    (3, "exited with code 3"),
])
def test_a_dead_workers_error_says_how_it_ended(code: int, said: str) -> None:
    assert workers._how_ended(code) == said
