// Runs the fCoSE layout off the page's main thread, on a headless cytoscape, so a big view stays
// pannable while it is laid out. Message in: {id, nodes: [{id, size, x, y}], edges: [{source, target, kind}],
// fixed: [{nodeId, position}], fresh}; message out: {id, positions: {nodeId: {x, y}}}.
importScripts("vendor/cytoscape.min.js", "vendor/layout-base.js", "vendor/cose-base.js", "vendor/cytoscape-fcose.js");
cytoscape.use(cytoscapeFcose);

self.onmessage = (event) => {
  const { id, nodes, edges, fixed, fresh, withLabels } = event.data;
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: "node", style: { width: "data(size)", height: "data(size)" } }],
    elements: [
      ...nodes.map((n) => ({ group: "nodes", data: { id: n.id, size: n.size }, position: { x: n.x, y: n.y } })),
      ...edges.map((e) => ({ group: "edges", data: { source: e.source, target: e.target, kind: e.kind } })),
    ],
  });
  cy.layout({
    name: "fcose",
    quality: "default",
    randomize: fresh,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: withLabels,
    idealEdgeLength: (edge) => (edge.data("kind") === "MENTIONS" ? 60 : 110),
    nodeRepulsion: () => 9000,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
  }).run();
  const positions = {};
  cy.nodes().forEach((node) => { positions[node.id()] = node.position(); });
  self.postMessage({ id, positions });
  cy.destroy();
};
