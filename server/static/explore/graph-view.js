// The node-link view: cytoscape.js with the fCoSE force layout, types drawn by colour and shape,
// and keyboard navigation between nodes. It draws a model; it never asks the API anything.

const cytoscape = window.cytoscape;
cytoscape.use(window.cytoscapeFcose);

/** Entity (and story) types: colour (Okabe–Ito, safe for colour-blind readers) and a distinct shape each. */
export const TYPES = {
  Person: { label: "Person", colour: "#0072B2", shape: "ellipse" },
  Organization: { label: "Organization", colour: "#E69F00", shape: "round-rectangle" },
  Place: { label: "Place", colour: "#009E73", shape: "triangle" },
  Campaign: { label: "Campaign", colour: "#CC79A7", shape: "star" },
  Theme: { label: "Theme", colour: "#56B4E9", shape: "hexagon" },
  Story: { label: "Story", colour: "#8a8f98", shape: "rectangle" },
};

const STYLE = [
  {
    selector: "node",
    style: {
      "background-color": (n) => (TYPES[n.data("type")] || TYPES.Story).colour,
      shape: (n) => (TYPES[n.data("type")] || TYPES.Story).shape,
      width: "data(size)",
      height: "data(size)",
      label: "data(label)",
      "font-family": "system-ui, sans-serif",
      "font-size": 11,
      color: "#1d1f23",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-wrap": "ellipsis",
      "text-max-width": 160,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": 2,
      "text-background-shape": "round-rectangle",
      "min-zoomed-font-size": 7,
      "border-width": 1.5,
      "border-color": "#ffffff",
    },
  },
  { selector: "node[type = 'Story']", style: { "font-size": 9, "text-max-width": 110, color: "#4a4f57" } },
  { selector: "node.focus", style: { "border-width": 4, "border-color": "#1d1f23", "border-style": "double", "font-weight": "bold" } },
  { selector: "node.pinned", style: { "border-width": 3, "border-color": "#1d1f23", "border-style": "dashed" } },
  {
    selector: "edge",
    style: {
      width: "data(width)",
      "line-color": "#aab0ba",
      "curve-style": "haystack",
      opacity: 0.65,
    },
  },
  { selector: "edge[kind = 'MENTIONS']", style: { "line-style": "dashed", "line-color": "#c7cbd2", width: 1 } },
  { selector: ".faded", style: { opacity: 0.18, "text-opacity": 0.3 } },
  { selector: ".off", style: { display: "none" } },
  { selector: "node.path", style: { "border-width": 4, "border-color": "#c0392b", "border-style": "solid" } },
  { selector: "edge.path", style: { "line-color": "#c0392b", width: 5, opacity: 1, "z-index": 9 } },
  {
    selector: "node:selected",
    style: { "border-width": 5, "border-color": "#7b2cbf", "border-style": "solid", "overlay-opacity": 0, "z-index": 10 },
  },
  { selector: "edge:selected", style: { "line-color": "#7b2cbf", width: 5, opacity: 1, label: "data(label)", "font-size": 10 } },
];

/** Size of a node between 18 and 64 px by its share of the largest value on screen. */
function sizes(nodes, measure) {
  const value = (n) => (measure === "centrality" ? n.centrality || 0 : n.storyCount || 0);
  const largest = Math.max(1e-9, ...nodes.filter((n) => n.type !== "Story").map(value));
  return (n) => (n.type === "Story" ? 14 : 18 + 46 * Math.sqrt(value(n) / largest));
}

/** Views with more nodes than this are laid out in a worker (labels are not measured there). */
const WORKER_NODES = 150;

export class GraphView {
  /**
   * @param container element to draw in (made keyboard-focusable here)
   * @param handlers { select(iri|edgeId|null), open(iri), expand(iri), hide(iri), pin(iri), announce(text) }
   */
  constructor(container, handlers) {
    this.handlers = handlers;
    this.pinned = new Set();
    this.layoutId = 0;
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.15,
      maxZoom: 4,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    this.cy.on("tap", "node, edge", (event) => this.handlers.select(event.target.id()));
    this.cy.on("tap", (event) => {
      if (event.target === this.cy) this.handlers.select(null);
    });
    this.cy.on("dbltap", "node", (event) => this.handlers.expand(event.target.id()));
    container.addEventListener("keydown", (event) => this.onKey(event));
    // cytoscape caches where its container is on the page; anything above it changing height
    // (status, banners, a wrapping toolbar) moves it without a scroll or resize event.
    const moved = new ResizeObserver(() => this.cy.resize());
    for (let above = container.parentElement; above && above !== document.body; above = above.parentElement) {
      for (let sibling = above.previousElementSibling; sibling; sibling = sibling.previousElementSibling) moved.observe(sibling);
    }
    moved.observe(container);
  }

