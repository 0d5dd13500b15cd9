"""The writer keeps its resolver across imports, and resolves exactly as a fresh resolver seeded from the
store would: an import in several steps writes the same quads (IRIs, aliases, merge candidates) whether
each step reuses the kept resolver or seeds a new one from every entity in the store."""
from __future__ import annotations

import pyoxigraph as ox

from bench import generate
from graph import merges
from graph.extract import Extractor
from graph.iris import Iris
from graph.network import NetworkView
from graph.pipeline import ImportSummary, Importer, SourceInput
from graph.read import GraphReader
from graph.resolver_cache import kept_for
from graph.records import EntityKind, Field, Mention, StoryRecord
from graph.store.oxigraph import OxigraphStore
from tests.graph.test_pipeline import jsonl, story

BASE = "http://example.org/"
# Four API-sized imports of a corpus whose people recur, with look-alike names (merge candidates).
STEPS = [generate.corpus(150, "jsonl", seed=seed).encode() for seed in (3, 4, 5, 6)]


class Writer:
    """A memory store with a server's network view; a new Importer per import, as the API makes them."""

    def __init__(self, fresh_each_time: bool, extractor: object | None = None) -> None:
        self.store = OxigraphStore(None)
        self.network = NetworkView(GraphReader(self.store, BASE))
        self.fresh_each_time = fresh_each_time
        self.extractor = extractor or Extractor()

    def run(self, data: bytes, name: str = "step.jsonl", prune: bool = False) -> ImportSummary:
        if self.fresh_each_time:
            kept_for(self.store).drop()
        return Importer(self.store, BASE, self.extractor, network=self.network).run(
            [SourceInput(name, data)], prune=prune)

    def quads(self) -> list[str]:
        """The store's quads but the version stamp, sorted."""
        meta = f"<{Iris(BASE).meta_graph}>"
        dump = ox.serialize(self.store._store.quads_for_pattern(None, None, None, None), format=ox.RdfFormat.N_QUADS)
        return sorted(line for line in dump.decode().splitlines() if not line.endswith(meta + " ."))

    @property
    def seeded(self) -> int:
        return kept_for(self.store).seeded


def _summary(s: ImportSummary) -> tuple[object, ...]:
    return s.added, s.updated, s.unchanged, s.removed, dict(s.new_entities), s.merge_candidates


def test_imports_in_steps_resolve_as_a_fresh_resolver_would_at_each_step() -> None:
    kept, fresh = Writer(fresh_each_time=False), Writer(fresh_each_time=True)
    for step, data in enumerate(STEPS, start=1):
        assert _summary(kept.run(data)) == _summary(fresh.run(data))
        assert kept.quads() == fresh.quads(), f"step {step}"
    assert kept.seeded == 1 and fresh.seeded == len(STEPS)
    candidates = merges.list_candidates(kept.store, BASE)
    assert candidates and candidates == merges.list_candidates(fresh.store, BASE)
    # Later steps joined entities the earlier ones made: the kept resolver remembered what they wrote.
    assert sum(_summary(kept.run(STEPS[0]))[2:3]) == 150  # re-importing the first step changes nothing


class AliasExtractor:
    """'Labour Body' in a story's title is 'Global Labour Body' when its summary says so, else itself."""

    def extract(self, s: StoryRecord) -> list[Mention]:
        name = "Global Labour Body" if "Global Labour Body" in s.summary else "Labour Body"
        return [Mention(EntityKind.ORGANIZATION, "Labour Body", Field.TITLE, 0, 11, "test", 1.0, name)]


def test_a_later_import_finds_an_entity_by_an_alias_an_earlier_import_gave_it() -> None:
    # Step 1 names the organization 'Global Labour Body' from the text 'Labour Body' (an alias the resolver
    # does not index while resolving); step 2 mentions 'Labour Body' alone, which the stored alias resolves.
    kept, fresh = Writer(False, AliasExtractor()), Writer(True, AliasExtractor())
    for data in (jsonl(story(1, "Global Labour Body", title="Labour Body meets")),
                 jsonl(story(2, title="Labour Body again"))):
        for writer in (kept, fresh):
            writer.run(data)
    assert kept.quads() == fresh.quads()
    assert kept.seeded == 1
    assert sum(kept.run(jsonl(story(3, title="Labour Body"))).new_entities.values()) == 0


def test_the_resolver_is_seeded_again_after_a_merge_decision_a_prune_or_a_write_behind_it() -> None:
    kept, fresh = Writer(fresh_each_time=False), Writer(fresh_each_time=True)
    for writer in (kept, fresh):
        writer.run(STEPS[0], name="a.jsonl")
        writer.run(STEPS[1], name="b.jsonl")
    assert kept.seeded == 1
    candidate = merges.list_candidates(kept.store, BASE)[0]
    for writer in (kept, fresh):
        merges.decide(writer.store, BASE, candidate.left, candidate.right, accept=False)
        writer.run(STEPS[2], name="c.jsonl")
    assert kept.seeded == 2  # the decision changed the version behind the kept resolver
    for writer in (kept, fresh):
        writer.run(STEPS[3][: len(STEPS[3]) // 2].rsplit(b"\n", 1)[0] + b"\n", name="b.jsonl", prune=True)
        writer.run(STEPS[3], name="d.jsonl")
    assert kept.seeded == 3  # the prune dropped stories (and maybe entities): the next import seeds again
    assert kept.quads() == fresh.quads()


def test_a_failed_import_leaves_no_resolver_kept() -> None:
    writer = Writer(fresh_each_time=False)
    writer.run(STEPS[0])

    class Broken(Extractor):
        def extract(self, story):  # type: ignore[no-untyped-def]
            raise RuntimeError("extractor failed")

    try:
        Importer(writer.store, BASE, Broken(), network=writer.network).run([SourceInput("x.jsonl", STEPS[1])])
    except RuntimeError:
        pass
    writer.run(STEPS[1])
    assert writer.seeded == 2
