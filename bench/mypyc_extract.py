"""A copy of this checkout with the extractor compiled by mypyc, to measure what compiling pays (round speed47).

    python -m bench.mypyc_extract /tmp/compiled                  # graph/extract/*.py less knowledge.py
    python -m bench.mypyc_extract /tmp/compiled --resolve        # ... and graph/resolve.py
    cd /tmp/compiled && /path/to/.venv/bin/python -m bench.extract_speed 20000 --corpus synthetic

The copy is `git archive HEAD` (commit first), built in place (C extensions beside the .py files, which Python then
imports instead); run the benchmarks from inside it with this checkout's .venv (mypy, which ships mypyc, is a dev
dependency; gcc and the Python headers are needed). Nothing here is wired into `make`: tests/data/NONILO.md, "Round
speed47", says what compiling gained, what breaks (pickling the extractor for the import's workers, interpreted
subclasses, functools.cached_property) and what is left before it can ship. knowledge.py stays Python: its
`cached_property`s are recomputed on every read in a compiled class (no instance __dict__ to cache in).
"""
from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEFT_PYTHON = ("knowledge.py",)
# mypy's settings for the copy (mypy.ini wins over pyproject.toml, whose [tool.mypy] `files` would add every package)
MYPY_INI = "[mypy]\npython_version = 3.11\nexplicit_package_bases = True\nignore_missing_imports = True\n"


def modules(resolve: bool) -> list[str]:
    """The files compiled, relative to the checkout."""
    paths = [f"graph/extract/{p.name}" for p in sorted((ROOT / "graph" / "extract").glob("*.py")) if p.name not in LEFT_PYTHON]
    return [*paths, "graph/resolve.py"] if resolve else paths


def build(dest: Path, paths: list[str], opt_level: str = "3") -> float:
    """Copy HEAD to `dest` and compile `paths` there; the seconds it took."""
    started = time.perf_counter()
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True).stdout
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    (dest / "mypy.ini").write_text(MYPY_INI, encoding="utf-8")
    os.chdir(dest)
    from mypyc.build import mypycify
    from setuptools import Distribution

    # Distribution itself, not setup(): setup() would validate pyproject.toml with the venv's older setuptools
    dist = Distribution({"name": "storygraph-compiled", "ext_modules": mypycify(paths, opt_level=opt_level)})
    command = dist.get_command_obj("build_ext")
    command.inplace = True
    dist.run_command("build_ext")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dest", type=Path, help="an empty folder for the compiled copy")
    parser.add_argument("--resolve", action="store_true", help="compile graph/resolve.py too")
    parser.add_argument("--opt", default="3", help="the C compiler's optimization level (default 3)")
    parser.add_argument("--only", nargs="+", metavar="PATH", help="compile these files instead (relative paths)")
    args = parser.parse_args()
    seconds = build(args.dest.resolve(), args.only or modules(args.resolve), args.opt)
    print(f"built in {seconds:.0f}s: {args.dest}", file=sys.stderr)


if __name__ == "__main__":
    main()
