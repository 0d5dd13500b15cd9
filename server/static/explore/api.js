// The explorer's only way to the data: the public GraphQL API at /graphql, plus /healthz for the graph version.
// Every query the page runs is written out here, so "copy the query" shows exactly what built a view.

const ENDPOINT = new URL("/graphql", window.location.href).href;

const GRAPH_FIELDS = `
    truncated
    nodes {
      __typename
      ... on Entity { iri name storyCount centrality }
      ... on Story { iri title date }
    }
    edges { source target kind weight }`;

export const QUERIES = {
  search: `query Search($text: String!) {
  search(query: $text, first: 8) {
    node {
      __typename
      ... on Entity { iri name storyCount }
      ... on Story { iri title date }
    }
  }
}`,
  neighbourhood: `query Neighbourhood($iri: String!, $limit: Int!) {
  neighbourhood(iri: $iri, limit: $limit, includeStories: true) {${GRAPH_FIELDS}
  }
}`,
  subgraph: `query Subgraph($iris: [String!]!) {
  subgraph(iris: $iris, depth: 0, limit: 100, includeStories: true) {${GRAPH_FIELDS}
  }
}`,
  entity: `query Details($iri: String!) {
  entity(iri: $iri) {
    __typename
    ... on Entity {
      iri name aliases storyCount centrality
      stories(first: 20) {
        iri title date summary
        links { entity { iri } evidence { text field start end method confidence } }
      }
    }
    ... on Person { affiliations { role organization { iri name } stories { iri } } }
    ... on Story {
      iri title date summary url
      links { type entity { iri name } evidence { text field start end method confidence } }
    }
  }
}`,
  tie: `query Tie($a: String!, $b: String!) {
  subgraph(iris: [$a, $b], depth: 0) {
    edges {
      source target weight
      stories(first: 20) { iri title date summary }
    }
  }
}`,
  preview: `query Preview($iri: String!) {
  expandPreview(iri: $iri) {
    stories neighbours
    byType { type count }
    byYear { year count }
  }
}`,
  paths: `query Paths($from: String!, $to: String!) {
  paths(from: $from, to: $to, maxHops: 4, first: 3) {
    length
    nodes { __typename iri name storyCount centrality }
    hops {
      source { iri } target { iri } weight
      stories(first: 3) { iri title date }
    }
  }
}`,
};

/** An API failure, worded for a person. */
export class ApiError extends Error {}

const cache = new Map();
/** Every request that built the current view, for the export and "copy query" buttons. */
export const journal = [];

/** Runs one of QUERIES with variables; answers are cached per graph version (the server's cache is keyed the same way). */
export async function run(name, variables, { signal, remember = true } = {}) {
  const key = `${name} ${JSON.stringify(variables)}`;
  if (!cache.has(key)) {
    const pending = request(QUERIES[name], variables, signal);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  const data = await cache.get(key);
  if (remember) journal.push({ operation: name, query: QUERIES[name], variables, data });
  return data;
}

async function request(query, variables, signal) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/graphql-response+json, application/json" },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (error.name === "AbortError") throw error;
    throw new ApiError("The storygraph server could not be reached. Check that it is running, then try again.");
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a GraphQL result.`);
  }
  if (body.errors && body.errors.length) {
    throw new ApiError(body.errors.map((e) => e.message).join("; "));
  }
  if (!response.ok) throw new ApiError(`The server answered ${response.status} ${response.statusText}.`);
  return body.data;
}

/** Forget cached answers: the graph changed. */
export function forget() {
  cache.clear();
}

/** The graph version the server is serving now (from /healthz). */
export async function graphVersion() {
  const response = await fetch(new URL("/healthz", window.location.href), { cache: "no-store" });
  const body = await response.json();
  return body.version;
}
