"""Turn a field that may hold HTML into one line of plain text: tags dropped, entities decoded."""
from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

# Elements whose content is code or layout, never story text.
_DROPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"})
# Elements that separate words, so "<p>a</p><p>b</p>" reads "a b", not "ab".
_BREAKS = frozenset({"p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
                     "blockquote", "section", "article", "header", "footer", "hr", "dd", "dt", "figcaption", "pre"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._dropping.append(tag)
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._dropping:
            while self._dropping and self._dropping.pop() != tag:
                pass
        elif tag in _BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(data)

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA[") and not self._dropping:
            self.parts.append(data[6:])


def _without_controls(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def plain_text(value: str) -> str:
    """`value` as plain text on one line: markup and script/style content removed, entities decoded,
    control characters dropped and runs of whitespace collapsed to one space."""
    if "<" in value or "&" in value:
        collector = _TextCollector()
        collector.feed(value)
        collector.close()
        value = "".join(collector.parts)
    value = " ".join(value.split())
    if not value.isprintable():
        value = _without_controls(value)
    return value
