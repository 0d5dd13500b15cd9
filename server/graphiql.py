"""The GraphiQL page, loading its JavaScript and CSS from our own /static so it works air-gapped."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import quote

from server.negotiation import parse_accept

#: Where the vendored files live on disk; the app mounts the parent at /static.
STATIC_DIR = Path(__file__).parent / "static"
GRAPHIQL_DIR = STATIC_DIR / "graphiql"

DEFAULT_QUERY = """\
# storygraph GraphQL. Run with Ctrl-Enter;
# auth tokens go in Headers, below.
{
  stories(first: 5) {
    totalCount
    edges {
      node {
        title
        date
        people {
          name
        }
      }
    }
  }
}
"""


@dataclass(frozen=True)
class VendoredFile:
    """One file copied unmodified from an npm package, with the SRI hash of its exact bytes."""

    name: str
    package: str
    integrity: str

    @property
    def path(self) -> Path:
        return GRAPHIQL_DIR / self.name


# Hashes are pinned, not computed, so a file changed on disk fails the test and the browser's SRI
# check instead of being silently trusted. They equal unpkg's for the same package versions.
# Update procedure: server/static/graphiql/README.md. Order is load order.
STYLESHEETS = (
    VendoredFile(
        "graphiql.min.css",
        "graphiql@3.9.0",
        "sha384-QMux00XgRtwRLSYIY3kw2rj1ovk5AuuliAchk+HSQbqdbGFnz9GYuqIlOqxhwCE2",
    ),
    VendoredFile(
        "plugin-explorer.css",
        "@graphiql/plugin-explorer@3.2.6",
        "sha384-YN9MumWidbWKuNj8VfH5ggrFvm9YqAoIOMnKYpeGL3dr7Eg1qnQ+SAqSthdNZCjz",
    ),
)
SCRIPTS = (
    VendoredFile(
        "react.production.min.js",
        "react@18.2.0",
        "sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8",
    ),
    VendoredFile(
        "react-dom.production.min.js",
        "react-dom@18.2.0",
        "sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh",
    ),
    VendoredFile(
        "graphiql.min.js",
        "graphiql@3.9.0",
        "sha384-8NGfVj4CVlqHajlZj+bPJT4thxPMHMJYn7DWK2CvtopLd02E7qsPHazniBYvVjOO",
    ),
    VendoredFile(
        "plugin-explorer.umd.js",
        "@graphiql/plugin-explorer@3.2.6",
        "sha384-5p6hGdlOTvUy6Wf0GauxCz+xM9YB/YYvcGG+bf9msr2eyd+KVIxgRkepHgUijedJ",
    ),
)
VENDORED_FILES = STYLESHEETS + SCRIPTS


def sri_sha384(path: Path) -> str:
    """The Subresource Integrity value (`sha384-…`) of a file's bytes."""
    digest = hashlib.sha384(path.read_bytes()).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


def _asset_url(static_url: str, asset: VendoredFile) -> str:
    # Part of the hash in the query string busts browser caches when a file is upgraded in place.
    version = quote(asset.integrity.removeprefix("sha384-")[:12], safe="")
    return html.escape(f"{static_url.rstrip('/')}/{asset.name}?v={version}")


def _script_literal(value: object) -> str:
    # json.dumps is a valid JS literal; escaping "<" keeps "</script>" from closing the tag early.
    return json.dumps(value).replace("<", "\\u003c")


