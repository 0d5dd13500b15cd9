// The details panel: what is known about the selected node or edge, with the evidence in the story text.
import { h, highlighted } from "./dom.js";
import { TYPES } from "./graph-view.js";

/** Where the Linked Data page of an IRI is: the IRI itself when this server mints it, else the same path here. */
export function linkedDataHref(iri) {
  try {
    const url = new URL(iri);
    return url.origin === window.location.origin ? iri : url.pathname;
  } catch {
    return iri;
  }
}

function typeBadge(type) {
  const info = TYPES[type] || { label: type, colour: "#888", shape: "rectangle" };
  return h("span", { class: "badge" }, h("span", { class: `swatch shape-${info.shape}`, style: `--c:${info.colour}`, "aria-hidden": "true" }), info.label);
}

function evidenceNote(mention, name) {
  return `${name || mention.text}: ${mention.method}, confidence ${mention.confidence.toFixed(2)}`;
}

/** A story's title and summary with the given mentions marked. */
function storyText(story, mentions, nameOf) {
  const ranges = (field) => mentions.filter((m) => m.field === field)
    .map((m) => ({ start: m.start, end: m.end, note: evidenceNote(m, nameOf(m)) }));
  return [
    h("p", { class: "story-title" }, ...highlighted(story.title, ranges("title"))),
    h("p", { class: "story-summary" }, ...highlighted(story.summary || "", ranges("summary"))),
  ];
}

export class Panel {
  /** @param actions { openStory(iri), focus(iri), expand(iri), collapse(iri), hide(iri), pin(iri), pathFrom(iri), pathTo(iri), copyQuery(), select(id) } */
  constructor(element, actions) {
    this.element = element;
    this.actions = actions;
  }

  show(...children) {
    this.element.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
    this.element.hidden = false;
  }

  /** Moves keyboard focus to the panel's heading (after Enter on a node). */
  focusHeading() {
    const heading = this.element.querySelector("h2");
    if (heading) heading.focus();
  }

  links(iri) {
    return h("p", { class: "links" },
      h("a", { href: linkedDataHref(iri) }, "Linked Data page"), " · ",
      h("button", { type: "button", class: "link", onclick: () => this.actions.copyQuery() }, "Copy the GraphQL query of this view"));
  }

  heading(text) {
    return h("h2", { tabindex: "-1" }, text);
  }

  entity(entity, { expanded, pinned, focus }) {
    const a = this.actions;
    const iri = entity.iri;
    const own = (story) => story.links.filter((l) => l.entity.iri === iri).flatMap((l) => l.evidence);
    const stories = entity.stories.map((story) => h("li", {},
      h("p", { class: "meta" }, story.date || "undated", " · ",
        h("button", { type: "button", class: "link", onclick: () => a.openStory(story.iri) }, "open story")),
      ...storyText(story, own(story), () => entity.name),
      h("p", { class: "evidence" }, own(story).map((m) => `“${m.text}” in ${m.field} (${m.method}, ${m.confidence.toFixed(2)})`).join(" · "))));
    const affiliations = (entity.affiliations || []).filter((f) => f.organization);
    this.show(
      typeBadge(entity.__typename),
      this.heading(entity.name),
      h("p", { class: "muted" }, `${entity.storyCount} ${entity.storyCount === 1 ? "story" : "stories"} · centrality ${entity.centrality.toFixed(4)}`),
      entity.aliases.length ? h("p", {}, h("strong", {}, "Also: "), entity.aliases.join(", ")) : null,
      affiliations.length ? h("div", {}, h("h3", {}, "Roles"), h("ul", {}, affiliations.map((f) =>
        h("li", {}, f.role ? `${f.role}, ` : "", h("button", { type: "button", class: "link", onclick: () => a.focus(f.organization.iri) }, f.organization.name),
          ` (${f.stories.length} ${f.stories.length === 1 ? "story" : "stories"})`)))) : null,
      h("div", { class: "actions" },
        focus ? null : h("button", { type: "button", onclick: () => a.focus(iri) }, "Focus"),
        expanded ? h("button", { type: "button", onclick: () => a.collapse(iri) }, "Collapse")
          : h("button", { type: "button", onclick: () => a.expand(iri) }, "Expand…"),
        h("button", { type: "button", "aria-pressed": String(pinned), onclick: () => a.pin(iri) }, pinned ? "Unpin" : "Pin"),
        focus ? null : h("button", { type: "button", onclick: () => a.hide(iri) }, "Hide"),
        h("button", { type: "button", onclick: () => a.pathFrom(iri) }, "Path from here"),
        h("button", { type: "button", onclick: () => a.pathTo(iri) }, "Path to here")),
      this.links(iri),
      h("h3", {}, entity.storyCount > entity.stories.length ? `Newest ${entity.stories.length} stories` : "Stories"),
      h("ul", { class: "stories" }, stories),
    );
  }

