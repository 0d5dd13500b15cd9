"""Known names: gazetteer entries, countries, demonyms, subdivisions, and the spans their label hits make."""
from __future__ import annotations

from typing import Final

import re

from mypy_extensions import mypyc_attr

from graph.extract.campaigns import YEARS_AFTER
from graph.extract.doc import Doc, Target
from graph.extract.folding import fold
from graph.extract.knowledge import Entry, Knowledge
from graph.extract.spans import CAMPAIGN, GAZETTEER, PATTERN, PLACE, Span
from graph.records import EntityKind, Field

# Which reading of an ambiguous label wins ("Georgia" the country over the US state).
ENTRY: Final = 0
COUNTRY: Final = 1
DEMONYM: Final = 2
SUBDIVISION: Final = 3
_CONFIDENCE: Final = {ENTRY: 0.95, COUNTRY: 0.95, DEMONYM: 0.85, SUBDIVISION: 0.7}
_SOURCE_NAMES: Final = {ENTRY: "entry", COUNTRY: "country", DEMONYM: "demonym", SUBDIVISION: "subdivision"}
_CLOSING_QUOTES: Final = ("'", "’", '"', "”")
_QUOTED_ARTICLE: Final = re.compile(r"(?:^|(?<=[\s(]))['‘\"“](?:A|An|The) $")
_NEXT_WORD: Final = re.compile(r" ([A-Z][\w-]*)")
_COMPASS: Final = frozenset("north south east west northern southern eastern western central north-east south-east north-west "
                            "south-west northeast southeast northwest southwest".split())
# "Northern Ireland", "the Western Pacific", "Eastern Europe", "Peninsular Malaysia", "Lower Manhattan": a direction (or a
# side of it) before a known place names a region of it; before a province too ("Central Sulawesi"), kept as the province is
_COMPASS_ENDS: Final = frozenset(("h ", "t ", "n ", "l "))  # how every direction word ends: most places have none before them
_SIDES: Final = ("Upper ", "Lower ", "Peninsular ")  # (words ending in "r" are many before a place: "for", "their", "over")
_COMPASS_BEFORE: Final = re.compile(r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|North-East|South-East|"
                                    r"North-West|South-West|Northeast|Southeast|Northwest|Southwest|Upper|Lower|Peninsular) $")
# Words after a broadcaster's name that make an edition of it ("BBC World Service", "Al Jazeera English").
_EDITIONS: Final = frozenset("english arabic french spanish portuguese chinese russian swahili hindi urdu world service news "
                             "international online radio tv television digital america".split())


def _is_acronym(label: str) -> bool:
    letters = [c for c in label if c.isalpha()]
    if not letters:
        return True
    upper = sum(c.isupper() for c in letters)
    # "ILO", "UN", and mixed forms such as "AfDB" or "IndustriALL" are only ever written that way.
    return upper == len(letters) or (" " not in label and upper >= 2)


_UN_PREFIXES: Final = ("united nations ", "un ", "u.n. ")


def variants(label: str) -> set[str]:
    """Folded spellings of a label a writer may use: hyphen or space, '&' or 'and', 'United Nations' or 'UN'."""
    base = fold(label).strip()
    forms = {base, base.replace("-", " "), base.replace(" & ", " and "), base.replace(" and ", " & ")}
    # "UN Office on Drugs and Crime" is the "United Nations Office on Drugs and Crime"
    prefix = next((p for p in _UN_PREFIXES if base.startswith(p) and len(base) > len(p) + 6), None)
    if prefix:
        forms |= {other + base[len(prefix):] for other in _UN_PREFIXES}
    return {f for f in forms if f}


def _target(source: int, entry: Entry, label: str, kind: EntityKind | None = None) -> Target:
    first = next((c for c in label if c.isalpha()), "")
    return Target(source, kind or entry.kind, entry.key, entry.name, label, _is_acronym(label),
                  first.isupper(), entry.themes, entry.country, entry.media,
                  entry.company, entry.union)


