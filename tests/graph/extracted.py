"""What the extractor makes of one made-up story, read by name: the helpers the pass tests share."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord

EXTRACTOR = Extractor()


def found(title: str, summary: str) -> dict[str, EntityKind]:
    """Each name found in the story, with its kind."""
    return {m.name: m.kind for m in EXTRACTOR.extract(StoryRecord(title, summary, None))}


def named(kind: EntityKind, summary: str, title: str = "x") -> list[str]:
    """The names of every mention of `kind`, in order, repeats kept."""
    return [m.name for m in EXTRACTOR.extract(StoryRecord(title, summary, None)) if m.kind is kind]


def organizations(summary: str, title: str = "x") -> list[str]:
    return named(EntityKind.ORGANIZATION, summary, title)


def places(summary: str, title: str = "x") -> list[str]:
    return named(EntityKind.PLACE, summary, title)
