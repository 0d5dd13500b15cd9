"""Root mutation fields: importing a document, allowed only with the configured bearer token."""
from __future__ import annotations

import asyncio
import hmac
import time

import strawberry
from strawberry.permission import BasePermission

from graph.records import SourceError
from schema.context import Info
from schema.relations import TypeCount
from schema.enums import EntityType

FORMATS = ("auto", "listing", "feed", "jsonl", "csv")
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def import_authorized(token: str | None, authorization: str | None) -> bool:
    """Whether an `Authorization` header carries the import token (never, when no token is configured)."""
    if not token:
        return False
    scheme, _, given = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


class ImportAllowed(BasePermission):
    """The request carries `Authorization: Bearer <token>` equal to STORYGRAPH_IMPORT_TOKEN."""

    message = "not permitted: send `Authorization: Bearer <token>` with the server's STORYGRAPH_IMPORT_TOKEN"

    def has_permission(self, source: object, info: Info, **kwargs: object) -> bool:
        token = info.context.import_token
        if not token:
            raise PermissionError("imports over the API are disabled; set STORYGRAPH_IMPORT_TOKEN")
        return import_authorized(token, info.context.authorization)


@strawberry.type(description="What an import did.")
class ImportResult:
    added: int
    updated: int
    unchanged: int
    duplicates: int
    new_entities: list[TypeCount]
    problems: list[str] = strawberry.field(description="Items skipped as invalid, each with its location.")
    version: str = strawberry.field(description="The graph version after the import; caches keyed on it are now stale.")


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[ImportAllowed],
                         description="Import a listing, RSS/Atom feed, JSON Lines or CSV document (as the CLI does).")
    async def import_document(self, info: Info, content: str, format: str = "auto", name: str | None = None,
                              skip_invalid: bool = False) -> ImportResult:
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
        data = content.encode("utf-8")
        if len(data) > MAX_DOCUMENT_BYTES:
            raise ValueError(f"document is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB; import it with the CLI")
        # Imported here, not at the top: a reader worker of `serve --workers N` forwards imports to the
        # writer and never runs one, and the pipeline (extraction, its gazetteers) is a sixth of its start-up.
        from graph.pipeline import Importer, SourceInput
        reader = info.context.reader
        # The import brings the views this server answers from to its version: no rebuild on the next query.
        importer = Importer(reader.store, reader.base, network=info.context.network_view,
                            search=info.context.search_index)
        try:
            # Waiting for an import before this one is bounded by the request's deadline; once this
            # one writes, it runs to its end (the document's size bounds it) and its answer says so.
            deadline = info.context.deadline
            summary = await asyncio.to_thread(importer.run, [SourceInput(name or "<graphql>", data)],
                                              format=format, skip_invalid=skip_invalid,
                                              wait=None if deadline is None else deadline - time.monotonic())
        except SourceError as exc:
            raise ValueError("nothing was imported: " + "; ".join(str(p) for p in exc.problems[:20])) from None
        reader.forget_version()
        if info.context.on_import is not None:
            info.context.on_import()
        return ImportResult(
            added=summary.added, updated=summary.updated, unchanged=summary.unchanged, duplicates=summary.duplicates,
            new_entities=[TypeCount(type=EntityType(k), count=n) for k, n in sorted(summary.new_entities.items())
                          if k in EntityType._value2member_map_],
            problems=[str(p) for p in summary.problems], version=reader.version())
