// The explorer page: turns the URL's state into API requests and the requests into the view.
import { ApiError, forget, journal, run } from "./api.js";
import { h } from "./dom.js";
import { copy, exportJson, exportPng, queryText } from "./exports.js";
import { GraphView, TYPES } from "./graph-view.js";
import { LiveVersion } from "./live.js";
import { Panel } from "./panel.js";
import { Search } from "./search.js";
import { UrlState } from "./state.js";
import { Timeline } from "./timeline.js";

const FOCUS_LIMIT = 30;
const $ = (id) => document.getElementById(id);

const statusLine = $("status");
function say(text, kind = "info") {
  statusLine.textContent = text;
  statusLine.dataset.kind = kind;
  statusLine.hidden = !text;
}

const announcer = $("announce");
const urlState = new UrlState((state) => render(state));
const state = () => urlState.current;

const view = new GraphView($("graph"), {
  select: (id) => urlState.adjust({ select: id }),
  open: async (id) => {
    await urlState.adjust({ select: id });
    panel.focusHeading();
  },
  expand: (iri) => actions.expand(iri),
  hide: (iri) => actions.hide(iri),
  pin: (iri) => actions.pin(iri),
  announce: (text) => { announcer.textContent = text; },
});

const actions = {
  openStory: (iri) => urlState.adjust({ select: iri }),
  focus: (iri) => urlState.change({ focus: iri, expand: [], hide: [], select: null, pathFrom: null, pathTo: null }),
  async expand(iri) {
    const node = model.nodes.get(iri);
    if (!node || node.type === "Story") return;
    try {
      const { expandPreview } = await run("preview", { iri });
      const cap = await panel.preview(node.label, expandPreview, state().cap);
      if (cap === null) urlState.adjust({ select: iri });
      else urlState.change({ expand: [...state().expand.filter((x) => x !== iri), iri], cap, select: iri });
    } catch (error) {
      say(error.message, "error");
    }
  },
  collapse: (iri) => urlState.change({ expand: state().expand.filter((x) => x !== iri) }),
  hide: (iri) => urlState.change({ hide: [...state().hide, iri], select: null }),
  pin(iri) {
    view.togglePin(iri);
    render(state());
  },
  pathFrom(iri) {
    pathInputs.from.value = model.nodes.get(iri)?.label || iri;
    pathEnds.from = iri;
    choosePath();
  },
  pathTo(iri) {
    pathInputs.to.value = model.nodes.get(iri)?.label || iri;
    pathEnds.to = iri;
    choosePath();
  },
  clearPath() {
    pathEnds.from = pathEnds.to = null;
    pathInputs.from.value = pathInputs.to.value = "";
    urlState.change({ pathFrom: null, pathTo: null, select: null });
  },
  async copyQuery() {
    const text = queryText();
    if (await copy(text)) say("Copied the GraphQL query of this view to the clipboard.");
    else panel.message("The GraphQL query of this view", "Your browser did not allow copying; select the text below.",
      h("textarea", { class: "query", rows: 16, readonly: true }, text));
  },
};

const panel = new Panel($("panel"), actions);
const timeline = new Timeline($("timeline"), (since, until) => urlState.change({ since, until }));

// Search, and the two ends of a path.
new Search($("search"), (hit) => actions.focus(hit.iri), { onError: (m) => say(m, "error") });
const pathInputs = { from: $("path-from"), to: $("path-to") };
const pathEnds = { from: null, to: null };
function choosePath() {
  $("path-form").hidden = false;
  if (pathEnds.from && pathEnds.to) urlState.change({ pathFrom: pathEnds.from, pathTo: pathEnds.to, select: null });
  else (pathEnds.from ? pathInputs.to : pathInputs.from).focus();
}
new Search(pathInputs.from, (hit) => { pathEnds.from = hit.iri; choosePath(); }, { entitiesOnly: true, onError: (m) => say(m, "error") });
new Search(pathInputs.to, (hit) => { pathEnds.to = hit.iri; choosePath(); }, { entitiesOnly: true, onError: (m) => say(m, "error") });
$("path-toggle").addEventListener("click", () => {
  const form = $("path-form");
  form.hidden = !form.hidden;
  if (!form.hidden) pathInputs.from.focus();
});

// Controls: type filters (the legend), size, stories as nodes, view and export buttons.
const legend = $("legend");
for (const [type, info] of Object.entries(TYPES)) {
  const box = h("input", { type: "checkbox", id: `type-${type}`, "data-type": type });
  box.addEventListener("change", () => {
    if (type === "Story") urlState.change({ stories: box.checked });
    else urlState.change({ hideType: box.checked ? state().hideType.filter((t) => t !== type) : [...state().hideType, type] });
  });
  legend.append(h("label", { class: "legend-item" }, box,
    h("span", { class: `swatch shape-${info.shape}`, style: `--c:${info.colour}`, "aria-hidden": "true" }),
    type === "Story" ? "Stories as nodes" : info.label));
}
$("size").addEventListener("change", (event) => urlState.change({ size: event.target.value }));
$("fit").addEventListener("click", () => view.fit());
$("zoom-in").addEventListener("click", () => view.zoom(1.25));
$("zoom-out").addEventListener("click", () => view.zoom(0.8));
$("export-png").addEventListener("click", () => exportPng(view));
$("export-json").addEventListener("click", () => exportJson());
$("show-hidden").addEventListener("click", () => urlState.change({ hide: [] }));

