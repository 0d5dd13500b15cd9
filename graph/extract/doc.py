"""The state one story's extraction passes share: its texts, capitalized runs, candidate and accepted spans.

With the records in it (runs of capitalized words, what a label names) and the shape of the resources the
passes read (a Protocol: resources.py builds them from the passes' own modules, which all take a Doc, so
this module imports none of them).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Final, Protocol

from graph.compiled import as_call
from graph.extract.folding import fold
from graph.extract.knowledge import Knowledge
from graph.extract.spans import Claims, ORGANIZATION, PERSON, SUMMARY, Span, TITLE, new_mention
from graph.records import EntityKind, Field, Mention, StoryRecord


@dataclass(slots=True)  # not frozen: frozen instances take twice as long to build
class Token:
    """One word of a chunk with its offsets in the field's text; `bare` is the word without a possessive 's."""

    start: int
    end: int
    text: str
    lower: str
    bare: str

    # (written out: compiled by mypyc, the __init__ dataclasses would generate runs interpreted, a Python call per
    # token; this one compiles, and dataclasses keeps a class's own __init__)
    def __init__(self, start: int, end: int, text: str, lower: str, bare: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower
        self.bare = bare


@dataclass(slots=True)  # not frozen: frozen instances take twice as long to build
class Chunk:
    """A run of capitalized words in one field."""

    field: Field
    tokens: tuple[Token, ...]
    words: tuple[str, ...]  # the tokens' texts: a key for decisions remembered per run of words
    start: int  # the first token's start and the last one's end, kept: every pass asks for them
    end: int
    bares: frozenset[str] = frozenset()  # the tokens' lower-cased bare words: "has a head noun?" is one set test

    def __init__(self, field: Field, tokens: tuple[Token, ...], words: tuple[str, ...], start: int, end: int,
                 bares: frozenset[str] = frozenset()) -> None:  # (compiled, as Token's)
        self.field = field
        self.tokens = tokens
        self.words = words
        self.start = start
        self.end = end
        self.bares = bares


@dataclass(frozen=True, slots=True)
class Target:
    """What one label of the automaton names."""

    source: int
    kind: EntityKind
    key: str
    name: str
    label: str
    exact_case: bool  # acronyms: "WHO" the agency, never "who"
    capitalized: bool  # proper names: "Better Work" the programme, not "better work"
    themes: tuple[str, ...] = ()
    country: str | None = None
    media: bool = False
    company: bool = False  # a business: "Amazon" yields to "Amazon Labor Union"; "in the Amazon" is not it
    union: bool = False  # a trade union: "SEIU" yields to "SEIU Local 32BJ"; its theme counts as a weak label

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # pickled as the call that makes it (graph/compiled.py)
        return as_call(self)


GazetteerHit = tuple[int, int, tuple[Target, ...]]  # start, end, the readings of the label
ThemeHit = tuple[int, int, str]  # start, end, theme id
CueHit = tuple[int, int, str]  # start, end, the cue's class ("OrganizationNoun", "WorkforceNoun", "Title", ...)
TopicHit = tuple[int, int, tuple[str, ...]]  # start, end, the themes a topic cue (sg:topicCue) is evidence of


class NameFinder(Protocol):
    """The gazetteer as the known-names pass uses it (gazetteer.Gazetteer)."""

    def find(self, text: str, hits: list[GazetteerHit], field: Field) -> list[Span]: ...


class LabelScan(Protocol):
    """The label automaton (labels.LabelScanner)."""

    def scan(self, folded: str) -> tuple[list[GazetteerHit], list[ThemeHit], list[CueHit], list[TopicHit]]: ...


class PeopleFind(Protocol):
    """The people finder (people.PeopleFinder)."""

    def find(self, chunks: list[Chunk], texts: dict[Field, str], claims: Claims) -> list[Span]: ...

    @property
    def given_names(self) -> frozenset[str]: ...


class CueWords(Protocol):
    """The words around a name that say a person is meant (people.Cues)."""

    @property
    def titles(self) -> frozenset[str]: ...


class OfficeVerbs(Protocol):
    """The verbs that, before an office in a title, give a theme (offices.OfficeVerbs)."""

    def find(self, title: str, folded: str, titles: frozenset[str]) -> tuple[int, int, str] | None: ...


class Resources(Protocol):
    """What the passes look names up in (resources.Resources builds it once per Knowledge)."""

    @property
    def knowledge(self) -> Knowledge: ...
    @property
    def gazetteer(self) -> NameFinder: ...
    @property
    def labels(self) -> LabelScan: ...
    @property
    def people(self) -> PeopleFind: ...
    @property
    def cues(self) -> CueWords: ...
    @property
    def vocabulary(self) -> frozenset[str]: ...
    @property
    def non_entities(self) -> frozenset[str]: ...
    @property
    def post_nominals(self) -> frozenset[str]: ...
    @property
    def organization_heads(self) -> frozenset[str]: ...
    @property
    def heads(self) -> frozenset[str]: ...
    @property
    def organization_nouns(self) -> frozenset[str]: ...
    @property
    def organ_names(self) -> tuple[str, ...]: ...
    @property
    def company_suffixes(self) -> frozenset[str]: ...
    @property
    def legal_forms(self) -> frozenset[str]: ...
    @property
    def form_words(self) -> frozenset[str]: ...
    @property
    def not_before_of(self) -> frozenset[str]: ...
    @property
    def weak_theme_forms(self) -> frozenset[str]: ...
    @property
    def noun_theme_forms(self) -> frozenset[str]: ...
    @property
    def verb_s_theme_forms(self) -> frozenset[str]: ...
    @property
    def other_theme_senses(self) -> dict[str, tuple[tuple[str, int], ...]]: ...
    @property
    def office_verbs(self) -> OfficeVerbs: ...


class Doc:
    """What the passes read and write, in the order the pipeline fills it.

    Finder passes append proposals to `candidates`; the arbitrate pass accepts the best reading of each
    stretch of text into `accepted` (and `claims`); later passes add accepted spans themselves, claiming their
    text as they go, or findings that claim no text (`found`: names nested in others, dates, themes).
    A plain slotted class: one is made per story, and a dataclass's default factories cost more than the passes
    that use them.
    """

    __slots__ = ("story", "resources", "texts", "folded", "chunks", "name_hits", "theme_hits", "cue_hits",
                 "topic_hits",
                 "candidates", "taught", "claims", "accepted", "found", "chunks_by_field", "scanned")

    def __init__(self, story: StoryRecord, resources: Resources, texts: dict[Field, str],
                 folded: dict[Field, str]) -> None:
        self.story = story
        self.resources = resources  # what the passes look names up in: gazetteer, label automaton, vocabulary
        self.texts = texts
        self.folded = folded
        self.chunks: list[Chunk] = []  # capitalized runs, title's first
        self.name_hits: dict[Field, list[tuple[int, int, tuple[Target, ...]]]] = {}
        self.theme_hits: dict[Field, list[tuple[int, int, str]]] = {}
        self.cue_hits: dict[Field, list[tuple[int, int, str]]] = {}  # words that introduce unknown names
        self.topic_hits: dict[Field, list[TopicHit]] = {}  # words of a theme's subject matter (sg:topicCue)
        self.candidates: list[Span] = []
        self.taught: dict[str, tuple[EntityKind, str]] = {}  # acronym -> (kind, full name)
        self.claims = Claims()
        self.accepted: list[Span] = []
        self.found: list[Span] = []
        self.chunks_by_field: dict[Field, list[Chunk]] = {}  # the same runs, per field
        # each field's label walk, made before the passes with the gate's (graph/extract/gates.py), for the labels pass
        self.scanned: dict[Field, tuple[list[GazetteerHit], list[ThemeHit], list[CueHit], list[TopicHit]]] | None = None

    @classmethod
    def of(cls, story: StoryRecord, resources: Resources) -> Doc:
        title, summary = story.title, story.summary
        return cls(story, resources, {TITLE: title, SUMMARY: summary},
                   {TITLE: fold(title), SUMMARY: fold(summary)})

    def chunks_in(self, field: Field) -> list[Chunk]:
        """The runs of one field."""
        found = self.chunks_by_field.get(field)
        return found if found is not None else [c for c in self.chunks if c.field is field]

    def accept(self, spans: list[Span]) -> None:
        """Add spans a pass has already claimed (or that claim nothing) to the accepted ones."""
        self.accepted.extend(spans)

    def reread(self, swap: dict[int, Span]) -> None:
        """Put `swap[id(span)]` in each accepted span's place, in the accepted spans and in the claims alike: a pass
        that changes what an accepted name is makes new spans, never changes one (a known name's span may be shared
        with other stories' Docs)."""
        if swap:
            self.accepted = [swap.get(id(s), s) for s in self.accepted]
            self.claims.replace(swap)

    def join(self, first: Span, second: Span, joined: Span) -> None:
        """Put `joined` in place of two accepted spans it covers ("UN" and "Youth Office": "UN Youth Office")."""
        self.reread({id(first): joined})
        self.drop({id(second)})

    def drop(self, gone: set[int]) -> None:
        """Forget the accepted spans whose ids are in `gone`, their claims too (a reading a later pass disproves)."""
        if gone:
            self.accepted = [s for s in self.accepted if id(s) not in gone]
            self.claims.drop(gone)

    def people_as_organizations(self, names: set[str], source: str) -> None:
        """Every accepted person named in `names` (a name's repeats follow it) read as an organization instead."""
        self.people_as(names, ORGANIZATION, source)

    def people_as(self, names: set[str], kind: EntityKind, source: str) -> None:
        """Every accepted person named in `names` (a name's repeats follow it) read as an entity of `kind` instead."""
        person = PERSON
        self.reread({id(s): replace(s, kind=kind, role=None, affiliation=None, confidence=0.5, source=source)
                     for s in self.accepted if s.kind is person and s.name in names})


# Mentions in reading order: the title's, then the summary's, each by offset, then kind (a str enum, which orders as
# its value does). Sorting each field's list apart by a C key equals one sort by (field, start, kind): both are stable.
_mention_order: Final = attrgetter("start", "kind")


def _mentions(spans: list[Span], texts: dict[Field, str], title: list[Mention], summary: list[Mention]) -> None:
    """Each span as the Mention it reports, into its field's list (one loop, as extraction makes one per finding)."""
    for span in spans:
        field, start, end = span.field, span.start, span.end
        text = texts[field][start:end]
        if span.kind is PERSON:
            mention = new_mention(PERSON, text, field, start, end, span.method, span.confidence, span.name or text,
                                  span.key, span.role, span.affiliation)
        else:
            mention = new_mention(span.kind, text, field, start, end, span.method, span.confidence,
                                  span.name or text, span.key)
        (title if field is TITLE else summary).append(mention)


def mentions_of(doc: Doc) -> list[Mention]:
    """The Doc's findings as Mentions, in reading order (here, not in the driver graph/extract/__init__.py, which stays
    interpreted: compiled, this loop over every finding costs less)."""
    title: list[Mention] = []
    summary: list[Mention] = []
    _mentions(doc.accepted, doc.texts, title, summary)
    _mentions(doc.found, doc.texts, title, summary)
    title.sort(key=_mention_order)
    summary.sort(key=_mention_order)
    title += summary
    return title
