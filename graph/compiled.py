"""Whether the extractor runs compiled (C extensions built by mypyc, `make compile`) or as the pure Python beside it.

The build (graph/compile.py) writes the extensions to build/mypyc/, outside the packages, and a stamp there: the hash
of every source file the compiled modules were built from. `graph` and `graph.extract` put build/mypyc/ first on
their module search path only when that stamp matches the sources as they are now, so an edited module always runs
as edited: a stale build is ignored (one line on stderr says so) until `make compile` rebuilds it.
`STORYGRAPH_PURE=1` runs pure Python whatever is built.
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib.machinery
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "mypyc"
STAMP = "stamp.json"
# The compiled modules: all of graph/extract but two, and graph/resolve.py (1.39x fewer instructions a story than pure
# Python; round speed48's nine heaviest alone gave 1.13x; a build from nothing takes one to two minutes: tests/data/
# NONILO.md, round speed48, "speed49"). graph/extract/__init__.py stays Python (it puts the build on its own search
# path, and `Extractor` is subclassed), so does knowledge.py (its functools.cached_property needs an instance __dict__).
MODULES = (
    "graph/extract/acronyms.py",
    "graph/extract/actions.py",
    "graph/extract/appositions.py",
    "graph/extract/arbitration.py",
    "graph/extract/articles.py",
    "graph/extract/bodies.py",
    "graph/extract/brackets.py",
    "graph/extract/campaign_fronts.py",
    "graph/extract/campaigns.py",
    "graph/extract/chunks.py",
    "graph/extract/companions.py",
    "graph/extract/construct.py",
    "graph/extract/cued.py",
    "graph/extract/dates.py",
    "graph/extract/definitions.py",
    "graph/extract/divisions.py",
    "graph/extract/doc.py",
    "graph/extract/employers.py",
    "graph/extract/folding.py",
    "graph/extract/forms.py",
    "graph/extract/fronts.py",
    "graph/extract/funds.py",
    "graph/extract/gates.py",
    "graph/extract/gazetteer.py",
    "graph/extract/glosses.py",
    "graph/extract/guesses.py",
    "graph/extract/headlines.py",
    "graph/extract/its.py",
    "graph/extract/joined.py",
    "graph/extract/labels.py",
    "graph/extract/launched.py",
    "graph/extract/learned.py",
    "graph/extract/memo.py",
    "graph/extract/nesting.py",
    "graph/extract/offices.py",
    "graph/extract/organizations.py",
    "graph/extract/organs.py",
    "graph/extract/owners.py",
    "graph/extract/people.py",
    "graph/extract/pipeline.py",
    "graph/extract/places.py",
    "graph/extract/plans.py",
    "graph/extract/prefixed.py",
    "graph/extract/programmes.py",
    "graph/extract/regions.py",
    "graph/extract/repeats.py",
    "graph/extract/resources.py",
    "graph/extract/selection.py",
    "graph/extract/shortnames.py",
    "graph/extract/slogans.py",
    "graph/extract/spans.py",
    "graph/extract/subdivisions.py",
    "graph/extract/surnames.py",
    "graph/extract/tails.py",
    "graph/extract/themes.py",
    "graph/extract/things.py",
    "graph/extract/topics.py",
    "graph/extract/workplaces.py",
    "graph/resolve.py",
)
PURE_ENV = "STORYGRAPH_PURE"
STALE = "storygraph: compiled extractor is out of date; run `make compile`, running pure Python"


def abi() -> str:
    """What the extensions were built for: this interpreter's extension suffix (version, ABI and platform)."""
    return importlib.machinery.EXTENSION_SUFFIXES[0]


def sources(modules: tuple[str, ...] = MODULES, root: Path = ROOT) -> list[str]:
    """The files the compiled modules are built from: each one, the graph modules it imports (transitively: mypyc
    reads their types and constants), this file (which names them) and graph/compile.py (which builds them), relative
    to `root`, sorted."""
    seen: set[str] = {"graph/compiled.py", "graph/compile.py"}
    todo = list(modules)
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for node in ast.walk(ast.parse((root / path).read_bytes(), path)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            for name in names:
                if name.split(".")[0] != "graph":
                    continue
                base = root / name.replace(".", "/")
                for candidate in (base.with_suffix(".py"), base / "__init__.py"):
                    if candidate.is_file():
                        todo.append(candidate.relative_to(root).as_posix())
        parts = Path(path).parts  # a package's __init__ runs first, so it is read too
        for depth in range(1, len(parts)):
            init = Path(*parts[:depth], "__init__.py")
            if (root / init).is_file():
                todo.append(init.as_posix())
    return sorted(seen)


def digest(files: list[str], root: Path = ROOT) -> str:
    """The hash of these files' names and bytes (the stamp's); raises OSError when one is missing."""
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode() + b"\0" + (root / name).read_bytes() + b"\0")
    return h.hexdigest()


@dataclass(frozen=True)
class State:
    """Where compiled modules are imported from (None: pure Python) and a line that says which, and why."""

    directory: Path | None
    summary: str

    def search_path(self, package: str) -> list[str]:
        """What to put first on `package`'s __path__: the build's folder for it, when the build is in use."""
        return [str(self.directory.joinpath(*package.split(".")))] if self.directory is not None else []


def check(build: Path = BUILD, root: Path = ROOT) -> State:
    """Whether the build in `build` matches the sources in `root` (printing the stale line when it does not)."""
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        return State(None, f"pure Python ({PURE_ENV} is set)")
    try:
        stamp = json.loads((build / STAMP).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return State(None, "pure Python (not compiled: `make compile` builds it)")
    except (OSError, ValueError):
        stamp = {}
    try:
        current = stamp.get("abi") == abi() and stamp.get("digest") == digest(stamp["files"], root)
    except (OSError, KeyError, TypeError):
        current = False
    if not current:
        print(STALE, file=sys.stderr)
        # worker processes and subprocesses started from here need not say it again
        os.environ[PURE_ENV] = "1"
        return State(None, "pure Python (the compiled extractor is out of date: `make compile`)")
    return State(build, f"compiled by mypyc ({len(stamp.get('modules', ()))} modules, {build})")


def as_call(obj: Any) -> tuple[type, tuple[object, ...]]:
    """`obj.__reduce__()` for a frozen dataclass the import's worker processes get pickled: the call that makes it
    again, its class and every field in order. Compiled by mypyc, such a class cannot be restored field by field (its
    frozen `__setattr__` refuses); every field is taken, so a field added later travels too."""
    return type(obj), tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


STATE = check()


def in_use() -> bool:
    """Whether the compiled modules are the ones imported (the first of them, imported to find out)."""
    import importlib

    module = importlib.import_module(MODULES[0].removesuffix(".py").replace("/", "."))
    return STATE.directory is not None and Path(module.__file__ or "").is_relative_to(STATE.directory)


def describe() -> str:
    """One line for `storygraph --version`: how the extractor runs."""
    return f"extractor: {STATE.summary}" if in_use() or STATE.directory is None else \
        f"extractor: pure Python (a build is in {STATE.directory} but its modules were not imported)"
