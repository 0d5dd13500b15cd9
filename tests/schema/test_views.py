"""Derived views (networkx, search index) are built lazily and rebuilt only when the graph's version changes."""
from __future__ import annotations

from graph.network import NetworkView
from graph.search import SearchIndex
from tests.schema.conftest import import_listing


MORE = """\
1. Laura Pausini sings in Jordan

    12 March 2021

    Laura Pausini performs for the ILO in Jordan.
"""


def test_network_view_is_not_built_until_used(reader) -> None:
    assert NetworkView(reader).builds == 0


def test_network_view_is_reused_until_the_version_changes(reader, store) -> None:
    view = NetworkView(reader)
    first = view.current()
    assert view.current() is first and view.builds == 1
    import_listing(store.inner, MORE, name="more.txt")
    second = view.current()
    assert second is not first and view.builds == 2
    assert second.version == reader.version() != first.version


def test_related_reflects_an_import_after_the_version_changes(run, store) -> None:
    query = '{ places(filter: {text: "Jordan"}) { edges { node { storyCount } } } }'
    assert run(query)["places"]["edges"][0]["node"]["storyCount"] == 2
    import_listing(store.inner, MORE, name="more.txt")
    assert run(query)["places"]["edges"][0]["node"]["storyCount"] == 3


def test_search_index_is_rebuilt_only_when_the_version_changes(reader, store, tmp_path) -> None:
    index = SearchIndex(reader, tmp_path / "search.sqlite")
    assert index.builds == 0
    assert not index.search("sings")
    index.search("pausini")
    assert index.builds == 1
    import_listing(store.inner, MORE, name="more.txt")
    assert [h.kind for h in index.search("sings")] == ["story"] and index.builds == 2


def test_search_index_on_disk_is_reused_by_a_new_process_when_unchanged(reader, tmp_path) -> None:
    SearchIndex(reader, tmp_path / "search.sqlite").search("ilo")
    again = SearchIndex(reader, tmp_path / "search.sqlite")
    assert again.search("ilo") and again.builds == 0


def test_version_can_be_cached_for_a_short_time_and_forgotten(reader, store) -> None:
    before = reader.cached_version(60)
    import_listing(store.inner, MORE, name="more.txt")
    assert reader.cached_version(60) == before
    reader.forget_version()
    assert reader.cached_version(60) != before


def _on_disk(tmp_path):
    from graph.read import GraphReader
    from graph.store import open_store
    from tests.schema.conftest import BASE, LISTING
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    import_listing(store, LISTING)
    return store, GraphReader(store, BASE)


def test_network_view_is_persisted_beside_an_on_disk_store_and_reused_after_reopening(tmp_path) -> None:
    from graph.read import GraphReader
    from graph.store import open_store
    from tests.schema.conftest import BASE
    store, reader = _on_disk(tmp_path)
    first = NetworkView(reader)
    before = first.current()  # kept by the import itself
    assert first.builds == 0 and first.loads == 1 and first.path is not None and first.path.exists()
    store.close()
    store = open_store(f"oxigraph:{tmp_path / 'store'}")
    again = NetworkView(GraphReader(store, BASE))
    loaded = again.current()
    assert again.builds == 0 and again.loads == 1
    assert loaded.version == before.version and loaded.story_iris == before.story_iris
    assert loaded.entities == before.entities and loaded.ties(before.entity_iris[0]) == before.ties(before.entity_iris[0])
    store.close()


def test_persisted_network_view_is_brought_to_the_new_version_by_an_import(tmp_path) -> None:
    from graph.network import build_network
    from graph.network.centrality import ALPHA, TOLERANCE
    store, reader = _on_disk(tmp_path)
    NetworkView(reader).current()
    import_listing(store, MORE, name="more.txt")
    view = NetworkView(reader)
    network = view.current()
    assert view.builds == 0 and view.loads == 1 and network.version == reader.version()
    assert any(title == "Laura Pausini sings in Jordan" for title in network.titles)
    rebuilt = build_network(reader, network.version)
    assert (network.story_iris, network.entities) == (rebuilt.story_iris, rebuilt.entities)
    # The import's PageRank started from the previous version's: equal to a fresh one within the stopping rule.
    warm, cold = network.pagerank(), rebuilt.pagerank()
    n = len(cold)
    assert warm.keys() == cold.keys()
    assert sum(abs(warm[k] - cold[k]) for k in cold) <= 2 * n * TOLERANCE * ALPHA / (1 - ALPHA)
    assert warm != {k: 0.0 for k in cold}
    store.close()


