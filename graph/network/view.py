"""The current network view of a reader: loaded or built on first use, again only when the version changes."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.kept import Kept
from graph.network import pairs, persist
from graph.network.arrays import Network
from graph.network.build import build_network
from graph.read import GraphReader, newer_version
from graph.records import ViewNotReady

log = logging.getLogger("storygraph.network")

# A reader worker with no view at start-up waits this long for the writer's file before building its own.
WRITER_WAIT = 300.0
# After a failed start-up build, a request this many seconds later starts another.
RETRY_FAILED = 30.0


@dataclass
class Warming:
    """One start-up build of the view in the background: when it began, and how it ended."""

    started: float = field(default_factory=time.monotonic)
    built: threading.Event = field(default_factory=threading.Event)  # the network view's part has ended
    done: threading.Event = field(default_factory=threading.Event)  # and what runs after it (the search index)
    stories: int | None = None  # known once the build has counted them
    # What it is doing: "loading" a kept file, "waiting" for the writer's (a reader worker), "building".
    phase: str = "loading"
    finished: float | None = None
    error: str | None = None
    thread: threading.Thread | None = None

    def not_ready(self) -> ViewNotReady:
        """What a request that needs the view is told meanwhile."""
        if self.error is not None:
            return ViewNotReady(f"building the network view failed ({self.error}); the server log has the details, "
                                f"and it is built again on a request after {RETRY_FAILED:g} s", int(RETRY_FAILED))
        of = f" of {self.stories:,} stories" if self.stories is not None else ""
        waited = time.monotonic() - self.started
        doing = {"loading": "loaded from its kept file", "waiting": "made by the writer process"}.get(self.phase, "built")
        return ViewNotReady(f"the network view{of} is being {doing} (started {waited:.0f} s ago); "
                            "retry in a few seconds", 1)


class NetworkView:
    """The current Network of a reader: loaded or built lazily, rebuilt only when the version changes.

    An on-disk store keeps the view beside it (`persist`), so a restart on an unchanged store loads
    it instead of reading the whole graph again; `kept` says where (None: memory only).

    A reader worker of `serve --workers N` (`saves=False`) loads the view the writer linked into each
    snapshot as it switches to it (`preload`). It never rebuilds while answering once it has a view:
    a version with no file to load is built in the background while the view it has keeps answering
    (`background_builds` counts those; `builds` counts every build, `loads` every file loaded).
    """

    def __init__(self, reader: GraphReader, max_age: float = 0.0, kept: Kept | None = None,
                 saves: bool = True, derives: bool = False) -> None:
        self.reader = reader
        self.max_age = max_age
        self.kept = kept if kept is not None else persist.kept_beside(getattr(reader.store, "path", None))
        # A reader worker of `serve --workers N` only loads what the writer process keeps: one
        # writer of the kept files, so a slow reader never prunes the writer's newer file.
        self.saves = saves
        # A serving process starts deriving, in the background, what its queries read of each version it
        # takes (the tie pairs of neighbourhoods), so they are there before the first query asks.
        self.derives = derives
        self._network: Network | None = None
        # The view adopt() or preload() replaced, kept while the import that replaced it finishes (or
        # until a request asks for the new version): requests that started at its version are still
        # answered from it.
        self._previous: Network | None = None
        self._lock = threading.Lock()
        self._building: threading.Thread | None = None
        self.builds = 0
        self.loads = 0
        self.background_builds = 0
        # How the start-up build runs: `warm()` sets it going; tests swap `builder` for one they control.
        self.builder: Callable[[GraphReader, str], Network] = build_network
        self._warming: Warming | None = None
        # How long a request waits for the start-up build before it is answered "being built" (503).
        self.patience = 2.0

    @property
    def path(self) -> Path | None:
        """The file the view of the store's current version is (or would be) kept in; None when not kept."""
        return self.kept.path(self.reader.cached_version(self.max_age)) if self.kept is not None else None

    def warm(self, then: Callable[[str | None], object] | None = None) -> Warming:
        """Bring the view to the store's version in a background thread, as a server starts: loaded when it is
        kept, waited for when this is a reader worker (the writer keeps it), else built and kept. Requests
        that need it meanwhile are answered `ViewNotReady` (see `for_request`); `then(version)` runs after
        (the writer's search index)."""
        with self._lock:
            warming = self._warming
            if warming is not None and not warming.done.is_set():
                return warming
            warming = self._warming = Warming()
            warming.thread = threading.Thread(target=self._warm, args=(warming, then), name="storygraph-view-warm",
                                              daemon=True)
            warming.thread.start()
            return warming

    @property
    def warming(self) -> Warming | None:
        """The start-up build (`warm`), if one was started: its `done` event is set once it has ended."""
        return self._warming

    def state(self) -> str:
        """"ready", "loading" (the start-up reads the kept view), "waiting" (a reader worker waits for the
        writer's), "building" (the start-up builds it, or the search index after it) or "failed" (it failed
        and no view answers)."""
        warming = self._warming
        if warming is None or (warming.done.is_set() and warming.error is None):
            return "ready"
        if not warming.built.is_set():
            return warming.phase
        if not warming.done.is_set():
            return "building"
        return "failed" if self._network is None else "ready"

    def for_request(self, version: str) -> Network:
        """The Network a request at `version` reads; `ViewNotReady` while the start-up build has not made it."""
        warming = self._warming
        if warming is not None:
            network = self._network
            if network is not None and (network.version == version or newer_version(network.version, version)):
                return network
            if not warming.built.is_set() and not warming.built.wait(self.patience):
                raise warming.not_ready()
            if warming.error is not None and self._network is None:
                assert warming.finished is not None
                if time.monotonic() - warming.finished >= RETRY_FAILED:
                    raise self.warm().not_ready()
                raise warming.not_ready()
        return self.current(version)

    def _warm(self, warming: Warming, then: Callable[[str | None], object] | None) -> None:
        version: str | None = None
        try:
            version = self.reader.version()
            network = self._network
            if network is None or network.version != version:
                network = self._load(version, None)
                if network is None:
                    warming.stories = self.reader.story_count()
                if network is None and not self.saves:
                    warming.phase = "waiting"
                    network = self._writers_file(version)
                if network is None:
                    warming.phase = "building"
                    network = self.builder(self.reader, version)
                    self.builds += 1
                    self._save(network)
                with self._lock:
                    current = self._network
                    if current is None or newer_version(version, current.version):
                        self._previous, self._network = current, self._serving(network)
        except Exception as exc:
            log.exception("building the network view at start-up failed")
            warming.error = f"{type(exc).__name__}: {exc}"[:300]
        finally:
            warming.finished = time.monotonic()
            warming.built.set()
        try:
            if then is not None:
                then(version)
        except Exception:
            log.exception("building the search index at start-up failed; searches build it on first use")
        finally:
            warming.done.set()

    def _writers_file(self, version: str) -> Network | None:
        """A reader worker's view of `version`: the writer's file once it appears (the writer builds and keeps
        it), or one a snapshot switch preloaded meanwhile; None after WRITER_WAIT (the reader builds its own)."""
        stop = threading.Event()
        deadline = time.monotonic() + WRITER_WAIT
        while time.monotonic() < deadline:
            if self._network is not None:
                return self._network
            loaded = self._load(version, None)
            if loaded is not None:
                return loaded
            stop.wait(0.25)
        return None

    def current(self, version: str | None = None) -> Network:
        """The Network of `version` (read from the store when not given)."""
        warming = self._warming
        if warming is not None and warming.thread is not threading.current_thread():
            warming.built.wait()  # the start-up build is making it: one build, not two
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
        if network is not None and not self.saves:
            return self._load_or_build_behind(network, version)
        with self._lock:
            if self._network is None or self._network.version != version:
                self._network = self._serving(self._load_or_build(version))
            return self._network

    def existing(self, version: str, snapshot: Path | None = None) -> Network | None:
        """The Network of `version` if it is in memory or kept (in `snapshot`, or beside the store), without
        building it (None otherwise)."""
        network = self._network
        if network is not None and network.version == version:
            return network
        return self._load(version, snapshot)

    def preload(self, version: str, snapshot: Path | None = None) -> bool:
        """Load the view of `version` ahead of its first query: a reader worker does as it opens that version's
        snapshot (`snapshot`, where the writer linked the view), before the snapshot takes over; True if
        there was one to load."""
        network = self.existing(version, snapshot)
        if network is None:
            return False
        with self._lock:
            if network is not self._network:
                self._previous, self._network = self._network, self._serving(network)
        return True

    def _load_or_build_behind(self, network: Network, version: str) -> Network:
        """A reader's view of `version` when the one it holds is older: loaded if there is a file to load,
        else built in the background while `network` keeps answering."""
        with self._lock:
            if self._network is not None and self._network.version == version:
                return self._network
            loaded = self._load(version, None)
            if loaded is not None:
                self._previous, self._network = self._network, self._serving(loaded)
                return loaded
            if self._building is None or not self._building.is_alive():
                self._building = threading.Thread(target=self._build_behind, args=(version,),
                                                  name="storygraph-view-build", daemon=True)
                self.background_builds += 1
                self._building.start()
        return network

    def _build_behind(self, version: str) -> None:
        try:
            network = build_network(self.reader, version)
        except Exception:  # the next request that needs it starts another build
            log.exception("building the network view of version %s in the background failed", version)
            return
        with self._lock:
            self.builds += 1
            current = self._network
            if current is None or newer_version(version, current.version):
                self._previous, self._network = current, self._serving(network)

    def _serving(self, network: Network) -> Network:
        """`network`, its derived values started in the background when this view `derives` them."""
        if self.derives:
            pairs.ready(network)
        return network

    def _load(self, version: str, snapshot: Path | None) -> Network | None:
        """The view of `version` from a file: the one linked into `snapshot` (or into the snapshot this process
        reads), else the one kept beside the store; None when neither is there and of that version."""
        if snapshot is None:
            snapshot = getattr(self.reader.store, "snapshot_path", None)
        candidates = [snapshot / persist.IN_SNAPSHOT] if snapshot is not None else []
        found = self.kept.existing(version) if self.kept is not None else None
        candidates += [found] if found is not None else []
        for path in candidates:
            loaded = persist.load(path, version)
            if loaded is not None:
                self.loads += 1
                return loaded
        return None

    def adopt(self, network: Network) -> None:
        """Make `network` (e.g. an import's update of the previous view) the current view, and keep it."""
        with self._lock:
            self._previous, self._network = self._network, self._serving(network)
        self._save(network)

    def _save(self, network: Network) -> None:
        if self.kept is not None and self.saves:
            try:
                persist.save(network, self.kept)
            except OSError:
                pass  # a read-only location only costs a rebuild on the next start

    def snapshot_files(self, version: str) -> dict[str, Path]:
        """The file this process kept the view of `version` in, by its name inside a snapshot of that version
        (what the writer links into it: graph/store/snapshots.py); empty when it kept none."""
        found = self.kept.existing(version) if self.kept is not None and self.saves else None
        return {persist.IN_SNAPSHOT: found} if found is not None else {}

    def _load_or_build(self, version: str) -> Network:
        loaded = self._load(version, None)
        if loaded is not None:
            return loaded
        network = build_network(self.reader, version)
        self.builds += 1
        self._save(network)
        return network