const live = new LiveVersion((version) => {
  const banner = $("live");
  banner.replaceChildren("The graph has changed since this view was drawn. ",
    h("button", { type: "button", onclick: () => { forget(); live.accept(version); banner.hidden = true; render(state()); } }, "Refresh the view"));
  banner.hidden = false;
});

// --- from state to view -----------------------------------------------------------------------

let model = { nodes: new Map(), edges: new Map() };
let renderCount = 0;

function nodeOf(raw) {
  return raw.__typename === "Story"
    ? { iri: raw.iri, type: "Story", label: raw.title, date: raw.date }
    : { iri: raw.iri, type: raw.__typename, label: raw.name, storyCount: raw.storyCount, centrality: raw.centrality };
}

function edgeId(source, target, kind) {
  return kind === "MENTIONS" ? `${source}|${target}` : [source, target].sort().join("|");
}

function merge(into, graph) {
  for (const raw of graph.nodes) if (raw.iri && !into.nodes.has(raw.iri)) into.nodes.set(raw.iri, nodeOf(raw));
  for (const edge of graph.edges) {
    const id = edgeId(edge.source, edge.target, edge.kind);
    if (!into.edges.has(id)) into.edges.set(id, { ...edge, id });
  }
}

async function load(current) {
  const { entity: focus } = await run("entity", { iri: current.focus });
  if (!focus) return { focus: null };
  const built = { nodes: new Map(), edges: new Map() };
  const requests = [];
  if (focus.__typename === "Story") {
    const iris = focus.links.map((l) => l.entity.iri);
    requests.push(iris.length ? run("subgraph", { iris }).then((d) => d.subgraph) : Promise.resolve({ nodes: [], edges: [] }));
    requests.push(Promise.resolve({
      nodes: [{ __typename: "Story", iri: focus.iri, title: focus.title, date: focus.date }],
      edges: iris.map((iri) => ({ source: focus.iri, target: iri, kind: "MENTIONS", weight: 1 })),
    }));
  } else {
    requests.push(run("neighbourhood", { iri: focus.iri, limit: FOCUS_LIMIT }).then((d) => d.neighbourhood));
  }
  for (const iri of current.expand) requests.push(run("neighbourhood", { iri, limit: current.cap }).then((d) => d.neighbourhood));
  const paths = current.pathFrom && current.pathTo ? run("paths", { from: current.pathFrom, to: current.pathTo }).then((d) => d.paths) : null;
  const graphs = await Promise.all(requests);
  let truncated = false;
  for (const graph of graphs) {
    merge(built, graph);
    truncated = truncated || graph.truncated;
  }
  const found = paths ? await paths : null;
  if (found && found.length) {
    merge(built, {
      nodes: found.flatMap((p) => p.nodes),
      edges: found.flatMap((p) => p.hops.map((hop) => ({ source: hop.source.iri, target: hop.target.iri, kind: "CO_OCCURS", weight: hop.weight }))),
    });
  }
  return { focus, model: built, paths: found, truncated };
}

/** Which elements get which class: filters, the focus, the highlighted path. */
function classesFor(current, built, paths) {
  const inRange = (date) => !date || ((!current.since || date.slice(0, 7) >= current.since) && (!current.until || date.slice(0, 7) <= current.until));
  const off = new Set(current.hide);
  const faded = new Set();
  const storiesOf = new Map();
  for (const edge of built.edges.values()) {
    if (edge.kind !== "MENTIONS") continue;
    if (!storiesOf.has(edge.target)) storiesOf.set(edge.target, []);
    storiesOf.get(edge.target).push(built.nodes.get(edge.source));
  }
  for (const node of built.nodes.values()) {
    if (node.type === "Story") {
      if ((!current.stories && node.iri !== current.focus) || !inRange(node.date)) off.add(node.iri);
    } else {
      if (current.hideType.includes(node.type)) off.add(node.iri);
      const stories = (storiesOf.get(node.iri) || []).filter(Boolean);
      if ((current.since || current.until) && stories.length && !stories.some((s) => inRange(s.date))) faded.add(node.iri);
    }
  }
  for (const edge of built.edges.values()) {
    if (faded.has(edge.source) || faded.has(edge.target)) faded.add(edge.id);
  }
  const path = new Set();
  if (paths && paths.length) {
    const first = paths[0];
    for (const node of first.nodes) path.add(node.iri);
    for (const hop of first.hops) path.add(edgeId(hop.source.iri, hop.target.iri, "CO_OCCURS"));
  }
  return { off, faded, path, focus: new Set([current.focus]) };
}

