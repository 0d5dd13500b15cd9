"""People: names with an honorific, a role, an occupation, a quote colon, a speech verb or an apposition
around them; later surname- or first-name-only mentions; roles and affiliations as evidence."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Final, TYPE_CHECKING

from mypy_extensions import mypyc_attr

from graph.compiled import as_call
from graph.extract import memo
from graph.extract.arbitration import trim
from graph.extract.employers import cued as employer_cued
from graph.extract.chunks import ARTICLES, NAMED_THINGS, PARTICLES, STOPWORDS, Chunk, Token, is_all_caps, is_capitalized
from graph.extract.folding import fold, whole_words
from graph.extract.knowledge import Knowledge
from graph.extract.memo import keep
from graph.extract.spans import Claims, GAZETTEER, GUESS, ORGANIZATION, PATTERN, PERSON, PLACE, Span, TITLE, arbitrate
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc



@dataclass(frozen=True, slots=True)
class Cues:
    """The words around a name that say a person is meant (ontology/roles*.ttl), lower-cased; `post_nominals`
    keep their case ("MP", "Jr")."""

    honorifics: frozenset[str]
    titles: frozenset[str]  # positions held: kept as the person's role ("ILO Director-General Guy Ryder")
    occupations: frozenset[str]  # what people are or do: "actor Sophia Loren", "Batoul, Syrian refugee"
    portfolios: frozenset[str]  # a title's field: "Minister for Labour Jane Doe", "Finance Minister Jane Doe"
    post_nominals: frozenset[str]
    succession_verbs: frozenset[str] = frozenset()  # before a name: "succeeding Jane Doe", "elects Jane Doe"

    @classmethod
    def of(cls, knowledge: Knowledge) -> Cues:
        titles = knowledge.cue_words("Title")
        # two titles held together are one: "Secretary-Treasurer", "President-CEO"
        compounds = {f"{a}-{b}" for a in titles for b in titles if a != b and "-" not in a + b and " " not in a + b}
        # ... and a title shared is a title: "Co-president", "Co-rapporteurs", "Co-directors"
        compounds |= {f"co-{t}" for t in titles if "-" not in t and " " not in t}
        return cls(knowledge.cue_words("Honorific"), titles | compounds, knowledge.cue_words("Occupation"),
                   knowledge.cue_words("Portfolio"), frozenset(knowledge.words.get("PostNominal", ())),
                   knowledge.cue_words("SuccessionVerb"))

    @property
    def all(self) -> frozenset[str]:
        return self.honorifics | self.titles | self.occupations

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # pickled as the call that makes it (graph/compiled.py)
        return as_call(self)


# Between a title and its portfolio, or a title and the organization it is held in: "Minister of", "Secretary for".
_LEAD_GLUE: Final = frozenset("of for on and & the at".split())
# ... and a field in small letters: "Head of sustainability Jane Doe", "Director of communications Jane Doe"
_LOWER_FIELD: Final = re.compile(r" (?:of|for) [a-z]{4,} ")


# what `PeopleFinder._read` makes of a segment's words: a waiting title's first word, or a name's token range
# [first, last) with its cue, role words, affiliation, post-nominal flag, known-word flags, portfolio's last word and
# whether a listed given name opens it (`_given`)
_Reading = tuple[int] | tuple[int, int, str, tuple[str, ...], str | None, bool, tuple[bool, ...], int, bool]


@dataclass(slots=True)
class _Lead:
    """A title read so far that the next name in the run holds: "Minister for Labour" ... "Jane Doe"."""

    start: int
    end: int
    affiliation: str | None = None

    def __init__(self, start: int, end: int, affiliation: str | None = None) -> None:  # (compiled, as doc.Token's)
        self.start = start
        self.end = end
        self.affiliation = affiliation


_VERBS: Final = ("says|said|say|calls|called|talks|talked|joins|joined|shares|shared|explains|explained|urges|urged|notes|"
                 "noted|adds|added|stresses|stressed|told|tells|believes|describes|described|wrote|writes|speaks|spoke|"
                 "highlights|highlighted|warns|warned|recalls|recalled|continues|continued|receives|received|found|works|"
                 "worked|uses|used|lives|lived|launched|launches|attended|visited|visits|met|meets|welcomed|welcomes|"
                 "announced|announces|learned|learnt|started|began|runs|ran|earns|earned|hopes|hoped|wants|wanted|dreams|"
                 "became|becomes|presented|presents|discusses|discussed|reflects|argues|argued|emphasized|emphasised|"
                 "underlined|agreed|thanked|delivered|addressed|chaired|chairs|leads|led|helped|helps|manages|managed|"
                 "founded|owns|sings|sang|performs|performed|won|wins|opened|asks|asked|insists|insisted|explains|"
                 "remembers|admits|smiles|laughs|knows|knew|decided|decides|joins|graduated|moved|fled|returned")
_AFTER_VERB: Final = re.compile(rf"\s+(?:\w+ly\s+)?(?:{_VERBS})\b")
_APPOSITION: Final = re.compile(r",\s+(?:(?:a|an|the|one)\s+)?(?:\d{1,3}(?:-year-old|,)\s+)?((?:[\w'’-]+\s*){1,3})")
_ROLE_APPOSITION: Final = re.compile(r",\s+(?:the\s+)?((?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)\s+(?:of|at|for|with)\s+(?:the\s+)?")
_WORD_LETTERS: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")


def _word_before(text: str, start: int) -> str | None:
    """The word of letters and hyphens that spaces alone separate from `start`, looking back at most 30 characters:
    what the regex ([A-Za-z-]+)\\s+$ finds there, read backwards (a regex tries every position of the window)."""
    low = max(0, start - 30)
    end = start
    while end > low and text[end - 1].isspace():
        end -= 1
    if end == start:
        return None
    begin = end
    while begin > low and text[begin - 1] in _WORD_LETTERS:
        begin -= 1
    return text[begin:end] if begin < end else None


# ("from", "at" and "around" precede places 208 times in the open batches' gold, people twice, both after "over from")
_PLACE_BEFORE: Final = re.compile(r"\b(?:in|near|outside|at|around|(?<!over )from)\s+$")
# Abstract nouns are not names, however they are placed: "Legislation Amendment", "Shared Prosperity", "Operations".
_ABSTRACT: Final = ("tion", "tions", "sion", "sions", "ment", "ments", "ities", "ity", "ness", "ance", "ances", "ence",
                    "ences", "ism", "isms", "ship", "ships", "ings")
# abstract endings that given names and surnames share: "Lawrence", "Constance", "Jennings", "Blankenship"
_NAME_LIKE: Final = ("ence", "ance", "ings", "ship")
_WEAK_CUES: Final = frozenset(("shape", "verb", "apposition", "occupation"))
# Words that open a noun phrase, never a bare name of a person: a name guessed by shape alone after them is a thing's.
_DETERMINERS: Final = frozenset("the a an its their his her".split())
_QUOTES: Final = "\"'‘’“”«» "
# titles of monarchs, which a given name before them does not make a surname: "Martin Luther King [Jr. Day]"
# places named after people, whose heads no list of heads holds: "Ben Gurion Airport", "John Lennon Street"
_SITES: Final = frozenset("airport airports station street road avenue boulevard square bridge tunnel highway port harbour harbor "
                          "stadium arena".split())
_ROYAL: Final = frozenset("king kings queen queens prince princess emperor empress".split())


_SHAPED: Final[dict[str, bool]] = {}


def _name_shaped(token: Token) -> bool:
    known = _SHAPED.get(token.bare)
    if known is None:
        known = _shaped(token.bare)
        keep(_SHAPED, token.bare, known, memo.WORDS)
    return known


def _names_shaped(names: list[Token]) -> bool:
    """Whether every word is shaped as a name's word or is a particle ("van", "de"); a loop reading the shapes'
    memo itself, as it runs for most runs of every story."""
    for token in names:
        known = _SHAPED.get(token.bare)
        if known is None:
            known = _name_shaped(token)
        if not known and token.lower not in PARTICLES:
            return False
    return True


# Words that follow a hyphen after a name without being part of one: "Lagos-led", "Geneva-wide".
_NOT_SYLLABLES: Final = frozenset("""led run born made wide free like type term time year old day up out long high low owned
being doing going using owing aging dying lying tying thing bring swing sting wrong along among""".split())


_SENTENCE_END: Final = (". ", "! ", "? ", ": ")
# A generational suffix is dropped from the name (its repeats are "Marcos", not "Jr.") but belongs to what the
# mention says: "Ferdinand Marcos Jr.", "Benigno Aquino III", "King Abdullah II" are how they are named
_GENERATIONAL: Final = re.compile(r",?\s+(?:(?:Jr|Sr)\.?|Jnr|Snr|II|III|IV)(?![\w'’-])")


# an apposition opening with these is a clause, not a noun phrase: "Nagasawa Unyu, it said drivers ...", "..., also let"
_CLAUSE_OPENINGS = frozenset("it he she they we also which that".split())
# an apposition's first words, up to six, as far as a comma, a bracket or a sentence's end
_APPOSITION_WORDS = re.compile(r"(?:[\w'’-]+[ \t]*){1,6}")
# words after which a noun is the object of a phrase, not the apposition's head: "a report on migrant workers"
_INSIDE_PHRASE = frozenset("of on by for at in with to from about".split())
# words that may follow a noun phrase's head (a cue before any other small word is a modifier: "national report")
_AFTER_HEAD = _INSIDE_PHRASE | frozenset("and or who whose which that since until said says the a an its his her their".split())


def _after_the(tokens: list[Token], text: str) -> bool:
    """Whether a segment's title opens right after "the": the segment's first word is "The", or "the" stands before it."""
    if tokens[0].lower == "the":
        return True
    return (_word_before(text, tokens[0].start) or "").lower() == "the"


def _apposition_words(text: str, at: int) -> list[str]:
    """An apposition's first words from `at`, up to six, as far as a comma, a bracket or a sentence's end."""
    words = _APPOSITION_WORDS.match(text, at)
    return words.group().split() if words is not None else []


def _apposition_cued(words: list[str], before_cues: frozenset[str], occupations: frozenset[str]) -> bool:
    """Whether the first words of an apposition (after its article) name a person's title or occupation: a cue word
    heads the phrase, not a modifier before a noun ("a national report drawing on ...", "workers' representative" cues
    by "representative"), not the object of a preposition ("a movement of migrant ..."), and the phrase is no clause
    ("it said drivers ...", "representing primary teachers", "led by researcher ...")."""
    if not words:
        return False
    first = words[0]
    if first in _CLAUSE_OPENINGS or first.islower() and first.endswith(("ing", "ed", "ly")):
        return False
    for j, word in enumerate(words):
        lower = word.lower()
        if lower in _INSIDE_PHRASE:
            return False
        if lower.rstrip("s") in before_cues or lower in occupations:
            if j + 1 < len(words) and words[j + 1].islower() and words[j + 1] not in _AFTER_HEAD:
                continue  # a modifier: the noun after it heads the phrase
            return True
    return False


def _cued_by_apposition(text: str, apposition: re.Match[str], before_cues: frozenset[str],
                        occupations: frozenset[str]) -> bool:
    """Whether the apposition after a name (`_APPOSITION`'s match) says it is a person's: one of its words is a title
    or an occupation, and that word heads its first words (`_apposition_cued`)."""
    return any(w.lower().rstrip("s") in before_cues or w.lower() in occupations for w in apposition.group(1).split()) \
        and _apposition_cued(_apposition_words(text, apposition.start(1)), before_cues, occupations)


def _plural_opening(token: Token, text: str) -> bool:
    """Whether a lone word opening a sentence reads as a plural noun ("Delegates", "Parties", "Nurses", "Critics", "Analysts",
    "Officials"), or is an acronym's plural anywhere ("MEPs", "MPs", "NGOs": no one's name)."""
    word = token.bare
    if len(word) > 2 and word[-1] == "s" and word[:-1].isupper():
        return True
    return (token.start == 0 or text[token.start - 2:token.start] in _SENTENCE_END) and word.endswith(
        ("ies", "es", "ers", "ants", "ents", "ates", "ists", "ors", "ics", "ysts", "ials")) and word.islower() is False and word[1:].islower()


def _opens_a_name(token: Token) -> bool:
    """Whether a word can open a person's name: not a particle ("bin", "van"), not an initial ("J.")."""
    return token.lower not in PARTICLES and not (len(token.bare.rstrip(".")) == 1 or token.text.endswith("."))


