"""The layers as the architecture draws them: no import circle at run time, no import running back up (graph -> schema -> server)."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("graph", "schema", "server")
LAYER = {"graph": 0, "schema": 1, "server": 2}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_only(tree: ast.Module) -> set[int]:
    """Nodes inside `if TYPE_CHECKING:` blocks: imports for annotations only, never run."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return skipped


def _imports(path: Path, module: str) -> set[str]:
    """Every project module this file imports when it runs, at the top or inside a function (a lazy import
    is still an arrow); imports for type annotations only are not."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = _type_only(tree)
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.split(".")[0] in PACKAGES}


def import_graph() -> nx.DiGraph:
    files = {_module(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for module, path in files.items():
        for target in _imports(path, module):
            # `from graph import rdf` names the module graph.rdf; `from graph.rdf import X` names graph.rdf.X.
            while target and target not in files:
                target = target.rpartition(".")[0]
            # A package's __init__ that only hands names on is not an arrow of its own modules.
            if target and target != module and not module.startswith(target + "."):
                graph.add_edge(module, target)
    return graph


def test_no_module_imports_itself_through_others() -> None:
    cycles = sorted(sorted(c) for c in nx.simple_cycles(import_graph()))
    assert cycles == [], cycles


def test_imports_point_down_only() -> None:
    upward = [(a, b) for a, b in import_graph().edges if LAYER[a.split(".")[0]] < LAYER[b.split(".")[0]]]
    assert upward == []
