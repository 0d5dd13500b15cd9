"""People: names with an honorific, a role, an occupation, a quote colon, a speech verb or an apposition
around them; later surname- or first-name-only mentions; roles and affiliations as evidence."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.chunks import NAMED_THINGS, PARTICLES, STOPWORDS, Chunk, Token, is_all_caps, is_capitalized
from graph.extract.folding import fold, whole_words
from graph.extract.spans import GUESS, PATTERN, Claims, Span, arbitrate
from graph.records import EntityKind, Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HONORIFICS = frozenset("""
mr mrs ms miss mx dr prof professor sir dame madam madame mme lord lady sheikh sheikha hon honourable honorable
excellency rev reverend father sister imam rabbi h.e
""".split())
# Job titles: they carry the person's role in an organization ("ILO Director-General Guy Ryder").
ROLES = frozenset("""
director-general secretary-general deputy director assistant executive chief senior regional country general head
minister president vice-president vice chair chairperson chairman chairwoman economist specialist officer coordinator
manager adviser advisor representative ambassador spokesperson spokesman spokeswoman ceo founder co-founder expert
researcher professor envoy commissioner governor mayor secretary administrator technical special high lead principal
statistician analyst rapporteur goodwill prime deputy-director treasurer dean editor correspondent chargé
chancellor premier senator congressman congresswoman king queen prince princess emir
""".split())
# What people are or do: a cue that a name follows or is explained ("actor Sophia Loren", "Batoul, Syrian refugee").
OCCUPATIONS = frozenset("""
musician musicians actor actress singer songwriter composer artist writer author poet filmmaker photographer athlete
footballer player activist advocate farmer worker employee entrepreneur owner teacher student nurse doctor refugee
migrant journalist scientist apprentice trainee seamstress tailor driver fisherman fisher mother father mechanic
engineer carpenter electrician weaver vendor trader miner labourer laborer colleague chef cook designer rapper dj
comedian presenter host official unionist leader champion winner graduate mentor volunteer trainer beneficiary
survivor girl boy woman man widow grandmother daughter son wife husband resident inspector judge jurist pioneer
businesswoman businessman homeworker baker potter caregiver cleaner guard rider courier midwife porter
seafarer welder plumber hairdresser herder economist
""".split())
_VERBS = ("says|said|say|calls|called|talks|talked|joins|joined|shares|shared|explains|explained|urges|urged|notes|"
          "noted|adds|added|stresses|stressed|told|tells|believes|describes|described|wrote|writes|speaks|spoke|"
          "highlights|highlighted|warns|warned|recalls|recalled|continues|continued|receives|received|found|works|"
          "worked|uses|used|lives|lived|launched|launches|attended|visited|visits|met|meets|welcomed|welcomes|"
          "announced|announces|learned|learnt|started|began|runs|ran|earns|earned|hopes|hoped|wants|wanted|dreams|"
          "became|becomes|presented|presents|discusses|discussed|reflects|argues|argued|emphasized|emphasised|"
          "underlined|agreed|thanked|delivered|addressed|chaired|chairs|leads|led|helped|helps|manages|managed|"
          "founded|owns|sings|sang|performs|performed|won|wins|opened|asks|asked|insists|insisted|explains|"
          "remembers|admits|smiles|laughs|knows|knew|decided|decides|joins|graduated|moved|fled|returned")
_AFTER_VERB = re.compile(rf"\s+(?:\w+ly\s+)?(?:{_VERBS})\b")
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the|one)\s+)?(?:\d{1,3}(?:-year-old|,)\s+)?((?:[\w'’-]+\s*){1,3})")
_ROLE_APPOSITION = re.compile(r",\s+(?:the\s+)?((?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)\s+(?:of|at|for|with)\s+(?:the\s+)?")
_WORD_BEFORE = re.compile(r"([A-Za-z-]+)\s+$")
_QUOTES = "\"'‘’“”«» "


_SHAPED: dict[str, bool] = {}


def _name_shaped(token: Token) -> bool:
    known = _SHAPED.get(token.bare)
    if known is None:
        known = _shaped(token.bare)
        if len(_SHAPED) < 200_000:
            _SHAPED[token.bare] = known
    return known


def _shaped(text: str) -> bool:
    if any(c.isdigit() for c in text) or not is_capitalized(text):
        return False
    if re.fullmatch(r"(?:[A-Z]\.\s?)+", text):
        return True
    parts = text.split("-")
    return all(p[:1].isupper() for p in parts if p) and (any(c.islower() for c in text) or is_all_caps(text))


class PeopleFinder:
    """Finds people in chunks not already claimed by organizations, places or campaigns."""

    def __init__(self, vocabulary: frozenset[str], acronyms: frozenset[str]) -> None:
        self.vocabulary = vocabulary
        self.acronyms = acronyms

    def find(self, chunks: list[Chunk], texts: dict[Field, str], claims: Claims) -> list[Span]:
        spans = []
        for chunk in chunks:
            spans.extend(self._chunk(chunk, texts[chunk.field], claims))
        return spans

    def _chunk(self, chunk: Chunk, text: str, claims: Claims) -> list[Span]:
        # Segments: runs of unclaimed words between connectors and claimed names.
        segments: list[list[Token]] = [[]]
        claimed_before: list[Span | None] = [None]
        field, chunk_start, chunk_end = chunk.field, chunk.tokens[0].start, chunk.tokens[-1].end
        # the few claims that reach into this chunk, in claim order, so each token tests only those
        inside = [s for s in claims.spans if s.field is field and s.start < chunk_end and chunk_start < s.end]
        for token in chunk.tokens:
            other = None
            for claimed in inside:
                if claimed.start < token.end and token.start < claimed.end:
                    other = claimed
                    break
            if other is not None or (token.lower not in PARTICLES and not is_capitalized(token.text)):
                if segments[-1]:
                    segments.append([])
                    claimed_before.append(None)
                if other is not None:
                    claimed_before[-1] = other
                continue
            segments[-1].append(token)
        spans = []
        for tokens, before in zip(segments, claimed_before):
            if tokens:
                span = self._segment(chunk, tokens, before, text, claims)
                if span is not None:
                    spans.append(span)
        return spans

    def _segment(self, chunk: Chunk, tokens: list[Token], before: Span | None, text: str, claims: Claims) -> Span | None:
        cue, role_words = "", []
        i = 0
        while i < len(tokens) and tokens[i].lower in STOPWORDS:
            i += 1
        while i < len(tokens) - 1:
            word = tokens[i].lower.rstrip(".")
            if word in HONORIFICS:
                cue = cue or "honorific"
            elif word in ROLES:
                cue = cue or "role"
                role_words.append(tokens[i].text)
            elif word in OCCUPATIONS:
                cue = cue or "occupation"
            else:
                break
            i += 1
        names = tokens[i:]
        while names and names[-1].lower in PARTICLES:
            names.pop()
        if not names or len(names) > 4 or not all(_name_shaped(t) or t.lower in PARTICLES for t in names):
            return None
        lowered = [t.bare.lower() for t in names]
        if any(w in HONORIFICS or w in ROLES or w in OCCUPATIONS or w in NAMED_THINGS for w in lowered):
            return None
        known = [w in self.vocabulary for w in lowered if w not in PARTICLES]
        if all(known):
            return None
        start, end = names[0].start, names[-1].start + len(names[-1].bare)
        after = text[end:]
        role = " ".join(role_words) or None
        affiliation = None
        if role and before is not None and before.kind is EntityKind.ORGANIZATION:
            affiliation = text[before.start:before.end]
        confidence = 0.9 if cue in ("honorific", "role") else 0.8 if cue else 0.0
        if not cue:
            word = _WORD_BEFORE.search(text, max(0, start - 30), start)
            if word and word.group(1).lower() in OCCUPATIONS | ROLES and not is_capitalized(word.group(1)):
                cue, confidence = "occupation", 0.8
        if not cue and chunk.field is Field.TITLE and not text[:start].strip(_QUOTES) and after.startswith(":"):
            if len(names) >= 2:
                cue, confidence = "headline", 0.85
        apposition = _APPOSITION.match(after)
        if apposition and not cue and any(w.lower().rstrip("s") in OCCUPATIONS | ROLES or w.lower() in OCCUPATIONS
                                          for w in apposition.group(1).split()):
            cue, confidence = "apposition", 0.8
        role_phrase = _ROLE_APPOSITION.match(after)
        if role_phrase and not role and any(w.lower() in ROLES for w in role_phrase.group(1).split()):
            role = role_phrase.group(1)
            cue, confidence = cue or "apposition", max(confidence, 0.8)
            at = end + role_phrase.end()
            org = next((s for s in claims.spans if s.field is chunk.field and s.start == at
                        and s.kind is EntityKind.ORGANIZATION), None)
            affiliation = text[org.start:org.end] if org else None
        if not cue and _AFTER_VERB.match(after) and not all(known[:1]):
            cue, confidence = "verb", 0.75
        if not cue:
            # No cue at all: only a two- or three-word name of words that name nothing else.
            if 2 <= len(names) <= 3 and not any(known) and not any(t.text in self.acronyms for t in names):
                cue, confidence = "shape", 0.55
            else:
                return None
        if len(names) == 1 and cue in ("verb", "headline") and (names[0].bare.lower() in self.vocabulary or is_all_caps(names[0].text)):
            return None
        if all(is_all_caps(t.text) for t in names) and len(names) == 1:
            return None
        display = " ".join(t.bare for t in names)
        priority = PATTERN if cue != "shape" else GUESS
        return Span(EntityKind.PERSON, chunk.field, start, end, priority, "rule", confidence, display,
                    role=role, affiliation=affiliation, source=cue)


def propagate(people: list[Span], texts: dict[Field, str], folded: dict[Field, str], claims: Claims,
              vocabulary: frozenset[str]) -> list[Span]:
    """Later mentions of a found person: the full name again, or the surname or first name alone."""
    forms: dict[str, Span] = {}
    for span in people:
        parts = [p for p in span.name.split() if p.lower() not in PARTICLES]
        forms.setdefault(fold(span.name), span)
        if len(parts) >= 2:
            for part in (parts[-1], parts[0]):
                if len(part) >= 3 and part.lower() not in vocabulary and part.lower() not in STOPWORDS and "." not in part:
                    forms.setdefault(fold(part), span)
    if not forms:
        return []
    for i, span in enumerate(people):
        full = forms.get(fold(span.name))
        if full is not None and full.name != span.name:
            people[i] = replace(span, name=full.name)  # "Houngbo thanked" after "Gilbert Houngbo"
    ordered = sorted(forms, key=len, reverse=True)
    found = []
    for field, text in texts.items():
        for start, end in whole_words(folded[field], ordered):
            if not text[start].isupper() or claims.covered(field, start, end):
                continue
            source = forms[folded[field][start:end]]
            span = Span(EntityKind.PERSON, field, start, end, PATTERN, "rule", source.confidence, source.name,
                        source="repeat")
            claims.add(span)
            found.append(span)
    return found


def find_people(doc: Doc) -> None:
    """Pass "people": cued names in what the other names left unclaimed, arbitrated among themselves."""
    from graph.extract.arbitration import trim

    found = doc.resources.people.find(doc.chunks, doc.texts, doc.claims)
    doc.accept(arbitrate(found, doc.claims, doc.texts, trim))


def repeat_people(doc: Doc) -> None:
    """Pass "people-repeats": later mentions of the people found, by full name, surname or first name."""
    people = [s for s in doc.accepted if s.kind is EntityKind.PERSON and s.method == "rule" and s.source != "repeat"]
    if not people:
        return
    # propagate() renames short forms in place ("Houngbo" -> "Gilbert Houngbo"): write them back
    at = {id(s): i for i, s in enumerate(doc.accepted)}
    positions = [at[id(s)] for s in people]
    found = propagate(people, doc.texts, doc.folded, doc.claims, doc.resources.vocabulary)
    for i, span in zip(positions, people):
        doc.accepted[i] = span
    doc.accept(found)
