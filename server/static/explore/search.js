// Search with autocomplete: an ARIA combobox over the API's full-text search (prefixes, as you type).
import { run } from "./api.js";
import { h } from "./dom.js";
import { TYPES } from "./graph-view.js";

let counter = 0;

export class Search {
  /**
   * @param input the text field (becomes the combobox)
   * @param onChoose ({iri, name, type}) when a result is chosen with Enter or a click
   * @param options { entitiesOnly: skip stories; onError(message) }
   */
  constructor(input, onChoose, { entitiesOnly = false, onError = () => {} } = {}) {
    this.input = input;
    this.onChoose = onChoose;
    this.entitiesOnly = entitiesOnly;
    this.onError = onError;
    this.results = [];
    this.active = -1;
    const id = `results-${++counter}`;
    this.list = h("ul", { id, role: "listbox", class: "results", hidden: true });
    input.after(this.list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.onKey(event));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lookup(this.input.value.trim()), 120);
  }

  async lookup(text) {
    if (this.pending) this.pending.abort();
    if (text.length < 2) {
      this.close();
      return;
    }
    this.pending = new AbortController();
    try {
      const data = await run("search", { text }, { signal: this.pending.signal, remember: false });
      if (this.input.value.trim() !== text) return;
      this.results = data.search.map((hit) => hit.node)
        .filter((node) => node.iri && (!this.entitiesOnly || node.__typename !== "Story"))
        .map((node) => ({ iri: node.iri, type: node.__typename, name: node.name || node.title, detail: node.date || `${node.storyCount} ${node.storyCount === 1 ? "story" : "stories"}` }));
      this.render();
    } catch (error) {
      if (error.name !== "AbortError") this.onError(error.message);
    }
  }

  render() {
    this.active = this.results.length ? 0 : -1;
    const empty = h("li", { class: "empty", role: "option", "aria-disabled": "true" }, "Nothing found");
    this.list.replaceChildren(...(this.results.length ? this.results.map((result, index) => {
      const type = TYPES[result.type] || TYPES.Story;
      return h("li", { id: `${this.list.id}-${index}`, role: "option", onmousedown: (e) => { e.preventDefault(); this.choose(index); } },
        h("span", { class: `swatch shape-${type.shape}`, style: `--c:${type.colour}`, "aria-hidden": "true" }),
        h("span", { class: "name" }, result.name), h("span", { class: "detail" }, `${type.label} · ${result.detail}`));
    }) : [empty]));
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.highlight();
  }

  highlight() {
    [...this.list.children].forEach((item, index) => item.setAttribute("aria-selected", String(index === this.active)));
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `${this.list.id}-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  onKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (this.list.hidden) {
        this.lookup(this.input.value.trim());
        return;
      }
      const n = this.results.length;
      if (n) this.active = (this.active + (event.key === "ArrowDown" ? 1 : -1) + n) % n;
      this.highlight();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.active >= 0 && !this.list.hidden) this.choose(this.active);
      else this.lookup(this.input.value.trim());
    } else if (event.key === "Escape") {
      this.close();
    }
  }

  choose(index) {
    const result = this.results[index];
    this.close();
    this.input.value = result.name;
    this.onChoose(result);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }
}
