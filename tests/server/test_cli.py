"""The command line contract: import, stats, query, export and their errors."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "ilo-news-2021.txt"


def storygraph(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, input=stdin.decode() if stdin else None,
                          capture_output=True, text=True, timeout=120)


def _triples(db: Path) -> int:
    out = storygraph("stats", "--db", str(db)).stdout
    return int(next(line.split()[0] for line in out.splitlines() if line.endswith(" triples")))


def test_importing_the_seeds_twice_leaves_the_triple_count_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = storygraph("import", "--db", str(db), str(SEEDS))
    assert first.returncode == 0, first.stderr
    count = _triples(db)
    second = storygraph("import", "--db", str(db), str(SEEDS))
    assert second.returncode == 0, second.stderr
    assert "unchanged" in second.stdout
    assert _triples(db) == count > 0


def test_stats_counts_stories_and_entities_by_type(tmp_path: Path) -> None:
    db = tmp_path / "db"
    storygraph("import", "--db", str(db), str(SEEDS))
    out = storygraph("stats", "--db", str(db)).stdout
    assert "20 stories" in out
    for kind in ("person", "organization", "place", "campaign", "theme", "date"):
        assert f" {kind} entities" in out


def test_query_prints_the_json_response(tmp_path: Path) -> None:
    db = tmp_path / "db"
    storygraph("import", "--db", str(db), str(SEEDS))
    (tmp_path / "q.graphql").write_text("query($n: Int) { stories(first: $n) { totalCount edges { node { date } } } }")
    result = storygraph("query", "--db", str(db), "--variables", '{"n": 2}', f"@{tmp_path / 'q.graphql'}")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["data"]["stories"]["totalCount"] == 20
    assert [e["node"]["date"] for e in body["data"]["stories"]["edges"]] == ["2021-03-11", "2021-03-10"]


def test_bad_input_exits_non_zero_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("1. A title\n\n    31 Februar 2021\n\n    A summary.\n", encoding="utf-8")
    result = storygraph("import", "--db", str(tmp_path / "db"), str(bad))
    assert result.returncode != 0
    assert f"{bad}:3" in result.stderr and "nothing was imported" in result.stderr


def test_export_writes_n_quads_to_standard_output(tmp_path: Path) -> None:
    db = tmp_path / "db"
    storygraph("import", "--db", str(db), str(SEEDS))
    result = storygraph("export", "--db", str(db), "--format", "nq")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line]
    assert len(lines) == _triples(db)
    assert any("https://schema.org/headline" in line and "Laura Pausini" in line for line in lines)


def test_help_shows_an_example_for_every_command() -> None:
    for command in ("import", "serve", "query", "export", "stats", "merges", "evaluate", "schema"):
        result = storygraph(command, "--help")
        assert result.returncode == 0 and "example:" in result.stdout, command