def _shaped(text: str) -> bool:
    if any(c.isdigit() for c in text) or not is_capitalized(text):
        return False
    if re.fullmatch(r"(?:[A-Z]\.\s?)+", text):
        return True
    parts = text.split("-")
    if parts[0] in ARTICLES:
        parts = parts[1:]  # "al-Assad", "el-Sisi"
    # "Lee Cheuk-yan", "Yang Kyung-soo": a given name's second syllable is written in small letters
    # ... of up to five letters when it ends in "ng" ("Chung Il-young", "Li Ka-shing", "Cheung Kin-chung")
    if len(parts) == 2 and parts[0][:1].isupper() and parts[1].isalpha() and parts[1].islower() and (
            len(parts[1]) <= 4 or len(parts[1]) == 5 and parts[1].endswith("ng")) and parts[1] not in _NOT_SYLLABLES:
        return True
    return all(p[:1].isupper() for p in parts if p) and (any(c.islower() for c in text) or is_all_caps(text))


# (compiled by mypyc, graph/compiled.py: serializable for the import's worker processes, which get it pickled; open to
# interpreted subclasses, which also makes `Class(...)` from Python run __init__ in mypy 2.4's serializable classes)
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class PeopleFinder:
    """Finds people in chunks not already claimed by organizations, places or campaigns."""

    def __init__(self, vocabulary: frozenset[str], acronyms: frozenset[str], cues: Cues,
                 not_names: frozenset[str] = frozenset(), given_names: frozenset[str] = frozenset(),
                 heads: frozenset[str] = frozenset()) -> None:
        self.vocabulary = vocabulary
        self.given_names = given_names  # case as written (ontology/names-given.ttl): "Bill", "Christian"
        self.heads = heads  # lower-cased heads of places', organizations' and campaigns' names: "Foundation", "Bay"
        self.acronyms = acronyms
        self.cues = cues
        self.cue_words = cues.all | not_names  # and words that end companies' names: "General Motors", "Nestlé S.A."
        self.lead_words = cues.titles | cues.portfolios
        # "Justices Rosalie Abella and ...": plural titles introduce names too
        self.title_forms = cues.titles | {t + "s" for t in cues.titles}
        self.before_cues = cues.occupations | cues.titles
        # what a segment's words alone say (`_read`), per run of words and whether a title leads into it: the same
        # names and phrases recur story after story
        self._readings: dict[tuple[tuple[str, ...], bool], _Reading | None] = {}

    def find(self, chunks: list[Chunk], texts: dict[Field, str], claims: Claims) -> list[Span]:
        spans: list[Span] = []
        lead: _Lead | None = None
        previous: Chunk | None = None
        for chunk in chunks:
            text = texts[chunk.field]
            # "Minister for Enterprise, Trade and Employment Leo Varadkar": a portfolio listed over commas
            if lead is not None:
                gap = text[previous.end:chunk.start] if previous is not None and previous.field is chunk.field else ""
                if _LOWER_FIELD.fullmatch(gap):
                    lead = _Lead(lead.start, chunk.start - 1, lead.affiliation)  # the field is the role's
                elif gap != ", ":
                    lead = None
            found, lead = self._chunk(chunk, text, claims, lead)
            spans.extend(found)
            previous = chunk
        return self._owners(spans, texts, claims) if spans else spans

    def _owners(self, spans: list[Span], texts: dict[Field, str], claims: Claims) -> list[Span]:
        """An unknown one-word owner a person's name follows is an organization ("Yahoo's Marissa Mayer", "Chobani's
        Hamdi Ulukaya"), and the story's other mentions of it name no person ("Yahoo told employees ...")."""
        owners: dict[str, Span] = {}
        for span in spans:
            text = texts[span.field]
            if span.start < 4 or text[span.start - 1] != " " or text[span.start - 3:span.start - 1] not in ("'s", "’s"):
                continue
            end = span.start - 3
            begin = end
            while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-&"):
                begin -= 1
            word = text[begin:end]
            if (not word or not word[:1].isupper() or (begin > 0 and text[begin - 1] not in " \"'‘“(")
                    or word.lower() in self.vocabulary or word.lower() in self.cue_words or word in owners
                    or claims.covered(span.field, begin, end)):
                continue
            if begin >= 2 and text[begin - 2:begin].strip() and text[begin - 2].isalpha() and text[begin - 2].isupper():
                continue
            owners[word] = Span(ORGANIZATION, span.field, begin, end, GUESS, "rule", 0.5, word,
                                source="owner")
        if not owners:
            return spans
        named = {w for s in spans if " " in s.name for w in s.name.split()}  # "Mayer's Jane Doe" after "Marissa Mayer"
        owners = {w: o for w, o in owners.items() if w not in named}
        kept = [s for s in spans if not (" " not in s.name and s.name in owners and s.source in _WEAK_CUES)]
        return kept + list(owners.values())

    def _chunk(self, chunk: Chunk, text: str, claims: Claims, lead: _Lead | None = None) -> tuple[list[Span], _Lead | None]:
        # Segments: runs of unclaimed words between connectors and claimed names. A title read in one segment
        # ("Minister", "Secretary-General") carries over connectors, its portfolio and the organization it is
        # held in to the name that follows ("Minister for Labour and Social Security Jane Doe").
        field, chunk_start, chunk_end = chunk.field, chunk.tokens[0].start, chunk.tokens[-1].end
        # the few claims that reach into this chunk, in claim order, so each token tests only those
        inside = [s for s in claims.in_field(field) if s.start < chunk_end and chunk_start < s.end]
        if lead is None and inside and inside[0].start <= chunk_start and chunk_end <= inside[0].end:
            return [], None  # a name found before covers the whole run ("the World Bank"): no word is left
        spans: list[Span] = []
        segment: list[Token] = []
        before: Span | None = None
        for token in chunk.tokens:
            other = None
            for claimed in inside:
                if claimed.start < token.end and token.start < claimed.end:
                    other = claimed
                    break
            if other is not None or (token.lower not in PARTICLES and not is_capitalized(token.text)):
                if segment:
                    span, lead = self._segment(chunk, segment, before, text, claims, lead)
                    if span is not None:
                        spans.append(span)
                    segment, before = [], None
                if other is not None:
                    before = other
                    if lead is not None:  # "Secretary-General of the United Nations António Guterres"
                        if other.kind is ORGANIZATION:
                            lead.affiliation = text[other.start:other.end]
                        elif other.kind is not PLACE:
                            lead = None
                elif lead is not None and token.lower not in _LEAD_GLUE:
                    lead = None
                continue
            segment.append(token)
        if segment:
            span, lead = self._segment(chunk, segment, before, text, claims, lead)
            if span is not None:
                spans.append(span)
        return spans, lead

    def _segment(self, chunk: Chunk, tokens: list[Token], before: Span | None, text: str, claims: Claims,
                 lead: _Lead | None) -> tuple[Span | None, _Lead | None]:
        # (most segments are their whole run, whose words the chunk holds already)
        words = chunk.words if len(tokens) == len(chunk.tokens) and chunk.words else tuple([t.text for t in tokens])
        key = (words, lead is not None)
        try:
            reading = self._readings[key]
        except KeyError:  # (one segment in ten: the rest are runs of words read before)
            reading = keep(self._readings, key, self._read(tokens, lead is not None), memo.RUNS)
        if reading is None:
            if lead is not None and all(t.lower in self.vocabulary for t in tokens):
                # a title's field listed over commas: "Minister of Economic Inclusion, [Small Business], Employment ..."
                return None, _Lead(lead.start, tokens[-1].end, lead.affiliation)
            return None, None
        if len(reading) == 1:
            # only a title and its portfolio so far ("Minister", "Labour and Social Security"): the name comes later
            if lead is not None:
                return None, _Lead(lead.start, tokens[-1].end, lead.affiliation)
            org = text[before.start:before.end] if before is not None and before.kind is ORGANIZATION else None
            return None, _Lead(tokens[reading[0]].start, tokens[-1].end, org)
        first, last, cue, role_words, affiliation_text, post_nominal, known, role_last, given = reading
        role_text = None
        if lead is not None:
            role_text = text[lead.start:tokens[role_last].end] if role_last >= 0 else text[lead.start:lead.end]
        names = tokens[first:last]
        cues = self.cues
        start, end = names[0].start, names[-1].start + len(names[-1].bare)
        # (what follows is read by matching at `end`, not in a copy of the rest of the text)
        role = role_text or " ".join(role_words) or None
        affiliation = lead.affiliation if lead is not None else affiliation_text if role else None
        if role and affiliation is None and before is not None and before.kind is ORGANIZATION:
            affiliation = text[before.start:before.end]
        if not cue and post_nominal:
            cue = "post-nominal"
        confidence = 0.9 if cue in ("honorific", "role") else 0.85 if cue == "post-nominal" else 0.8 if cue else 0.0
        if not cue:
            word_before = _word_before(text, start)
            if word_before and word_before.lower() in self.before_cues and not is_capitalized(word_before):
                cue, confidence = "occupation", 0.8
            elif word_before and 2 <= len(names) <= 4 and word_before.lower() in cues.succession_verbs:
                cue, confidence = "verb", 0.75  # "succeeding Pierre Gattaz", "re-elects Stephen Cotton"
        if not cue and chunk.field is TITLE and not text[:start].strip(_QUOTES) and text.startswith(":", end):
            if len(names) >= 2:
                cue, confidence = "headline", 0.85
        # (both appositions open with a comma: most names are followed by none, and then neither regex is tried)
        comma = text.startswith(",", end)
        apposition = _APPOSITION.match(text, end) if comma else None
        if apposition and not cue and _cued_by_apposition(text, apposition, self.before_cues, cues.occupations):
            cue, confidence = "apposition", 0.8
        role_phrase = _ROLE_APPOSITION.match(text, end) if comma else None
        if role_phrase and not role and any(w.lower() in cues.titles for w in role_phrase.group(1).split()):
            role = role_phrase.group(1)
            cue, confidence = cue or "apposition", max(confidence, 0.8)
            at = role_phrase.end()
            org_span = next((s for s in claims.in_field(chunk.field) if s.start == at
                             and s.kind is ORGANIZATION), None)
            affiliation = text[org_span.start:org_span.end] if org_span else None
        if not cue and _AFTER_VERB.match(text, end) and (given or not all(known[:1])):
            cue, confidence = "verb", 0.75
        if not cue:
            # No cue at all: only a two- or three-word name of words that name nothing else.
            # (a particle inside counts for no word: "Daniel Funes de Rioja", "Carlos Aceves del Olmo")
            if ((2 <= len(names) <= 3 or len(names) == 4 and len(known) == 3) and not any(known)
                    and not any(t.text in self.acronyms for t in names)
                    and not (is_all_caps(names[0].bare) and not is_all_caps(names[-1].bare))):
                # "IG Metall": an acronym leading a name makes an organization's; "JONA OAK" is a name in capitals
                cue, confidence = "shape", 0.55
            elif given and not (names[0].lower in self.vocabulary and (start == 0 or text[start - 2:start] in _SENTENCE_END)):
                # ... or one a listed given name opens, whose words the vocabulary knows: "Bill Gates", "Christian
                # Klein" (not when a sentence opens with a given name that is also a word: "Bill Payments Rise")
                cue, confidence = "shape", 0.55
            else:
                return None, None
        if cue == "role" and lead is None and _after_the(tokens, text):
            # "the Executive Yuan", "the Official Gazette", "the High Atlas mountains", "the National Contact Points":
            # after "the", a title's word opens a thing's or a body's name (never a person's in the open batches;
            # an honorific may: "the Reverend ...")
            return None, None
        if cue == "shape" and (_word_before(text, start) or "").lower() in _DETERMINERS:
            return None, None  # "an Impala Platinum mine", "the Rana Plaza collapse": a thing's name, not a person's
        if len(names) == 1 and cue in ("verb", "headline") and (names[0].bare.lower() in self.vocabulary or is_all_caps(names[0].text)):
            return None, None
        if len(names) == 1 and cue in ("verb", "apposition", "headline") and _plural_opening(names[0], text):
            return None, None  # "Delegates met ...", "Organisers, including ...": a plural noun opening a sentence
        if len(names) == 1 and cue in ("verb", "headline", "shape") and any(
                s.kind is not PERSON and s.kind is not PLACE and s.name.split()[0] == names[0].bare
                for s in claims.spans):
            return None, None  # "Amazon said" in a story about the "Amazon Labor Union": the company, not a person
        if len(names) == 1 and is_all_caps(names[0].text):
            return None, None
        if cue in _WEAK_CUES and _PLACE_BEFORE.search(text, max(0, start - 13), start) and not employer_cued(text, start):
            return None, None  # "a congress in Clermont-Ferrand, the first woman ...": after "in", a place
        display = " ".join(t.bare for t in names)
        priority = PATTERN if cue != "shape" else GUESS
        generational = _GENERATIONAL.match(text, end)
        if generational is not None:
            end = generational.end()
        if cue in ("honorific", "role") and len(names) == 1 and first > 0 and tokens[first - 1].lower.rstrip(".") in cues.honorifics:
            # "Lord Reed", "Lady Arden", "King Salman", "Prime Minister Sheikh Hasina": one name is said with its honorific
            start = tokens[first - 1].start
        return Span(PERSON, chunk.field, start, end, priority, "rule", confidence, display,
                    role=role, affiliation=affiliation, source=cue), None

    def _read(self, tokens: list[Token], led: bool) -> _Reading | None:
        """What the words of a segment alone say, the same wherever they stand (remembered per run of words by
        `_segment`): no one (None), a title still waiting for its name (the index of its first word, alone), or the
        name's token range with its cue, role words, affiliation, post-nominal flag, known-word flags and, after a
        `led` title, the index of the portfolio's last word (-1 for none)."""
        cues, title_forms = self.cues, self.title_forms
        cue, affiliation_text = "", None
        role_words: list[str] = []
        i = 0
        while i < len(tokens) and tokens[i].lower in STOPWORDS:
            i += 1
        if i == len(tokens):
            return None  # "The", "In": small words alone name no one (what the rules below conclude, sooner)
        words = [t.lower.rstrip(".") for t in tokens[i:]] if tokens[i].lower in self.lead_words else ()
        if words and self.lead_words.issuperset(words) and (led or not cues.titles.isdisjoint(words)):
            return (i,)
        if (not led and 2 <= len(tokens) - i <= 4 and tokens[-1].lower in cues.titles and tokens[i].lower not in cues.honorifics
                and tokens[-1].bare not in cues.post_nominals):  # "Jane Doe MP": the name before its post-nominal
            return (i,)  # a title its field or qualifier leads, the name to follow: "Coordinating Minister [for ...]"
        role_last = -1
        if not led and len(tokens) - i >= 3 and tokens[i].lower in cues.succession_verbs:
            cue, i = "verb", i + 1  # a sentence's "Succeeding Emma Marcegaglia of Italy, ..."
        if led:
            # the end of a portfolio, then the name: "[Minister for] Labour Jane Doe"
            j = i
            while j < len(tokens) - 1 and tokens[j].lower in self.lead_words:
                j += 1
            # ... past the words of a field no list of portfolios holds but the vocabulary knows, with two words left
            # for the name: "[Minister for] Disability Reform Jenny Macklin", "[Director of] Programmes Sanjay ..."
            # (never to leave a name opened by a particle or an initial: "Martin J. Walsh", "Issa bin Saad ...")
            while len(tokens) - j > 2 and tokens[j].lower in self.vocabulary and _opens_a_name(tokens[j + 1]):
                j += 1
            # ... and a portfolio word no list knows, shaped as an abstract noun, with two words left for the name:
            # "[Commissioner for Economy and] Productivity Valdis Dombrovskis", "[Minister of] Basic Education Angie ..."
            k = next((k for k in range(len(tokens) - 3, j - 1, -1) if len(tokens[k].lower) > 5
                      and tokens[k].lower.endswith(_ABSTRACT)), None)
            if k is not None:
                j = k + 1
            role_last = j - 1 if j > i else -1
            cue, i = "role", j
        elif len(tokens) - i >= 4 and (tokens[i].lower not in title_forms or tokens[i + 1].lower not in title_forms) and any(
                t.lower in title_forms for t in tokens[i + 1:i + 5]):
            # what stands before a title: a portfolio ("Labour Minister Jane Doe") or an organization no list knows
            # ("TUC General Secretary Paul Nowak", "Fairtrade Global CEO Dario Soto Abril")
            r = next((k for k in range(i + 1, min(len(tokens) - 2, i + 5)) if tokens[k].lower in title_forms), None)
            if r is not None:
                rest = r
                while rest < len(tokens) and (tokens[rest].lower in title_forms or tokens[rest].lower in cues.honorifics):
                    rest += 1
                if len(tokens) - rest >= 2 and all(_name_shaped(t) for t in tokens[i:r]):
                    front = tokens[i:r]
                    if len(front) == 1 and is_all_caps(front[0].bare):
                        affiliation_text = front[0].bare
                    else:
                        role_words.extend(t.text for t in front)
                    i = r
        while i < len(tokens) - 1:
            word = tokens[i].lower.rstrip(".")
            if word in cues.honorifics:
                cue = cue or "honorific"
            elif word in title_forms:
                cue = cue or "role"
                role_words.append(tokens[i].text)
            elif word in cues.occupations or word[-1:] == "s" and word[:-1] in cues.occupations:
                cue = cue or "occupation"
            else:
                break
            i += 1
        if cue != "role":
            role_words = []  # portfolio words without a title were not a role
        names = tokens[i:]
        # an owner's possessive is no part of the name that follows it: "Chobani's Hamdi Ulukaya", "Toray's Sadayuki ..."
        owner = next((k for k in range(len(names) - 2, -1, -1) if names[k].text.endswith(("'s", "’s"))), None)
        if owner is not None:
            i += owner + 1
            names = names[owner + 1:]
        while names and names[-1].lower in PARTICLES:
            names.pop()
        post_nominal = False
        while len(names) > 1 and names[-1].bare.rstrip(".") in cues.post_nominals:
            names.pop()  # "Jane Doe MP", "John Smith Jr.": evidence of a person, not part of the name
            post_nominal = True
        if (not names or len(names) > 4 and sum(t.lower not in PARTICLES for t in names) > 4
                or not _names_shaped(names)):
            return None
        if names[-1].bare in ("No", "Nos"):
            return None  # a numbered document's: "General Comment No. 23", "Executive Order No. 51"
        lowered = [t.bare.lower() for t in names]
        if not self.cue_words.isdisjoint(lowered) and not self._given_trade(names, lowered) or not NAMED_THINGS.isdisjoint(lowered):
            return None
        # ("Frances", "Florence", "Constance" end like abstract nouns: after a title or honorific they are names)
        # ... and so do "Lawrence", "Jennings", "Blankenship": of those endings, a word the vocabulary knows is a noun, and
