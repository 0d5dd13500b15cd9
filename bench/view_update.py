"""How long the network view takes to follow an import, and PageRank on the arrays against networkx.

    python -m bench.view_update                       # 100k stories, 30k entities, 200 stories added
    python -m bench.view_update --stories 20000 --networkx

A synthetic view (heavy-tailed entity popularity, like news) is assembled once; then the import's
update (`graph.network.update.apply`) is timed beside a full `assemble` of the same rows, and PageRank
on the arrays beside networkx's graph + `nx.pagerank` when asked (slow at 100k).
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from graph.network import assemble
from graph.network import centrality
from graph.network.centrality import graph, pagerank, ranks
from graph.network.update import Delta, apply
from graph.read import EntityRow, StoryRow
from graph.records import EntityKind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--entities", type=int, default=30_000)
    parser.add_argument("--added", type=int, default=200)
    parser.add_argument("--networkx", action="store_true", help="also time networkx's PageRank")
    args = parser.parse_args()
    rng = random.Random(1)
    first = dt.date(2020, 1, 1)
    stories = [StoryRow(f"http://x/s{i}", f"title {i}", "summary", first + dt.timedelta(days=i % 900), None)
               for i in range(args.stories)]
    entities = {f"http://x/e{i}": EntityRow(f"http://x/e{i}", EntityKind.PERSON, f"n{i}", ()) for i in range(args.entities)}
    links = list({(s.iri, f"http://x/e{int(rng.paretovariate(1.2)) % args.entities}") for s in stories for _ in range(6)})
    old = assemble("1", stories, entities, links)
    added = [StoryRow(f"http://x/n{i}", "t", "s", first + dt.timedelta(days=1000), None) for i in range(args.added)]
    new_links = [(s.iri, f"http://x/e{rng.randrange(args.entities)}") for s in added for _ in range(5)]
    pagerank(old)  # the previous version's PageRank, which the update hands on as the next one's start
    began = time.perf_counter()
    updated_view = apply(old, "2", Delta(stories=added, links=list(dict.fromkeys(new_links))))
    updated = time.perf_counter() - began
    began = time.perf_counter()
    ranks(updated_view)
    warm = time.perf_counter() - began
    warm_steps = centrality.steps_taken(updated_view)
    began = time.perf_counter()
    rebuilt = assemble("2", stories + added, entities, links + list(dict.fromkeys(new_links)))
    assembled = time.perf_counter() - began
    began = time.perf_counter()
    pagerank(rebuilt)
    ranked = time.perf_counter() - began
    cold_steps = centrality.steps_taken(rebuilt)
    print(f"python -m bench.view_update --stories {args.stories} --entities {args.entities} --added {args.added}")
    print(f"{len(links):,} story–entity links")
    print("| step | seconds |\n|---|---:|")
    print(f"| the import's update of the view ({args.added} stories added) | {updated:.2f} |")
    print(f"| assembling the same view from its rows | {assembled:.2f} |")
    print(f"| PageRank on the arrays, from scratch ({cold_steps} iterations) | {ranked:.2f} |")
    print(f"| PageRank after the import's update, from the last version's ({warm_steps} iterations) | {warm:.2f} |")
    if args.networkx:
        import networkx as nx
        began = time.perf_counter()
        g = graph(rebuilt)
        built = time.perf_counter() - began
        began = time.perf_counter()
        nx.pagerank(g)
        print(f"| networkx graph + nx.pagerank | {built:.2f} + {time.perf_counter() - began:.2f} |")


if __name__ == "__main__":
    main()
