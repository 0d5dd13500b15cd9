"""What the extractor knows, loaded once per ontology directory: gazetteer entries, countries, themes."""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry
import pyoxigraph

from graph.records import EntityKind

SKOS = "http://www.w3.org/2004/02/skos/core#"
SG = "https://w3id.org/storygraph#"
SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# Any of these types makes a gazetteer subject an entity of that kind; unknown types are ignored.
_KINDS = {
    **{SCHEMA + t: EntityKind.ORGANIZATION for t in (
        "Organization", "GovernmentOrganization", "NGO", "Corporation", "EducationalOrganization",
        "NewsMediaOrganization", "WorkersUnion", "Consortium", "FundingAgency", "ResearchOrganization")},
    "http://xmlns.com/foaf/0.1/Organization": EntityKind.ORGANIZATION,
    "http://www.w3.org/ns/org#Organization": EntityKind.ORGANIZATION,
    SG + "Campaign": EntityKind.CAMPAIGN,
    SCHEMA + "Event": EntityKind.CAMPAIGN,
    **{SCHEMA + t: EntityKind.PLACE for t in ("Place", "City", "AdministrativeArea", "Country", "Continent")},
    SCHEMA + "Person": EntityKind.PERSON,
    "http://xmlns.com/foaf/0.1/Person": EntityKind.PERSON,
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One known thing: its key (gazetteer IRI, or ISO alpha-2 for a country) and every label for it."""

    key: str
    kind: EntityKind
    name: str
    labels: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    country: str | None = None
    media: bool = False  # a broadcaster or paper: "BBC Africa", "Al Jazeera English" are editions of it
    company: bool = False  # a business (schema:Corporation): "Amazon" yields to "Amazon Labor Union", "Make Amazon Pay"
    union: bool = False  # a trade union (schema:WorkersUnion): "SEIU" yields to "SEIU Local 32BJ"


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A province, state or district from ISO 3166-2, found only with a place cue around it."""

    name: str
    code: str
    country: str


@dataclass(frozen=True, slots=True)
class Theme:
    """A concept of the theme scheme: its id (notation or last IRI segment), name and labels."""

    id: str
    iri: str
    name: str
    labels: tuple[str, ...]
    weak: tuple[str, ...] = ()  # sg:weakLabel: words too common to classify a story that uses them only once
    nouns: tuple[str, ...] = ()  # sg:nounLabel: words that are the theme only as nouns ("pay", not "to pay")
    office_verbs: tuple[str, ...] = ()  # sg:officeVerb: "elects", "appointed": before an office in a title, the theme
    topics: tuple[str, ...] = ()  # sg:topicCue: words of the concept's subject matter, evidence only when several meet
    # sg:otherSense: phrases around one of its labels that name something else ("strikes down": a court's ruling)
    other_senses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Knowledge:
    """Everything loaded from one ontology directory; built once and shared (it is immutable)."""

    entries: tuple[Entry, ...]
    subdivisions: tuple[Subdivision, ...]
    themes: tuple[Theme, ...]
    non_entities: frozenset[str]
    words: dict[str, frozenset[str]] = dataclasses.field(default_factory=dict)  # roles/names*.ttl: class -> labels

    def cue_words(self, cls: str) -> frozenset[str]:
        """The lower-cased labels of one class of roles*.ttl or names*.ttl ("Title", "WorkforceNoun", ...)."""
        return frozenset(w.lower() for w in self.words.get(cls, ()))

    @functools.cached_property
    def by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}

    @functools.cached_property
    def theme_by_id(self) -> dict[str, Theme]:
        return {t.id: t for t in self.themes}


def _reordered(name: str) -> str:
    # ISO writes "Congo, The Democratic Republic of the"; a reader expects the words in speaking order.
    head, _, tail = name.partition(", ")
    if tail and (tail.endswith(" of") or tail.endswith(" of the")):
        return re.sub(r"^The ", "", f"{tail} {head}")
    return name


