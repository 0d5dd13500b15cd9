"""The `storygraph` command line: import, serve, query, export, stats, merges, evaluate, schema."""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from graph.formats import EXPORT_NAMES
from graph.records import SourceError, StoreError
from graph.workers import ExtractionError, WorkerError
from server.settings import DEFAULT_HOST, DEFAULT_PORT, SettingError, Settings, cors_origins

EXPORT_FORMATS = EXPORT_NAMES
INPUT_FORMATS = ("auto", "listing", "feed", "jsonl", "csv")


def _store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="DIR", help="embedded store directory (default: $STORYGRAPH_DB or ./data)")
    parser.add_argument("--store", metavar="URL",
                        help="store URL instead of --db: oxigraph:DIR, memory:, sparql:QUERY_URL[?update=URL&store=URL&writes=N] "
                             "(writes=N: Graph Store writes an import keeps in flight; default 1 on Virtuoso, 4 on other "
                             "engines, or $STORYGRAPH_SPARQL_WRITES) (default: $STORYGRAPH_STORE)")
    parser.add_argument("--base", metavar="IRI", help="base IRI of entity and story IRIs (default: $STORYGRAPH_BASE or http://127.0.0.1:8000/)")


def _settings(args: argparse.Namespace, store=None) -> Settings:
    settings = Settings.from_env(db=args.db, store=args.store, base=args.base,
                                 host=getattr(args, "host", DEFAULT_HOST), port=getattr(args, "port", DEFAULT_PORT))
    return settings.for_store(store) if store is not None else settings


def _open(args: argparse.Namespace, *, reading: bool = False):
    """Open the store; a reading command falls back to a read-only open when another process holds it."""
    from graph.store import open_store
    from graph.store.holder import StoreLocked
    settings = _settings(args)
    try:
        return open_store(settings.store_url, settings.remote_options())
    except StoreLocked as exc:
        if not reading:
            raise
        from graph.store.following import FollowingStore
        from graph.store.oxigraph import OxigraphStore
        from graph.store.snapshots import read_pointer
        print(f"note: the store is in use by {exc.holder}; reading it read-only, as it was at this moment",
              file=sys.stderr)
        if read_pointer(exc.path) is not None:
            # `serve --workers N` publishes snapshots: reading one is well defined, unlike the live store.
            return FollowingStore(exc.path, follows=False)
        return OxigraphStore(exc.path, read_only=True)


def _too_large(paths: list[Path], confirmed: bool, limit: int) -> str | None:
    """Why an import bigger than STORYGRAPH_IMPORT_CONFIRM_BYTES is refused, unless --yes says it is meant."""
    total = sum(p.stat().st_size for p in paths)
    if confirmed or total <= limit:
        return None
    return (f"the input is {total / 1e6:,.0f} MB, more than the {limit / 1e6:,.0f} MB an import takes "
            "without --yes (setting STORYGRAPH_IMPORT_CONFIRM_BYTES): one import holds all its stories in "
            "memory until it commits (a 540k-story JSON Lines file needed ~2 GB by 81k stories). "
            "Split the input into several imports, or add --yes if this machine has the memory")


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from graph.pipeline import Importer, SourceInput
    from server.report import import_progress, print_import_summary
    inputs = []
    refused = _too_large([Path(n) for n in args.files if n != "-" and Path(n).is_file()], args.yes,
                         _settings(args).import_confirm_bytes)
    if refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    for name in args.files:
        if name == "-":
            inputs.append(SourceInput("<stdin>", sys.stdin.buffer.read()))
            continue
        path = Path(name)
        if not path.is_file():
            raise SourceError(f"no such file: {name}", source=name)
        inputs.append(SourceInput(str(path), path.read_bytes()))
    with _open(args) as store:
        settings = _settings(args, store)
        importer = Importer(store, settings.base)
        with import_progress(quiet=args.quiet) as progress:
            summary = importer.run(inputs, format=args.format, skip_invalid=args.skip_invalid,
                                   prune=args.prune, progress=progress)
        from graph.read import GraphReader
        print_import_summary(summary, GraphReader(store, settings.base), out)
    return 0


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    # The web stack is imported once the readers are on their way (server/workers.py): start-up time.
    from server.collector import tune_collector
    from server.malloc import tune_malloc
    from server.workers import default_workers, serve_workers
    tune_malloc()  # before any thread starts
    tune_collector()
    if args.workers is not None and args.workers < 1:
        print("error: --workers must be at least 1", file=sys.stderr)
        return 2
    store = _open(args)
    settings = _settings(args, store)
    if args.cors_origin:
        settings = replace(settings, cors_origins=cors_origins(" ".join(args.cors_origin)))
    workers = args.workers if args.workers is not None else default_workers()
    on_disk = getattr(store, "path", None) is not None
    if workers > 1 and not on_disk:
        if args.workers is not None:
            print(f"note: a {settings.store_url.partition(':')[0]} store is served by one process "
                  "(--workers applies to an on-disk store)", file=sys.stderr)
        workers = 1
    if workers > 1:
        try:
            return serve_workers(settings, store, args.host, args.port, workers, out)
        finally:
            store.close()
    import uvicorn

    from server.app import create_app
    publisher = None
    if on_disk:
        # One process still publishes snapshots: its /sparql worker processes and the reading commands
        # (stats, export, query) read those instead of opening the store beside its writer.
        from graph.read import GraphReader
        from graph.store.snapshots import Publisher
        publisher = Publisher(store, GraphReader(store, settings.base).version)
        publisher.start()
    app = create_app(settings, store=store, publisher=publisher)
    print(f"storygraph serving {settings.store_url} on http://{args.host}:{args.port}/ (explorer at /explore, GraphQL at /graphql)", file=out)
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        if publisher is not None:
            publisher.stop()
    return 0


