"""Resolution: mentions -> canonical entities with stable IRIs, aliases and merge candidates."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, cast

from graph.extract.construct import builder
from graph.extract.folding import fold_key as _fold_key
from graph.extract.knowledge import Knowledge, load
from graph.iris import Iris, as_iris, slug
from graph.extract.spans import PERSON, ORGANIZATION, CAMPAIGN, THEME, DATE, TITLE
from graph.records import Entity, EntityKind, Link, MergeCandidate, Mention, Relation, ResolvedStory, StoryRecord


_new_link: Final = builder(Link)  # Link(...), built faster: one per mention
_new_mention: Final = builder(Mention)  # ... and the publication date's Mention, one per story
_new_resolved: Final = builder(ResolvedStory)  # ... and the story's ResolvedStory
_new_relation: Final = builder(Relation)  # ... and its relations (a person's affiliation, a campaign's themes)
_new_entity: Final = builder(Entity)  # ... and an entity each time its aliases grow
# Names and aliases recur story after story: their keys are computed once, in plain dicts bounded by hand (emptied
# when full; the keys are pure functions of the text, so the results are the same). Compiled, a hit is a dict look-up
# in place, where `functools.lru_cache` made it a call through its wrapper with an argument tuple (round speed56).
_FOLDED: Final[dict[str, str]] = {}  # text -> fold_key(text)
_PERSON_KEYS: Final[dict[str, str]] = {}  # name -> person_key(name)
_SLUGS: Final[dict[str, str]] = {}  # name -> slug(name)
_CACHE_LIMIT: Final = 65536  # entries a cache holds before it is emptied
_slug_once: Final = slug.__wrapped__  # (graph.iris's own cache of `slug` would only ever miss behind `_SLUGS`)


def fold_key(text: str) -> str:
    """`graph.extract.folding.fold_key`, remembered."""
    key = _FOLDED.get(text)
    if key is None:
        if len(_FOLDED) >= 2 * _CACHE_LIMIT:
            _FOLDED.clear()
        key = _FOLDED[text] = _fold_key(text)
    return key


# Whether this module runs as Python source (the pure fallback) rather than as mypyc's extension module: the letter-set
# test of `_edit_distance` pays only interpreted (round speed53)
_INTERPRETED: Final = __file__.endswith(".py")


def _slug(name: str) -> str:
    """`slug`, remembered: IRIs' segments recur as names do."""
    segment = _SLUGS.get(name)
    if segment is None:
        if len(_SLUGS) >= _CACHE_LIMIT:
            _SLUGS.clear()
        segment = _SLUGS[name] = _slug_once(name)
    return segment


_HONORIFIC: Final = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|madam|madame)\.?\s+", re.IGNORECASE)
# Merge-candidate scores: how likely two look-alike people are one person (never merged automatically).
SCORE_SURNAME_AND_INITIAL: Final = 0.7   # 'G. Ryder' / 'Guy Ryder'
SCORE_SPELLING_VARIANT: Final = 0.6      # one or two letters apart
SCORE_SINGLE_NAME: Final = 0.4           # 'Ryder' alone equals a name of 'Guy Ryder'
_YEAR: Final = re.compile(r"\s+(?:19|20)\d\d$")


def _campaign_name(name: str) -> str:
    """A campaign's name less a trailing year, so one observance is one campaign across years ("World Day Against Child
    Labour 2021"), unless the year is all that follows one word: "Vision 2030", "Agenda 2063" are names of their own."""
    last = name[-1:]
    if not last.isdecimal() and last != "\n":
        return name  # `\d$` cannot match (`$` also matches before a final newline): most names, without the regex
    bare = _YEAR.sub("", name)
    return bare if " " in bare else name


def person_key(name: str) -> str:
    """Folds away what does not split a person: case, accents, honorifics, initials' dots and spacing.
    "A.R. Rahman", "AR Rahman" and "A. R. Rahman" all give "a r rahman"."""
    key = _PERSON_KEYS.get(name)
    if key is None:
        if len(_PERSON_KEYS) >= _CACHE_LIMIT:
            _PERSON_KEYS.clear()
        key = _PERSON_KEYS[name] = _person_key(name)
    return key


