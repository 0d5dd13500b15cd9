"""GraphQL over HTTP: Strawberry's ASGI app with our context and a GraphiQL page served from the package."""
from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.asgi import GraphQL

from graph.read import GraphReader
from schema.context import Context
from schema.schema import schema


class GraphQLApp(GraphQL):
    """The /graphql endpoint: POST and GET queries, and GraphiQL for browsers."""

    def __init__(self, reader: GraphReader) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self.reader = reader

    async def get_context(self, request: Any, response: Any) -> Context:
        return Context(reader=self.reader, request=request, response=response)

    async def render_graphql_ide(self, request: Request) -> Response:
        from server.graphiql import graphiql_html
        return HTMLResponse(graphiql_html(str(request.url.path)))