# so is a long one in -ence or -ance ("Gouvernance", "Resilience")
        if cue != "honorific" and cue != "role" and any(len(w) > 5 and w.endswith(_ABSTRACT) and (
                w in self.vocabulary or not w.endswith(_NAME_LIKE) or len(w) > 9 and w.endswith(("ence", "ance")))
                for w in lowered):
            return None
        if led and len(names) < 2:
            return None  # "[Vice President for] Operations": a portfolio word no list knows, not a name
        flags = [w in self.vocabulary for w in lowered if w not in PARTICLES]
        last = names[-1].bare
        if len(flags) >= 2 and flags[-1] and not flags[-2] and len(last) == 2 and last[0].isupper() and last[1].islower():
            # "Sidney Ng", "Stanley Ho": a two-letter surname after a word the vocabulary does not know, whatever an
            # acronym ("HO") or another language's particle ("Araw ng Kagitingan") put the two letters in the vocabulary
            flags[-1] = False
        known = tuple(flags)
        given = self._given(names)
        if all(known) and not given:
            return None
        return i, i + len(names), cue, tuple(role_words), affiliation_text, post_nominal, known, role_last, given

    def _given_trade(self, names: list[Token], lowered: list[str]) -> bool:
        """Whether a surname after a listed given name is a title's or a trade's word, and no other word of the run
        is a cue: "Governor Jim Justice", "Chief executive Tim Cook" (never a company suffix, "... Holdings Co", nor an
        honorific or a monarch's title: "Martin Luther King" inside a day's name)."""
        cues = self.cues
        return self._given(names) and all(w not in self.cue_words or (w in cues.titles or w in cues.occupations)
                                          and w not in cues.honorifics and w not in _ROYAL for w in lowered[1:]) and lowered[0] not in self.cue_words

    def _given(self, names: list[Token]) -> bool:
        """Whether two or three words are a person's name by a listed given name opening them: the last word
        capitalized, in small letters after its first, and no head of a place's or organization's name ("Bill Gates",
        "Christian Klein"; not "Ben Gurion Airport", "Christian Aid Foundation", "Victoria Falls", which the list leaves out)."""
        if not 2 <= len(names) <= 3 or names[0].bare not in self.given_names:
            return False
        last = names[-1].bare
        return last[:1].isupper() and last[1:].islower() and last.lower() not in self.heads and last.lower() not in _SITES


