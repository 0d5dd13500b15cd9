"""The SPARQL worker's answers: a snapshot whose files vanished is re-opened once; syntax errors are not retried."""
from __future__ import annotations

from graph.records import StoreError
from server.sparql_worker import answer

JOB = {"path": "unused", "generation": 3, "query": "ASK {}", "format": "json", "timeout": 5.0,
       "max_results": 10, "context": None}


class Store:
    def __init__(self, failure: Exception | None) -> None:
        self.failure = failure

    def query_bytes(self, *args: object, **kwargs: object) -> tuple[bytes, str]:
        if self.failure:
            raise self.failure
        return b"true", "application/sparql-results+json"


class Snapshots:
    """Hands out stores that fail with the given errors, one a call, and counts re-opens."""

    def __init__(self, *failures: Exception | None) -> None:
        self.failures = list(failures)
        self.drops = 0

    def get(self, path: str, generation: int) -> Store:
        return Store(self.failures.pop(0) if self.failures else None)

    def drop(self) -> None:
        self.drops += 1


def test_a_snapshot_whose_files_were_compacted_away_is_reopened_and_the_query_answered() -> None:
    vanished = RuntimeError("Corruption: IO error: No such file or directory: While open a file for random read: 000781.sst")
    snapshots = Snapshots(vanished)
    assert answer(JOB, snapshots) == ("ok", b"true", "application/sparql-results+json")
    assert snapshots.drops == 1


def test_a_syntax_error_is_answered_at_once_without_reopening() -> None:
    snapshots = Snapshots(StoreError("invalid SPARQL: error at 1:8"))
    assert answer(JOB, snapshots) == ("error", "invalid SPARQL: error at 1:8")
    assert snapshots.drops == 0


def test_a_failure_that_persists_is_reported_after_one_retry() -> None:
    broken = RuntimeError("disk on fire")
    assert answer(JOB, Snapshots(broken, broken))[0] == "crash"