_CAPITALS_WORD: Final = re.compile(r" [A-Z][A-Z'’-]+\b")


def _recased(surface: str, label: str, text: str, end: int) -> bool:
    """Whether a name is written in a case of its own, so it is another name: "UNiTE" is not the union Unite, and
    "UNITE HERE" (in capitals, going on in capitals) is a name of its own."""
    if surface == label:
        return False
    if surface.isupper():
        return _CAPITALS_WORD.match(text, end) is not None
    return any(a.islower() and b.isupper() for a, b in zip(surface, surface[1:])) and not any(
        a.islower() and b.isupper() for a, b in zip(label, label[1:]))


def _lower_head(surface: str, label: str) -> bool:
    """Whether a known name's capitalized last word is written in lower case ("Indonesia began its National Health
    Insurance scheme" is not the known "National Health Insurance Scheme", but a programme named without its noun)."""
    last = surface.rsplit(" ", 1)[-1]
    return " " in surface and last[:1].islower() and label.rsplit(" ", 1)[-1][:1].isupper()


def _first_letter(text: str) -> str:
    # "16 Days of Activism" is capitalized though it starts with a digit
    first = text[:1]
    if first.isalpha():
        return first  # (most labels start with a letter: no generator for them)
    return next((c for c in text if c.isalpha()), "")


_LOWER_WORD_AFTER: Final = re.compile(r"(?:'s|’s|')?\s+(?!(?:region|basin|rainforest|river|delta|valley|forest)\b)[a-z]")


def _bare_after_the(text: str, start: int, end: int) -> bool:
    """"in the Amazon", "across the Amazon,": a company's name after "the" with no noun after it names something
    else (a river, a region), as does one followed by "region" or "basin"; "the Amazon warehouse" is the company."""
    return text[max(0, start - 4):start].lower() == "the " and not _LOWER_WORD_AFTER.match(text, end)


