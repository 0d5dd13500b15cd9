"""bench.as_met: a knowledge file scored on each batch as the extractor met it; the pure parts."""
from bench.as_met import Batch, parse_table, report

TABLE = """type           precision   recall     F1   gold  found
people             0.991    1.000  0.995    108    109
organizations      0.968    0.972  0.970    178    187
places             0.980    0.986  0.983    145    149
campaigns          0.966    1.000  0.982     26     29
themes             0.815    0.888  0.850    169    184
77 stories
  story 4: missed theme 'automotive'"""


def test_the_f1_column_of_the_evaluate_table_is_read_per_kind():
    assert parse_table(TABLE) == {"people": 0.995, "organizations": 0.97, "places": 0.983, "campaigns": 0.982,
                                  "themes": 0.85}


def test_the_report_gives_each_batch_and_each_kinds_mean_change_from_the_start_asked():
    same = {"people": 0.9, "organizations": 0.9, "places": 0.9, "campaigns": 0.5, "themes": 0.7}
    rows = [(Batch(1, "aaa"), same, {**same, "campaigns": 0.7}), (Batch(2, "bbb"), same, same)]
    lines = report(rows, start=2)
    assert lines[0].startswith("batch  1 at aaa:") and "campaigns 0.500>0.700" in lines[0]
    assert "batches 1-: campaigns      mean +0.1000 (1 up, 0 down)" in lines
    assert "batches 2-: campaigns      mean +0.0000 (0 up, 0 down)" in lines
