"""Full-text search over story titles/summaries and entity names/aliases (SQLite FTS5, in the standard library).

The index is a derived view: a SQLite file next to the store (a temp dir for memory stores)
that remembers the graph version it was built from. An import brings it to its new version in
place (`apply`: its stories and entities replaced, in one transaction); otherwise it is rebuilt,
into a new file swapped in atomically, when the store's version differs. A restart with an
unchanged store reuses it.
"""
from __future__ import annotations

import heapq
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.read import EntityRow, GraphReader, StoryRow, newer_version
from graph.records import ViewNotReady
from graph.search_answers import SharedAnswers

STORY = "story"
_TOKEN = re.compile(r"\w+", re.UNICODE)
# Accents folded, case folded; prefixes of 1-4 characters indexed so autocomplete stays fast. A one-letter
# word ("Maria G") without its own prefix index made FTS5 merge the doclists of every word with that
# initial, stop words included: 50-110 ms a search at 100k stories, against 2-18 ms with it (+12 % file).
_SCHEMA = ("CREATE VIRTUAL TABLE docs USING fts5(iri UNINDEXED, kind UNINDEXED, name, body, "
           "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3 4')")
# The layout above, stamped in each index: an index of an older layout gives the same answers, so a reader
# worker uses it until the writer has replaced it, but the process that keeps the index rebuilds it.
# "-alias-lines": an entity's aliases one a line in `body` (before, joined by spaces: one alias to ranking).
LAYOUT = "prefix-1234-alias-lines"
# Each document's row id by IRI, so an import replaces documents without scanning the FTS table.
_KEYS = "CREATE TABLE keys (iri TEXT PRIMARY KEY)"
# Stories' row ids start here, entities' at 1: entities stay before stories in index order (which
# ranking relies on, see CANDIDATES) however many an import adds.
_FIRST_STORY_ROWID = 1 << 40
# Ranking reads at most this many matches (the first in index order, entities before stories), so a
# one-letter prefix that matches most of a large corpus costs the same as a selective word.
CANDIDATES = 2_000
# How matches are ranked (see SearchIndex.search), named in the answers shared between processes so an answer
# ranked by an older storygraph is not served by a newer one. Scores: an entity 1 + 1/(tokens of its name),
# a story whose title holds every word TITLE_SCORE, any other story SUMMARY_SCORE.
RANKING = "names-first"
TITLE_SCORE = 0.5
SUMMARY_SCORE = 0.25
# Ranked answers kept per index, counted in hits (~200 bytes each: ~10 MB), for the version they were ranked at.
ANSWER_HITS = 50_000
# SQLite calls the deadline check every this many virtual-machine steps (about a millisecond).
_PROGRESS_STEPS = 10_000


class SearchTimeout(TimeoutError):
    """A search stopped at its deadline."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: what matched and how well (higher is better)."""

    iri: str
    kind: str
    score: float


