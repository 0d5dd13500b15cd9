"""The per-request context: the graph reader, its derived views, fresh DataLoaders and the caller's credentials."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as _Info

from graph.network import Network, NetworkView
from graph.read import GraphReader
from graph.search import SearchIndex
from schema.limits import TextLimits
from schema.loaders import Loaders, make_loaders


@dataclass
class Context:
    reader: GraphReader
    request: Any = None
    response: Any = None
    network_view: NetworkView | None = None
    search_index: SearchIndex | None = None
    import_token: str | None = None
    authorization: str | None = None
    on_import: Callable[[], None] | None = None
    text_limits: TextLimits = field(default_factory=TextLimits)
    deadline: float | None = None  # time.monotonic() past which long work (search) stops
    loaders: Loaders = field(init=False)
    cost: int | None = None
    _version: str | None = None
    _network: Network | None = None

    def __post_init__(self) -> None:
        self.loaders = make_loaders(self.reader)
        if self.network_view is None:
            self.network_view = NetworkView(self.reader)
        if self.search_index is None:
            self.search_index = SearchIndex(self.reader)

    @property
    def version(self) -> str:
        """The graph version this request reads, fixed at first use so one response is consistent."""
        if self._version is None:
            view = self.network_view
            assert view is not None  # __post_init__ makes one when none is given
            self._version = self.reader.cached_version(view.max_age)
        return self._version

    @property
    def search(self) -> SearchIndex:
        """The full-text index (__post_init__ makes one when none is given)."""
        index = self.search_index
        assert index is not None
        return index

    @property
    def network(self) -> Network:
        """The networkx view of this request's version (built at most once per version, not per request)."""
        if self._network is None:
            view = self.network_view
            assert view is not None  # __post_init__ makes one when none is given
            self._network = view.for_request(self.version)
        return self._network


Info = _Info[Context, None]