def _person_key(name: str) -> str:
    name = _HONORIFIC.sub("", name.strip())
    words = name.replace(".", ". ").split()
    parts: list[str] = []
    for i, word in enumerate(words):
        letters = re.sub(r"[^\w]", "", word)
        if i < len(words) - 1 and 1 < len(letters) <= 3 and letters.isupper() and letters.isalpha():
            parts.extend(letters)  # "AR" before a surname is two initials
        else:
            parts.append(word)
    return fold_key(" ".join(parts))


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance when it is at most `limit`, else `limit + 1`. Names compared share a block (their
    first or last letters), so the common prefix and suffix, which never change the distance, are cut first; then
    `_within` tries distances 1, 2, ... up to `limit` (a bounded search: no table, no allocation). Compiled, characters
    are compared as `ord(s[i])`, which mypyc reads in place (`s[i] == t[j]` makes two one-letter strings), and the cut
    is kept as bounds, not slices (round speed55); interpreted, each `ord` is a call, so the pure fallback takes
    `_edit_distance_interpreted`, the same distance by slices and string comparisons."""
    if _INTERPRETED:
        return _edit_distance_interpreted(a, b, limit)
    size_a, size_b = len(a), len(b)
    if abs(size_a - size_b) > limit:
        return limit + 1
    if a == b:
        return 0
    start = 0
    shorter = min(size_a, size_b)
    while start < shorter and ord(a[start]) == ord(b[start]):
        start += 1
    end_a, end_b = size_a, size_b
    while end_a > start and end_b > start and ord(a[end_a - 1]) == ord(b[end_b - 1]):
        end_a -= 1
        end_b -= 1
    if end_a == start or end_b == start:
        return end_a + end_b - 2 * start  # at most `limit`, by the length test above
    for distance in range(1, limit + 1):
        if _within(a, start, end_a, b, start, end_b, distance):
            return distance
    return limit + 1


def _within(a: str, i: int, end_a: int, b: str, j: int, end_b: int, limit: int) -> bool:
    """Whether `a[i:end_a]` and `b[j:end_b]` are at most `limit` edits apart. Equal first letters are matched (never
    worse for Levenshtein); otherwise the first edit is a substitution, a deletion or an insertion, each tried with one
    edit fewer: at most 3 ** limit branches, and `limit` is 1 or 2 here."""
    while i < end_a and j < end_b and ord(a[i]) == ord(b[j]):
        i += 1
        j += 1
    if i == end_a or j == end_b:
        return end_a - i + end_b - j <= limit
    if limit == 0 or abs(end_a - i - (end_b - j)) > limit:
        return False
    limit -= 1
    return (_within(a, i + 1, end_a, b, j + 1, end_b, limit) or _within(a, i + 1, end_a, b, j, end_b, limit)
            or _within(a, i, end_a, b, j + 1, end_b, limit))


def _edit_distance_interpreted(a: str, b: str, limit: int) -> int:
    """`_edit_distance` as the pure fallback computes it: the common prefix and suffix sliced off, then pairs with more
    than `limit` letters the other lacks rejected at once (two sets and their differences are C calls, cheaper
    interpreted than the search's recursive Python calls; compiled, they cost more than the search they save: round
    speed53), then the bounded search on the slices."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if a == b:
        return 0
    shorter = min(len(a), len(b))
    i = 0
    while i < shorter and a[i] == b[i]:
        i += 1
    j = 0
    while j < shorter - i and a[-1 - j] == b[-1 - j]:
        j += 1
    a, b = a[i:len(a) - j], b[i:len(b) - j]
    if not a or not b:
        return len(a) + len(b)  # at most `limit`, by the length test above
    letters_a, letters_b = set(a), set(b)
    if len(letters_a - letters_b) > limit or len(letters_b - letters_a) > limit:
        return limit + 1
    for distance in range(1, limit + 1):
        if _within_interpreted(a, 0, b, 0, distance):
            return distance
    return limit + 1


