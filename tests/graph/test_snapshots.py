"""Published snapshots: the writer checkpoints and publishes, a follower switches, nothing held is removed."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from graph.store import snapshots
from graph.store.following import FollowingStore
from graph.store.oxigraph import OxigraphStore
from graph.store.snapshots import Publisher

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[OxigraphStore]:
    store = OxigraphStore(tmp_path / "db")
    store._store.update("INSERT DATA { <urn:a> <urn:p> <urn:b> }")
    yield store
    store.close()


def _add(store: OxigraphStore, n: int) -> None:
    store._store.update(f"INSERT DATA {{ <urn:s{n}> <urn:p> <urn:o> }}")
    store.generation += 1


def _count(store: FollowingStore) -> int:
    return int(store.select(COUNT)[0][0])


def _snapshot_dirs(store: OxigraphStore) -> list[str]:
    return sorted(p.name for p in snapshots.snapshots_dir(store.path).iterdir() if p.is_dir())


def test_a_follower_reads_what_was_published_and_only_that(writer: OxigraphStore) -> None:
    publisher = Publisher(writer, lambda: str(writer.generation))
    publisher.start()
    follower = FollowingStore(writer.path, follows=False)
    try:
        _add(writer, 1)
        assert _count(follower) == 1  # the write is not published yet
        name = publisher.publish_changes()
        assert follower.wait_for(name) and _count(follower) == 2 and follower.version == "1"
    finally:
        follower.close()
        publisher.stop()


def test_publishing_without_a_write_makes_no_new_snapshot(writer: OxigraphStore) -> None:
    publisher = Publisher(writer, lambda: "v")
    first = publisher.start().name
    assert publisher.publish_changes() == first
    publisher.stop()


def test_a_held_snapshot_survives_the_sweep_and_goes_once_released(writer: OxigraphStore) -> None:
    publisher = Publisher(writer, lambda: str(writer.generation))
    first = publisher.start().name
    follower = FollowingStore(writer.path, follows=False)
    try:
        _add(writer, 1)
        publisher.publish_changes()
        assert publisher.sweep() == [] and first in _snapshot_dirs(writer)
        assert follower.refresh()  # switches, and releases the first snapshot: no call is reading it
        assert publisher.sweep() == [first] and _snapshot_dirs(writer) == [publisher.current.name]
    finally:
        follower.close()
        publisher.stop()


def test_a_call_under_way_keeps_its_snapshot_across_a_switch(writer: OxigraphStore) -> None:
    publisher = Publisher(writer, lambda: str(writer.generation))
    first = publisher.start().name
    follower = FollowingStore(writer.path, follows=False)
    try:
        with follower._use() as old:
            _add(writer, 1)
            publisher.publish_changes()
            assert follower.refresh()
            assert publisher.sweep() == []  # still read by the call under way
            assert int(old.select(COUNT)[0][0]) == 1
        assert publisher.sweep() == [first]
    finally:
        follower.close()
        publisher.stop()


def test_a_start_removes_what_an_earlier_run_left(writer: OxigraphStore) -> None:
    left = snapshots.snapshots_dir(writer.path) / "00000000000000000001-000000"
    left.mkdir(parents=True)
    (left / snapshots.LOCK).touch()
    publisher = Publisher(writer, lambda: "v")
    publisher.start()
    publisher.stop()
    assert not left.exists()

