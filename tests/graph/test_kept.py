"""Files kept beside the store: named by version, written whole or not at all, stale ones removed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.kept import Kept, version_slug


def _dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_file_is_named_by_store_tag_and_version(tmp_path: Path) -> None:
    kept = Kept.beside(tmp_path / "store", ".network", ".pickle")
    assert kept is not None and kept.path("42") == tmp_path / "store.network.42.pickle"
    assert Kept.beside(None, ".network") is None


def test_an_unusual_version_gets_a_file_name_of_its_own(tmp_path: Path) -> None:
    kept = Kept(tmp_path, "x")
    odd = ["../../etc/passwd", "1.2", "a b", "é", "x" * 100]
    names = {kept.path(v).name for v in odd}
    assert len(names) == len(odd) and all(kept.path(v).parent == tmp_path for v in odd)
    assert version_slug("17") == "17" and version_slug("1.2") != version_slug("1-2")


def test_written_files_are_found_and_other_versions_removed(tmp_path: Path) -> None:
    kept = Kept(tmp_path, "nt", ".txt")
    with kept.open("1") as out:
        out.write(b"one")
    assert kept.existing("1") == tmp_path / "nt.1.txt" and kept.existing("2") is None
    with kept.writing("2") as partial:
        partial.write_bytes(b"two")
    assert kept.existing("1") is None and kept.path("2").read_bytes() == b"two"
    assert kept.versions() == [kept.path("2")]


def test_a_failed_write_leaves_the_previous_file_and_no_partial(tmp_path: Path) -> None:
    kept = Kept(tmp_path, "nt")
    with kept.open("1") as out:
        out.write(b"one")
    with pytest.raises(RuntimeError), kept.open("2") as out:
        out.write(b"half")
        raise RuntimeError("disk full")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nt.1"]


def test_pruning_removes_dead_writers_partials_but_not_live_ones(tmp_path: Path) -> None:
    kept = Kept(tmp_path, "store.network", ".pickle")
    dead = tmp_path / f".store.network.3.{_dead_pid()}.1.partial"
    live = tmp_path / f".store.network.3.{os.getppid()}.1.partial"
    other_kind = tmp_path / "store.search.2.sqlite"
    for path in (dead, live, other_kind, kept.path("2"), kept.path("3")):
        path.write_bytes(b"x")
    removed = kept.prune(keep="3")
    assert sorted(removed) == sorted([dead, kept.path("2")])
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other_kind.name, "store.network.3.pickle"])


def test_a_kind_with_a_longer_name_is_not_mistaken_for_another_version(tmp_path: Path) -> None:
    plain, with_context = Kept(tmp_path, "jsonld"), Kept(tmp_path, "jsonld-0123abcd")
    for kept in (plain, with_context):
        with kept.open("5") as out:
            out.write(b"{}")
    with plain.open("6") as out:
        out.write(b"{}")
    assert plain.versions() == [plain.path("6")] and with_context.versions() == [with_context.path("5")]


def test_a_version_completed_while_an_older_one_was_written_is_not_removed(tmp_path: Path) -> None:
    kept = Kept(tmp_path, "store.network", ".pickle")
    with kept.open("1") as out:
        out.write(b"one")
    with kept.writing("2") as slow:
        with kept.open("3") as out:  # another writer, of a newer version, finishes first
            out.write(b"three")
        slow.write_bytes(b"two")
    assert [p.name for p in kept.versions()] == ["store.network.2.pickle", "store.network.3.pickle"]
