"""Extraction: one story in, the mentions of people, organizations, places, campaigns, themes and dates out."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from graph.extract import campaigns, organizations, places
from graph.extract.chunks import (CONNECTORS, GENERIC, MONTHS, STOPWORDS, WEEKDAYS, Chunk, find_chunks, has_head,
                                  is_all_caps)
from graph.extract.dates import find_dates
from graph.extract.folding import fold, whole_words
from graph.extract.gazetteer import Gazetteer
from graph.extract.knowledge import Knowledge, load
from graph.extract.people import HONORIFICS, OCCUPATIONS, ROLES, PeopleFinder, propagate
from graph.extract.spans import DEFINITION, GAZETTEER, GUESS, PATTERN, Claims, Span, arbitrate, new_mention
from graph.extract.labels import LabelScanner
from graph.extract.themes import leftmost_longest, theme_table
from graph.records import EntityKind, Field, Mention, StoryRecord

__all__ = ["Extractor"]

_WORD = re.compile(r"[a-z][a-z'-]+")
_TRAILING_YEAR = re.compile(r"\s+(?:19|20)\d\d$")
_ROMAN = re.compile(r"^[IVXLC]+$")
_HEADS = organizations.HEADS | campaigns.HEADS | places.HEADS


def _kind_of(name: str) -> EntityKind:
    last = name.split()[-1].lower()
    if last in campaigns.HEADS:
        return EntityKind.CAMPAIGN
    if last in places.HEADS:
        return EntityKind.PLACE
    return EntityKind.ORGANIZATION


def _trim(text: str, start: int, end: int) -> tuple[int, str] | None:
    """What is left of a pattern span once a known name has taken its front, if it still names something."""
    rest = text[start:end]
    words = rest.split()
    while words and (words[0].lower() in CONNECTORS or words[0].lower() in STOPWORDS or not words[0][:1].isupper()):
        words.pop(0)
    content = [w for w in words if w.lower() not in GENERIC and w[:1].isupper()]
    # "ILO Project Office" less "ILO" is "Project Office": head nouns alone name nothing
    if len(words) < 2 or len(content) < 2 or all(w.lower() in _HEADS for w in content):
        return None
    new_start = end - len(rest) + rest.index(words[0])
    return new_start, _TRAILING_YEAR.sub("", text[new_start:end])


def _mention_order(m: Mention) -> tuple[bool, int, str]:
    return m.field is Field.SUMMARY, m.start, m.kind.value


class _Machinery:
    """The automata and word lists built from one Knowledge; shared by every Extractor over it."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.gazetteer = Gazetteer(knowledge)
        self.labels = LabelScanner(self.gazetteer.table, theme_table(knowledge.themes))
        words: set[str] = set(STOPWORDS) | set(MONTHS) | set(WEEKDAYS) | HONORIFICS | ROLES | OCCUPATIONS
        words |= organizations.HEADS | campaigns.HEADS | places.HEADS | GENERIC
        for entry in knowledge.entries:
            if entry.kind is not EntityKind.PERSON:
                for label in entry.labels:
                    words.update(_WORD.findall(fold(label)))
                words.update(fold(d) for d in entry.demonyms)
        for theme in knowledge.themes:
            for label in theme.labels:
                words.update(_WORD.findall(fold(label)))
        self.vocabulary = frozenset(words)
        self.non_entities = frozenset(knowledge.non_entities)
        self.people = PeopleFinder(self.vocabulary, self.gazetteer.acronyms)


_MACHINERY: dict[int, _Machinery] = {}


def _machinery(knowledge: Knowledge) -> _Machinery:
    built = _MACHINERY.get(id(knowledge))
    if built is None or built.knowledge is not knowledge:
        built = _MACHINERY[id(knowledge)] = _Machinery(knowledge)
    return built


