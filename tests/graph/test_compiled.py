"""graph/compiled.py: the compiled extractor is used only while its build matches the sources, and runs as the pure
Python does (`make test` builds it first, so the rest of the suite runs against it)."""
from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph import compiled
from graph.compiled import BUILD, MODULES, ROOT, STALE, STAMP, abi, check, digest, sources
from graph.extract import Extractor
from graph.records import StoryRecord

# what a process started in `cwd` imports: where its compiled module and a pure one come from, and how it says it runs
PROBE = ("import graph.extract.people as p, graph.extract.knowledge as d, graph.compiled as c; "
         "print(p.__file__); print(d.__file__); print(c.describe())")
BUILT = check().directory is not None  # (check() again: the suite may have set STORYGRAPH_PURE itself)


def _probe(cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV} | env
    return subprocess.run([sys.executable, "-c", PROBE], cwd=cwd, env=environ, capture_output=True, text=True,
                          check=True, timeout=120)


def _copy(tmp_path: Path, build: bool) -> Path:
    """The checkout's graph package (and its build) in a temporary folder, where a process started there imports it."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "graph", root / "graph", ignore=shutil.ignore_patterns("__pycache__"))
    if build:
        shutil.copytree(BUILD, root / "build" / "mypyc", ignore=shutil.ignore_patterns("c", "obj"))
    return root


def _stamp(build: Path, root: Path) -> None:
    files = sources(MODULES, root)
    build.mkdir(parents=True, exist_ok=True)
    (build / STAMP).write_text(json.dumps({"abi": abi(), "modules": list(MODULES), "files": files,
                                           "digest": digest(files, root)}), encoding="utf-8")


def test_the_stamp_covers_the_compiled_modules_what_they_import_and_their_packages() -> None:
    files = sources()
    assert set(MODULES) <= set(files)
    assert {"graph/compiled.py", "graph/__init__.py", "graph/extract/__init__.py", "graph/records.py",
            "graph/extract/doc.py", "graph/extract/spans.py"} <= set(files)
    assert not any(f.startswith(("graph/store/", "graph/network/")) for f in files)


def test_a_matching_stamp_is_used_and_any_edit_to_a_source_makes_it_stale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(compiled.PURE_ENV, raising=False)
    root = _copy(tmp_path, build=False)
    build = root / "build" / "mypyc"
    assert check(build, root).directory is None  # nothing built: pure Python, silently
    assert capsys.readouterr().err == ""
    _stamp(build, root)
    assert check(build, root).directory == build
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    assert check(build, root).directory is None
    monkeypatch.delenv(compiled.PURE_ENV)
    with open(root / "graph" / "records.py", "a", encoding="utf-8") as f:  # not compiled, but read by the build
        f.write("\n# edited\n")
    assert check(build, root).directory is None
    assert capsys.readouterr().err == STALE + "\n"
    assert os.environ[compiled.PURE_ENV] == "1"  # said once: the processes it starts run pure Python quietly


@pytest.mark.skipif(not BUILT, reason="no current compiled build (`make compile`)")
def test_the_suite_runs_the_compiled_modules_when_they_are_built() -> None:
    assert compiled.in_use()
    for path in MODULES:
        module = sys.modules.get(path.removesuffix(".py").replace("/", ".")) or __import__(
            path.removesuffix(".py").replace("/", "."), fromlist=["_"])
        assert Path(module.__file__ or "").is_relative_to(BUILD), module
    assert compiled.describe().startswith("extractor: compiled by mypyc")


@pytest.mark.skipif(not BUILT, reason="no current compiled build (`make compile`)")
def test_an_edited_copy_runs_its_edit_not_the_stale_build(tmp_path: Path) -> None:
    root = _copy(tmp_path, build=True)
    people, doc, line = _probe(root).stdout.splitlines()
    assert Path(people).is_relative_to(root / "build" / "mypyc") and Path(doc) == root / "graph/extract/knowledge.py"
    assert line.startswith("extractor: compiled by mypyc")
    with open(root / "graph" / "extract" / "people.py", "a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    done = _probe(root)
    people, _, line = done.stdout.splitlines()
    assert Path(people) == root / "graph/extract/people.py"
    assert done.stderr == STALE + "\n" and line.startswith("extractor: pure Python")


@pytest.mark.skipif(not BUILT, reason="no current compiled build (`make compile`)")
def test_pure_python_on_request_and_the_same_mentions(tmp_path: Path) -> None:
    people, _, line = _probe(ROOT, **{compiled.PURE_ENV: "1"}).stdout.splitlines()
    assert Path(people) == ROOT / "graph/extract/people.py" and "STORYGRAPH_PURE" in line
    # the extraction identity: every mention of the seed listing, pure and compiled (bench.extract_identity does it
    # for every set)
    script = ("import json, sys; from pathlib import Path; from graph.sources import parse; "
              "from graph.extract import Extractor; stories = parse(Path('seeds/ilo-news-2021.txt')).stories; "
              "json.dump([[m.kind, m.text, m.start, m.method, m.confidence, m.name, m.key] "
              "for ms in Extractor().extract_many(stories) for m in ms], sys.stdout)")
    runs = [subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={k: v for k, v in os.environ.items() if k != compiled.PURE_ENV} | env, timeout=300).stdout
            for env in ({compiled.PURE_ENV: "1"}, {})]
    assert runs[0] == runs[1] and len(json.loads(runs[0])) > 100


def test_the_extractor_pickles_for_the_import_workers() -> None:
    # the import's worker processes get the Extractor pickled (graph/workers.py): compiled, its classes restore by
    # calling themselves (__reduce__) or as mypyc's serializable classes
    extractor = Extractor()
    again = pickle.loads(pickle.dumps(extractor, protocol=pickle.HIGHEST_PROTOCOL))
    story = StoryRecord("ILO Director-General Guy Ryder visits Kenya",
                        "The International Labour Organization and UNICEF launched a Decent Jobs campaign in Nairobi.", None)
    assert again.extract(story) == extractor.extract(story) != []
