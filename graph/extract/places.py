"""Places named by their form: "Sekong Province", "Daktleup Village", "Za'atari camp"."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import Chunk, STOPWORDS, Token, headed_spans, is_all_caps, is_camel, is_capitalized
from graph.extract.spans import Claims, GAZETTEER, GUESS, PATTERN, PERSON, PLACE, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HEADS: Final[frozenset[str]] = frozenset("""
province district village region city state governorate county municipality prefecture town township camp island
islands valley oblast division commune upazila sub-district subdistrict territory emirate
""".split()) | (FEATURES := frozenset("square park gorge boulevard bay street avenue beach sea".split()))
# (FEATURES: a site's head noun, "Tahrir Square", "Hyde Park", "Juukan Gorge", "Veng Sreng Boulevard", "Thunder Bay":
# a name shaped as a person's that ends in one is a place; one word alone, or after a title, is not one: "Park" is also
# a surname, "President Park"; an estate's park is as often the company that runs it, "Morowali Industrial Park";
# a sea: "the Andaman Sea" (20 twice, 33), "the North Sea" (29), "the Aral Sea" (42) missed, and every "... Sea" of
# the open stories a place in the gold)
ESTATES: Final = frozenset("industrial science technology business eco economic export".split())
_LOWER_HEAD: Final = re.compile(r"\s+(province|district|village|governorate|municipality|region|county|"
                                r"(?:refugee\s+)?camps?|island)\b")
# the initials of _LOWER_HEAD's nouns: a run whose next character but one is neither of these nor a space has none after
# it (name-forms skips `find_places` for such runs without a head noun, most runs)
LOWER_HEAD_INITIALS: Final = frozenset("pdvgcmr")
_SENTENCE_END: Final = (". ", "! ", "? ", ": ")
# Words before a name that say a place follows ("in Irbid"); subdivisions from ISO 3166-2 need one.
_PLACE_CUE: Final = re.compile(r"(?:\b(?:in|at|from|near|across|to|of|and|around|throughout|between|outside|inside)\s+(?:the\s+)?)$",
                               re.IGNORECASE)


def find_places(chunk: Chunk, text: str, headed: bool = True, cues: frozenset[str] = frozenset(),
                vocabulary: frozenset[str] = frozenset()) -> list[Span]:
    """Place spans of one chunk ending in a place noun, capitalized or not; `cues`, the words that say a person
    follows ("President", "Dr"), lead no site's name. A lower-case camp's or island's name is the place without the
    noun ("the Dadaab refugee camps": "Dadaab", how the gold of 9, 31, 39, 40 and 44 names such camps; "Halmahera
    island", 29; `_named_before_noun`)."""
    spans = []
    tokens = chunk.tokens
    for i, j in (headed_spans(chunk, HEADS, frozenset()) if headed else ()):
        if tokens[j].lower in FEATURES and (j == i or tokens[i].lower.rstrip(".") in cues or tokens[j - 1].lower in ESTATES):
            continue
        start, end = tokens[i].start, tokens[j].start + len(tokens[j].bare)
        spans.append(Span(PLACE, chunk.field, start, end, PATTERN, "rule", 0.8, text[start:end],
                          trimmable=True, source="head"))
    # (a space, then a noun's initial or more space, must follow for the regex to match: most runs are followed by
    # neither)
    after = text[chunk.end + 1:chunk.end + 2]
    lower = _LOWER_HEAD.match(text, chunk.end) if text[chunk.end:chunk.end + 1].isspace() and (
        after in LOWER_HEAD_INITIALS or after.isspace() or after == "i" and text.startswith("island", chunk.end + 1)) \
        else None
    if lower:
        first = next((k for k, t in enumerate(tokens) if t.lower not in STOPWORDS), None)
        if first is not None and lower.group(1).endswith(("camp", "camps", "island")):
            spans.extend(_named_before_noun(chunk, text, first, vocabulary))
        elif first is not None and first == len(tokens) - 1 or first is not None and len(tokens) - first <= 3:
            start = tokens[first].start
            spans.append(Span(PLACE, chunk.field, start, lower.end(), PATTERN, "rule", 0.7,
                              text[start:lower.end()], trimmable=True, source="lower-head"))
    return spans


def _named_before_noun(chunk: Chunk, text: str, first: int, vocabulary: frozenset[str]) -> list[Span]:
    """The places a lower-case "camp(s)" or "island" after the run names, without the noun: the names after the run's
    last small word ("Mines on Tarvoka island", "the Weda Bay Industrial Park on Halmahera island"), one a name ("the
    Zaatari and Azraq camps"), of up to three words none of which the vocabulary knows ("the Pacific island nations"
    name no ocean) and not opening a sentence ("Similar camps")."""
    tokens = chunk.tokens
    begin_at = len(tokens)
    while begin_at > first and (tokens[begin_at - 1].lower not in STOPWORDS or tokens[begin_at - 1].lower in ("and", "&")):
        begin_at -= 1
    parts: list[list[Token]] = [[]]
    for token in tokens[begin_at:]:
        if token.lower in ("and", "&"):
            parts.append([])
        else:
            parts[-1].append(token)
    spans = []
    for named in parts:
        if 1 <= len(named) <= 3 and not any(t.bare != t.text or t.lower in vocabulary for t in named) and not (
                named[0].start == 0 or text[named[0].start - 2:named[0].start] in _SENTENCE_END):
            begin, end = named[0].start, named[-1].end
            spans.append(Span(PLACE, chunk.field, begin, end, PATTERN, "rule", 0.7, text[begin:end], trimmable=True,
                              source="lower-head"))
    return spans


# the heads that lead a water's name: "the Gulf of Aden", "the Bay of Bengal", "the Strait of Malacca", "Lake Chad" (15,
# 20, 27, 33, 36, 41, 44 miss one, and a gazetteer's "Gulf" or "Malacca" is an extra in four of them; every such name
# of the open stories is a place in the gold)
WATER_LEADS: Final = frozenset(("gulf", "bay", "strait", "straits", "lake"))


def water_by_lead(chunk: Chunk, text: str) -> list[Span]:
    """The places a run names by a leading water's head: "Gulf", "Bay", "Strait(s)" and "of" and one capitalized word
    ("the Gulf of Mexico"), or "Lake" and one ("Lake Naivasha"), not after a capitalized word ("Salt Lake City",
    "Thunder Bay") and not run on by another capitalized word (a body's name: "Gulf of Maine Research Institute")."""
    tokens = chunk.tokens
    spans = []
    for k, token in enumerate(tokens):
        if token.lower not in WATER_LEADS or token.text != token.text.capitalize() or k and is_capitalized(tokens[k - 1].text) \
                and tokens[k - 1].lower not in STOPWORDS:
            continue
        last = k + 1 if token.lower == "lake" else k + 2
        if last >= len(tokens) or last == k + 2 and tokens[k + 1].text != "of":
            continue
        named = tokens[last]
        if not is_capitalized(named.text) or named.lower in STOPWORDS or named.bare != named.text:
            continue
        if last + 1 < len(tokens) and is_capitalized(tokens[last + 1].text) and tokens[last + 1].lower not in STOPWORDS:
            continue
        start, end = token.start, named.end
        # (a known place's rank: the gazetteer's "Gulf", "Malacca" or "Chad" inside would win over a pattern)
        spans.append(Span(PLACE, chunk.field, start, end, GAZETTEER, "rule", 0.8, text[start:end], source="water"))
    return spans


# "Metro Manila", "Metro Vancouver": a known city's metropolitan area is a place named by both words (batches 16, 49 and
# 50 read the city alone; no other "Metro" and a known place stands in the open stories but a company's "Metro Ontario
# Inc.", which another capitalized word runs on)
METRO_LEADS: Final = frozenset(("metro",))


def metro_areas(chunk: Chunk, text: str, known: list[Span]) -> list[Span]:
    """The places a run names by "Metro" and a known city's one word ("Metro Manila"), not after a capitalized word
    ("Tokyo Metro Commerce") and not run on by another ("Metro Ontario Inc."). `known`: the candidates so far, whose
    gazetteer places say which word is a known city."""
    tokens = chunk.tokens
    spans = []
    for k, token in enumerate(tokens[:-1]):
        if token.text != "Metro" or k and is_capitalized(tokens[k - 1].text) and tokens[k - 1].lower not in STOPWORDS:
            continue
        named = tokens[k + 1]
        if k + 2 < len(tokens) and is_capitalized(tokens[k + 2].text) and tokens[k + 2].lower not in STOPWORDS:
            continue
        if not any(c.kind is PLACE and c.source == "entry" and c.field is chunk.field and c.start == named.start
                   and c.end == named.end for c in known):
            continue
        start, end = token.start, named.end
        spans.append(Span(PLACE, chunk.field, start, end, GAZETTEER, "rule", 0.8, text[start:end], source="metro"))
    return spans


def has_place_cue(text: str, start: int) -> bool:
    """Whether the words just before `start` introduce a place ("in", "from the")."""
    return bool(_PLACE_CUE.search(text, max(0, start - 24), start))


# the words of a direction before a place's name
DIRECTIONS: Final = frozenset("north south east west northern southern eastern western central upper lower".split())
_IN: Final = re.compile(r"\b(?:in|near|from)\s+$")
# "in towns such as Kaya, Djibo and Ouahigouya", "areas such as Tema": a plural place noun before "such as" opens a list
# of places as "in" does (batches 34, 35 and 38 miss one; every name of 1-45 after it is a place in the gold); so does
# a lower-case place noun before "of": "the oil town of Zhanaozen", "the port of Berbera" (13 misses in 1-45, in 12
# batches; every one of its 23 names there a place in the gold or optional); "islands such as Lesbos", "the island of
# Negros" (14, 18, 39 twice miss one; all four names places in the gold); and a facility's noun before "at": "its
# car plant at Melloussa" (6, 37, 40 twice miss one; the one other name there, 40's "Broadmeadows", a place too)
_CUED_LIST: Final = re.compile(r"\b(?:(?:towns|cities|villages|regions|provinces|districts|states|areas|countries"
                               r"|municipalities|islands) such as|(?:town|city|village|port|hamlet|municipality|island) of"
                               r"|(?:plants?|factory|factories|mines?|refinery|smelter) at)\s+$")
_VERSUS: Final = (" v. ", " v ", " vs. ", " vs ")
_LIST_GLUE: Final = re.compile(r"^(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)$")


def guess_places(chunks: list[Chunk], texts: dict[Field, str], claims: Claims, vocabulary: frozenset[str],
                 shaped: list[Span] | None = None) -> list[Span]:
    """"in Peshawar", "in Kumasi and Accra", "from Mekelle": an unknown one- or two-word name right after "in" is, in
    this news, nearly always a town, and so is each further name of a list it starts ("in Menoufia, Qalyubia and
    Minya"); only words that name nothing else in the ontology qualify. A name the people finder guessed a person's
    by its shape alone, further in such a list or after a plural place noun's "such as" or a place noun's "of" ("in
    Oshawa, St. Catharines and Ingersoll", "towns such as Casale Monferrato"), goes to `shaped`: it is a place too."""
    found = []
    listing: tuple[Field, int] | None = None  # where the last place of a list after "in" ended
    for chunk in chunks:
        text = texts[chunk.field]
        listed = listing is not None and listing[0] is chunk.field and _LIST_GLUE.match(text[listing[1]:chunk.start])
        listing = None
        # (a name right after "in", "from" or "near" may still be a person's: "takes over from Jane Doe"; so may one
        # after a place and a comma that no "and" and further name follow: "a judge in Agrigento, Jane Doe, said")
        cued_list = False
        if not listed:
            # (the words' letters looked for first: most runs follow none of them, and three substring tests cost
            # less than the regex)
            before = max(0, chunk.start - 6)
            window = text[before:chunk.start]
            if not ("in" in window or "from" in window or "near" in window) or not _IN.search(text, before, chunk.start):
                if not window.endswith(("as ", "of ", "at ")) or not _CUED_LIST.search(
                        text, max(0, chunk.start - 24), chunk.start):
                    continue
                cued_list = True
        if text.startswith(_VERSUS, chunk.end):
            continue  # "ruled in Polyakh and Others v. Ukraine", "in Sandifer v. United States Steel": a case's parties
        groups: list[list] = [[]]
        for token in chunk.tokens:
            if token.lower in ("and", "&"):
                groups.append([])
            else:
                groups[-1].append(token)
        for g, words in enumerate(groups):
            if not words:
                break
            claim = claims.at(chunk.field, words[0].start, words[-1].end)
            if claim is not None and shaped is not None and claim.kind is PERSON \
                    and (cued_list and g == 0 or (listed or g > 0) and g < len(groups) - 1) \
                    and claim.source == "shape" and claim.start == words[0].start \
                    and claim.end == words[-1].start + len(words[-1].bare) and len(words) == 2 \
                    and _unknown(words[1:] if words[0].text == "St." else words, vocabulary):
                shaped.append(claim)
                listing = (chunk.field, claim.end) if g == len(groups) - 1 else None
                continue
            if claim is not None:
                # a known place in the list ("in Cairo, Giza and Minya") carries it on; anything else ends it
                if claim.kind is not PLACE or claim.end < words[-1].start + len(words[-1].bare):
                    break
                listing = (chunk.field, claim.end)
                continue
            # (a direction may open a two-word name the ontology does not know: "in North Kivu, South Kivu and
            # Ituri", "in Sukoharjo, Central Java,")
            named = words[1:] if len(words) == 2 and words[0].lower in DIRECTIONS else words
            if not 1 <= len(words) <= 2 or not _unknown(named, vocabulary) or any(w.bare != w.text for w in words[:-1]):
                break
            start, end = words[0].start, words[-1].start + len(words[-1].bare)
            span = Span(PLACE, chunk.field, start, end, GUESS, "rule", 0.5, text[start:end], source="guess")
            claims.add(span)
            found.append(span)
            listing = (chunk.field, end) if g == len(groups) - 1 else None
    return found


def _unknown(words: list[Token], vocabulary: frozenset[str]) -> bool:
    """Whether every word is capitalized and one the vocabulary does not know, no acronym and no camel-cased name."""
    return not any(not is_capitalized(w.text) or w.bare.lower() in vocabulary or is_all_caps(w.bare) or is_camel(w.bare)
                   for w in words)


def guessed(doc: Doc) -> None:
    """Pass "guessed-places": unknown names right after "in"/"from" are accepted as places; so are the people guessed
    by their shape alone in a list of places."""
    shaped: list[Span] = []
    doc.accept(guess_places(doc.chunks, doc.texts, doc.claims, doc.resources.vocabulary, shaped))
    if shaped:
        doc.people_as({s.name for s in shaped}, PLACE, "guess")


# "its Lordstown assembly plant", "the Grangemouth refinery", "Codelco's Ventanas smelter": an unknown name between
# an owner and a facility's noun (a few lower-case words between) names where the facility stands (batches 3, 9, 12,
# 21, 22, 29, 33, 34, 37, 43 and 44 miss one); not when a place is said after the noun ("its Troller
# factory in Horizonte": a brand's, an owner's name)
# (the pass's cues: what a story must hold, folded, for the pass to run; the gate's automaton looks for them)
FACILITY_CUES: Final[tuple[str, ...]] = (" plant", " factory", " refinery", " smelter", " mine")
_FACILITY: Final = re.compile(r"(?:\b(?:[Ii]ts|[Tt]he)|['’]s) ([A-Z][\w-]*[a-z](?: [A-Z][\w-]*[a-z])?)(?: [a-z]+){0,3} "
                              r"(?:plants?|factory|refinery|smelter|mine)\b")


def facility_places(doc: Doc) -> None:
    """Pass "facility-places": an unknown name after "its", "the" or an owner's "'s" and before a facility's noun
    ("its Oshawa plant", "the Soma coal mine") is the place the facility stands in, when no word of it is one the
    vocabulary knows and nothing else reads it."""
    vocabulary, claims, found = doc.resources.vocabulary, doc.claims, []
    for field, text in doc.texts.items():
        for m in _FACILITY.finditer(text):
            start, end = m.span(1)
            if text.startswith((" in ", " near ", " at "), m.end()):
                continue  # "its Troller factory in Horizonte", "the Tönnies plant in Rheda": the place is said after it
            if any(w.lower() in vocabulary or w.lower() in STOPWORDS for w in m.group(1).split()) \
                    or claims.covered(field, start, end) or claims.at(field, start, end) is not None:
                continue
            span = Span(PLACE, field, start, end, GUESS, "rule", 0.5, m.group(1), source="facility")
            claims.add(span)
            found.append(span)
    doc.accept(found)

