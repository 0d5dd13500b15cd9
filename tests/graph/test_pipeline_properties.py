"""Property: any generated listing, feed or JSON Lines file imports exactly its stories, or fails leaving the store unchanged."""
from __future__ import annotations

import datetime as dt
import json
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import SourceError
from graph.store.oxigraph import OxigraphStore

BASE = "http://example.org/"
WORDS = st.sampled_from(["ILO", "decent", "work", "Geneva", "child", "labour", "Laura", "Pausini", "São", "Paulo",
                         "women's", "day", "“quoted”", "jobs", "2021"])
TEXT = st.lists(WORDS, min_size=2, max_size=12).map(" ".join)
DAYS = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
# What can go wrong in one item: a missing field, an unreadable date, broken syntax.
CORRUPTIONS = st.sampled_from(["no summary", "bad date", "broken"])


@st.composite
def items(draw: st.DrawFn) -> list[tuple[str, dt.date, str, str | None]]:
    """Stories with distinct titles, each possibly corrupted."""
    n = draw(st.integers(1, 12))
    titles = [f"{draw(TEXT)} {i}" for i in range(n)]
    return [(t, draw(DAYS), draw(TEXT), draw(st.none() | CORRUPTIONS) if draw(st.integers(0, 4)) == 0 else None)
            for t in titles]


def as_jsonl(stories: list) -> str:
    lines = []
    for i, (title, day, summary, corruption) in enumerate(stories):
        row = {"id": f"id-{i}", "title": title, "date": day.isoformat(), "summary": summary}
        if corruption == "no summary":
            del row["summary"]
        elif corruption == "bad date":
            row["date"] = "the 45th of Smarch"
        line = json.dumps(row, ensure_ascii=False)
        lines.append(line[:-3] if corruption == "broken" else line)
    return "\n".join(lines) + "\n"


def as_feed(stories: list) -> str:
    out = []
    for i, (title, day, summary, corruption) in enumerate(stories):
        date = "the 45th of Smarch" if corruption == "bad date" else f"{day:%a, %d %b %Y} 09:00:00 GMT"
        description = "" if corruption == "no summary" else f"<description>{escape(summary)}</description>"
        title_tag = "" if corruption == "broken" else f"<title>{escape(title)}</title>"
        out.append(f"<item>{title_tag}<guid>g{i}</guid><pubDate>{date}</pubDate>{description}</item>")
    return '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title>\n' + "\n".join(out) + "</channel></rss>\n"


def as_listing(stories: list) -> str:
    out = []
    for i, (title, day, summary, corruption) in enumerate(stories, start=1):
        date = "the 45th of Smarch" if corruption == "bad date" else f"{day.day:02d} {day:%B %Y}"
        out.append(f"  {i}. {title}\n\n    {date}\n\n    {'' if corruption == 'no summary' else summary}\n\n")
    return "".join(out)


def fresh_store() -> tuple[OxigraphStore, Importer]:
    store = OxigraphStore(None)
    importer = Importer(store, BASE)
    importer.run([SourceInput("existing.jsonl", b'{"id": "x", "title": "Already here", "date": "2021-01-01", "summary": "Old."}\n')])
    return store, importer


def check(text: str, stories: list, name: str, *, strict: bool) -> None:
    store, importer = fresh_store()
    before = set(store._store)  # type: ignore[attr-defined]
    corrupted = any(c for *_, c in stories)
    try:
        summary = importer.run([SourceInput(name, text.encode())])
    except SourceError as exc:
        assert corrupted, f"valid input rejected: {exc}"
        assert all(p.source == name and (p.line or p.item) for p in exc.problems)
        assert set(store._store) == before  # type: ignore[attr-defined]
        return
    if strict or not corrupted:
        assert not corrupted, "corrupted input was accepted"
        assert summary.added == len(stories)
        assert GraphReader(store, BASE).story_count() == len(stories) + 1


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(items())
def test_jsonl_imports_exactly_or_fails_cleanly(stories: list) -> None:
    check(as_jsonl(stories), stories, "gen.jsonl", strict=True)


@SETTINGS
@given(items())
def test_feed_imports_exactly_or_fails_cleanly(stories: list) -> None:
    check(as_feed(stories), stories, "gen.xml", strict=True)


@SETTINGS
@given(items())
def test_listing_imports_exactly_or_fails_cleanly(stories: list) -> None:
    # A listing has no syntax to break: a corrupted item may still read as a (different) story.
    check(as_listing(stories), stories, "gen.txt", strict=False)