_PAGE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>storygraph · GraphiQL</title>
<link rel="icon" href="data:,">
{styles}
<style>
  body {{ margin: 0; height: 100vh; overflow: hidden; }}
  #graphiql {{ height: 100vh; }}
  .sg-explore {{ position: fixed; right: 12px; bottom: 10px; z-index: 10; font: 13px system-ui, sans-serif;
    background: #fff; border: 1px solid #ccd; border-radius: 6px; padding: 4px 10px; }}
</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<a class="sg-explore" href="/explore">Relationship explorer</a>
{scripts}
<script>
(function () {{
  const endpoint = {endpoint};
  const defaultQuery = {default_query};

  // Same URL parameters as the reference GraphiQL page, so shared links keep working.
  // Headers are deliberately not read from or written to the URL: they often carry tokens.
  // Links put them in the fragment (#query=…): as query parameters they would run the query instead.
  const params = new URLSearchParams(window.location.hash.slice(1) || window.location.search);
  const initial = {{}};
  for (const key of ["query", "variables", "operationName"]) {{
    if (params.has(key)) initial[key] = params.get(key);
  }}

  function updateURL(key, value) {{
    const next = new URLSearchParams(window.location.hash.slice(1));
    if (value) next.set(key, value); else next.delete(key);
    const fragment = next.toString();
    history.replaceState(null, "", window.location.pathname + (fragment ? "#" + fragment : ""));
  }}

  const fetcher = GraphiQL.createFetcher({{ url: new URL(endpoint, window.location.href).href }});
  const plugins = [];
  if (window.GraphiQLPluginExplorer) plugins.push(GraphiQLPluginExplorer.explorerPlugin());

  // The explorer opens on the entity the current query is about (its first IRI), if any.
  document.querySelector(".sg-explore").addEventListener("click", function (event) {{
    const state = new URLSearchParams(window.location.hash.slice(1));
    const text = (state.get("variables") || "") + " " + (state.get("query") || "");
    const found = text.match(/"(https?:[^"\\s]+)"/);
    if (found) event.currentTarget.href = "/explore?focus=" + encodeURIComponent(found[1]);
  }});

  const root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(React.createElement(GraphiQL, {{
    fetcher: fetcher,
    plugins: plugins,
    defaultQuery: defaultQuery,
    query: initial.query,
    variables: initial.variables,
    operationName: initial.operationName,
    onEditQuery: function (value) {{ updateURL("query", value); }},
    onEditVariables: function (value) {{ updateURL("variables", value); }},
    onEditOperationName: function (value) {{ updateURL("operationName", value); }},
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
    defaultEditorToolsVisibility: true,
    inputValueDeprecation: true,
  }}));
}})();
</script>
</body>
</html>
"""


class _HTTPRequest(Protocol):
    method: str

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def query_params(self) -> Mapping[str, str]: ...


def wants_graphiql(request: _HTTPRequest) -> bool:
    """True when a GET should get the GraphiQL page rather than a GraphQL result.

    Only a request that names text/html and prefers it to JSON (a browser navigating) and carries
    no GraphQL parameters gets the page. Everything else is a GraphQL request: Apollo Client's
    persisted-query GETs send `Accept: */*` with operationName/variables/extensions and no query,
    and must get JSON, not HTML. GraphiQL links carry their query in the fragment (#query=…),
    which the page reads, so they never reach the server as parameters.
    Works with a Starlette Request and with Strawberry's request adapter alike.
    """
    if request.method != "GET":
        return False
    if any(name in request.query_params for name in ("query", "extensions", "operationName", "variables")):
        return False
    offered = {r.media: r.q for r in reversed(parse_accept(request.headers.get("accept")))}
    html_q = max(offered.get("text/html", 0.0), offered.get("application/xhtml+xml", 0.0))
    json_q = max(offered.get(t, 0.0) for t in ("application/json", "application/graphql-response+json", "application/*", "*/*"))
    return html_q > 0 and html_q >= json_q


def graphiql_html(endpoint: str = "/graphql", static_url: str = "/static/graphiql") -> str:
    """The GraphiQL page for `endpoint`; its assets are expected under `static_url` (STATIC_DIR/graphiql)."""
    styles = "\n".join(
        f'<link rel="stylesheet" href="{_asset_url(static_url, f)}" integrity="{f.integrity}">'
        for f in STYLESHEETS
    )
    scripts = "\n".join(
        f'<script src="{_asset_url(static_url, f)}" integrity="{f.integrity}"></script>'
        for f in SCRIPTS
    )
    return _PAGE.format(
        styles=styles,
        scripts=scripts,
        endpoint=_script_literal(endpoint),
        default_query=_script_literal(DEFAULT_QUERY),
    )
