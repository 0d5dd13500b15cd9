"""Organizations no gazetteer knows and no head noun marks, named by the words around them: "the union Seko",
"the delivery companies Glovo and Deliveroo", "Amazon workers"."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import STOPWORDS, Token, is_all_caps, words_before
from graph.extract.spans import GUESS, ORGANIZATION, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# "Confédération générale du travail": the name runs on in small letters, beyond the capitalized run
_RUNS_ON: Final = re.compile(r" [a-zà-ÿ]+ (?:du|de|des|del|della|di|do|da|der|für)\b")
_OF_THE: Final = (" of ", " at ", " of the ", " at the ")
_LIST_GLUE: Final = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|&|or)\s+)$")
# Where a sentence starts, any word is capitalized: "Delivery workers ..." names no company.
_SENTENCE_START: Final = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


# "by Sama, a contractor that ...", "Elite Taxi, a Barcelona taxi drivers' association": one of the first four words
# after the article is the noun (not a possessive: "Eduardo Stein, the agencies' joint special representative")
# (or the owner's possessive that stands for the article: "Keidanren, Japan's most powerful business lobby")
_APPOSITION: Final = re.compile(r", (?:a|an|the|[A-Z][\w-]*['’]s) ")
_APPOSITION_WORDS: Final = re.compile(r"[\w'’-]+[,.;]?")
# "the Histadrut labour federation", "the Lederne union": one lower-case word may come between a name and the
# organization noun after it, which says what the name is when an article leads the name
_MODIFIER: Final = re.compile(r" [a-z][\w'’-]* $")
_DETERMINER: Final = re.compile(r"(?:^|\b)(?:[Tt]he|[Ii]ts|[Tt]heir) $")
_DETERMINERS: Final = frozenset(("the", "its", "their"))
# "LICADHO, Equitable Cambodia and other civil society organisations", "SpaceX and two other companies", "IF Metall,
# Unionen, Sveriges Ingenjörer and other industrial unions": what a list names before "and other" bodies are bodies
# too (fourteen lists in thirteen open batches, every name in them an organization)
# (in small letters between "other" and the noun: "Uyghurs and other predominantly Muslim groups" are people)
_AND_OTHERS: Final = re.compile(r",? and (?:[a-z]+ ){0,2}other (?:[a-z-]+ ){0,3}?(?:groups|organi[sz]ations|unions|companies|"
                                r"firms|NGOs|associations|bodies|charities|brands|retailers|employers|federations|banks|"
                                r"agencies|platforms)\b")


def _listed_before_others(doc: Doc, field: Field, text: str) -> None:
    """Organization candidates for the names a list gives before "and other organisations"."""
    chunks: list | None = None
    ends: dict[int, int] = {}
    for match in _AND_OTHERS.finditer(text):
        if chunks is None:
            chunks = doc.chunks_in(field)
            ends = {c.end: k for k, c in enumerate(chunks)}
        k = ends.get(match.start())
        while k is not None:
            chunk = chunks[k]
            tokens = chunk.tokens
            while tokens and tokens[0].lower in STOPWORDS:
                tokens = tokens[1:]  # a sentence's "The"
            if 0 < len(tokens) <= 5 and not any(t.lower == "and" for t in tokens):
                start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].bare)
                doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.6,
                                           text[start:end], source="cue"))
            # (the list goes back over its commas: "IF Metall, Unionen, Sveriges Ingenjörer and other ...")
            k = k - 1 if k > 0 and text[chunks[k - 1].end:chunk.start] == ", " else None
# a place made an adjective is no name: "the Calgary-based airline", "a state-owned company"
_ADJECTIVE: Final = re.compile(r"-(?:based|owned|run|led|backed|funded|controlled|registered|listed)$")
# a foreign name runs on after its first word: "Initiative pour la Bonne Gouvernance", "Solidaridad de ..."
_FOREIGN_ON: Final = re.compile(r" (?:pour|de|du|des|del|della|di|do|da|der|für|zur|y|et|per|para) ")
# "the Evangelisches Werk für Diakonie und Entwicklung, an agency": a run after a small particle is a name's tail
_PARTICLE_BEFORE: Final = re.compile(r"\b(?:für|de|du|des|del|della|di|do|da|der|und|y|et) $")


# "Jacques Bino, a union member shot dead ...": a body's noun before one of these qualifies a person, who the
# apposition says the name is (the titles, "leader", "official", "spokesman", are the cue words' own)
_MEMBERS: Final = frozenset("member members activist activists official officials".split())


def _apposition_noun(text: str, end: int, nouns: frozenset[str], titles: frozenset[str] = frozenset()) -> bool:
    match = _APPOSITION.match(text, end)
    if match is None:
        return False
    words = _APPOSITION_WORDS.findall(text, match.end(), match.end() + 60)[:5]
    for k, word in enumerate(words[:4]):
        bare = word.rstrip(",.;")
        if bare in nouns:
            # (the noun that ends the phrase says what it is: not "a union member", "a company spokesman")
            following = words[k + 1].rstrip(",.;") if bare == word and k + 1 < len(words) else ""
            return following not in _MEMBERS and following not in titles
        if bare != word or bare.rstrip("'’") in nouns:
            return False  # the apposition's clause ends, or the noun owns what follows
    return False


def _lone_word_named(noun: str | None, listed: object, text: str, token: Token) -> bool:
    """Whether one common word after a single organization noun is its name ("the trade union Solidarity"): not after
    a plural noun or in a list, not opening a sentence, not a foreign name's first word ("Initiative pour ...")."""
    return noun is not None and noun != "" and not listed and not noun.endswith("s") and not _FOREIGN_ON.match(text, token.end) \
        and not _SENTENCE_START.search(text, max(0, token.start - 4), token.start)


