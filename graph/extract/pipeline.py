"""The extraction passes in the order they run: each reads and writes one story's Doc (spans in, spans out)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph.compiled import as_call
from graph.extract import (acronyms, actions, appositions, arbitration, articles, bodies, brackets, campaign_fronts,
                           campaigns, chunks, companions, cued, dates, definitions, divisions, forms, fronts, funds,
                           gazetteer, guesses, headlines, its, joined, labels, launched, learned, nesting, offices,
                           organizations, organs, owners, people, places, plans, prefixed, programmes, regions, repeats,
                           selection, slogans, subdivisions, tails, themes, topics, workplaces)
from graph.extract.doc import Doc


@dataclass(frozen=True, slots=True)
class Pass:
    """A named step of the pipeline: a function that reads and extends a Doc; with `cues`, folded substrings of which
    a story must hold one for the pass to find anything there (the pipeline skips it in the others: graph/extract/gates.py)."""

    name: str
    run: Callable[[Doc], None]
    cues: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # pickled as the call that makes it (graph/compiled.py)
        return as_call(self)


# Proposals first (known names, then forms), one arbitration, then the passes that claim what is left.
PASSES: tuple[Pass, ...] = (
    Pass("chunks", chunks.find_runs),                          # capitalized runs of words, per field
    Pass("labels", labels.scan_labels),                        # gazetteer and theme labels: one automaton walk
    Pass("known-names", gazetteer.known_names),                # label hits whose case fits -> candidates
    Pass("hashtags", slogans.hashtags, slogans.HASHTAG_CUES),  # "#EndChildLabour", 'the theme "..."' -> campaigns
    Pass("definitions", definitions.definitions),              # "Full Name (ACR)": both, and ACR taught
    Pass("name-forms", forms.name_forms),                      # "... Federation", "World ... Day", "... Province"
    Pass("organization-cues", cued.cued_organizations),        # "the union Seko", "Amazon workers"
    Pass("organs", organs.organs, organs.CUES),              # "the General Assembly", "the Communist Party's Politburo"
    Pass("workplaces", workplaces.workplaces, workplaces.CUES),  # "workers at Quillbury Foods", "according to X's survey"
    Pass("campaign-cues", campaigns.cued_campaigns),           # "under the banner Make Amazon Pay"
    Pass("kind-appositions", appositions.kind_appositions, appositions.CUES),  # "the Ingreso Mínimo Vital, a national minimum income"
    Pass("coalitions", campaigns.purpose_coalitions, campaigns.COALITION_CUES),  # "Coalition to End ...": a campaign
    Pass("launched", launched.launched_names),                 # "has launched the European Solidarity Corps"
    Pass("programme-forms", programmes.programme_forms, programmes.CUES),  # "Universal Credit", "X, a national minimum income"
    Pass("funded-programmes", funds.funded_programmes, funds.CUES),  # "launched the Lives and Livelihoods Fund"
    Pass("lower-plans", plans.lower_plans, plans.CUES),        # "the Milk with Dignity agreement", "the PayUp campaign"
    Pass("campaign-fronts", campaign_fronts.campaign_fronts),  # "a Just Transition Work Programme": "Just" put back; "X – Y" one
    Pass("name-fronts", fronts.name_fronts),                   # "8M Commission"
    Pass("action-names", actions.action_names, actions.CUES),  # "a 'No contract, no coffee' pledge", "the X dispute"
    Pass("bare-regions", regions.bare_regions, regions.CUES),  # "Henan province" -> the place "Henan"
    Pass("particle-places", subdivisions.particle_places, subdivisions.PARTICLES),  # "in Mar del Plata": a place
    Pass("cued-subdivisions", subdivisions.keep_cued),         # ISO 3166-2 names only after "in" or with their country
    Pass("branches", nesting.branches),                        # "Oxfam India": a known organization's branch
    Pass("company-divisions", divisions.company_divisions),    # "LG Energy Solution": a known company's division
    Pass("joined-names", joined.joined_names),                 # "KKR and Bain Capital": two names, not one
    Pass("places-inside-names", nesting.places_inside_names),  # "Better Work Vietnam" outranks "Vietnam"
    Pass("role-tails", tails.role_tails),                      # "... Programme of President X's government" less "of ..."
    Pass("arbitrate", arbitration.arbitrate_candidates),       # one reading per stretch of text -> accepted
    Pass("acting-bodies", bodies.acting_bodies),               # "Outlaw Ocean Project links ...": an organization
    Pass("prefixed-bodies", prefixed.prefixed_bodies, prefixed.CUES),  # "UN" + "Youth Office": the "UN Youth Office"
    Pass("headed-known-names", prefixed.known_and_head),       # "African Development Bank" + "Group": another body
    Pass("bracketed-short-forms", brackets.bracketed_short_forms, brackets.CUES),  # "... Nidhi (PM-KISAN)": taught
    Pass("short-forms", repeats.short_forms),                  # a taught acronym or the name less its head, again
    Pass("headline-short-forms", headlines.headline_short_forms),  # "Inter-American Court" in the headline: the summary's full name
    Pass("articled-organizations", articles.articled_organizations),  # "ruled in The Atlanta Opera, Inc.": "The" is its own
    Pass("nested-names", nesting.nested_names),                # "Jordan" in "Ministry of Labour of Jordan", too
    Pass("place-owners", owners.place_owners, owners.CUES),    # "Argentina's General Confederation of Labour" less "Argentina's"
    Pass("people", people.find_people),                        # cued names in what is left
    Pass("people-repeats", people.repeat_people),              # "Ryder" after "Guy Ryder"
    Pass("guessed-people", guesses.guessed_people),            # "Premier Doug Ford", "Top Glove says", "(Partai Buruh)"
    Pass("its-bodies", its.its_bodies, its.CUES),              # "Bumble closed its offices": an organization
    Pass("acronyms", acronyms.unknown_acronyms),               # unknown capital words -> organizations
    Pass("listed-organizations", organizations.listed, organizations.LISTED_CUES),  # "companies such as Rappi and Uber"
    Pass("listed-companions", companions.listed_companions),  # "Keidanren and Rengo": listed beside a known organization
    Pass("guessed-places", places.guessed),                    # "in Kumasi and Accra"
    Pass("facility-places", places.facility_places, places.FACILITY_CUES),  # "its Lordstown assembly plant"
    Pass("dates", dates.dates, dates.CUES),                    # "15-19 February 2021", "2021-03-08"
    Pass("themes", themes.find_themes),                        # scheme labels outside names; campaigns' themes
    Pass("offices-taken", offices.offices_taken),              # "Rengo elects Tomoko Yoshino as president": leadership
    Pass("theme-selection", selection.select_themes),          # of those, the themes the story is about
    Pass("topic-themes", topics.topic_themes),                 # "suppliers" + "due diligence": supply chains, unsaid
    Pass("learned-themes", learned.learned_themes),            # learned word weights: one likely theme more, or less
)


def pass_names(passes: tuple[Pass, ...] = PASSES) -> list[str]:
    """The passes' names in running order (what spaCy calls `nlp.pipe_names`)."""
    return [p.name for p in passes]


def inserted(passes: tuple[Pass, ...], new: Pass, *, before: str | None = None,
             after: str | None = None) -> tuple[Pass, ...]:
    """`passes` with `new` placed before or after the named pass (at the end when neither is given)."""
    names = pass_names(passes)
    if new.name in names:
        raise ValueError(f"a pass named {new.name!r} is already in the pipeline: {', '.join(names)}")
    anchor = before or after
    if anchor is None:
        return (*passes, new)
    if anchor not in names:
        raise ValueError(f"no pass named {anchor!r} in the pipeline; its passes are: {', '.join(names)}")
    at = names.index(anchor) + (1 if after else 0)
    return (*passes[:at], new, *passes[at:])
