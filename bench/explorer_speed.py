"""Measure the explorer in headless Chromium: layout-to-interactive time for a large view, panning frame times, page weight.

    python -m bench.explorer_speed                      # 300 nodes, 1,000 edges, 7 runs
    python -m bench.explorer_speed --nodes 600 --edges 2000

The page is the real /explore served by uvicorn on 127.0.0.1 (empty store); the view is drawn by its
own graph module (`view.draw`) from a generated model with the types, sizes and weights the API gives,
so the figure is cytoscape.js + fCoSE + our styles, without any API time. "Interactive" means the
layout has stopped and the browser has painted two frames after it; besides that wall time, the
page's main-thread CPU time over the same span is reported (DevTools' ThreadTime), which other
processes' load does not inflate. Panning is 120 pans of 5 px,
one per animation frame. Page weight is every JS and CSS file /explore loads, gzipped (level 9).
Needs Debian's chromium and playwright (pip); nothing is downloaded.
"""
from __future__ import annotations

import argparse
import gzip
import re
import shutil
import socket
import statistics
import threading
from pathlib import Path

import uvicorn

from graph.store import open_store
from server.app import create_app
from server.settings import Settings

STATIC = Path(__file__).resolve().parents[1] / "server" / "static" / "explore"

BUILD = """([nodes, edges, seed]) => {
  let state = seed;
  const random = () => {  // mulberry32: exact in 32-bit integer arithmetic
    state = (state + 0x6D2B79F5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const types = ["Person", "Organization", "Place", "Campaign", "Theme"];
  const model = { nodes: [], edges: [] };
  for (let i = 0; i < nodes; i++) model.nodes.push({ iri: `n${i}`, type: types[i % 5], label: `Entity number ${i}`,
    storyCount: 1 + Math.floor(random() * 200), centrality: random() / 100 });
  const seen = new Set();
  while (model.edges.length < edges) {
    // Preferential: low numbers are hubs, as in the real graph.
    const a = Math.floor(Math.pow(random(), 2) * nodes), b = Math.floor(random() * nodes);
    const id = [a, b].sort().join("|");
    if (a === b || seen.has(id)) continue;
    seen.add(id);
    model.edges.push({ id, source: `n${a}`, target: `n${b}`, kind: "CO_OCCURS", weight: 1 + Math.floor(random() * 20) });
  }
  window.benchModel = model;
}"""

DRAW = """async () => {
  const view = window.storygraphExplorer.view;
  const model = window.benchModel;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const start = performance.now();
  view.draw(model, { size: "stories", classes: { focus: new Set(["n0"]) }, select: null });
  await frame(); await frame();
  const interactive = performance.now();
  await view.laidOut;
  await frame();
  const laidOut = performance.now();
  return { layout: laidOut - start, interactive: interactive - start,
           drawn: view.cy.nodes().length, ties: view.cy.edges().length };
}"""

PAN = """async () => {
  const view = window.storygraphExplorer.view;
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const frames = [];
  let last = performance.now();
  for (let i = 0; i < 120; i++) {
    view.cy.panBy({ x: i % 40 < 20 ? 5 : -5, y: 0 });
    await frame();
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  return frames;
}"""


def _serve() -> tuple[str, uvicorn.Server, threading.Thread]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(Settings(store_url="memory:", base="http://127.0.0.1/"), store=open_store("memory:"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    waiter = threading.Event()
    while not server.started:
        waiter.wait(0.02)
    return f"http://127.0.0.1:{port}", server, thread


def _thread_time(devtools) -> float:
    """CPU seconds the page's main thread has used: unlike wall time, not inflated by other processes' load."""
    metrics = devtools.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "ThreadTime")


def page_weight() -> list[tuple[str, int, int]]:
    """(file, bytes, gzipped bytes) of every script and stylesheet /explore loads, its ES modules included."""
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    files = [STATIC / url.removeprefix("/static/explore/") for url in re.findall(r'(?:src|href)="(/static/explore/[^"]+)"', html)]
    files += [p for p in sorted(STATIC.glob("*.js")) if p not in files]
    return [(str(p.relative_to(STATIC)), p.stat().st_size, len(gzip.compress(p.read_bytes(), 9))) for p in files]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=300)
    parser.add_argument("--edges", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    url, server, thread = _serve()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            layouts, interactives, cpu, frames = [], [], [], []
            for run in range(args.runs):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                devtools = page.context.new_cdp_session(page)
                devtools.send("Performance.enable")
                page.goto(url + "/explore", wait_until="load")
                page.wait_for_function("window.storygraphExplorer && !document.body.dataset.busy")
                page.evaluate(BUILD, [args.nodes, args.edges, 7 + run])
                before = _thread_time(devtools)
                result = page.evaluate(DRAW)
                cpu.append((_thread_time(devtools) - before) * 1000)
                assert result["drawn"] == args.nodes and result["ties"] == args.edges, result
                layouts.append(result["layout"])
                interactives.append(result["interactive"])
                frames += page.evaluate(PAN)[5:]
                page.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)

    print(f"{args.nodes} nodes, {args.edges} edges, {args.runs} runs in headless Chromium at 1280x800")
    # The minimum is the machine's own speed; median and max include other processes' load.
    print(f"  layout (fCoSE) ms:        min {min(layouts):.0f}  median {statistics.median(layouts):.0f}  max {max(layouts):.0f}")
    print(f"  to interactive ms:        min {min(interactives):.0f}  median {statistics.median(interactives):.0f}  max {max(interactives):.0f}")
    print(f"  main-thread CPU ms:       min {min(cpu):.0f}  median {statistics.median(cpu):.0f}  max {max(cpu):.0f}")
    frames.sort()
    print(f"  panning frame ms:         median {statistics.median(frames):.1f}  p95 {frames[int(len(frames) * 0.95)]:.1f}")
    weight = page_weight()
    print("page weight (bytes / gzipped):")
    for name, size, zipped in weight:
        print(f"  {name:32} {size:>9,} {zipped:>9,}")
    own = [w for w in weight if not w[0].startswith("vendor/")]
    print(f"  {'our modules + CSS':32} {sum(w[1] for w in own):>9,} {sum(w[2] for w in own):>9,}")
    print(f"  {'total':32} {sum(w[1] for w in weight):>9,} {sum(w[2] for w in weight):>9,}")


if __name__ == "__main__":
    main()
