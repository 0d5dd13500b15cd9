// Runs real GraphQL clients against a live /graphql and prints what each got, with every HTTP
// exchange it made, as JSON: `node clients.mjs http://127.0.0.1:PORT/graphql`.
import { createHash } from "node:crypto";
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client/core/index.js";
import { createPersistedQueryLink } from "@apollo/client/link/persisted-queries/index.js";
import { GraphQLClient } from "graphql-request";

const url = process.argv[2];
const QUERY = gql`
  query Search($text: String!) {
    search(query: $text, first: 3) { score node { id ... on Person { name } } }
  }
`;

function recordingFetch(log) {
  return async (input, init = {}) => {
    const response = await fetch(input, init);
    const target = new URL(String(input));
    log.push({
      method: init.method || "GET",
      params: [...target.searchParams.keys()].sort(),
      accept: new Headers(init.headers).get("accept"),
      status: response.status,
      contentType: response.headers.get("content-type"),
    });
    return response;
  };
}

async function apollo(mode) {
  const exchanges = [];
  const http = new HttpLink({ uri: url, fetch: recordingFetch(exchanges) });
  const sha256 = (text) => createHash("sha256").update(text).digest("hex");
  const link = mode === "plain" ? http
    : createPersistedQueryLink({ sha256, useGETForHashedQueries: mode === "apq-get" }).concat(http);
  const client = new ApolloClient({ link, cache: new InMemoryCache() });
  const answers = [];
  // Twice, bypassing the cache: the second time the server already knows the hash.
  for (let i = 0; i < 2; i++) {
    const { data } = await client.query({ query: QUERY, variables: { text: "Pausini" }, fetchPolicy: "network-only" });
    answers.push(data.search.map((hit) => hit.node.name ?? null));
  }
  return { answers, exchanges };
}

async function graphqlRequest() {
  const exchanges = [];
  const client = new GraphQLClient(url, { fetch: recordingFetch(exchanges) });
  const data = await client.request(
    `query($text: String!) { search(query: $text, first: 3) { node { ... on Person { name } } } }`,
    { text: "Pausini" },
  );
  return { answers: [data.search.map((hit) => hit.node.name ?? null)], exchanges };
}

const results = {};
for (const [name, run] of [
  ["apollo-plain", () => apollo("plain")],
  ["apollo-apq-get", () => apollo("apq-get")],
  ["apollo-apq-post", () => apollo("apq-post")],
  ["graphql-request", graphqlRequest],
]) {
  try {
    results[name] = await run();
  } catch (error) {
    results[name] = { error: String(error && error.message || error) };
  }
}
console.log(JSON.stringify(results));