def test_a_persisted_view_unknown_to_the_import_is_rebuilt_after_it(tmp_path) -> None:
    store, reader = _on_disk(tmp_path)
    view = NetworkView(reader)
    assert view.path is not None
    view.path.unlink()  # the import that made the store kept it; without it nothing can be updated
    import_listing(store, MORE, name="more.txt")
    network = view.current()
    assert view.builds == 1 and network.version == reader.version()
    assert any(title == "Laura Pausini sings in Jordan" for title in network.titles)
    store.close()


def test_memory_store_keeps_the_network_view_in_memory_only(reader) -> None:
    view = NetworkView(reader)
    view.current()
    assert view.path is None and view.builds == 1


def test_unreadable_persisted_view_is_rebuilt(tmp_path) -> None:
    store, reader = _on_disk(tmp_path)
    view = NetworkView(reader)
    assert view.path is not None
    view.path.write_bytes(b"not a pickle")
    assert view.current().version == reader.version() and view.builds == 1
    store.close()


def test_an_import_through_the_api_updates_the_views_the_server_answers_from(reader, tmp_path) -> None:
    import asyncio

    from schema.context import Context
    from schema.schema import schema
    network, search = NetworkView(reader), SearchIndex(reader, tmp_path / "search.sqlite")

    def run(query: str, **variables):
        context = Context(reader=reader, network_view=network, search_index=search, import_token="t",
                          authorization="Bearer t")
        result = asyncio.run(schema.execute(query, variable_values=variables, context_value=context))
        assert not result.errors, result.errors
        return result.data

    count = '{ places(filter: {text: "Jordan"}) { edges { node { storyCount } } } }'
    assert run(count)["places"]["edges"][0]["node"]["storyCount"] == 2
    assert run('{ search(query: "pausini") { score } }')["search"]
    builds = (network.builds, search.builds)
    run("mutation($c: String!) { importDocument(content: $c, name: \"api.txt\") { added } }", c=MORE)
    assert run(count)["places"]["edges"][0]["node"]["storyCount"] == 3
    assert run('{ search(query: "sings") { node { ... on Story { title } } } }')["search"][0]["node"]["title"] \
        == "Laura Pausini sings in Jordan"
    assert (network.builds, search.builds) == builds  # updated by the import, not rebuilt


def test_a_store_written_only_by_this_process_is_asked_its_version_only_after_a_write(store, monkeypatch) -> None:
    from graph.read import GraphReader
    from tests.schema.conftest import BASE
    reader = GraphReader(store.inner, BASE)  # the embedded store itself, which counts its writes
    asked = []
    real = reader.version
    monkeypatch.setattr(reader, "version", lambda: asked.append(1) or real())
    before = reader.cached_version(0)
    assert reader.cached_version(0) == before and len(asked) == 1  # no store query per request
    import_listing(store.inner, MORE, name="more.txt")
    assert reader.cached_version(0) != before and len(asked) == 2  # a write is seen at once


def test_an_index_of_an_older_layout_is_rebuilt_once_with_the_same_answers(reader, tmp_path) -> None:
    import sqlite3
    path = tmp_path / "search.sqlite"
    answers = SearchIndex(reader, path).search("ilo")
    with sqlite3.connect(path) as conn:  # as an index written before layouts were stamped
        conn.execute("DELETE FROM meta WHERE key = 'layout'")
    again = SearchIndex(reader, path)
    assert again.search("ilo") == answers and again.builds == 1
    third = SearchIndex(reader, path)
    assert third.search("ilo") == answers and third.builds == 0


def test_a_reader_worker_answers_from_an_older_layout_until_the_writer_replaces_it(reader, tmp_path) -> None:
    import sqlite3

    from graph.search import LAYOUT, _layout
    path = tmp_path / "search.sqlite"
    answers = SearchIndex(reader, path).search("ilo")
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'layout'")
    follower = SearchIndex(reader, path, follows_writer=True)
    assert follower.search("ilo") == answers and follower.builds == 0  # the older file, as it is
    writer = SearchIndex(reader, path)
    writer.prepare(reader.version())  # the writer rebuilds it into a new file
    assert writer.builds == 1
    assert follower.search("pausini") and follower.builds == 0
    assert follower._conn is not None and _layout(follower._conn) == LAYOUT


def test_a_prefix_ranked_before_is_answered_while_another_is_being_ranked(reader, tmp_path) -> None:
    import threading
    index = SearchIndex(reader, tmp_path / "search.sqlite")
    first = index.search("ilo")
    answered: list[object] = []
    with index._lock:  # held as while another thread ranks a new prefix in SQLite
        asking = threading.Thread(target=lambda: answered.append(index.search("ilo")))
        asking.start()
        asking.join(30)
    assert answered == [first]