  story(story) {
    const names = new Map(story.links.map((l) => [l.entity.iri, l.entity.name]));
    const mentions = story.links.flatMap((l) => l.evidence.map((m) => ({ ...m, name: names.get(l.entity.iri) })));
    this.show(
      typeBadge("Story"),
      this.heading(story.title),
      h("p", { class: "muted" }, story.date || "undated", story.url ? [" · ", h("a", { href: story.url, rel: "nofollow" }, "source")] : null),
      h("div", { class: "story" }, ...storyText(story, mentions, (m) => m.name)),
      h("h3", {}, "What it links to"),
      h("ul", { class: "evidence-list" }, story.links.map((link) => h("li", {},
        h("button", { type: "button", class: "link", onclick: () => this.actions.focus(link.entity.iri) }, link.entity.name),
        ` (${link.type.toLowerCase()}): `,
        link.evidence.map((m) => `“${m.text}” in ${m.field}, ${m.method}, confidence ${m.confidence.toFixed(2)}`).join("; ")))),
      this.links(story.iri),
    );
  }

  edge(source, target, tie) {
    const stories = tie ? tie.stories : [];
    this.show(
      h("span", { class: "badge" }, "Tie"),
      this.heading(`${source.label} — ${target.label}`),
      h("p", { class: "muted" }, `${tie ? tie.weight : 0} shared ${tie && tie.weight === 1 ? "story" : "stories"}`),
      h("ul", { class: "stories" }, stories.map((story) => h("li", {},
        h("p", { class: "meta" }, story.date || "undated", " · ",
          h("button", { type: "button", class: "link", onclick: () => this.actions.openStory(story.iri) }, "open story")),
        h("p", { class: "story-title" }, story.title),
        h("p", { class: "story-summary" }, story.summary)))),
      h("p", { class: "links" }, h("button", { type: "button", class: "link", onclick: () => this.actions.copyQuery() }, "Copy the GraphQL query of this view")),
    );
  }

  /** The expand preview: counts by type and year, and the cap; resolves with the chosen cap or null. */
  preview(name, preview, cap) {
    return new Promise((resolve) => {
      const input = h("input", { type: "number", id: "expand-cap", min: 1, max: 200, value: cap });
      const byType = preview.byType.map((t) => `${t.count} ${t.type.toLowerCase()}`).join(", ");
      const byYear = preview.byYear.map((y) => `${y.year}: ${y.count}`).join(", ");
      const warning = preview.neighbours > cap
        ? h("p", { class: "warning" }, `That is more than ${cap}: only the ${cap} with the most shared stories will be shown.`) : null;
      this.show(
        h("span", { class: "badge" }, "Expand"),
        this.heading(`Expand ${name}?`),
        h("p", { class: "preview-counts" }, `${preview.neighbours} connected ${preview.neighbours === 1 ? "entity" : "entities"} in ${preview.stories} ${preview.stories === 1 ? "story" : "stories"}`),
        byType ? h("p", {}, h("strong", {}, "By type: "), byType) : null,
        byYear ? h("p", {}, h("strong", {}, "Stories by year: "), byYear) : null,
        warning,
        h("p", {}, h("label", { for: "expand-cap" }, "Show at most "), input, " of them"),
        h("div", { class: "actions" },
          h("button", { type: "button", class: "primary", onclick: () => resolve(Math.min(Math.max(Number(input.value) || cap, 1), 200)) }, "Expand"),
          h("button", { type: "button", onclick: () => resolve(null) }, "Cancel")),
      );
      this.focusHeading();
    });
  }

  paths(from, to, paths) {
    this.show(
      h("span", { class: "badge" }, "Paths"),
      this.heading(`${from} → ${to}`),
      paths.length ? h("p", { class: "muted" }, `${paths.length} shortest ${paths.length === 1 ? "path" : "paths"} of ${paths[0].length} ${paths[0].length === 1 ? "hop" : "hops"}; the first is highlighted.`)
        : h("p", { class: "warning" }, "No path of at most 4 hops joins them."),
      h("ol", { class: "paths" }, paths.map((path) => h("li", {},
        h("ol", { class: "hops" }, path.hops.map((hop) => {
          const name = (iri) => (path.nodes.find((n) => n.iri === iri) || { name: iri }).name;
          return h("li", {}, h("strong", {}, `${name(hop.source.iri)} → ${name(hop.target.iri)}`),
            h("ul", { class: "hop-stories" }, hop.stories.map((story) => h("li", {},
              `${story.date || "undated"} · `,
              h("button", { type: "button", class: "link", onclick: () => this.actions.openStory(story.iri) }, story.title)))));
        }))))),
      h("div", { class: "actions" }, h("button", { type: "button", onclick: () => this.actions.clearPath() }, "Clear path")),
    );
  }

  message(title, text, ...extra) {
    this.show(this.heading(title), h("p", {}, text), ...extra);
  }
}