  /** Draws `model` ({nodes, edges} of plain objects) with the given classes; lays out what is new. */
  draw(model, { size, classes, select }) {
    const cy = this.cy;
    cy.resize();
    const radius = sizes(model.nodes, size);
    const heaviest = Math.max(1, ...model.edges.filter((e) => e.kind !== "MENTIONS").map((e) => e.weight));
    const wanted = new Set([...model.nodes.map((n) => n.iri), ...model.edges.map((e) => e.id)]);
    const before = new Set(cy.nodes().map((n) => n.id()));
    cy.batch(() => {
      cy.elements().filter((el) => !wanted.has(el.id())).remove();
      for (const node of model.nodes) {
        const data = { id: node.iri, label: node.label, type: node.type, size: radius(node) };
        const existing = cy.getElementById(node.iri);
        if (existing.nonempty()) existing.data(data);
        else cy.add({ group: "nodes", data, position: this.startPosition(node, model) });
      }
      for (const edge of model.edges) {
        const data = {
          id: edge.id, source: edge.source, target: edge.target, kind: edge.kind, weight: edge.weight,
          // Relative to the heaviest tie on screen, so a hub's hundreds of shared stories stay legible.
          width: edge.kind === "MENTIONS" ? 1 : 1 + 7 * Math.sqrt(edge.weight / heaviest),
          label: edge.kind === "MENTIONS" ? "mentions" : `${edge.weight} shared ${edge.weight === 1 ? "story" : "stories"}`,
        };
        const existing = cy.getElementById(edge.id);
        if (existing.nonempty()) existing.data(data);
        else if (cy.getElementById(edge.source).nonempty() && cy.getElementById(edge.target).nonempty()) cy.add({ group: "edges", data });
      }
      cy.elements().removeClass("focus path faded off pinned");
      for (const [name, ids] of Object.entries(classes)) {
        for (const id of ids) cy.getElementById(id).addClass(name);
      }
      for (const id of this.pinned) cy.getElementById(id).addClass("pinned");
      cy.elements().unselect();
      if (select) cy.getElementById(select).select();
    });
    // cytoscape works a class change into an element's style on its next frame, unless asked sooner, and until then
    // visible() and ":visible" answer from before the change: a node shown again would count as hidden here (so
    // neither laid out nor framed) and for whoever reads the view once this draw is done. Ask now.
    cy.elements().forEach((el) => el.style("display"));
    const visible = cy.nodes(":visible");
    const added = visible.filter((n) => !before.has(n.id()) || !n.scratch("_laidOut"));
    if (added.nonempty()) this.layout(before.size === 0);
  }

  /** A new node starts beside a neighbour already on screen, so the layout only nudges the view. */
  startPosition(node, model) {
    const neighbour = model.edges
      .filter((e) => e.source === node.iri || e.target === node.iri)
      .map((e) => this.cy.getElementById(e.source === node.iri ? e.target : e.source))
      .find((n) => n.nonempty());
    const centre = neighbour ? neighbour.position() : { x: 0, y: 0 };
    const angle = Math.random() * 2 * Math.PI;
    return { x: centre.x + 60 * Math.cos(angle), y: centre.y + 60 * Math.sin(angle) };
  }

  /** Lays out the visible elements; resolves when positions are final. Big views are laid out in a worker. */
  layout(fresh) {
    const visible = this.cy.elements(":visible");
    const fixed = [...this.pinned]
      .map((id) => this.cy.getElementById(id))
      .filter((n) => n.nonempty() && n.visible())
      .map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    const id = ++this.layoutId;
    const big = visible.nodes().length > WORKER_NODES && this.worker();
    const positioned = big
      ? this.layoutInWorker(id, visible, fixed, fresh).catch(() => this.layoutHere(visible, fixed, fresh))
      : this.layoutHere(visible, fixed, fresh);
    const done = positioned.then(() => {
      // Only the newest layout frames the view; an older one finishing late changes nothing.
      if (id === this.layoutId) this.frame(visible);
    });
    visible.nodes().scratch("_laidOut", true);
    this.laidOut = done;
    return done;
  }

  /** fCoSE on the main thread: small views, where measuring labels makes a tidier picture. */
  layoutHere(visible, fixed, fresh) {
    return new Promise((resolve) => {
      visible.layout({
        name: "fcose",
        quality: "default",
        randomize: fresh,
        animate: false,
        fit: false,
        nodeDimensionsIncludeLabels: visible.nodes().length <= WORKER_NODES,
        idealEdgeLength: (edge) => (edge.data("kind") === "MENTIONS" ? 60 : 110),
        nodeRepulsion: () => 9000,
        fixedNodeConstraint: fixed.length ? fixed : undefined,
        stop: resolve,
      }).run();
    });
  }

