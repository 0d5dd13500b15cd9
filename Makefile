# Two commands do everything: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= ./data
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test test-fast lint install dev compile import serve bench clean schema explorer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files re-run the install when pyproject.toml changes. `make run` installs mypy too (the `compile` extra):
# the compiled extractor (1.13x fewer instructions a story) is built by default, and a first `make run` imports.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[compile]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed compile
dev: $(VENV)/.installed-dev compile

# The extractor compiled to C by mypyc (graph/compiled.py, graph/compile.py), in build/mypyc/: built once (~30 s on a free core),
# rebuilt when its sources change, used only while it matches them. Without a C compiler, the Python headers or
# mypyc it says so in one line, and everything runs as pure Python (the same output, slower).
compile: | $(VENV)/.installed
	@STORYGRAPH_PURE=1 $(BIN)/python -m graph.compile

import: install
	$(BIN)/storygraph import --db $(DB) --base http://$(HOST):$(PORT)/ seeds/*

run: import
	$(BIN)/storygraph serve --db $(DB) --host $(HOST) --port $(PORT)

test: dev lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# ruff (lint) and mypy (types), configured in pyproject.toml; make test runs them first.
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check graph schema server bench tests
	$(BIN)/mypy

# The edit loop: unit tests only, no started servers or browsers. It does not rebuild the compiled extractor
# (`make dev`, `make test` do): after an edit of its sources the tests run them as pure Python.
test-fast: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q --ignore=tests/e2e $(PYTEST_ARGS)

schema: $(VENV)/.installed
	$(BIN)/storygraph schema > schema/schema.graphql

# make bench STORIES=100000   (default 20000; ~30-40 min at 100k on 2 idle cores, ~21 min at 2k under load)
# make bench BENCH_ARGS='--only import,graphql --report targets.md'   ends with the table of issue 17's targets
STORIES ?= 20000
bench: dev
	$(BIN)/python -m bench.run --stories $(STORIES) $(BENCH_ARGS)

# Rebuild the explorer's vendored graph library (server/static/explore/vendor/) from
# explorer/package-lock.json. Needs Node and the npm registry; `make run` does not.
explorer:
	cd explorer && npm ci --no-audit --no-fund
	node explorer/vendor.mjs

clean:
	rm -rf $(VENV) $(DB) .pytest_cache build