def _within_interpreted(a: str, i: int, b: str, j: int, limit: int) -> bool:
    """`_within` on whole strings with string comparisons, for `_edit_distance_interpreted`."""
    size_a, size_b = len(a), len(b)
    while i < size_a and j < size_b and a[i] == b[j]:
        i += 1
        j += 1
    if i == size_a or j == size_b:
        return size_a - i + size_b - j <= limit
    if limit == 0 or abs(size_a - i - (size_b - j)) > limit:
        return False
    limit -= 1
    return (_within_interpreted(a, i + 1, b, j + 1, limit) or _within_interpreted(a, i + 1, b, j, limit)
            or _within_interpreted(a, i, b, j + 1, limit))


def _letter_mask(key: str) -> int:
    """The letters of `key` as bits, one of 62 for each character (`ord % 62`; letters that share a bit make the
    letter test of `_person_candidates` weaker, never wrong: it only skips pairs that cannot be two edits apart).
    62 bits keep the mask a small int, which compiled code handles without allocating."""
    mask = 0
    for char in key:
        mask |= 1 << (ord(char) % 62)
    return mask


def _spelling_block_keys(key: str) -> tuple[str, str]:
    """Blocks for near-duplicate search: a variant within two edits nearly always keeps one end intact."""
    return "<" + key[:3], ">" + key[-3:]


@dataclass(slots=True)
class _State:
    kind: EntityKind
    name: str
    aliases: dict[str, None] = field(default_factory=dict)
    same_as: dict[str, None] = field(default_factory=dict)
    built: tuple[int, int, Entity | None] = (-1, -1, None)  # aliases and same_as only grow: sizes date the copy

    def entity(self, iri: str) -> Entity:
        sizes = self.built
        if sizes[0] == len(self.aliases) and sizes[1] == len(self.same_as) and sizes[2] is not None and sizes[2].iri == iri:
            return sizes[2]
        aliases = tuple(a for a in self.aliases if a != self.name)
        entity = _new_entity(iri, self.kind, self.name, aliases, tuple(self.same_as))
        self.built = (len(self.aliases), len(self.same_as), entity)
        return entity