class Extractor:
    """Finds mentions in a story using the gazetteers and themes of an ontology directory."""

    def __init__(self, ontology_dir: Path | None = None) -> None:
        self.ontology_dir = ontology_dir
        self.knowledge = load(ontology_dir)
        self._m = _machinery(self.knowledge)

    def extract(self, story: StoryRecord) -> list[Mention]:
        """All mentions in the story's title and summary, offsets relative to each field."""
        m = self._m
        texts = {Field.TITLE: story.title, Field.SUMMARY: story.summary}
        folded = {f: fold(t) for f, t in texts.items()}
        chunks: list[Chunk] = []
        candidates: list[Span] = []
        theme_hits: dict[Field, list[tuple[int, int, str]]] = {}
        taught: dict[str, tuple[EntityKind, str]] = {}
        for field, text in texts.items():
            field_chunks = find_chunks(text, field)
            chunks.extend(field_chunks)
            name_hits, theme_hits[field] = m.labels.scan(folded[field])
            candidates.extend(m.gazetteer.find(text, name_hits, field))
            candidates.extend(campaigns.find_hashtags(text, field))
            spans, learned = organizations.definition_spans(text, field, field_chunks, _kind_of)
            candidates.extend(spans)
            taught.update(learned)
            for chunk in field_chunks:
                headed = has_head(chunk, _HEADS)  # most runs are names of people or places: no head noun
                if headed:
                    candidates.extend(organizations.find_organizations(chunk, text))
                candidates.extend(campaigns.find_campaigns(chunk, text, headed))
                candidates.extend(places.find_places(chunk, text, headed))
        candidates = self._keep_cued_subdivisions(candidates, texts)
        candidates = self._places_inside_names(candidates, texts)
        claims = Claims()
        accepted = arbitrate(candidates, claims, texts, _trim)
        accepted += self._repeats(accepted, taught, texts, folded, claims)
        nested = self._nested_countries(candidates, accepted)
        people = arbitrate(m.people.find(chunks, texts, claims), claims, texts, _trim)
        people += propagate(people, texts, folded, claims, m.vocabulary)
        accepted += people + self._unknown_acronyms(chunks, texts, claims, taught)
        accepted += organizations.listed_organizations(chunks, texts, folded, claims)
        accepted += places.guess_places(chunks, texts, claims, m.vocabulary)
        mentions = [self._mention(s, texts) for s in accepted + nested + find_dates(story.title, Field.TITLE)
                    + find_dates(story.summary, Field.SUMMARY)]
        mentions += self._themes(accepted, theme_hits, texts)
        mentions.sort(key=_mention_order)
        return mentions

    @staticmethod
    def _places_inside_names(candidates: list[Span], texts: dict[Field, str]) -> list[Span]:
        # "Vietnam General Confederation of Labour", "Ministry of Labour of Jordan", "Better Work Vietnam":
        # the place belongs to the name (and is still reported as a place nested in it).
        places_ = [s for s in candidates if s.kind is EntityKind.PLACE and s.priority == GAZETTEER]
        # "The Vietnamese Ministry of Labour, Invalids and Social Affairs (MOLISA)": the defined name is the whole
        # one; a pattern reading of its front keeps its own priority and loses to it
        defined = [s for s in candidates if s.priority == DEFINITION and s.source == "definition"]
        result = []
        for span in candidates:
            if span.kind in (EntityKind.ORGANIZATION, EntityKind.CAMPAIGN):
                if span.priority < GAZETTEER:
                    if defined and span.priority < DEFINITION and any(d.overlaps(span) and d.end > span.end for d in defined):
                        result.append(span)
                        continue
                    # "the Ministry of Labour, Egypt and Jordan": a listed place ends a portfolio, not part of it
                    inside = [p for p in places_ if p.overlaps(span)] if span.source != "portfolio" else []
                    # "Lagos-based CodeBridge Academy": there the place only qualifies the name
                    qualifier = any(texts[span.field][p.end:p.end + 1] == "-" for p in inside)
                    if inside and not qualifier and all(span.start <= p.start and p.end <= span.end and p.end - p.start < span.end - span.start
                                      for p in inside):
                        span = replace(span, priority=GAZETTEER, trimmable=False)
                elif span.kind is EntityKind.CAMPAIGN:
                    after = next((p for p in places_ if p.field is span.field and p.source == "country"
                                  and p.start == span.end + 1 and texts[span.field][span.end] == " "), None)
                    if after is not None:
                        span = replace(span, end=after.end)
            result.append(span)
        return result

    @staticmethod
    def _keep_cued_subdivisions(candidates: list[Span], texts: dict[Field, str]) -> list[Span]:
        # A province name alone is often a common word; keep it after "in"/"from" or when its country is named.
        countries = {s.country for s in candidates if s.kind is EntityKind.PLACE and s.source != "subdivision" and s.country}
        return [s for s in candidates if s.source != "subdivision" or s.country in countries
                or places.has_place_cue(texts[s.field], s.start)]

    def _repeats(self, accepted: list[Span], taught: dict[str, tuple[EntityKind, str]], texts: dict[Field, str],
                 folded: dict[Field, str], claims: Claims) -> list[Span]:
        """Shorter forms a story uses after the full name: a taught acronym, the name without its head noun."""
        forms: dict[str, Span] = {}
        for span in accepted:
            if span.kind not in (EntityKind.ORGANIZATION, EntityKind.CAMPAIGN) or span.source == "acronym":
                continue
            words = span.name.split()
            if len(words) >= 3 and _kind_of(span.name) is span.kind and words[-1].lower() in (campaigns.HEADS | organizations.HEADS):
                forms.setdefault(fold(" ".join(words[:-1])), span)
        for acronym, (kind, name) in taught.items():
            source = next((s for s in accepted if s.name == name), None)
            if source is not None:
                forms.setdefault(fold(acronym), replace(source, source="acronym"))
        found = []
        for form, source in forms.items():
            for field, text in texts.items():
                if form not in folded[field]:
                    continue
                for start, end in whole_words(folded[field], [form], hyphen_ends=False):
                    if not text[start].isupper() or claims.covered(field, start, end):
                        continue
                    span = replace(source, field=field, start=start, end=end, priority=PATTERN,
                                   confidence=min(source.confidence, 0.85), source="repeat", trimmable=False)
                    claims.add(span)
                    found.append(span)
        return found

    @staticmethod
    def _nested_countries(candidates: list[Span], accepted: list[Span]) -> list[Span]:
        # "Ministry of Labour of Jordan" also says something happened with Jordan; "ILO Centenary" that the
        # ILO took part (an organization inside another organization's name is only its parent, though).
        nested = []
        taken = {id(a) for a in accepted}
        for span in candidates:
            if span.priority != GAZETTEER or id(span) in taken:
                continue
            if span.kind is EntityKind.PLACE:
                hosts = (EntityKind.ORGANIZATION, EntityKind.CAMPAIGN)
            elif span.kind is EntityKind.ORGANIZATION:
                hosts = (EntityKind.CAMPAIGN,)
            else:
                continue
            if any(a.kind in hosts and a.field is span.field and a.start <= span.start and span.end <= a.end
                   and a.source != "media" for a in accepted):
                nested.append(replace(span, confidence=0.7))
        return nested

    def _unknown_acronyms(self, chunks: list[Chunk], texts: dict[Field, str], claims: Claims,
                          taught: dict[str, tuple[EntityKind, str]]) -> list[Span]:
        """Capital-letter words no gazetteer knows ("UNRWA"): in this news, nearly always organizations."""
        found = []
        for chunk in chunks:
            caps = [t for t in chunk.tokens if is_all_caps(t.bare)]
            for token in caps:
                word = token.bare
                if len(caps) > 1 and len(chunk.tokens) == len(caps):
                    continue  # "JONA OAK": a name in capitals, not two acronyms
                if (word in self._m.non_entities or len(word) > 8 or _ROMAN.match(word) or "." in word
                        or not word.replace("-", "").replace("&", "").isalnum()):
                    continue
                end = token.start + len(word)
                if claims.covered(chunk.field, token.start, end):
                    continue
                kind, name = taught.get(word, (EntityKind.ORGANIZATION, word))
                span = Span(kind, chunk.field, token.start, end, GUESS, "rule", 0.5, name, source="acronym")
                claims.add(span)
                found.append(span)
        return found

    def _themes(self, accepted: list[Span], hits: dict[Field, list[tuple[int, int, str]]],
                texts: dict[Field, str]) -> list[Mention]:
        # Words inside an organization's or person's name ("Food and Agriculture Organization") are not
        # what the story is about; inside a campaign's name they are ("Music Against Child Labour").
        by_id = self.knowledge.theme_by_id
        themes = []
        for field, field_hits in hits.items():
            if not field_hits:
                continue
            text = texts[field]
            names = [(s.start, s.end) for s in accepted if s.field is field
                     and (s.kind is EntityKind.ORGANIZATION or s.kind is EntityKind.PERSON)]
            for start, end, theme_id in leftmost_longest(field_hits):
                if not names or not any(a <= start and end <= b for a, b in names):
                    theme = by_id.get(theme_id)
                    themes.append(new_mention(EntityKind.THEME, text[start:end], field, start, end, "gazetteer", 0.8,
                                              theme.name if theme else theme_id, theme_id))
        for span in accepted:
            for theme_id in span.themes:
                theme = by_id.get(theme_id)
                themes.append(new_mention(EntityKind.THEME, texts[span.field][span.start:span.end], span.field,
                                          span.start, span.end, "gazetteer", 0.9, theme.name if theme else theme_id,
                                          theme_id))
        return themes

    @staticmethod
    def _mention(span: Span, texts: dict[Field, str]) -> Mention:
        text = texts[span.field][span.start:span.end]
        if span.kind is EntityKind.PERSON:
            return new_mention(span.kind, text, span.field, span.start, span.end, span.method, span.confidence,
                               span.name or text, span.key, span.role, span.affiliation)
        return new_mention(span.kind, text, span.field, span.start, span.end, span.method, span.confidence,
                           span.name or text, span.key)
