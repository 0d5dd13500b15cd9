"""Capitals pairs (pass "acronyms"): two unknown words in capitals side by side are one organization, not two acronyms."""
from tests.graph.extracted import organizations


def test_two_unknown_words_in_capitals_are_one_name():
    # ("UNITE" alone would be the union Unite, were it not written in capitals going on in capitals)
    found = organizations("Members of UNITE TOGETHER walked out in eight cities.")
    assert "UNITE TOGETHER" in found
    assert not {"UNITE", "TOGETHER", "Unite the Union"} & set(found)


def test_known_acronyms_side_by_side_stay_two():
    found = organizations("Officials of the ILO UNICEF partnership met in Geneva.")
    assert "ILO UNICEF" not in found