class Resolver:
    """Maps mentions to entities under `base`; keeps state across a batch for cross-story identity."""

    def __init__(self, base: Iris | str, ontology_dir: Path | None = None, knowledge: Knowledge | None = None) -> None:
        self.iris = as_iris(base)
        self.knowledge = knowledge or load(ontology_dir)
        self._states: dict[str, _State] = {}
        self._names: dict[tuple[EntityKind, str], str] = {}  # (kind, folded name or alias) -> IRI
        self._people: dict[str, str] = {}  # person key -> IRI
        # Spelling-variant blocks: keys sharing their first or last three letters, and their length (a
        # variant within two edits is at most two letters longer or shorter). Comparing a new name with
        # every known one is quadratic and dominated whole imports.
        self._spelling_blocks: dict[tuple[str, int], set[str]] = {}
        self._letters: dict[str, int] = {}  # a blocked key -> its letters' mask (`_letter_mask`), for the cheap test before a distance
        self._tokens: dict[str, set[str]] = {}  # a person's first or last name -> IRIs
        # (surname, first initial) of a person's name -> IRIs: the look-alikes of a new full name, found
        # without reading every person who shares a first or last name with it.
        self._surnames: dict[tuple[str, str], set[str]] = {}
        self._candidates: set[tuple[str, str]] = set()
        self._indexed: set[tuple[str, str]] = set()  # (person key, IRI) pairs already in the three indexes above
        self._days: dict[dt.date, tuple[Mention, str, _State]] = {}  # publication date -> its mention, IRI and state
        labels: dict[tuple[EntityKind, str], str] = {}
        for entry in self.knowledge.entries:
            for label in entry.labels:
                labels.setdefault((entry.kind, fold_key(label)), entry.key)
        self._labels = labels
        self._keyed: dict[tuple[EntityKind, str], str] = {}  # (theme or date, key) -> IRI whose state exists
        self._known_keys: dict[str, tuple[str, _State]] = {}  # gazetteer key -> its IRI and state, once made

    # -- identity -------------------------------------------------------------------------------------
    def iri(self, kind: EntityKind, segment: str) -> str:
        return self.iris.entity(kind, segment)

    def _state(self, iri: str, kind: EntityKind, name: str) -> _State:
        state = self._states.get(iri)
        if state is None:
            state = self._states[iri] = _State(kind, name)
            if kind is PERSON:
                words = person_key(name).split()
                if words:
                    self._surnames.setdefault((words[-1], words[0][0]), set()).add(iri)
        return state

    def _known(self, key: str) -> tuple[str, _State] | None:
        known = self._known_keys.get(key)
        if known is not None:
            return known  # (states are never replaced, and their aliases are filled on first sight only)
        entry = self.knowledge.by_key.get(key)
        if entry is None:
            return None
        iri = self.iri(entry.kind, _slug(entry.name))
        state = self._state(iri, entry.kind, entry.name)
        if not state.aliases:
            for label in entry.labels + entry.demonyms:
                state.aliases[label] = None
                self._names[(entry.kind, fold_key(label))] = iri
            words = entry.name.split()
            if len(words) >= 2 and words[-1] in _HEAD_NOUNS:
                # "Europe Now programme": a known name whose label ends in a programme noun in small letters goes by the
                # words before it too, as an unknown programme does ("... Initiative" below)
                short = " ".join(words[:-1])
                state.aliases[short] = None
                self._names.setdefault((entry.kind, fold_key(short)), iri)
        known = self._known_keys[key] = iri, state
        return known

    def remember(self, entities: Iterable[Entity]) -> None:
        """Seed identity with entities already in the store, so new stories join them."""
        for entity in entities:
            state = self._state(entity.iri, entity.kind, entity.name)
            for alias in (entity.name, *entity.aliases):
                state.aliases[alias] = None
                self._index(entity.kind, entity.iri, alias)
            for other in entity.same_as:
                state.same_as[other] = None

    def forget_candidates(self) -> None:
        """Start a new import: a pair proposed by an earlier import may be proposed again, as by a fresh resolver
        (a decision on it changes the store's version, so a kept resolver is not reused after one)."""
        self._candidates.clear()

    def _index(self, kind: EntityKind, iri: str, name: str) -> None:
        if kind is PERSON:
            key = person_key(name)
            self._index_person(iri, key, key.split())
        else:
            self._names.setdefault((kind, fold_key(name)), iri)

    def _index_person(self, iri: str, key: str, words: list[str]) -> None:
        """Index a person's key (`words`, its words) under `iri`: once per pair, as the same people recur."""
        if (key, iri) in self._indexed:
            return
        self._indexed.add((key, iri))
        if key not in self._people:
            self._people[key] = iri
            if len(key) >= 8:
                self._letters[key] = _letter_mask(key)
                for block in _spelling_block_keys(key):
                    self._spelling_blocks.setdefault((block, len(key)), set()).add(key)
        if len(words) >= 2:
            for word in (words[0], words[-1]):
                if len(word) > 1:
                    self._tokens.setdefault(word, set()).add(iri)

    def _named(self, mention: Mention) -> tuple[str, _State]:
        kind = mention.kind
        name = _campaign_name(mention.name or mention.text) if kind is CAMPAIGN else (mention.name or mention.text)
        if mention.key:
            known = self._known(mention.key)
            if known:
                return known
        for form in (name, mention.text):
            folded = fold_key(form)
            iri = self._names.get((kind, folded))
            if iri:
                return iri, self._states[iri]
            gazetteer_key = self._labels.get((kind, folded))
            if gazetteer_key:
                known = self._known(gazetteer_key)
                if known:
                    return known
        iri = self.iri(kind, _slug(name))
        state = self._state(iri, kind, name)
        self._index(kind, iri, name)
        words = name.split()
        if len(words) >= 3 and words[-1].lower() in _HEAD_NOUNS:
            # "Music Against Child Labour Initiative" is also called "Music Against Child Labour"
            short = " ".join(words[:-1])
            state.aliases[short] = None
            self._index(kind, iri, short)
        elif kind is CAMPAIGN and (" on " in name or " for " in name):
            # "the Nairobi Declaration on Durable Solutions for ..." is also "the Nairobi Declaration"
            front = _PACT_FRONT.match(name)
            if front is not None:
                state.aliases[front.group(1)] = None
                self._index(kind, iri, front.group(1))
        return iri, state

    def _person(self, mention: Mention, story_people: dict[str, str]) -> tuple[str, _State, list[MergeCandidate]]:
        name = mention.name or mention.text
        key = person_key(name)
        words = key.split()
        if len(words) == 1 and key in story_people:
            iri = story_people[key]  # "Ryder" after "Guy Ryder" in the same story
            return iri, self._states[iri], []
        known = self._people.get(key)
        candidates: list[MergeCandidate] = []
        iri = known if known is not None else self.iri(PERSON, _slug(key))
        if known is None:
            candidates = self._person_candidates(iri, key, name)
        state = self._state(iri, PERSON, name)
        self._index_person(iri, key, words)
        if len(words) >= 2:
            for word in (words[0], words[-1]):
                story_people.setdefault(word, iri)
        return iri, state, candidates

    def _person_candidates(self, iri: str, key: str, name: str) -> list[MergeCandidate]:
        words = key.split()
        found: dict[str, tuple[float, str]] = {}
        if len(words) == 1:
            for other in self._tokens.get(words[0], ()):
                found[other] = (SCORE_SINGLE_NAME, f"'{name}' is a single name equal to a name of '{self._states[other].name}'")
        else:
            # Known people whose name has this surname and first initial, and one of whose names shares
            # this name's first or last word.
            first, last = self._tokens.get(words[0], ()), self._tokens.get(words[-1], ())
            for other in self._surnames.get((words[-1], words[0][0]), ()):
                if other in first or other in last:
                    found[other] = (SCORE_SURNAME_AND_INITIAL, f"same surname '{words[-1]}' and first initial '{words[0][0]}'")
        if len(key) >= 8:
            size = len(key)
            nearby = set().union(*(self._spelling_blocks.get((b, n), ()) for b in _spelling_block_keys(key)
                                   for n in range(size - 2, size + 3)))
            letters, known_letters = _letter_mask(key), self._letters
            for other_key in nearby:
                # every letter one key has and the other lacks costs an edit: most keys of a block (those sharing a
                # first name, or a surname) fail this test, so they need no distance. A bit of `letters & ~other`
                # stands for at least one such letter, so more than two bits set (cleared twice, still not 0)
                # means more than two edits.
                other_letters = known_letters[other_key]
                only = letters & ~other_letters
                only &= only - 1
                if only & (only - 1):
                    continue
                only = other_letters & ~letters
                only &= only - 1
                if only & (only - 1):
                    continue
                other = self._people[other_key]
                if other != iri and other not in found and 0 < (distance := _edit_distance(key, other_key)) <= 2:
                    found[other] = (SCORE_SPELLING_VARIANT, f"names differ by {distance} letters: '{key}' / '{other_key}'")
        candidates = []
        for other, (score, evidence) in found.items():
            pair = (iri, other) if iri <= other else (other, iri)
            if other != iri and pair not in self._candidates:
                self._candidates.add(pair)
                candidates.append(MergeCandidate(pair[0], pair[1], score, evidence))
        return candidates

    # -- one story ------------------------------------------------------------------------------------
    def resolve(self, story: StoryRecord, story_iri: str, mentions: list[Mention]) -> ResolvedStory:
        story_people: dict[str, str] = {}
        candidates: list[MergeCandidate] = []
        order: Iterable[int] = range(len(mentions))
        # (a key is folded words joined by single spaces: one word or none has no space)
        lone = [i for i, m in enumerate(mentions) if m.kind is _PERSON and " " not in person_key(m.name or m.text)]
        if lone:
            # Full names first, so a lone surname earlier in the title still joins its full name.
            alone = set(lone)
            order = [i for i in order if i not in alone] + lone
        slots: list[tuple[str, _State] | None] = [None] * len(mentions)
        relating = False  # whether any person has an affiliation or any campaign a key: most stories relate nothing
        for i in order:
            mention = mentions[i]
            kind = mention.kind
            if kind is _THEME or kind is _DATE:
                iri = self._keyed.get((kind, mention.key)) if mention.key else None
                if iri is None:
                    iri = self._fixed(mention)
                state = self._states[iri]
            elif kind is _PERSON:
                iri, state, found = self._person(mention, story_people)
                candidates.extend(found)
                relating = relating or bool(mention.affiliation)
                if mention.text and mention.text != state.name:
                    state.aliases[mention.text] = None
            else:
                iri, state = self._named(mention)
                relating = relating or kind is CAMPAIGN and bool(mention.key)
                if mention.text != state.name:
                    state.aliases[_campaign_name(mention.text) if kind is CAMPAIGN else mention.text] = None
                    if mention.text.isupper():
                        self._index(kind, iri, mention.text)  # a taught acronym serves later stories
            slots[i] = iri, state
        filled = cast("list[tuple[str, _State]]", slots)  # the loop above filled every slot
        links = [_new_link(state.entity(iri), m) for (iri, state), m in zip(filled, mentions)]
        if story.date is not None:
            published = self._days.get(story.date)
            if published is None:
                day = story.date.isoformat()
                # The publication date has no span in the text: an empty mention at offset 0 marks it as metadata.
                mention = _new_mention(DATE, "", TITLE, 0, 0, "metadata", 1.0, day, day)
                iri = self.iri(DATE, day)
                published = self._days[story.date] = mention, iri, self._state(iri, DATE, day)
            mention, iri, state = published
            links.append(_new_link(state.entity(iri), mention))
        return _new_resolved(story, story_iri, tuple(links), self._relations(filled, mentions) if relating else (),
                             tuple(candidates))

    def _fixed(self, mention: Mention) -> str:
        """A theme's or date's IRI (its key names it), its state made on first sight."""
        if mention.kind is _THEME:
            theme = self.knowledge.theme_by_id.get(mention.key or "")
            iri = self.iri(_THEME, mention.key or slug(mention.text))
            self._state(iri, _THEME, theme.name if theme else mention.name or mention.text)
        else:
            iri = self.iri(_DATE, mention.key or slug(mention.text))
            self._state(iri, _DATE, mention.key or mention.text)
        if mention.key:
            self._keyed[(mention.kind, mention.key)] = iri
        return iri

    def _relations(self, slots: list[tuple[str, _State]], mentions: list[Mention]) -> tuple[Relation, ...]:
        """The facts the story's mentions state, each mention's IRI in `slots` (the publication date's link states
        none); called only when a person has an affiliation or a campaign a key. The mentions' fields are read once
        each: compiled, a read of a (frozen, interpreted) Mention's field is a generic attribute look-up."""
        relations: dict[tuple[str, str, str], Relation] = {}
        organizations: dict[str, str] = {}
        kinds = [m.kind for m in mentions]
        for (iri, _), m, kind in zip(slots, mentions, kinds):
            if kind is ORGANIZATION:
                for form in (m.text, m.name):
                    organizations.setdefault(fold_key(form), iri)
        for (iri, _), m, kind in zip(slots, mentions, kinds):
            if kind is _PERSON:
                affiliation = m.affiliation
                if affiliation:
                    org = organizations.get(fold_key(affiliation)) or self._names.get((ORGANIZATION, fold_key(affiliation)))
                    if org:
                        relations.setdefault((iri, "affiliation", org), _new_relation(iri, "affiliation", org, m.role or ""))
            elif kind is CAMPAIGN:
                key = m.key
                if key:
                    entry = self.knowledge.by_key.get(key)
                    for theme in entry.themes if entry else ():
                        target = self.iri(_THEME, theme)
                        relations.setdefault((iri, "theme", target), _new_relation(iri, "theme", target, ""))
        return tuple(relations.values())

_PERSON: Final = PERSON
_THEME: Final = THEME
_DATE: Final = DATE
_HEAD_NOUNS: Final = frozenset("initiative campaign programme program project partnership village district province".split())
# a pact named with its cause goes by its name up to its head: "Neptune Declaration on Seafarer Wellbeing ...", "ASEAN
# Consensus on the Protection ...", "Boe Declaration on Regional Security" (the gold of batches 2, 3, 21 and 34 gives
# each that short form where the story uses it)
_PACT_FRONT: Final = re.compile(r"((?:[A-Z][\w'’.-]* )+(?:Declaration|Accord|Agreement|Pact|Compact|Charter|Consensus|"
                                r"Commitment|Protocol)) (?:on|for) ")
