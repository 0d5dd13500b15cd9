"""How a reader worker hands a write to the writer process, and how the writer says which snapshot holds it.

`storygraph serve --workers N` runs one writer (the parent process, the only one that opens the
store read-write) and N readers. A reader that receives an authorized mutation sends it, as a
GraphQL request, to the writer over a Unix socket in a private (0700) directory; the writer runs
it, publishes a snapshot of the store and answers with the snapshot's name in `SNAPSHOT_HEADER`;
the reader waits until it reads that snapshot (or a later one) before it answers, so the client
reads its own write on every worker.
"""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

SNAPSHOT_HEADER = "X-Storygraph-Snapshot"
WORKER_HEADER = "X-Storygraph-Worker"
# An import through the API takes up to its document size (20 MB) to run; the writer answers then.
TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class Forwarded:
    """The writer's answer to a forwarded request."""

    status: int
    body: bytes
    media_type: str
    snapshot: str | None
    retry_after: str | None = None  # the writer's Retry-After (a busy writer answers 503 with one)


class WriterLink:
    """A reader's connection to the writer process's private socket."""

    def __init__(self, socket_path: str) -> None:
        self.socket_path = socket_path
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def shared_file(self, name: str) -> Path:
        """A file the readers share (a cache), in the writer's private directory: removed when the server stops."""
        return Path(self.socket_path).with_name(name)

    def _http(self) -> httpx.AsyncClient:
        # Imported on the first forwarded write, not at start-up: httpx brings its command line (rich,
        # click, pygments) with it, a tenth of a reader's start, and most readers forward no write for a while.
        import httpx
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop:
            self._client = httpx.AsyncClient(transport=httpx.AsyncHTTPTransport(uds=self.socket_path),
                                             base_url="http://writer", timeout=TIMEOUT)
            self._loop = loop
        return self._client

    async def forward(self, params: dict[str, Any], headers: dict[str, str]) -> Forwarded:
        """Send one GraphQL request (already parsed: query, operationName, variables, extensions) to the writer."""
        import httpx
        body = json.dumps({k: v for k, v in params.items() if v not in (None, {})}, ensure_ascii=False)
        try:
            reply = await self._http().post("/graphql", content=body.encode("utf-8", "surrogatepass"),
                                            headers={"content-type": "application/json", **headers})
        except httpx.HTTPError as exc:
            raise ConnectionError(f"the writer process did not answer ({type(exc).__name__}); "
                                  "nothing was changed by this request") from None
        return Forwarded(reply.status_code, reply.content, reply.headers.get("content-type", "application/json"),
                         reply.headers.get(SNAPSHOT_HEADER), reply.headers.get("retry-after"))

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
