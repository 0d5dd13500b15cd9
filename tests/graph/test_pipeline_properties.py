"""Property: any generated listing, feed or JSON Lines file imports exactly its stories, or fails leaving the store unchanged."""
from __future__ import annotations

import datetime as dt
import hashlib
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
    before = set(store._store)
    corrupted = any(c for *_, c in stories)
    try:
        summary = importer.run([SourceInput(name, text.encode())])
    except SourceError as exc:
        assert corrupted, f"valid input rejected: {exc}"
        assert all(p.source == name and (p.line or p.item) for p in exc.problems)
        assert set(store._store) == before
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


# -- hostile text: any Unicode in any field or name can only add stories ------------------------------
# Line and paragraph separators, controls and unpaired surrogates are what once broke out of a literal.
HOSTILE = st.text(st.characters(categories=["Zl", "Zp", "Cc", "Cs", "Lu", "Ll", "Po", "Ps", "Pe", "Sm", "Zs"]),
                  max_size=40)
HOSTILE_NAMES = HOSTILE | st.sampled_from(["feed\u2028} } ; DROP ALL ; #", "x\u0085DROP ALL", "f\x0c} } DROP ALL",
                                           'a" } } ; CLEAR ALL ; #', "n\udce9me.jsonl"])


def story_iris(store: OxigraphStore) -> set[str]:
    return {s for (s,) in store.select("SELECT ?s WHERE { GRAPH ?s { ?s a <https://schema.org/NewsArticle> } }")}


def expect_only_added(store: OxigraphStore, importer: Importer, name: str, data: bytes, new: set[str]) -> None:
    """The import adds exactly `new` stories, or fails with SourceError and changes nothing."""
    before_quads = set(store._store)
    before = story_iris(store)
    try:
        importer.run([SourceInput(name, data)])
    except SourceError:
        assert set(store._store) == before_quads
        return
    assert story_iris(store) == before | new


@SETTINGS
@given(st.lists(st.tuples(HOSTILE, HOSTILE, HOSTILE, st.lists(HOSTILE, max_size=3)), min_size=1, max_size=4), HOSTILE_NAMES)
def test_any_unicode_in_jsonl_fields_and_names_only_adds_stories(rows: list, name: str) -> None:
    store, importer = fresh_store()
    lines = [json.dumps({"id": f"id-{i}", "title": f"T{i} " + title, "date": "2021-03-11", "summary": "S " + summary,
                         "url": f"https://example.org/{i}/" + url, "categories": categories})
             for i, (title, summary, url, categories) in enumerate(rows)]
    new = {f"{BASE}story/{hashlib.sha1(f'id-{i}'.encode()).hexdigest()[:16]}" for i in range(len(rows))}
    expect_only_added(store, importer, name, ("\n".join(lines) + "\n").encode(), new)


@SETTINGS
@given(HOSTILE_NAMES, st.text(st.characters(categories=["Zl", "Zp", "Cc", "Lu", "Ll", "Po", "Zs"],
                                            exclude_characters="\n\r"), min_size=1, max_size=40))
def test_any_unicode_in_listing_text_and_names_only_adds_stories(name: str, words: str) -> None:
    store, importer = fresh_store()
    listing = f"1. Title {words}\n\n11 March 2021\n\nSummary {words} ends.\n"
    before = story_iris(store)
    try:
        summary = importer.run([SourceInput(name, listing.encode("utf-8"))])
    except SourceError:
        assert story_iris(store) == before
        return
    assert summary.added == 1
    after = story_iris(store)
    assert before < after and len(after) == len(before) + 1


def test_a_source_name_that_once_emptied_the_store_is_kept_as_text() -> None:
    store, importer = fresh_store()
    name = "feed\u2028} } ; DROP ALL ; #"
    importer.run([SourceInput(name, b'{"id": "n", "title": "New", "date": "2021-01-02", "summary": "New story."}\n')])
    assert len(story_iris(store)) == 2
    sources = {s for (s,) in store.select("SELECT ?n WHERE { GRAPH ?g { ?s <https://w3id.org/storygraph#source> ?n } }")}
    assert name in sources
    # Pruning by that name finds the story again: the stored value is exactly the name given.
    importer.run([SourceInput(name, b'{"id": "m", "title": "Other", "date": "2021-01-03", "summary": "Other."}\n')],
                 prune=True)
    assert len(story_iris(store)) == 2
