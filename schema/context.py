"""The per-request context: the graph reader and fresh DataLoaders."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from strawberry.types import Info as _Info

from graph.read import GraphReader
from schema.loaders import Loaders, make_loaders


@dataclass
class Context:
    reader: GraphReader
    loaders: Loaders = field(init=False)
    request: Any = None
    response: Any = None

    def __post_init__(self) -> None:
        self.loaders = make_loaders(self.reader)


Info = _Info[Context, None]
