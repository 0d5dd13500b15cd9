"""Guess an input's format from its first characters; the file name only breaks ties."""
from __future__ import annotations

from graph.sources.csv import KNOWN_COLUMNS, header_names, pick_delimiter

_HEAD = 4096
_CSV_NAMES = (".csv", ".tsv", ".tab")


def sniff(text: str, name: str = "") -> str:
    """'feed', 'jsonl', 'csv' or 'listing' for `text`, judged from its first few kilobytes.

    Markup goes to the feed parser even when its root is not <rss>, <rdf:RDF> or <feed>, so the
    error names what was found ("<html>") instead of the listing parser finding no dates.
    """
    head = text[:_HEAD].lstrip("\ufeff \t\r\n")
    if not head:
        return "listing"
    if head[0] == "<":
        return "feed"
    if head[0] in "{[":
        return "jsonl"
    first_line = head.split("\n", 1)[0].strip("\r")
    columns = KNOWN_COLUMNS.intersection(header_names(first_line, pick_delimiter(first_line)))
    if {"title", "date"} <= columns or len(columns) >= 2:
        return "csv"
    if columns and name.lower().endswith(_CSV_NAMES):
        return "csv"
    return "listing"
