"""The current network view of a reader: loaded or built on first use, again only when the version changes."""
from __future__ import annotations

import threading
from pathlib import Path

from graph.kept import Kept
from graph.network import persist
from graph.network.arrays import Network
from graph.network.build import build_network
from graph.read import GraphReader, newer_version


class NetworkView:
    """The current Network of a reader: loaded or built lazily, rebuilt only when the version changes.

    An on-disk store keeps the view beside it (`persist`), so a restart on an unchanged store loads
    it instead of reading the whole graph again; `kept` says where (None: memory only).
    """

    def __init__(self, reader: GraphReader, max_age: float = 0.0, kept: Kept | None = None,
                 saves: bool = True) -> None:
        self.reader = reader
        self.max_age = max_age
        self.kept = kept if kept is not None else persist.kept_beside(getattr(reader.store, "path", None))
        # A reader worker of `serve --workers N` only loads what the writer process keeps: one
        # writer of the kept files, so a slow reader never prunes the writer's newer file.
        self.saves = saves
        self._network: Network | None = None
        # The view adopt() or preload() replaced, kept while the import that replaced it finishes (or
        # until a request asks for the new version): requests that started at its version are still
        # answered from it.
        self._previous: Network | None = None
        self._lock = threading.Lock()
        self.builds = 0
        self.loads = 0

    @property
    def path(self) -> Path | None:
        """The file the view of the store's current version is (or would be) kept in; None when not kept."""
        return self.kept.path(self.reader.cached_version(self.max_age)) if self.kept is not None else None

    def current(self, version: str | None = None) -> Network:
        """The Network of `version` (read from the store when not given)."""
        version = version if version is not None else self.reader.cached_version(self.max_age)
        network, previous = self._network, self._previous
        if network is not None and network.version == version:
            if previous is not None and not self.reader.writing():
                self._previous = None
            return network
        if previous is not None and previous.version == version:
            return previous
        if network is not None and newer_version(network.version, version):
            return network  # a request that began before the last import: the newer view answers it
        if network is not None and self.reader.writing():
            self.reader.store.settle()  # an import is bringing the view to this version: wait for it
            network = self._network
            if network is not None and (network.version == version or newer_version(network.version, version)):
                return network
        with self._lock:
            if self._network is None or self._network.version != version:
                self._network = self._load_or_build(version)
            return self._network

    def existing(self, version: str) -> Network | None:
        """The Network of `version` if it is in memory or kept, without building it (None otherwise)."""
        network = self._network
        if network is not None and network.version == version:
            return network
        found = self.kept.existing(version) if self.kept is not None else None
        return persist.load(found, version) if found is not None else None

    def preload(self, version: str) -> bool:
        """Load the kept view of `version` ahead of its first query (a reader worker does, before it switches
        to that version's snapshot); True if there was one to load."""
        network = self.existing(version)
        if network is None:
            return False
        with self._lock:
            if network is not self._network:
                self._previous, self._network = self._network, network
        return True

    def adopt(self, network: Network) -> None:
        """Make `network` (e.g. an import's update of the previous view) the current view, and keep it."""
        with self._lock:
            self._previous, self._network = self._network, network
        self._save(network)

    def _save(self, network: Network) -> None:
        if self.kept is not None and self.saves:
            try:
                persist.save(network, self.kept)
            except OSError:
                pass  # a read-only location only costs a rebuild on the next start

    def _load_or_build(self, version: str) -> Network:
        found = self.kept.existing(version) if self.kept is not None else None
        if found is not None:
            loaded = persist.load(found, version)
            if loaded is not None:
                self.loads += 1
                return loaded
        network = build_network(self.reader, version)
        self.builds += 1
        self._save(network)
        return network

