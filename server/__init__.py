"""The composition root: the Starlette app and the `storygraph` command line."""
