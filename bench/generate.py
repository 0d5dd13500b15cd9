"""Synthetic news stories in the seed's style, deterministic for a seed, written as a listing or JSON Lines.

    python -m bench.generate --stories 20000 --format jsonl --seed 7 > corpus.jsonl
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass

# Names from many languages, so extraction and slugs see accents, particles and unusual casing.
FIRST = ("Laura", "Guy", "Erika", "Janine", "Sophia", "Amina", "Kwame", "Nguyen", "Mei", "Rahul", "Olga", "Chidi",
         "Fatima", "Lucía", "João", "Søren", "Ayşe", "Dmitri", "Keiko", "Thabo", "Ingrid", "Mateo", "Priya", "Hamid",
         "Zanele", "Élodie", "Björn", "Noor", "Tomás", "Wanjiru", "Kofi", "Anh", "Yusuf", "Marta", "Siddharth", "Leilani")
LAST = ("Pausini", "Ryder", "Liévano", "Berg", "Loren", "Diallo", "Mensah", "Van Thanh", "Chen", "Sharma", "Ivanova",
        "Okafor", "El-Amin", "García", "Gonçalves", "Kierkegaard", "Yılmaz", "Petrov", "Tanaka", "Nkosi", "Larsen",
        "de la Cruz", "Raman", "Karimi", "Dlamini", "Lefèvre", "Andersson", "Haddad", "O'Neill", "Kamau", "Annan",
        "Tran", "Abdullahi", "Nowak", "Iyer", "Kahananui")
ROLES = ("Director-General", "Senior Economist", "Minister of Labour", "Chairperson", "Country Director",
         "Regional Director", "General Secretary", "Programme Officer", "Chief Technical Adviser", "President")
ORGS = ("the ILO", "the International Labour Organization", "FAO", "UNICEF", "the World Health Organization",
        "UNHCR", "the World Bank", "the European Union", "the International Trade Union Confederation",
        "the International Organisation of Employers", "UN Women", "the African Union", "ASEAN", "UNDP",
        "the Ministry of Labour and Social Security", "the National Federation of Garment Workers")
PLACES = ("Jordan", "Lao PDR", "Sekong Province", "Geneva", "Bangladesh", "Côte d'Ivoire", "Myanmar", "Ethiopia",
          "Viet Nam", "Peru", "Türkiye", "Lebanon", "Dhaka", "Nairobi", "the Philippines", "Brazil", "São Paulo",
          "Indonesia", "Ghana", "Cambodia", "Madagascar", "Colombia", "Tunisia", "Nepal", "Zambia", "Bogotá")
CAMPAIGNS = ("the Music Against Child Labour Initiative", "the International Year for the Elimination of Child Labour",
             "World Day against Child Labour", "International Women's Day", "World Day of Social Justice",
             "the Better Work programme", "the Global Coalition for Social Justice", "the Decent Work Country Programme",
             "the Skills for Prosperity project", "World Day for Safety and Health at Work", "the Alliance 8.7 initiative")
THEMES = ("child labour", "decent work", "social protection", "gender equality", "youth employment",
          "occupational safety and health", "forced labour", "skills development", "the informal economy",
          "green jobs", "migrant workers", "the future of work", "minimum wages", "social dialogue",
          "the COVID-19 recovery", "domestic workers", "supply chains", "employment-intensive investment")
SECTORS = ("garment", "construction", "automotive", "fishing", "agriculture", "mining", "tourism", "logging",
           "health care", "platform", "textile", "cocoa", "tea", "palm oil")

TITLES = (
    "{person}: {theme_cap} is everyone's business",
    "{org_cap} and {org2} join forces on {theme} in {place}",
    "{campaign_cap} reaches workers in {place}",
    "Interview with {honorific} {person}",
    "Where next for the {sector} industry in {place}?",
    "{person} calls for action on {theme}",
    "New report: {theme_cap} in the {sector} sector",
    "{place}: {sector} workers find a path to {theme}",
    "{org_cap} launches {campaign} in {place}",
    "Towards {theme} for all {sector} workers",
)
SENTENCES = (
    "{role} {person} of {org} called for stronger policies on {theme} during a visit to {place}.",
    "{campaign_cap} brings together governments, employers and workers to advance {theme}.",
    "In {place}, {sector} workers have struggled with {theme2} since the pandemic began.",
    "{org_cap} and {org2} released a practical checklist to help {sector} companies protect workers.",
    "{honorific} {person}, {role} at {org}, shares her views on {theme} and the changes the {sector} sector is undergoing.",
    "The programme, supported by {org}, has reached more than {count:,} workers in {place} and {place2}.",
    "Speaking on {weekday}, {person} said that {theme} and {theme2} are strongly linked.",
    "A new study by {org} estimates that {count:,} people in {place} work in the {sector} sector without {theme2}.",
    "{person} and {person2} discussed {theme} at {campaign}, held online from {place}.",
)
HONORIFICS = ("Ms", "Mr", "Dr", "Professor")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True, slots=True)
class Story:
    """One generated story, plus a stable id (used as guid/url in JSON Lines)."""

    id: str
    title: str
    date: dt.date
    summary: str


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _slots(rng: random.Random) -> dict[str, object]:
    org, org2 = rng.sample(ORGS, 2)
    theme, theme2 = rng.sample(THEMES, 2)
    campaign = rng.choice(CAMPAIGNS)
    place, place2 = rng.sample(PLACES, 2)
    return {
        "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "person2": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "role": rng.choice(ROLES), "honorific": rng.choice(HONORIFICS),
        "org": org, "org2": org2, "org_cap": _cap(org), "theme": theme, "theme2": theme2, "theme_cap": _cap(theme),
        "campaign": campaign, "campaign_cap": _cap(campaign), "place": place, "place2": place2,
        "sector": rng.choice(SECTORS), "count": rng.randrange(200, 250_000), "weekday": rng.choice(WEEKDAYS),
    }


def stories(n: int, seed: int = 7, start: dt.date = dt.date(2021, 3, 11)) -> Iterator[Story]:
    """`n` stories, newest first, one to a few per day; the same seed gives the same stories."""
    rng = random.Random(seed)
    day = start
    for i in range(n):
        if rng.random() < 0.4:
            day -= dt.timedelta(days=1)
        slots = _slots(rng)
        title = rng.choice(TITLES).format(**slots)
        summary = " ".join(s.format(**slots) for s in rng.sample(SENTENCES, rng.randint(1, 3)))
        # A serial in the title keeps (title, date) unique, as real listings nearly always are.
        yield Story(f"s{seed}-{i}", f"{title} ({i + 1})", day, summary)


def listing(items: Iterator[Story]) -> Iterator[str]:
    """The seed's numbered listing layout: number and title, indented date, indented summary."""
    for n, s in enumerate(items, start=1):
        yield f"  {n}. {s.title}\n\n    {s.date.day:02d} {s.date:%B %Y}\n\n    {s.summary}\n\n"


def jsonl(items: Iterator[Story]) -> Iterator[str]:
    """One JSON object per line with a stable id, so re-imports match by identity."""
    for s in items:
        yield json.dumps({"id": s.id, "title": s.title, "date": s.date.isoformat(), "summary": s.summary},
                         ensure_ascii=False) + "\n"


WRITERS = {"listing": listing, "jsonl": jsonl}


def corpus(n: int, fmt: str = "jsonl", seed: int = 7) -> str:
    """The whole corpus as text."""
    return "".join(WRITERS[fmt](stories(n, seed)))


def main() -> None:
    """Write a synthetic corpus to standard output."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000, help="how many stories (default 20000)")
    parser.add_argument("--format", choices=sorted(WRITERS), default="jsonl")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sys.stdout.writelines(WRITERS[args.format](stories(args.stories, args.seed)))


if __name__ == "__main__":
    main()
