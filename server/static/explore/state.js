// The view's state lives in the URL, so a view can be shared and back/forward step through it.
//
//   /explore?focus=IRI&expand=IRI&expand=IRI&hide=IRI&hideType=THEME&since=2021-02&until=2021-02
//           &pathFrom=IRI&pathTo=IRI&stories=1&size=centrality&cap=25&select=IRI

export const DEFAULT_CAP = 25;
export const MAX_CAP = 200;

/** The state a URL describes. */
export function parse(search = window.location.search) {
  const params = new URLSearchParams(search);
  const month = (name) => (/^\d{4}-\d{2}$/.test(params.get(name) || "") ? params.get(name) : null);
  const cap = Number.parseInt(params.get("cap") || "", 10);
  return {
    focus: params.get("focus") || null,
    expand: params.getAll("expand"),
    hide: params.getAll("hide"),
    hideType: params.getAll("hideType"),
    since: month("since"),
    until: month("until"),
    pathFrom: params.get("pathFrom") || null,
    pathTo: params.get("pathTo") || null,
    stories: params.get("stories") === "1",
    size: params.get("size") === "centrality" ? "centrality" : "stories",
    cap: Number.isFinite(cap) ? Math.min(Math.max(cap, 1), MAX_CAP) : DEFAULT_CAP,
    select: params.get("select") || null,
  };
}

/** The query string for a state (defaults left out, so URLs stay short). */
export function serialize(state) {
  const params = new URLSearchParams();
  if (state.focus) params.set("focus", state.focus);
  for (const iri of state.expand) params.append("expand", iri);
  for (const iri of state.hide) params.append("hide", iri);
  for (const type of state.hideType) params.append("hideType", type);
  if (state.since) params.set("since", state.since);
  if (state.until) params.set("until", state.until);
  if (state.pathFrom) params.set("pathFrom", state.pathFrom);
  if (state.pathTo) params.set("pathTo", state.pathTo);
  if (state.stories) params.set("stories", "1");
  if (state.size !== "stories") params.set("size", state.size);
  if (state.cap !== DEFAULT_CAP) params.set("cap", String(state.cap));
  if (state.select) params.set("select", state.select);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * Holds the current state and keeps the URL in step: `change` pushes a history entry (a step
 * back/forward can return to), `adjust` replaces the current one (selection). Both return
 * what `onChange` returns (the render's promise).
 */
export class UrlState {
  constructor(onChange) {
    this.onChange = onChange;
    this.current = parse();
    window.addEventListener("popstate", () => {
      this.current = parse();
      this.onChange(this.current);
    });
  }

  change(patch) {
    this.current = { ...this.current, ...patch };
    history.pushState(null, "", window.location.pathname + serialize(this.current));
    return this.onChange(this.current);
  }

  adjust(patch) {
    this.current = { ...this.current, ...patch };
    history.replaceState(null, "", window.location.pathname + serialize(this.current));
    return this.onChange(this.current);
  }
}