def _fold(word: str) -> str:
    """A word as the index sees it: case folded, accents removed."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def search_terms(text: str) -> list[str]:
    """The distinct words of user text that constrain a prefix search, in sorted order.

    Repeats are dropped (FTS5 evaluates a repeated phrase once per repeat, which made
    "ab ab ab …" quadratic), and so is a word that is a prefix of another one: every
    document matching `abc*` also matches `ab*`. Linear in the text, apart from the sort.
    """
    words = sorted({_fold(w) for w in _TOKEN.findall(text)} - {""})
    return [w for w, following in zip(words, [*words[1:], ""]) if not following.startswith(w)]


def match_expression(text: str) -> str | None:
    """FTS5 query for user text: every word must match, each as a prefix (autocomplete)."""
    words = search_terms(text)
    return " AND ".join(f'"{w}"*' for w in words) if words else None


def _inode(path: Path) -> int | None:
    """The inode of the file at `path` (None when there is none): a file renamed over it has another."""
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def default_path(store_path: Path | None) -> Path | None:
    """Where the index lives beside an on-disk store; None for stores without a directory."""
    if store_path is not None:
        return store_path.with_name(store_path.name + ".search.sqlite")
    return None


class SearchIndex:
    """Ranked search kept in step with the store's version."""

    def __init__(self, reader: GraphReader, path: Path | None = None, max_age: float = 0.0,
                 follows_writer: bool = False, shared_answers: Path | None = None) -> None:
        """`shared_answers`: a file where processes serving the same store share their ranked answers
        (graph/search_answers.py; the reader workers of `serve --workers N`)."""
        self.reader = reader
        self._path = path or default_path(getattr(reader.store, "path", None))
        # A reader worker of `serve --workers N` never writes the shared index: the writer process
        # brings it to each new version before publishing that version (see _shared_connection).
        self.follows_writer = follows_writer and self._path is not None
        self._shared = self._path
        # Memory and remote stores get a private directory, made on first use and removed with the index.
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        self.max_age = max_age
        self.builds = 0
        self._lock = threading.RLock()  # held across _connection(), which may rebuild, and the query
        self._conn: sqlite3.Connection | None = None
        self._version: str | None = None
        # Ranked answers by (expression, kinds, limit, version): typing a name sends the same prefixes again
        # and again, and ranking a new prefix reads the index (0.1-1 ms at 100k stories).
        self._answers: OrderedDict[tuple[str, tuple[str, ...] | None, int, int, str], tuple[Hit, ...]] = OrderedDict()
        self._answers_version: str | None = None
        self._answer_hits = 0
        # The answers' own lock, never held while SQLite ranks: a known prefix is answered at once even while
        # another thread ranks a new one (which holds `_lock` for 2-18 ms at 100k stories).
        self._answers_lock = threading.Lock()
        self._shared_answers = SharedAnswers(shared_answers) if shared_answers is not None else None
        self._inode: int | None = None  # of the writer's file this reader has open (follows_writer)
        self._older_layout = False  # that file is of an older LAYOUT, which the writer is replacing
        # Set while `warm` builds the index as a server starts: searches meanwhile are told so (ViewNotReady)
        # after waiting at most `patience` seconds, instead of waiting for the build past their deadline.
        self._warming: threading.Event | None = None
        self._warming_since = 0.0
        self.patience = 2.0

    @property
    def path(self) -> Path:
        if self._path is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="storygraph-search-")
            self._path = Path(self._scratch.name) / "search.sqlite"
        return self._path

    def _open(self, path: Path, any_layout: bool = False) -> tuple[sqlite3.Connection, str | None]:
        """The index at `path` and its version; None for the version when it is not an index of this
        LAYOUT (of any layout with `any_layout`)."""
        conn = sqlite3.connect(path, check_same_thread=False)
        version = _stored_version(conn)
        return conn, version if any_layout or _layout(conn) == LAYOUT else None

    def _connection(self, version: str | None = None) -> sqlite3.Connection:
        version = version if version is not None else self.reader.cached_version(self.max_age)
        if self._conn is not None and self._version == version and not self._older_layout:
            return self._conn
        if self.follows_writer:
            return self._shared_connection(version)
        with self._lock:
            if self._conn is not None and self._version != version:
                self._version = _stored_version(self._conn)  # an import may have updated the file in place
            if self._conn is not None and self._version != version and not self._usable(version):
                self._conn.close()
                self._conn = None
            if self._conn is None and self.path.exists():
                self._conn, self._version = self._open(self.path)
            if self._conn is None or not self._usable(version):
                if self._conn is not None:
                    self._conn.close()
                self._build(version)
                self._conn, self._version = self._open(self.path)
            return self._conn

    def prepare(self, version: str) -> None:
        """Have the index of `version` ready (built if need be) before the first search asks for it."""
        self._connection(self._settle(version))

    def begin_warm(self) -> None:
        """Say a start-up build is coming (`warm`): from now until it ends, searches that the index cannot
        answer yet are answered ViewNotReady instead of building it themselves."""
        self._warming = threading.Event()
        self._warming_since = time.monotonic()

    def warm(self, version: str | None = None) -> None:
        """`prepare` as a server starts, in the background, after `begin_warm` (the store's version when not given)."""
        warming = self._warming
        try:
            self.prepare(self._settle(version))
        finally:
            if warming is not None:
                warming.set()

    def _ready_for(self, version: str) -> None:
        """Return once the index may answer `version` without waiting for the start-up build; ViewNotReady
        when that build is still running after `patience` seconds."""
        warming = self._warming
        if warming is None or warming.is_set() or (self._conn is not None and self._usable(version)):
            return
        if not warming.wait(self.patience):
            waited = time.monotonic() - self._warming_since
            raise ViewNotReady(f"the search index is being built (started {waited:.0f} s ago); "
                               "retry in a few seconds", 1)

    def _shared_connection(self, version: str) -> sqlite3.Connection:
        """The writer's index, read only; a private one built from this process's snapshot when there is none.

        The writer updates the shared file in place, then publishes the snapshot of that version,
        so the file is at this reader's version, or for the moment before the reader switches at
        the next one: a search then may name a story the reader's snapshot does not hold yet.
        """
        with self._lock:
            shared = self._shared
            inode = _inode(shared) if shared is not None else None
            if self._conn is not None and self._path == shared and inode == self._inode:
                self._version = _stored_version(self._conn)
                return self._conn
            # The writer rebuilt the index into a new file (renamed over the old one): open that one.
            if shared is not None and inode is not None:
                conn, found = self._open(shared, any_layout=True)
                if found is not None:
                    if self._conn is not None:
                        self._conn.close()
                    self._conn, self._version, self._path, self._inode = conn, found, shared, inode
                    # Until the writer has rebuilt an index of an older layout, look for its new file on each search.
                    self._older_layout = _layout(conn) != LAYOUT
                    return conn
                conn.close()
            if self._conn is not None and self._version == version:
                return self._conn
            if self._conn is not None:
                self._conn.close()
            if self._scratch is None:
                self._scratch = tempfile.TemporaryDirectory(prefix="storygraph-search-")
            self._path = Path(self._scratch.name) / "search.sqlite"
            self._build(version)
            self._conn, self._version = self._open(self._path)
            return self._conn

    def _settle(self, version: str | None) -> str:
        """The version to answer at; when the open index cannot answer it and an import is in flight (it
        may be bringing the index there), after waiting for that import. Called before taking `_lock`:
        the import takes that lock while holding the writer."""
        version = version if version is not None else self.reader.cached_version(self.max_age)
        if not (self._conn is not None and self._usable(version)):
            self.reader.store.settle()
        return version

    def _usable(self, version: str) -> bool:
        """The open index answers for `version`: it is of it, or newer (a request that began before the
        last import is answered by the newer index rather than a rebuild of the old one)."""
        return self._version is not None and (self._version == version or newer_version(self._version, version))

    def _build(self, version: str, stories: Iterable[StoryRow] | None = None,
               entities: Iterable[EntityRow] | None = None) -> None:
        """A new index of the whole graph (or of the rows given), swapped in atomically."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.path.with_name(self.path.name + f".{os.getpid()}.new")
        fresh.unlink(missing_ok=True)
        conn = sqlite3.connect(fresh)
        with conn:
            conn.execute(_SCHEMA)
            conn.execute(_KEYS)
            conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            # Entities first (see _FIRST_STORY_ROWID): ranking reads the first CANDIDATES matches in
            # this order, and names are what autocomplete looks for.
            _insert(conn, self.reader.all_stories() if stories is None else stories,
                    self.reader.all_entities().values() if entities is None else entities)
            conn.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
            conn.execute("INSERT INTO meta VALUES ('layout', ?)", (LAYOUT,))
        conn.close()
        os.replace(fresh, self.path)
        self.builds += 1

    def apply(self, old: str, version: str, stories: Iterable[StoryRow], entities: Iterable[EntityRow],
              removed: Iterable[str]) -> bool:
        """Bring the index from version `old` to `version` in place: documents of `removed` IRIs and of
        the rows given are replaced by the rows. False (nothing done) when the index is not at `old`;
        it is then rebuilt on first use, as before."""
        stories, entities = list(stories), list(entities)
        with self._lock:
            if old == "0" and not self.path.exists():
                self._build(version, stories, entities)  # a first import: the index is just its rows
                return True
            if not self.path.exists():
                return False
            conn = sqlite3.connect(self.path)
            try:
                with conn:
                    if _stored_version(conn) != old or _layout(conn) != LAYOUT:
                        return False
                    gone = {*removed, *(s.iri for s in stories), *(e.iri for e in entities)}
                    rowids = [(r,) for (r,) in _select_keys(conn, gone)]
                    conn.executemany("DELETE FROM docs WHERE rowid = ?", rowids)
                    conn.executemany("DELETE FROM keys WHERE rowid = ?", rowids)
                    _insert(conn, stories, entities)
                    conn.execute("UPDATE meta SET value = ? WHERE key = 'version'", (version,))
            finally:
                conn.close()
            return True

    def search(self, text: str, kinds: Iterable[str] | None = None, limit: int = 20,
               version: str | None = None, deadline: float | None = None) -> list[Hit]:
        """Best matches first: entities (every word in their name or aliases), the shortest names first, then
        stories whose title holds every word, then the other stories, newest imported first.

        Ranked from the index's own kept fields (FTS5's token counts), not bm25: bm25's weight of a
        one-letter word reads that word's whole doclist (a third of the index at 100k stories), 2-10 ms
        a first-time prefix. At most CANDIDATES matches are read; `deadline` (a time.monotonic() value)
        stops the search with SearchTimeout.
        """
        expression = match_expression(text)
        wanted = list(kinds) if kinds is not None else None
        if expression is None or limit <= 0 or wanted == []:
            return []
        version = self._settle(version)
        self._ready_for(version)
        key = (expression, tuple(wanted) if wanted is not None else None, limit, CANDIDATES, version)
        known = self._known(key, deadline)
        if known is not None:
            return list(known)
        shared_key = SharedAnswers.key(version, (*key[:4], RANKING)) if self._shared_answers is not None else ""
        shared = self._shared_answers.get(shared_key) if self._shared_answers is not None else None
        if shared is not None:
            hits = tuple(Hit(*hit) for hit in shared)
            self._remember(key, version, hits)
            return list(hits)
        with self._lock:
            known = self._known(key, deadline)  # another thread may have ranked it while this one waited
            if known is not None:
                return list(known)
            hits = self._rank(expression, wanted, limit, version, deadline)
            if self._shared_answers is not None:
                self._shared_answers.put(shared_key, tuple((h.iri, h.kind, h.score) for h in hits))
            self._remember(key, version, hits)
        return list(hits)

    def _known(self, key: tuple[str, tuple[str, ...] | None, int, int, str],
               deadline: float | None) -> tuple[Hit, ...] | None:
        """The answer ranked for `key` before in this process, if it is kept."""
        with self._answers_lock:
            known = self._answers.get(key)
            if known is not None:
                self._answers.move_to_end(key)
        if known is not None and deadline is not None and time.monotonic() > deadline:
            raise SearchTimeout("the search ran past its deadline")
        return known

    def _rank(self, expression: str, wanted: list[str] | None, limit: int, version: str,
              deadline: float | None) -> tuple[Hit, ...]:
        """The best `limit` matches (see `search`), reading at most CANDIDATES of them (called holding `_lock`)."""
        with _stopping_at(conn := self._connection(version), deadline):
            entity_kinds = None if wanted is None else [k for k in wanted if k != STORY]
            ranked: list[tuple[int, float]] = []
            if entity_kinds is None or entity_kinds:
                ranked += self._entities(conn, expression, entity_kinds, limit)
            # Fewer entities than `limit` means all of them were read (or CANDIDATES of them, when it is smaller).
            need = min(limit, CANDIDATES) - len(ranked)
            if need > 0 and (wanted is None or STORY in wanted):
                ranked += self._stories(conn, expression, need)
            found = {rowid: (iri, kind) for rowid, iri, kind in conn.execute(
                f"SELECT id, c0, c1 FROM docs_content WHERE id IN ({', '.join('?' for _ in ranked)})",
                [rowid for rowid, _ in ranked])}
        return tuple(Hit(*found[rowid], score) for rowid, score in ranked if rowid in found)

    def _entities(self, conn: sqlite3.Connection, expression: str, kinds: list[str] | None,
                  limit: int) -> list[tuple[int, float]]:
        """The best `limit` of the first CANDIDATES matching entities in index order: the shortest name holding
        every word first (fewest tokens), then index order.

        A name's length is FTS5's own count, the third varint of its docsize record (iri and kind,
        unindexed, count zero: one byte each; one byte is a length under 128). Only an entity with
        aliases (the fourth varint not zero: 57 of 43,853 at 100k stories) has its names read, to
        find the shortest one that holds every word: the alias "ILO" for "ilo", not "International
        Labour Organization"; the alias "Lao People's Democratic Republic" for "de", not "Laos".
        """
        where, params = self._where(expression, kinds)
        rows = conn.execute(
            f"SELECT m.id, unicode(substr(s.sz, 3, 1)), CASE WHEN substr(s.sz, 4, 1) != x'00' THEN "
            "(SELECT c2 || char(10) || c3 FROM docs_content WHERE id = m.id) END "
            f"FROM (SELECT rowid AS id FROM docs WHERE {where} AND rowid < ? ORDER BY rowid LIMIT ?) AS m "
            "JOIN docs_docsize AS s ON s.id = m.id", [*params, _FIRST_STORY_ROWID, CANDIDATES]).fetchall()
        words = [w.strip('"*') for w in expression.split(" AND ")]
        sized = ((_shortest(names, words) if names is not None else size or 1, rowid) for rowid, size, names in rows)
        return [(rowid, 1.0 + 1.0 / size) for size, rowid in heapq.nsmallest(limit, sized)]

    @staticmethod
    def _stories(conn: sqlite3.Connection, expression: str, need: int) -> list[tuple[int, float]]:
        """At most `need` matching stories, newest imported first: those whose title holds every word, then the others."""
        titled = [rowid for (rowid,) in conn.execute(
            "SELECT rowid FROM docs WHERE docs MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT ?",
            (f"{{name}} : ({expression})", _FIRST_STORY_ROWID, need))]
        ranked = [(rowid, TITLE_SCORE) for rowid in titled]
        if len(titled) < need:
            seen = set(titled)
            ranked += [(rowid, SUMMARY_SCORE) for (rowid,) in conn.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ? AND rowid >= ? ORDER BY rowid DESC LIMIT ?",
                (expression, _FIRST_STORY_ROWID, need)) if rowid not in seen][:need - len(titled)]
        return ranked

    def _remember(self, key: tuple[str, tuple[str, ...] | None, int, int, str], version: str,
                  hits: tuple[Hit, ...]) -> None:
        """Keep a ranked answer in this process, within ANSWER_HITS (answers of older versions dropped)."""
        with self._answers_lock:
            if self._answers_version != version:  # answers of older versions are never asked for again
                self._answers.clear()
                self._answers_version, self._answer_hits = version, 0
            if key not in self._answers:
                self._answers[key] = hits
                self._answer_hits += len(hits) + 1
            while self._answer_hits > ANSWER_HITS:
                self._answer_hits -= len(self._answers.popitem(last=False)[1]) + 1

    def matching_stories(self, text: str, version: str | None = None, deadline: float | None = None) -> frozenset[str]:
        """Every story whose title or summary matches, for filters (unranked: one pass over the matches)."""
        expression = match_expression(text)
        if expression is None:
            return frozenset()
        where, params = self._where(expression, [STORY])
        version = self._settle(version)
        self._ready_for(version)
        with self._lock, _stopping_at(conn := self._connection(version), deadline):
            return frozenset(iri for (iri,) in conn.execute(f"SELECT iri FROM docs WHERE {where}", params))

    @staticmethod
    def _where(expression: str, kinds: list[str] | None) -> tuple[str, list[object]]:
        where = "docs MATCH ?"
        params: list[object] = [expression]
        if kinds is not None:
            where += f" AND kind IN ({', '.join('?' for _ in kinds)})"
            params += kinds
        return where, params

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if self._shared_answers is not None:
                self._shared_answers.close()
            if self._scratch is not None:
                self._scratch.cleanup()
                self._scratch, self._path = None, None


def _stored_version(conn: sqlite3.Connection) -> str | None:
    """The version an index file is of; None when it is not an index in this layout."""
    try:
        conn.execute("SELECT 1 FROM keys LIMIT 1").fetchall()
        row = conn.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _layout(conn: sqlite3.Connection) -> str | None:
    """The layout an index file was built in (None: before layouts were stamped, prefixes of 2-4 characters)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def _shortest(names: str, words: list[str]) -> int:
    """Tokens in the shortest of an entity's names (one a line: its name, then its aliases) holding every word
    as a prefix, an alias counting one more than its own (at equal length the name goes first); all its
    tokens when the words are spread over several names."""
    tokens = [[_fold(t) for t in _TOKEN.findall(name)] for name in names.split("\n")]
    holding = [len(t) + (i > 0) for i, t in enumerate(tokens) if all(any(token.startswith(w) for token in t) for w in words)]
    return max(1, min(holding, default=sum(map(len, tokens))))


