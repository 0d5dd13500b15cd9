"""Every text field becomes plain text: no markup, no scripts, entities decoded."""
import pytest

from graph.sources.plain_text import plain_text


@pytest.mark.parametrize("markup, text", [
    ("<p>Some <b>bold</b> text</p>", "Some bold text"),
    ("<script>alert('x')</script>Hello", "Hello"),
    ("Hi<style>p { color: red }</style> there", "Hi there"),
    ("<p>one</p><p>two</p>", "one two"),
    ("line<br/>break", "line break"),
    ("AT&amp;T &lt;b&gt; caf&eacute; &#8217;", "AT&T <b> café \u2019"),
    ("  spaced \t\n out  ", "spaced out"),
    ("1 < 2 and a<b", "1 < 2 and a<b"),
    ("<!-- hidden -->shown", "shown"),
    ("<![CDATA[kept]]>", "kept"),
    ("bell\x07 and\x00 nul", "bell and nul"),
])
def test_plain_text(markup, text):
    assert plain_text(markup) == text


def test_unclosed_script_drops_everything_after_it():
    assert plain_text("Title<script>document.write('x')") == "Title"
