"""Measure how many stories per second each source parser reads from a synthetic corpus."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
import time
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.sources import parse  # noqa: E402

_SUMMARY = ("The International Labour Organization and its partners launched a programme on decent work, "
            "social protection and skills for young people in rural areas, with support from donors.")


def _stories(n: int) -> list[tuple[str, dt.date, str]]:
    start = dt.date(2021, 3, 11)
    return [(f"Story number {i}: ILO news about work", start - dt.timedelta(days=i % 3000), f"{_SUMMARY} ({i})")
            for i in range(n)]


def corpus(fmt: str, n: int) -> bytes:
    """`n` synthetic stories written in `fmt`."""
    stories = _stories(n)
    if fmt == "listing":
        return "".join(f"{i}. {t}\n\n    {d:%d %B %Y}\n\n    {s}\n\n" for i, (t, d, s) in enumerate(stories, 1)).encode()
    if fmt == "jsonl":
        return "".join(json.dumps({"title": t, "date": d.isoformat(), "summary": s, "id": f"s{i}"}) + "\n"
                       for i, (t, d, s) in enumerate(stories)).encode()
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["title", "date", "summary", "id"])
        writer.writerows((t, d.isoformat(), s, f"s{i}") for i, (t, d, s) in enumerate(stories))
        return out.getvalue().encode()
    items = "".join(f"<item><title>{escape(t)}</title><guid>s{i}</guid><pubDate>{d:%a, %d %b %Y} 09:00:00 GMT</pubDate>"
                    f"<description>{escape(s)}</description></item>\n" for i, (t, d, s) in enumerate(stories))
    return f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>\n{items}</channel></rss>\n'.encode()


def main() -> None:
    """Print stories/s per format, e.g. `python bench/parse_speed.py --stories 100000`."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--feed-stories", type=int, default=10_000)
    args = parser.parse_args()
    for fmt in ("listing", "jsonl", "csv", "feed"):
        n = args.feed_stories if fmt == "feed" else args.stories
        data = corpus(fmt, n)
        began = time.perf_counter()
        result = parse(data, source=f"<{fmt}>")
        seconds = time.perf_counter() - began
        assert len(result.stories) == n, (fmt, len(result.stories))
        print(f"{fmt:8} {n:>8,} stories {len(data) / 1e6:7.1f} MB {seconds:6.2f} s {n / seconds:>10,.0f} stories/s")


if __name__ == "__main__":
    main()
