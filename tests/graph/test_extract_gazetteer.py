"""Organizations and campaigns: the gazetteer in ontology/, acronyms, name patterns."""
import shutil
from pathlib import Path

from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord
from ontology import DIRECTORY

EXTRACTOR = Extractor()


def found(summary: str, kind: EntityKind, extractor: Extractor = EXTRACTOR) -> list[tuple[str, str]]:
    return [(m.text, m.name) for m in extractor.extract(StoryRecord("x", summary, None)) if m.kind is kind]


def test_acronym_and_full_name_share_the_canonical_name():
    assert found("The International Labour Organization (ILO) and the ILO's partners", EntityKind.ORGANIZATION) == [
        ("International Labour Organization", "International Labour Organization"),
        ("ILO", "International Labour Organization"), ("ILO", "International Labour Organization")]


def test_acronyms_match_only_in_capitals():
    assert found("Those who work with WHO", EntityKind.ORGANIZATION) == [("WHO", "World Health Organization")]


def test_a_definition_teaches_an_unknown_acronym():
    orgs = found("The Jordan Garment Exporters Association (JGEA) met. JGEA members agreed.", EntityKind.ORGANIZATION)
    assert [n for _, n in orgs] == ["Jordan Garment Exporters Association"] * 3


def test_unknown_organizations_and_campaigns_by_their_form():
    assert found("the Ministry of Labour and Social Affairs said", EntityKind.ORGANIZATION) == [
        ("Ministry of Labour and Social Affairs", "Ministry of Labour and Social Affairs")]
    assert found("launched the Decent Jobs for Rural Youth Initiative 2023 today", EntityKind.CAMPAIGN) == [
        ("Decent Jobs for Rural Youth Initiative 2023", "Decent Jobs for Rural Youth Initiative")]


def test_observance_needs_a_marker():
    assert found("Every Day counts. Last Year was hard.", EntityKind.CAMPAIGN) == []


def test_campaign_short_form_after_the_full_name():
    assert [t for t, _ in found("The Water for Workers Campaign began. Water for Workers reached 5 cities.",
                                EntityKind.CAMPAIGN)] == ["Water for Workers Campaign", "Water for Workers"]


def test_a_users_own_gazetteer_file_is_used_without_code_changes(tmp_path: Path):
    for name in ("themes.ttl", "gazetteer.ttl"):
        shutil.copy(DIRECTORY / name, tmp_path / name)
    (tmp_path / "gazetteer-local.ttl").write_text(
        '@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix schema: <https://schema.org/> .\n'
        '<urn:x:acme> a schema:Organization ; skos:prefLabel "Acme Textiles Cooperative" ; skos:altLabel "ACT" .\n')
    local = Extractor(tmp_path)
    assert found("ACT signed.", EntityKind.ORGANIZATION, local) == [("ACT", "Acme Textiles Cooperative")]
    assert found("ACT signed.", EntityKind.ORGANIZATION) == [("ACT", "ACT")]
