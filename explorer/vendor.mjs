// Copies the explorer's graph library from node_modules (installed by `npm ci` from
// package-lock.json) into server/static/explore/vendor/, unmodified, with each package's licence
// and a VERSIONS file naming the exact version and registry integrity of every file's package.
// Run by `make explorer`; the copied files are committed so `make run` never needs Node.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "server", "static", "explore", "vendor");
const lock = JSON.parse(readFileSync(join(here, "package-lock.json"), "utf8"));

// Load order: cytoscape, then fcose's dependencies, then fcose (each UMD file sets a global).
const FILES = [
  ["cytoscape", "dist/cytoscape.min.js"],
  ["layout-base", "layout-base.js"],
  ["cose-base", "cose-base.js"],
  ["cytoscape-fcose", "cytoscape-fcose.js"],
];

mkdirSync(out, { recursive: true });
const lines = ["# Copied by `make explorer` (explorer/vendor.mjs) from the npm packages pinned in explorer/package-lock.json.", ""];
for (const [name, file] of FILES) {
  const entry = lock.packages[`node_modules/${name}`];
  const target = file.split("/").pop();
  copyFileSync(join(here, "node_modules", name, file), join(out, target));
  copyFileSync(join(here, "node_modules", name, "LICENSE"), join(out, `LICENSE.${name}`));
  lines.push(`${target}\t${name}@${entry.version}\t${entry.integrity}`);
}
writeFileSync(join(out, "VERSIONS"), lines.join("\n") + "\n");
console.log(`vendored ${FILES.length} files into ${out}`);