def cmd_query(args: argparse.Namespace, out: TextIO) -> int:
    from graph.read import GraphReader
    from schema.context import Context
    from schema.schema import schema
    text = Path(args.query[1:]).read_text(encoding="utf-8") if args.query.startswith("@") else args.query
    try:
        variables = json.loads(args.variables) if args.variables else None
    except json.JSONDecodeError as exc:
        print(f"error: --variables is not valid JSON: {exc}", file=sys.stderr)
        return 2
    with _open(args, reading=True) as store:
        settings = _settings(args, store)
        result = asyncio.run(schema.execute(text, variable_values=variables,
                                            context_value=Context(reader=GraphReader(store, settings.base))))
    payload: dict = {"data": result.data}
    if result.errors:
        payload["errors"] = [{"message": e.message, "path": e.path} for e in result.errors]
    json.dump(payload, out, indent=2, ensure_ascii=False)
    out.write("\n")
    return 1 if result.errors else 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from graph.export import export_to_file, write_export
    with _open(args, reading=True) as store:
        # Files stand alone: JSON-LD gets its @context inline (the server links the published one).
        if args.output:
            export_to_file(store, args.format, Path(args.output))
        else:
            out.flush()
            try:
                write_export(store, args.format, sys.stdout.buffer)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                # `storygraph export … | head` is fine: the reader just wanted less.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    from graph.read import GraphReader
    with _open(args, reading=True) as store:
        reader = GraphReader(store, _settings(args, store).base)
        print(f"{reader.story_count()} stories", file=out)
        for kind, count in reader.entity_counts().items():
            print(f"{count} {kind.value} entities", file=out)
        print(f"{store.quad_count()} triples", file=out)
    return 0


def cmd_merges(args: argparse.Namespace, out: TextIO) -> int:
    from graph.merges import decide, list_candidates
    with _open(args) as store:
        base = _settings(args, store).base
        if args.action == "list":
            candidates = list_candidates(store, base)
            for c in candidates:
                print(f"{c.score:.2f}  {c.left}  {c.right}  ({c.evidence})", file=out)
            print(f"{len(candidates)} open merge candidate{'s' if len(candidates) != 1 else ''}", file=out)
            return 0
        if len(args.iris) != 2:
            print(f"error: `merges {args.action}` takes the two entity IRIs of a candidate", file=sys.stderr)
            return 2
        decided = decide(store, base, args.iris[0], args.iris[1], accept=args.action == "accept")
        verdict = "owl:sameAs" if args.action == "accept" else "owl:differentFrom"
        print(f"{decided.left} {verdict} {decided.right}", file=out)
    return 0


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from schema.schema import sdl
    out.write(sdl())
    return 0


def cmd_evaluate(args: argparse.Namespace, out: TextIO) -> int:
    from graph.evaluate import evaluate
    report = evaluate(Path(args.gold), Path(args.file))
    out.write(report.format(errors=args.errors) + "\n")
    return 0


def cmd_settings(args: argparse.Namespace, out: TextIO) -> int:
    settings = _settings(args)
    width = max(len(env) for env, _, _ in settings.describe())
    for env, value, help in settings.describe():
        out.write(f"{env:<{width}}  {value or '(unset)'}\n{'':<{width}}  {help}\n")
    return 0