def _insert(conn: sqlite3.Connection, stories: Iterable[StoryRow], entities: Iterable[EntityRow]) -> None:
    """Index the rows, each under a new row id recorded by IRI in `keys`: entities' ids below stories'."""
    last_entity = conn.execute("SELECT max(rowid) FROM keys WHERE rowid < ?", (_FIRST_STORY_ROWID,)).fetchone()[0]
    last_story = conn.execute("SELECT max(rowid) FROM keys WHERE rowid >= ?", (_FIRST_STORY_ROWID,)).fetchone()[0]
    docs = list(enumerate(((e.iri, e.kind.value, e.name, "\n".join(e.aliases)) for e in entities), (last_entity or 0) + 1))
    docs += enumerate(((s.iri, STORY, s.title, s.summary) for s in stories), (last_story or _FIRST_STORY_ROWID - 1) + 1)
    conn.executemany("INSERT INTO keys (rowid, iri) VALUES (?, ?)", ((i, d[0]) for i, d in docs))
    conn.executemany("INSERT INTO docs (rowid, iri, kind, name, body) VALUES (?, ?, ?, ?, ?)",
                     ((i, *d) for i, d in docs))


def _select_keys(conn: sqlite3.Connection, iris: Iterable[str]) -> list[tuple[int]]:
    wanted = list(iris)
    found: list[tuple[int]] = []
    for start in range(0, len(wanted), 500):
        batch = wanted[start:start + 500]
        found += conn.execute(f"SELECT rowid FROM keys WHERE iri IN ({', '.join('?' for _ in batch)})", batch).fetchall()
    return found


class _stopping_at:
    """Within the block, SQLite abandons a statement once `deadline` has passed (SearchTimeout)."""

    def __init__(self, conn: sqlite3.Connection, deadline: float | None) -> None:
        self.conn, self.deadline = conn, deadline

    def _expired(self) -> int:
        return 1 if self.deadline is not None and time.monotonic() > self.deadline else 0

    def __enter__(self) -> None:
        if self.deadline is not None:
            if self._expired():
                raise SearchTimeout("the search was due to start after the request's time limit")
            self.conn.set_progress_handler(self._expired, _PROGRESS_STEPS)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> None:
        if self.deadline is None:
            return
        self.conn.set_progress_handler(None, 0)
        if isinstance(error, sqlite3.OperationalError) and self._expired():
            raise SearchTimeout("the search ran past the request's time limit") from None
