"""/healthz answers cheaply and follows imports."""
from __future__ import annotations

from starlette.testclient import TestClient

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings

BASE = "http://testserver/"


def _story(title: str, day: int) -> bytes:
    return f"1. {title}\n\n{day} March 2021\n\nThe ILO met in Geneva.\n".encode()


def test_healthz_story_count_follows_an_import() -> None:
    store = open_store("memory:")
    importer = Importer(store, BASE)
    importer.run([SourceInput("a.txt", _story("First", 10))])
    with TestClient(create_app(Settings(store_url="memory:", base=BASE), store=store)) as client:
        first = client.get("/healthz").json()
        importer.run([SourceInput("b.txt", _story("Second", 11))])
        second = client.get("/healthz").json()
    assert (first["stories"], second["stories"]) == (1, 2)
    assert first["version"] != second["version"]
