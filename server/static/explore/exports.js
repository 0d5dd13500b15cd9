// Exports of the current view: a PNG picture, the GraphQL/JSON that built it, and the query text to copy.
import { journal } from "./api.js";

function download(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

/** The GraphQL documents and variables of every request behind the view, runnable as they are. */
export function queryText() {
  const seen = new Set();
  const parts = [];
  for (const entry of journal) {
    const key = `${entry.query}${JSON.stringify(entry.variables)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    parts.push(`${entry.query}\n# variables: ${JSON.stringify(entry.variables)}`);
  }
  return parts.join("\n\n");
}

export function exportJson() {
  const requests = journal.map(({ query, variables, data }) => ({ endpoint: "/graphql", query, variables, data }));
  download(new Blob([JSON.stringify({ url: window.location.href, requests }, null, 2)], { type: "application/json" }), "storygraph-view.json");
}

export function exportPng(view) {
  download(view.png(), "storygraph-view.png");
}

/** Copies `text` to the clipboard; false when the browser refuses (the caller then shows it to select). */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