_REPEAT_FORMS: Final[dict[tuple[str, frozenset[str]], tuple[str, tuple[str, ...]]]] = {}


def _repeat_forms(name: str, vocabulary: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """A person's name folded, and the folded surname and first name (in that order) a later mention may say alone:
    of three letters or more, no word of the vocabulary, no small word, no initial. Remembered per name (people
    recur story after story)."""
    key = (name, vocabulary)
    known = _REPEAT_FORMS.get(key)
    if known is None:
        parts = [p for p in name.split() if p.lower() not in PARTICLES]
        alone = tuple(fold(part) for part in ((parts[-1], parts[0]) if len(parts) >= 2 else ())
                      if len(part) >= 3 and part.lower() not in vocabulary and part.lower() not in STOPWORDS
                      and "." not in part)
        known = keep(_REPEAT_FORMS, key, (fold(name), alone), memo.WORDS)
    return known


def propagate(people: list[Span], texts: dict[Field, str], folded: dict[Field, str], claims: Claims,
              vocabulary: frozenset[str]) -> list[Span]:
    """Later mentions of a found person: the full name again, or the surname or first name alone."""
    forms: dict[str, Span] = {}
    names = []  # (folded once: read again below)
    for span in people:
        name, alone = _repeat_forms(span.name, vocabulary)
        names.append(name)
        forms.setdefault(name, span)
        for part in alone:
            forms.setdefault(part, span)
    if not forms:
        return []
    for i, (span, name) in enumerate(zip(people, names)):
        full = forms.get(name)
        if full is not None and full.name != span.name:
            people[i] = replace(span, name=full.name)  # "Houngbo thanked" after "Gilbert Houngbo"
    ordered = sorted(forms, key=len, reverse=True)
    found = []
    for field, text in texts.items():
        for start, end in whole_words(folded[field], ordered):
            if not text[start].isupper() or claims.covered(field, start, end):
                continue
            source = forms[folded[field][start:end]]
            span = Span(PERSON, field, start, end, PATTERN, "rule", source.confidence, source.name,
                        source="repeat")
            claims.add(span)
            found.append(span)
    return found


def find_people(doc: Doc) -> None:
    """Pass "people": cued names in what the other names left unclaimed, arbitrated among themselves."""
    _free_cued_names(doc)
    found = doc.resources.people.find(doc.chunks, doc.texts, doc.claims)
    doc.accept(arbitrate(found, doc.claims, doc.texts, trim))


def repeat_people(doc: Doc) -> None:
    """Pass "people-repeats": later mentions of the people found, by full name, surname or first name."""
    # propagate() renames short forms in place ("Houngbo" -> "Gilbert Houngbo"): where they stand, to write them back
    positions = [i for i, s in enumerate(doc.accepted)
                 if s.kind is PERSON and s.method == "rule" and s.source != "repeat"]
    if not positions:
        return
    people = [doc.accepted[i] for i in positions]
    found = propagate(people, doc.texts, doc.folded, doc.claims, doc.resources.vocabulary)
    for i, span in zip(positions, people):
        doc.accepted[i] = span
    doc.accept(found)


# organizations read by a form or the words around them, not by a list: what a person's cue may overrule
# (and "repeat": a foundation's name less its head, "Founder Mo Ibrahim said" after "the Mo Ibrahim Foundation", is
# the person it is named after when a person's cue stands by it)
_FORM_SOURCES: Final = frozenset(("cue", "listed", "head", "company", "employer", "joined", "repeat"))
_NAME_WORD: Final = re.compile(r"[A-Z][a-zà-ÿ]+(?:-[A-Za-zà-ÿ][a-zà-ÿ]+)?")


def _after_a_word(text: str, start: int) -> bool:
    """Whether a space and a word's small letter stand right before `start` (the cheap test before `_surname_of`)."""
    return text[start - 1] == " " and text[start - 2].islower()


def _surname_of(doc: Doc, span: Span, finder: PeopleFinder) -> bool:
    """Whether a known one-word organization is the surname of a person's name a title or a title's apposition cues:
    an unknown capitalized word no name claims stands right before it ("Industry Minister Hiroshige Seko", "convicted
    Keshub Mahindra, the former chairman of ..."; over 1-45 such a pair is a person's name in the gold but once,
    "Buffalo Starbucks workers", which has neither cue)."""
    text = doc.texts[span.field]
    name = text[span.start:span.end]
    if " " in name or not _NAME_WORD.fullmatch(name):
        return False
    given = _word_before(text, span.start)
    # (a listed given name the people finder reads alone, and "guessed-people" joins it to the company and makes the
    # company's other mentions the surname: "Premier Doug" + "Ford", "as Ford promises ...")
    if given is None or not _NAME_WORD.fullmatch(given) or given.lower() in finder.vocabulary \
            or given.lower() in finder.cue_words or given in finder.acronyms or given in finder.given_names:
        return False
    begin = span.start - 1 - len(given)
    if doc.claims.covered(span.field, begin, span.start - 1):
        return False
    title = _word_before(text, begin)
    if title is not None and title.lower() in finder.cues.titles:
        return True
    apposition = _APPOSITION.match(text, span.end)
    return apposition is not None and _cued_by_apposition(text, apposition, finder.before_cues,
                                                          finder.cues.occupations)


def _free_cued_names(doc: Doc) -> None:
    """An organization a form or context guessed that is written as a person's name of two or three words none of which
    the vocabulary knows, right after a title or an occupation ("IDB vice-president Richard Martinez and World Bank
    ...") or before an apposition that holds one ("Martin Seiler, Deutsche Bahn's board member", "Thembekile Mankayi, a
    former gold miner at ..."), is left to the people finder: its cues, not the organization's form, say who is meant."""
    finder = doc.resources.people
    if not isinstance(finder, PeopleFinder):
        return
    gone: set[int] = set()
    for span in doc.accepted:
        if span.kind is not ORGANIZATION:
            continue
        if span.priority == GAZETTEER:
            if span.start > 1 and _after_a_word(doc.texts[span.field], span.start) \
                    and _surname_of(doc, span, finder):
                gone.add(id(span))
            continue
        if span.method != "rule" or span.source not in _FORM_SOURCES:
            continue
        text = doc.texts[span.field]
        words = text[span.start:span.end].split()
        # (a listed given name opening it may be a word the vocabulary knows: "Martin Seiler", "Lauren Seibert")
        if not 2 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words) or any(
                w.lower() in finder.vocabulary and not (i == 0 and w in finder.given_names)
                or w.lower() in finder.cue_words for i, w in enumerate(words)):
            continue
        before = _word_before(text, span.start)
        # (a title in capitals opening the sentence cues as one in small letters: "Founder Mo Ibrahim said")
        cued = before is not None and before.lower() in finder.before_cues and (not is_capitalized(before) or (
            span.start - len(before) - 1 == 0 or text[:span.start - len(before) - 1].endswith(_SENTENCE_END)))
        if not cued:
            apposition = _APPOSITION.match(text, span.end)
            cued = apposition is not None and _cued_by_apposition(text, apposition, finder.before_cues,
                                                                  finder.cues.occupations)
        if cued:
            gone.add(id(span))
    doc.drop(gone)