def _names(tokens: tuple[Token, ...]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower in ("and", "or"):  # "Legal & General" is one name
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if p]


def cued_organizations(doc: Doc) -> None:
    """Pass "organization-cues": names right after an organization noun (and the rest of a list it starts) or a
    title's "of", and a single unknown word right before a workforce noun, as guessed organization candidates.
    The cue words come from the "labels" pass's automaton walk, so a story without one costs nothing here."""
    res = doc.resources
    vocabulary, titles = res.vocabulary, res.cues.titles
    for field, text in doc.texts.items():
        before: dict[int, str] = {}  # where a cued name would start -> the noun ("" after a title's "of")
        after: set[int] = set()  # where a name followed by a workforce noun would end
        noun_after: set[int] = set()  # where a name an organization noun follows would end ("the Lederne union")
        capital_noun: set[int] = set()  # where "NGO" starts a run
        if " other " in text and " and " in text:
            _listed_before_others(doc, field, text)
        hits = doc.cue_hits.get(field, ())
        nouns = False  # any organization noun at all: only then can an apposition name one
        titled = " of " in text or " at " in text
        if not hits and not titled:
            continue
        for start, end, cls in hits:
            if cls == "OrganizationNoun" and text[start:end] == "NGO":
                capital_noun.add(start)  # the one noun news writes in capitals, which opens the run: "NGO Hen Mpoano"
            elif cls == "OrganizationNoun" and text[start].islower():
                nouns = True
                at = end + 1 if text[end:end + 1] in (",", ":") else end
                if text[at:at + 1] == " ":
                    before.setdefault(at + 1, text[start:end])
                # (not "maker": the word before it says what is made or where, "the Basque maker of cookers")
                if text[start - 1:start] == " " and not text.startswith("maker", start):
                    noun_after.add(start - 1)
                    modifier = _MODIFIER.search(text, max(0, start - 24), start)
                    if modifier is not None:
                        noun_after.add(modifier.start())  # "the Histadrut labour federation"
            elif cls == "WorkforceNoun" and text[start].islower() and text[start - 1:start] == " ":
                after.add(start - 1)
        if not before and not after and not nouns and not titled and not capital_noun:
            continue  # no run can be cued: the other cue words (titles, campaign words) are other passes'
        listing_end: int | None = None
        for chunk in doc.chunks_in(field):
            noun = before.get(chunk.start)
            named_tokens = chunk.tokens
            if capital_noun and noun is None:
                # "NGO Hen Mpoano", "the Ghanaian NGO Hen Mpoano": the name is what follows the noun
                opening = next((k for k, t in enumerate(chunk.tokens[:-1]) if t.start in capital_noun), None)
                if opening is not None:
                    noun, named_tokens = "NGO", chunk.tokens[opening + 1:]
            if noun is None and titled and text[max(0, chunk.start - 8):chunk.start].endswith(_OF_THE):
                # "Managing Director of Unilever New Zealand", "general secretary of the CGT"
                words = words_before(text, chunk.start)
                if words and words[-1] == "the":
                    words = words[:-1]
                if len(words) >= 2 and words[-1] in ("of", "at") and words[-2].lower() in titles:
                    noun = ""
            if noun == "" and _RUNS_ON.match(text, chunk.end):
                noun = None  # "general secretary of the Confédération générale du travail"
            listed = listing_end is not None and _LIST_GLUE.match(text[listing_end:chunk.start])
            listing_end = None
            # (a sentence's "The" is the run's first word: "The Mandate trade union, which ...")
            led = len(chunk.tokens) > 1 and chunk.tokens[0].lower in _DETERMINERS
            if chunk.end in noun_after and noun is None and not listed and (led or _DETERMINER.search(
                    text, max(0, chunk.start - 6), chunk.start)):
                # "the Solidarność union", "the Unidos Podemos party", "The CUT and Força Sindical union federations"
                for part in _names(chunk.tokens[1:] if led else chunk.tokens):
                    part_words = [t.bare.lower() for t in part]
                    if (len(part) > 4 or part_words[0] in STOPWORDS or _ADJECTIVE.search(part_words[-1])
                            or len(part) == 1 and part_words[0] in vocabulary and _FOREIGN_ON.match(text, part[0].end)
                            or any(w in titles for w in part_words) or len(part) == 1 and is_all_caps(part[0].bare)):
                        continue
                    start, end = part[0].start, part[-1].start + len(part[-1].bare)
                    doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.6,
                                               text[start:end], source="cue"))
                continue
            if noun is not None or listed:
                for part in _names(named_tokens):
                    part_words = [t.bare.lower() for t in part]
                    if (len(part) > 4 or part_words[0] in STOPWORDS or _ADJECTIVE.search(part_words[-1])
                            or len(part) == 1 and part_words[0] in vocabulary and not _lone_word_named(noun, listed, text, part[0])
                            or any(w in titles for w in part_words)):
                        continue
                    start, end = part[0].start, part[-1].start + len(part[-1].bare)
                    doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.6,
                                               text[start:end], source="cue"))
                if listed or noun and noun.endswith("s"):  # "companies X, Y and Z"
                    listing_end = chunk.end
                continue
            if chunk.end not in after:
                if nouns and text[chunk.end:chunk.end + 2] == ", " and _apposition_noun(
                        text, chunk.end, res.organization_nouns, titles):
                    # "by Sama, a contractor that ...": the apposition says what the name is
                    named = chunk.tokens
                    named_words = [t.bare.lower() for t in named]
                    if len(named) <= 4 and named_words[0] not in STOPWORDS and not all(w in vocabulary for w in named_words) \
                            and not _PARTICLE_BEFORE.search(text, max(0, chunk.start - 8), chunk.start):
                        start, end = named[0].start, named[-1].start + len(named[-1].bare)
                        doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.6,
                                                   text[start:end], source="cue"))
                continue
            token = chunk.tokens[-1]
            lowered = token.bare.lower()
            tokens = chunk.tokens
            if len(tokens) >= 3 and tokens[-2].text == "&" and tokens[-3].text[:1].isupper() \
                    and tokens[-3].lower not in STOPWORDS and token.text[:1].isupper():
                # "Stop & Shop workers", "Sogo & Seibu workers": "&" joins two words into one name, known words or not
                start, end = tokens[-3].start, token.start + len(token.bare)
                doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.6,
                                           text[start:end], source="cue"))
                continue
            if lowered in vocabulary or lowered in STOPWORDS or is_all_caps(token.bare) or lowered in titles:
                continue
            if len(chunk.tokens) == 1 and _SENTENCE_START.search(text, max(0, chunk.start - 4), chunk.start):
                continue
            end = token.start + len(token.bare)
            doc.candidates.append(Span(ORGANIZATION, field, token.start, end, GUESS, "rule", 0.6,
                                       token.bare, source="cue"))