class _Version(argparse.Action):
    """`--version`: the version, and whether the extractor runs compiled (graph/compiled.py); read only when asked."""

    def __init__(self, option_strings: list[str], dest: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        from importlib.metadata import version

        from graph import compiled

        parser.exit(message=f"storygraph {version('storygraph')}\n{compiled.describe()}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="storygraph",
        description="Turn news stories into a knowledge graph: import, serve GraphQL, query, export RDF.",
        epilog="Start with:  storygraph import seeds/*.txt && storygraph serve   (then open http://127.0.0.1:8000/graphql)",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action=_Version,
                        help="print the version and whether the extractor runs compiled by mypyc (`make compile`) "
                             "or as pure Python, and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, description=help, epilog=f"example:\n  {example}",
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    p = command("import", "Import stories from listings, RSS/Atom feeds, JSON Lines or CSV files.",
                "storygraph import --db ./data seeds/ilo-news-2021.txt")
    _store_options(p)
    p.add_argument("--format", choices=INPUT_FORMATS, default="auto", help="input format (default: detected from content)")
    p.add_argument("--skip-invalid", action="store_true", help="import the good items and list the bad ones (default: all or nothing)")
    p.add_argument("--prune", action="store_true", help="remove stories of the same source that the new version no longer lists")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("-y", "--yes", action="store_true",
                   help="import input larger than $STORYGRAPH_IMPORT_CONFIRM_BYTES (default 200 MB) anyway")
    p.add_argument("files", nargs="+", metavar="FILE", help="input files; - reads standard input")
    p.set_defaults(run=cmd_import)

    p = command("serve", "Serve GraphQL (with GraphiQL) and the other endpoints over HTTP. A network view missing at "
                         "start-up is built in the background: queries needing it answer 503 with Retry-After meanwhile.",
                "storygraph serve --db ./data --port 8000")
    _store_options(p)
    p.add_argument("--host", default=DEFAULT_HOST, help=f"address to bind (default: {DEFAULT_HOST})")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})")
    p.add_argument("--workers", type=int, metavar="N",
                   help="processes answering requests: one writer (imports) plus N readers of its snapshots; "
                        "1 serves from this process alone (default: the number of cores; memory and remote "
                        "stores: 1)")
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="let pages on ORIGIN call the API from a browser (repeatable; default: $STORYGRAPH_CORS_ORIGINS, none)")
    p.set_defaults(run=cmd_serve)

    p = command("query", "Run one GraphQL query in-process and print the JSON response. A store held by a running server is read read-only, as it is at that moment.",
                "storygraph query '{ stories(first: 3) { edges { node { title date } } } }'")
    _store_options(p)
    p.add_argument("--variables", metavar="JSON", help="variables as a JSON object")
    p.add_argument("query", metavar="QUERY", help="the query text, or @file.graphql")
    p.set_defaults(run=cmd_query)

    p = command("export", "Export the graph as RDF. A store held by a running server is read read-only, as it is at that moment.", "storygraph export --format ttl -o graph.ttl")
    _store_options(p)
    p.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="RDF format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    p.set_defaults(run=cmd_export)

    p = command("stats", "Count stories, entities by type and triples. A store held by a running server is read read-only, as it is at that moment.", "storygraph stats --db ./data")
    _store_options(p)
    p.set_defaults(run=cmd_stats)

    p = command("evaluate", "Score extraction against gold annotations (precision, recall, F1 per type).",
                "storygraph evaluate tests/seed-gold.json seeds/ilo-news-2021.txt")
    p.add_argument("gold", metavar="GOLD.json")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--errors", action="store_true", help="also list every false positive and false negative")
    p.set_defaults(run=cmd_evaluate)

    p = command("merges", "List merge candidates, or accept (owl:sameAs) or reject one.",
                "storygraph merges accept http://127.0.0.1:8000/person/g-ryder http://127.0.0.1:8000/person/guy-ryder")
    _store_options(p)
    p.add_argument("action", nargs="?", choices=("list", "accept", "reject"), default="list")
    p.add_argument("iris", nargs="*", metavar="IRI", help="the two entities of the candidate")
    p.set_defaults(run=cmd_merges)

    p = command("schema", "Print the GraphQL schema (SDL).", "storygraph schema > schema/schema.graphql")
    p.set_defaults(run=cmd_schema)

    p = command("settings", "List every setting (environment variable), the value in force and what it does.",
                "STORYGRAPH_SPARQL_TIMEOUT=10 storygraph settings")
    _store_options(p)
    p.set_defaults(run=cmd_settings)
    return parser


def _debug() -> bool:
    """STORYGRAPH_DEBUG, read when a command has already failed (a bad value elsewhere in the environment: no)."""
    try:
        return Settings.from_env().debug
    except SettingError:
        return False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args, sys.stdout)
    except SourceError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        print("nothing was imported; fix the input or use --skip-invalid to import the good items", file=sys.stderr)
        return 1
    except (StoreError, SettingError, WorkerError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ExtractionError as exc:
        if _debug():  # the traceback, a worker's included (its executor chains it)
            traceback.print_exception(exc, file=sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; the store is unchanged by the interrupted write", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `storygraph query … | head`: the reader wanted less. Nothing more can be written, and
        # Python's own flush at exit must not fail either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
