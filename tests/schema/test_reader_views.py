"""A reader worker switching to a new snapshot loads the writer's view linked into it, and never rebuilds while answering."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from graph.network import NetworkView, persist
from graph.read import GraphReader
from graph.store import open_store
from graph.store.following import FollowingStore
from graph.store.oxigraph import OxigraphStore
from graph.store.snapshots import Publisher
from tests.schema.conftest import BASE, LISTING, import_listing

MORE = """\
1. Laura Pausini sings in Jordan

    12 March 2021

    Laura Pausini performs for the ILO in Jordan.
"""


@dataclass
class Workers:
    """A writer store publishing snapshots with its views linked in, and one reader following them."""

    store: OxigraphStore
    writer_view: NetworkView
    publisher: Publisher
    follower: FollowingStore
    view: NetworkView

    def import_and_publish(self, text: str, name: str) -> str:
        import_listing(self.store, text, name=name)
        self.writer_view.current()  # as the writer's `prepare` does before each snapshot
        self.publisher.publish_changes()
        assert self.publisher.current is not None
        return self.publisher.current.version


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    assert isinstance(store, OxigraphStore)
    import_listing(store, LISTING)
    writer_reader = GraphReader(store, BASE)
    writer_view = NetworkView(writer_reader)
    publisher = Publisher(store, writer_reader.version)
    publisher.views = writer_view.snapshot_files
    publisher.start()
    follower = FollowingStore(store.path, follows=False)
    view = NetworkView(GraphReader(follower, BASE), saves=False)
    follower.on_switch.append(view.preload)
    yield Workers(store, writer_view, publisher, follower, view)
    follower.close()
    publisher.stop()
    store.close()


def _kept_beside_the_store(workers: Workers, version: str) -> Path:
    assert workers.writer_view.kept is not None
    found = workers.writer_view.kept.existing(version)
    assert found is not None
    return found


def test_each_snapshot_holds_the_writers_view_of_its_version(workers: Workers) -> None:
    current = workers.publisher.current_path
    assert current is not None
    linked = persist.load(current / persist.IN_SNAPSHOT, workers.follower.version)
    assert linked is not None and linked.version == workers.follower.version


def test_a_reader_switching_to_a_new_snapshot_loads_its_view_without_building(workers: Workers) -> None:
    first = workers.view.current()
    assert workers.view.builds == 0 and workers.view.loads == 1
    version = workers.import_and_publish(MORE, "more.txt")
    # The writer's next import prunes the file beside the store: the reader switching late still finds the view.
    _kept_beside_the_store(workers, version).unlink()
    assert workers.follower.refresh()
    network = workers.view.current()
    assert network.version == version != first.version
    assert "Laura Pausini sings in Jordan" in network.titles
    assert workers.view.builds == 0 and workers.view.background_builds == 0 and workers.view.loads == 2


def test_a_reader_without_a_view_to_load_answers_from_the_one_it_has_while_building(workers: Workers) -> None:
    first = workers.view.current()
    version = workers.import_and_publish(MORE, "more.txt")
    snapshot = workers.publisher.current_path
    assert snapshot is not None
    (snapshot / persist.IN_SNAPSHOT).unlink()
    _kept_beside_the_store(workers, version).unlink()
    assert workers.follower.refresh()
    answered = workers.view.current(version)
    assert answered is first and workers.view.background_builds == 1  # the old view answers meanwhile
    building = workers.view._building
    assert building is not None
    building.join()
    built = workers.view.current(version)
    assert built.version == version and "Laura Pausini sings in Jordan" in built.titles
    assert workers.view.builds == 1 and workers.view.background_builds == 1