/**
 * Draws the view for a state. <body data-busy> is set until cytoscape shows that state (elements, classes and so
 * visibility, the layout of what is new, the details panel) or the status line says why it cannot (data-kind
 * "error"); a newer state takes over the flag. Tests, scripts and screen readers wait on it.
 */
async function render(current) {
  const mine = ++renderCount;
  document.body.dataset.busy = "true";
  try {
    await draw(current, mine);
  } finally {
    if (mine === renderCount) delete document.body.dataset.busy;
  }
}

async function draw(current, mine) {
  journal.length = 0;
  document.getElementById(`size`).value = current.size;
  for (const box of legend.querySelectorAll("input")) {
    box.checked = box.dataset.type === "Story" ? current.stories : !current.hideType.includes(box.dataset.type);
  }
  $("show-hidden").hidden = current.hide.length === 0;
  $("show-hidden").textContent = `Show ${current.hide.length} hidden`;
  if (!current.focus) {
    view.draw({ nodes: [], edges: [] }, { size: current.size, classes: {}, select: null });
    timeline.update([], null, null);
    panel.message("Explore the graph", "Search for a person, organization, place, campaign, theme or story above, then open it to see what it is connected to.");
    say("");
    return;
  }
  say("Loading…");
  let loaded;
  try {
    loaded = await load(current);
  } catch (error) {
    if (mine !== renderCount) return;
    say(error instanceof ApiError ? `The API could not answer: ${error.message}` : `Something went wrong: ${error.message}`, "error");
    return;
  }
  if (mine !== renderCount) return;
  if (!loaded.focus) {
    view.draw({ nodes: [], edges: [] }, { size: current.size, classes: {}, select: null });
    timeline.update([], null, null);
    panel.message("Not in this graph", `Nothing in this graph is known as ${current.focus}. Search for what you are looking for instead.`);
    say(`Unknown IRI: ${current.focus}`, "error");
    $("search").focus();
    return;
  }
  model = loaded.model;
  if (current.pathFrom && current.pathTo) {
    // A shared or reloaded URL: show which path is drawn.
    Object.assign(pathEnds, { from: current.pathFrom, to: current.pathTo });
    pathInputs.from.value = model.nodes.get(current.pathFrom)?.label || current.pathFrom;
    pathInputs.to.value = model.nodes.get(current.pathTo)?.label || current.pathTo;
    $("path-form").hidden = false;
  }
  const classes = classesFor(current, model, loaded.paths);
  const selected = current.select && (model.nodes.has(current.select) || model.edges.has(current.select)) ? current.select : null;
  // The timeline first: it takes its height from the graph, which then lays out in its final size.
  const storyDates = [...model.nodes.values()].filter((n) => n.type === "Story").map((n) => n.date);
  timeline.update(storyDates, current.since, current.until);
  view.draw({ nodes: [...model.nodes.values()], edges: [...model.edges.values()] },
    { size: current.size, classes, select: selected });
  const shown = [...model.nodes.values()].filter((n) => n.type !== "Story" && !classes.off.has(n.iri)).length;
  say(`${shown} entities${loaded.truncated ? " (some ties left out: expand a node to see more)" : ""}.`);
  document.title = `${loaded.focus.name || loaded.focus.title} · storygraph explorer`;
  await Promise.all([showDetails(current, loaded, mine), view.laidOut]);
}

async function showDetails(current, loaded, mine) {
  try {
    if (!current.select) {
      if (loaded.paths) {
        const name = (iri) => model.nodes.get(iri)?.label || iri;
        panel.paths(name(current.pathFrom), name(current.pathTo), loaded.paths);
      } else if (loaded.focus.__typename === "Story") panel.story(loaded.focus);
      else panel.entity(loaded.focus, flags(current, loaded.focus.iri));
      return;
    }
    const edge = model.edges.get(current.select);
    if (edge) {
      const { subgraph } = await run("tie", { a: edge.source, b: edge.target });
      if (mine !== renderCount) return;
      const tie = subgraph.edges.find((e) => [e.source, e.target].sort().join("|") === [edge.source, edge.target].sort().join("|"));
      panel.edge(model.nodes.get(edge.source), model.nodes.get(edge.target), tie);
      return;
    }
    const { entity } = await run("entity", { iri: current.select });
    if (mine !== renderCount) return;
    if (!entity) panel.message("Not in this graph", `Nothing in this graph is known as ${current.select}.`);
    else if (entity.__typename === "Story") panel.story(entity);
    else panel.entity(entity, flags(current, entity.iri));
  } catch (error) {
    say(`The API could not answer: ${error.message}`, "error");
  }
}

function flags(current, iri) {
  return { expanded: current.expand.includes(iri), pinned: view.pinned.has(iri), focus: current.focus === iri };
}

window.storygraphExplorer = { view, state, render: () => render(state()) };
render(state());
if (!state().focus) $("search").focus();
