"""The Strawberry GraphQL schema over the graph's read interface."""
