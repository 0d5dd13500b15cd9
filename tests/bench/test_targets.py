"""bench.run's table of issue 17's targets: built from what each benchmark recorded, never from a guess."""
from __future__ import annotations

from pathlib import Path

import pytest

from bench import summary, targets

HTTP = {"workers": 2, "connections": 32, "hello": 800.0, "oxigraph": 100.0,
        **{f"miss:{q}:req_s": 1_200.0 for q in targets.QUERIES}, **{f"miss:{q}:p99_ms": 40.0 for q in targets.QUERIES},
        **{f"hit:{q}:req_s": 5_000.0 for q in targets.QUERIES}, **{f"hit:{q}:p99_ms": 9.0 for q in targets.QUERIES}}


def test_a_benchmark_records_its_figures_only_when_bench_run_names_a_file(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(summary.ENV, raising=False)
    summary.record(rate=1.0)  # run by hand: nothing written anywhere
    path = tmp_path / "figures.json"
    monkeypatch.setenv(summary.ENV, str(path))
    summary.record(rate=1.0, label="a")
    summary.record(rate=2.0)
    assert summary.read(path) == {"rate": 2.0, "label": "a"}
    assert summary.read(tmp_path / "absent.json") == {}


def test_each_target_is_met_or_not_by_its_measured_figure() -> None:
    slow = {**HTTP, "miss:paths:req_s": 300.0, "miss:paths:p99_ms": 400.0}
    rows = {row.what: row for row in targets.rows({"http": slow})}
    assert rows["HTTP, wrk 32 connections, serve --workers 2, cache miss: stories page"].met is True
    paths = rows["HTTP, wrk 32 connections, serve --workers 2, cache miss: paths"]
    assert paths.met is False and paths.measured == "300 req/s, p99 400 ms" and paths.ratio == pytest.approx(0.3)
    hello = next(row for what, row in rows.items() if what.startswith("Strawberry"))
    assert hello.met is False and hello.measured.startswith("5 of 6 misses above")
    oxigraph = next(row for what, row in rows.items() if what.startswith("`oxigraph serve`"))
    assert oxigraph.ratio == pytest.approx(12.0) and oxigraph.met is True


def test_a_benchmark_that_did_not_run_or_lacks_a_figure_says_so_instead_of_a_figure() -> None:
    rows = targets.rows({"http": {k: v for k, v in HTTP.items() if k != "hello"}})
    said = {row.what: row.measured for row in rows if row.what.startswith("(")}
    assert said["(http benchmark)"].startswith("not measured: its figures lack")
    assert said["(import benchmark)"].startswith("not measured: not run")
    assert all(row.met is None for row in rows if row.what.startswith("("))
    table = targets.table({})
    assert table.count("\n") == 1 + len(targets.SECTIONS) and "**not met**" not in table


def test_memory_is_met_only_when_the_later_reading_equals_the_earlier() -> None:
    memory = {"first_misses": 1_000, "last_misses": 10_000, "first_rss_mib": 200.0, "last_rss_mib": 203.0}

    def rss(figures: dict) -> targets.Row:
        return next(row for row in targets.rows({"memory": figures}) if row.what.startswith("server RSS"))
    assert rss(memory).met is True and rss(memory).measured == "203.0 MiB"
    assert rss({**memory, "last_rss_mib": 230.0}).met is False


def test_a_cold_start_is_met_when_its_first_response_comes_in_time_whatever_the_build_takes() -> None:
    cold = {"stories": 100_000, "cold_first_response_seconds": 2.1, "cold_first_answer_seconds": 19.5,
            "warm_first_answer_seconds": 0.4}
    row = next(row for row in targets.rows({"graphql": cold}) if row.what.startswith("start-up with no view kept"))
    assert row.met is True and row.measured == "first response 2.10 s, first answer 19.50 s"
    late = next(row for row in targets.rows({"graphql": {**cold, "cold_first_response_seconds": 12.0}})
                if row.what.startswith("start-up with no view kept"))
    assert late.met is False and late.ratio == pytest.approx(4.0)