def country_name(code: str) -> str:
    """The display name for an ISO alpha-2 code: the common name when ISO has one (Syria, Laos)."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or _reordered(re.sub(r"\s*\(.*\)", "", country.name))


def _country_labels(country) -> list[str]:
    labels = [country_name(country.alpha_2)]
    for attr in ("name", "common_name", "official_name"):
        value = getattr(country, attr, None)
        if value:
            value = re.sub(r"\s*\(.*\)", "", value)
            labels.append(_reordered(value) if ", " in value else value)
    # "St Vincent and the Grenadines", "St. Lucia": a country named "Saint ..." as stories shorten it
    labels += [short + label[6:] for label in labels if label.startswith("Saint ") for short in ("St ", "St. ")]
    return list(dict.fromkeys(labels))


def _literal_ok(term) -> bool:
    language = getattr(term, "language", None)
    return not language or language.lower().startswith("en")


def _concept_id(iri: str, notation: str | None) -> str:
    return notation or re.split(r"[/#]", iri.rstrip("/#"))[-1]


def _triples(paths: list[Path]) -> dict[str, dict[str, list]]:
    subjects: dict[str, dict[str, list]] = {}
    for path in paths:
        for triple in pyoxigraph.parse(path=path, format=pyoxigraph.RdfFormat.TURTLE):
            if isinstance(triple.subject, pyoxigraph.BlankNode):
                subject = "_:" + triple.subject.value
            else:
                subject = triple.subject.value
            subjects.setdefault(subject, {}).setdefault(triple.predicate.value, []).append(triple.object)
    return subjects


def _labels(props: dict[str, list], *predicates: str) -> list[str]:
    return [o.value for p in predicates for o in props.get(SKOS + p, []) if isinstance(o, pyoxigraph.Literal) and _literal_ok(o)]


def _load_themes(paths: list[Path]) -> tuple[Theme, ...]:
    themes = []
    for iri, props in _triples(paths).items():
        if SKOS + "Concept" not in {o.value for o in props.get(RDF_TYPE, [])}:
            continue
        notation = next((o.value for o in props.get(SKOS + "notation", [])), None)
        preferred = _labels(props, "prefLabel")
        weak = [o.value for o in props.get(SG + "weakLabel", []) if isinstance(o, pyoxigraph.Literal) and _literal_ok(o)]
        nouns = [o.value for o in props.get(SG + "nounLabel", []) if isinstance(o, pyoxigraph.Literal) and _literal_ok(o)]
        verbs = [o.value for o in props.get(SG + "officeVerb", []) if isinstance(o, pyoxigraph.Literal) and _literal_ok(o)]
        topics = [o.value for o in props.get(SG + "topicCue", []) if isinstance(o, pyoxigraph.Literal) and _literal_ok(o)]
        senses = [o.value for o in props.get(SG + "otherSense", []) if isinstance(o, pyoxigraph.Literal) and _literal_ok(o)]
        labels = preferred + _labels(props, "altLabel", "hiddenLabel") + weak + nouns
        if labels:
            themes.append(Theme(_concept_id(iri, notation), iri, preferred[0] if preferred else labels[0], tuple(labels),
                                tuple(weak), tuple(nouns), tuple(verbs), tuple(topics), tuple(senses)))
    return tuple(sorted(themes, key=lambda t: t.id))


def _load_gazetteer(paths: list[Path], theme_ids: dict[str, str]) -> tuple[list[Entry], set[str], dict[str, tuple[list[str], list[str]]]]:
    entries: list[Entry] = []
    non_entities: set[str] = set()
    country_extras: dict[str, tuple[list[str], list[str]]] = {}
    for iri, props in sorted(_triples(paths).items()):
        types = {o.value for o in props.get(RDF_TYPE, [])}
        preferred = _labels(props, "prefLabel")
        alternatives = _labels(props, "altLabel", "hiddenLabel")
        if SG + "NonEntity" in types:
            non_entities.update(preferred + alternatives)
            continue
        code = next((o.value for o in props.get(SG + "countryCode", [])), None)
        demonyms = [o.value for o in props.get(SG + "demonym", [])]
        if SCHEMA + "Country" in types and code:
            labels, dems = country_extras.setdefault(code.upper(), ([], []))
            labels.extend(preferred + alternatives)
            dems.extend(demonyms)
            continue
        kind = next((_KINDS[t] for t in sorted(types) if t in _KINDS), None)
        if kind is None or not preferred:
            continue
        themes = tuple(theme_ids.get(o.value, _concept_id(o.value, None)) for o in props.get(SG + "theme", []))
        entries.append(Entry(iri, kind, preferred[0], tuple(dict.fromkeys(preferred + alternatives)),
                             tuple(demonyms), themes, code.upper() if code else None,
                             SCHEMA + "NewsMediaOrganization" in types, SCHEMA + "Corporation" in types,
                             SCHEMA + "WorkersUnion" in types))
    return entries, non_entities, country_extras


# The word classes of roles*.ttl the extractor reads (see the comment at the top of ontology/roles.ttl).
WORD_CLASSES = ("Honorific", "Title", "Occupation", "Portfolio", "PostNominal", "SuccessionVerb",  # roles*.ttl
                "CompanySuffix", "LegalForm", "OrganizationNoun", "WorkforceNoun", "CampaignCue", "LaunchVerb",
                "AdoptVerb", "OrganName", "GivenName")  # names*.ttl


def _load_words(paths: list[Path]) -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {c: set() for c in WORD_CLASSES}
    for props in _triples(paths).values():
        for type_ in props.get(RDF_TYPE, []):
            if type_.value.startswith(SG) and type_.value[len(SG):] in words:
                words[type_.value[len(SG):]].update(_labels(props, "prefLabel", "altLabel", "hiddenLabel"))
    return {c: frozenset(w) for c, w in words.items()}


def _word_files(root: Path) -> list[Path]:
    # a directory without its own roles*.ttl or names*.ttl (a user's gazetteer folder) uses the shipped ones
    from ontology import DIRECTORY

    files = []
    for pattern in ("roles*.ttl", "names*.ttl"):
        files += sorted(root.glob(pattern)) or sorted(Path(DIRECTORY).glob(pattern))
    return files


@functools.lru_cache(maxsize=8)
def _load(directory: str, stamp: tuple[float, ...]) -> Knowledge:
    root = Path(directory)
    themes = _load_themes(sorted(root.glob("themes*.ttl")))
    theme_ids = {t.iri: t.id for t in themes}
    entries, non_entities, extras = _load_gazetteer(sorted(root.glob("gazetteer*.ttl")), theme_ids)
    countries = []
    for country in pycountry.countries:
        labels, demonyms = extras.get(country.alpha_2, ([], []))
        countries.append(Entry(country.alpha_2, EntityKind.PLACE, country_name(country.alpha_2),
                               tuple(dict.fromkeys(_country_labels(country) + labels)), tuple(demonyms),
                               country=country.alpha_2))
    subdivisions = tuple(Subdivision(s.name, s.code, s.country_code) for s in pycountry.subdivisions)
    return Knowledge(tuple(entries + countries), subdivisions, themes, frozenset(non_entities),
                     _load_words(_word_files(root)))


def load(directory: Path | None = None) -> Knowledge:
    """The knowledge in `directory` (default: the shipped ontology/), cached until a file changes."""
    if directory is None:
        from ontology import DIRECTORY
        directory = DIRECTORY
    root = Path(directory).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"ontology directory {root} does not exist; pass the folder holding themes.ttl and gazetteer.ttl")
    stamp = tuple(p.stat().st_mtime for p in sorted(root.glob("*.ttl")))
    return _load(str(root), stamp)