# (compiled by mypyc, graph/compiled.py: serializable for the import's worker processes, which get it pickled; open to
# interpreted subclasses, which also makes `Class(...)` from Python run __init__ in mypy 2.4's serializable classes)
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class Gazetteer:
    """Every folded label the knowledge has, with its readings; built once per Knowledge (labels.py scans for them)."""

    def __init__(self, knowledge: Knowledge) -> None:
        table: dict[str, list[Target]] = {}
        non_entities = {fold(label) for label in knowledge.non_entities}
        country_labels = set()

        def add(target: Target) -> None:
            for form in variants(target.label):
                if form in non_entities:
                    continue
                table.setdefault(form, []).append(target)

        for entry in knowledge.entries:
            source = COUNTRY if entry.country and entry.key == entry.country else ENTRY
            for label in entry.labels:
                add(_target(source, entry, label))
                if source == COUNTRY:
                    country_labels.add(fold(label))
            for demonym in entry.demonyms:
                add(_target(DEMONYM, entry, demonym, PLACE))
                add(_target(DEMONYM, entry, demonym + "s", PLACE))
        for sub in knowledge.subdivisions:
            if sub.name.lower() in _COMPASS:
                continue  # Fiji's "Northern", Botswana's "Southern": a direction names a place only with what it qualifies
            folded = fold(sub.name)
            # Short or ambiguous subdivision names ("Centre", "Capital") are left to the place patterns.
            if len(folded) < 4 or folded in country_labels or folded in table:
                continue
            entry = Entry(sub.code, PLACE, sub.name, (sub.name,), country=sub.country)
            add(_target(SUBDIVISION, entry, sub.name))
        for targets in table.values():
            targets.sort(key=lambda t: t.source)
        self.table: dict[str, tuple[Target, ...]] = {form: tuple(targets) for form, targets in table.items()}
        self.acronyms = frozenset(f for f, ts in table.items() if any(t.exact_case for t in ts))
        self.regions = frozenset(f for f, ts in table.items() if " " not in f and ts[0].kind is PLACE
                                 and ts[0].source in (ENTRY, COUNTRY))

    def find(self, text: str, hits: list[tuple[int, int, tuple[Target, ...]]], field: Field) -> list[Span]:
        """The label hits (on word boundaries) whose case fits: acronyms exactly, names capitalized."""
        spans = []
        for start, end, targets in hits:
            surface = text[start:end]
            if text[end:end + 1] == "$" or surface.isupper() and text.startswith(" dollar", end):
                continue  # "US$468 billion", "NZ$", "100 US dollars": a currency, not the place ("Canadian dollars" is
                # as often the gold's Canada)
            if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
                continue  # "Duncan Crabtree-Ireland": the end of a hyphenated name, not the country
            for target in targets:
                if target.company and _bare_after_the(text, start, end):
                    continue
                if target.exact_case:
                    if surface != target.label and not surface.isupper():
                        continue
                elif target.capitalized and (not _first_letter(surface).isupper() or _recased(surface, target.label, text, end)):
                    continue
                elif target.kind is CAMPAIGN and _lower_head(surface, target.label):
                    continue  # "its National Health Insurance scheme": a description, named less its head, not the entry
                span = self._span(target, text, start, end, field)
                if target.kind is PLACE and (text[start - 2:start] in _COMPASS_ENDS
                                             or text.endswith(_SIDES, max(0, start - 11), start)):
                    compass = _COMPASS_BEFORE.search(text, max(0, start - 12), start)
                    if compass is not None and (compass.start() == 0 or not text[compass.start() - 1].isalpha()):
                        if target.source != SUBDIVISION:
                            span = Span(PLACE, field, compass.start(), end, span.priority, "gazetteer",
                                        span.confidence, text[compass.start():end], source="region")  # of which country, unsaid
                        else:
                            # "in Central Sulawesi", "North Kivu's": a province's region, kept only with the cue its
                            # province would need ("subdivision", its country: the cued-subdivisions pass)
                            span = Span(PLACE, field, compass.start(), end, span.priority, "gazetteer",
                                        span.confidence, text[compass.start():end], source=span.source,
                                        country=span.country)
                spans.append(span)
                break
        return spans

    def _edition_end(self, text: str, end: int) -> int:
        for _ in range(3):
            word = _NEXT_WORD.match(text, end)
            if word is None or (fold(word.group(1)) not in _EDITIONS and fold(word.group(1)) not in self.regions):
                break
            end = word.end()
        return end

    def _span(self, target: Target, text: str, start: int, end: int, field: Field) -> Span:
        if target.kind is CAMPAIGN:
            # "International Year for the Elimination of Child Labour 2021": the year belongs to the name, and so does
            # a range of years, whole ("the UN Decade of Family Farming 2019–2028": batches 12 and 47 name it so)
            year = YEARS_AFTER.match(text, end)
            if year:
                end = year.end()
            # "wear red in 'A Day Without a Woman', a strike ...": an article inside the quotes that close on the
            # name is the name's first word (the gold of batches 19 and 37 name "A Day Without Us", "A Day Without a
            # Woman"); (a letter after an article's space: most names have none before them)
            elif text[end:end + 1] in _CLOSING_QUOTES and text[start - 1:start] == " ":
                quoted = _QUOTED_ARTICLE.search(text, max(0, start - 5), start)
                if quoted is not None:
                    start = quoted.start() + 1
        source = "known-company" if target.company else "known-union" if target.union else _SOURCE_NAMES[target.source]
        if target.media:
            edition = self._edition_end(text, end)
            if edition != end:
                end, source = edition, "media"
        priority = PATTERN if target.source == SUBDIVISION else GAZETTEER
        return Span(target.kind, field, start, end, priority, "gazetteer", _CONFIDENCE[target.source], target.name,
                    target.key, themes=target.themes, source=source, country=target.country)


def known_names(doc: Doc) -> None:
    """Pass "known-names": the label hits whose case fits become candidates."""
    gazetteer = doc.resources.gazetteer
    for field, text in doc.texts.items():
        doc.candidates.extend(gazetteer.find(text, doc.name_hits.get(field, []), field))
