"""The automata and word lists built once from a Knowledge and shared by every pass and Extractor over it."""
from __future__ import annotations

from typing import Final

import re

from graph.extract import campaigns, organizations, places
from graph.extract.chunks import GENERIC, LEGISLATURES, MONTHS, STOPWORDS, WEEKDAYS
from graph.extract.folding import fold
from graph.extract.gazetteer import Gazetteer
from graph.extract.knowledge import Knowledge
from graph.extract.labels import LabelScanner
from graph.extract.people import Cues, PeopleFinder
from graph.extract.offices import office_verbs
from graph.extract.themes import noun_forms, other_senses, theme_table, verb_s_forms, weak_forms
from graph.extract.topics import topic_table
from graph.extract.spans import PERSON
from mypy_extensions import mypyc_attr

_WORD: Final = re.compile(r"[a-z][a-z'-]+")


# (compiled by mypyc, graph/compiled.py: serializable, as the import's worker processes get it pickled)
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class Resources:
    """Gazetteer, label automaton, the vocabulary of words that name something else, the people finder."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self.gazetteer = Gazetteer(knowledge)
        # the words that say what an unknown name is, found in the same automaton walk as the labels
        cue_table: dict[str, str] = {}
        for cls in ("OrganizationNoun", "WorkforceNoun", "CampaignCue", "LaunchVerb", "AdoptVerb"):
            for word in knowledge.cue_words(cls):
                cue_table.setdefault(word, cls)
        self.labels = LabelScanner(self.gazetteer.table, theme_table(knowledge.themes), cue_table,
                                   topic_table(knowledge.themes))
        self.weak_theme_forms = weak_forms(knowledge.themes)
        self.noun_theme_forms = noun_forms(knowledge.themes)
        self.verb_s_theme_forms = verb_s_forms(knowledge.themes)
        self.other_theme_senses = other_senses(knowledge.themes)
        self.cues = Cues.of(knowledge)
        self.office_verbs = office_verbs(knowledge.themes)
        words: set[str] = set(STOPWORDS) | set(MONTHS) | set(WEEKDAYS) | self.cues.all
        words |= organizations.HEADS | campaigns.HEADS | (places.HEADS - places.FEATURES) | GENERIC  # "Park" is a surname too
        for entry in knowledge.entries:
            if entry.kind is not PERSON:
                for label in entry.labels:
                    words.update(_WORD.findall(fold(label)))
                words.update(fold(d) for d in entry.demonyms)
        for theme in knowledge.themes:
            for label in theme.labels:
                words.update(_WORD.findall(fold(label)))
        self.vocabulary = frozenset(words)
        self.non_entities = frozenset(knowledge.non_entities)
        # "Director of the ... Department" is a person's title, not part of the department's name
        self.not_before_of = self.cues.all | organizations.HEADS
        self.post_nominals = self.cues.post_nominals
        # "Nestlé S.A.", "Dentsu Inc", "Tata Steel": company suffixes end organization names (only at the end of a
        # run, so they are not head nouns: "International" or "Group" inside a run would make most runs headed)
        suffixes = frozenset(w.lower() for w in knowledge.words.get("CompanySuffix", ()))
        self.organization_heads = organizations.HEADS
        self.heads = organizations.HEADS | campaigns.HEADS | places.HEADS
        self.company_suffixes = suffixes
        self.legal_forms = knowledge.words.get("LegalForm", frozenset())  # case as written: "SE", not "se"
        # words without which no company, union or legislature form applies (a suffix, a legal form, "United", ...)
        self.form_words = frozenset({*LEGISLATURES, "assembly", "house", "court", "council", "treasury", "united",
                                     "local",
                                     "district", "lodge", "no", *suffixes,
                                     *(w.lower() for w in self.legal_forms)})
        self.organization_nouns = knowledge.cue_words("OrganizationNoun")
        self.workforce_nouns = knowledge.cue_words("WorkforceNoun")
        self.campaign_cues = knowledge.cue_words("CampaignCue")
        self.organ_names = tuple(sorted(knowledge.words.get("OrganName", ())))  # case as written: "General Assembly"
        self.people = PeopleFinder(self.vocabulary, self.gazetteer.acronyms, self.cues, suffixes,
                                   frozenset(knowledge.words.get("GivenName", ())),
                                   self.heads - campaigns.HELD_HEADS)  # "David Card": a surname after a given name


_BUILT: Final[dict[int, Resources]] = {}


def resources(knowledge: Knowledge) -> Resources:
    """The Resources of `knowledge`, built on first use (Knowledge is immutable and cached per directory)."""
    built = _BUILT.get(id(knowledge))
    if built is None or built.knowledge is not knowledge:
        built = _BUILT[id(knowledge)] = Resources(knowledge)
    return built