  /**
   * fCoSE in layout-worker.js: the view is drawn at once (a circle when it is new) and stays
   * pannable while a few hundred nodes are laid out; the positions land when they are ready.
   */
  layoutInWorker(id, visible, fixed, fresh) {
    if (fresh) {
      visible.nodes().layout({ name: "circle", animate: false, fit: false }).run();
      this.frame(visible);
    }
    const message = {
      id, fixed, fresh, withLabels: false,
      nodes: visible.nodes().map((n) => ({ id: n.id(), size: n.data("size"), x: n.position().x, y: n.position().y })),
      edges: visible.edges().map((e) => ({ source: e.data("source"), target: e.data("target"), kind: e.data("kind") })),
    };
    return new Promise((resolve, reject) => {
      const worker = this.layoutWorker;
      const answered = (event) => {
        if (event.data.id !== id) return;
        worker.removeEventListener("message", answered);
        worker.removeEventListener("error", failed);
        if (id === this.layoutId) {
          this.cy.batch(() => visible.nodes().positions((node) => event.data.positions[node.id()] || node.position()));
        }
        resolve();
      };
      const failed = (error) => {
        worker.removeEventListener("message", answered);
        worker.removeEventListener("error", failed);
        this.layoutWorker = null;
        this.workerBroken = true;
        reject(error);
      };
      worker.addEventListener("message", answered);
      worker.addEventListener("error", failed);
      worker.postMessage(message);
    });
  }

  /** The layout worker, started on first use; null where workers cannot run (then layouts run here). */
  worker() {
    if (!this.layoutWorker && !this.workerBroken) {
      try {
        this.layoutWorker = new Worker(new URL("./layout-worker.js", import.meta.url));
      } catch {
        this.workerBroken = true;
      }
    }
    return this.layoutWorker;
  }

  /** Fits the view, without zooming a handful of nodes up to a size where labels look shouted. */
  frame(visible) {
    this.cy.fit(visible, 40);
    if (this.cy.zoom() > 1.4) this.cy.zoom({ level: 1.4, renderedPosition: { x: this.cy.width() / 2, y: this.cy.height() / 2 } });
    this.cy.center(visible);
  }

  fit() {
    this.cy.fit(this.cy.elements(":visible"), 40);
  }

  zoom(factor) {
    const cy = this.cy;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  togglePin(iri) {
    const node = this.cy.getElementById(iri);
    if (this.pinned.has(iri)) this.pinned.delete(iri);
    else this.pinned.add(iri);
    node.toggleClass("pinned", this.pinned.has(iri));
    return this.pinned.has(iri);
  }

  /** The next visible node from the selected one in an arrow's direction (nearest within a 90° cone). */
  neighbourInDirection(from, dx, dy) {
    const origin = from.position();
    let best = null;
    let bestScore = Infinity;
    for (const node of this.cy.nodes(":visible")) {
      if (node.same(from)) continue;
      const vx = node.position().x - origin.x;
      const vy = node.position().y - origin.y;
      const along = vx * dx + vy * dy;
      const across = Math.abs(vx * dy - vy * dx);
      if (along <= 0 || across > along) continue;
      const score = along + 2 * across;
      if (score < bestScore) {
        best = node;
        bestScore = score;
      }
    }
    return best;
  }

  onKey(event) {
    const cy = this.cy;
    const selected = cy.nodes(":selected").first();
    const directions = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (event.key in directions) {
      event.preventDefault();
      let next;
      if (selected.empty()) next = cy.nodes(".focus:visible").first().nonempty() ? cy.nodes(".focus:visible").first() : cy.nodes(":visible").first();
      else next = this.neighbourInDirection(selected, ...directions[event.key]);
      if (next && next.nonempty()) {
        this.handlers.select(next.id());
        const box = next.renderedBoundingBox();
        if (box.x1 < 0 || box.y1 < 0 || box.x2 > cy.width() || box.y2 > cy.height()) cy.center(next);
        const type = TYPES[next.data("type")];
        this.handlers.announce(`${next.data("label")}, ${type ? type.label.toLowerCase() : ""}, ${next.connectedEdges(":visible").length} connections`);
      }
      return;
    }
    const actions = {
      Enter: () => selected.nonempty() && this.handlers.open(selected.id()),
      e: () => selected.nonempty() && this.handlers.expand(selected.id()),
      h: () => selected.nonempty() && this.handlers.hide(selected.id()),
      p: () => selected.nonempty() && this.handlers.pin(selected.id()),
      f: () => this.fit(),
      "+": () => this.zoom(1.25),
      "=": () => this.zoom(1.25),
      "-": () => this.zoom(0.8),
      Escape: () => this.handlers.select(null),
    };
    if (event.key in actions && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      actions[event.key]();
    }
  }

  /** The view as a PNG blob (the whole graph, white background, 2× for sharp text). */
  png() {
    return this.cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" });
  }
}
