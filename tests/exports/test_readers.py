"""The readers are strict: they refuse what their platform would misread."""

from __future__ import annotations

import pytest

from .readers import read_aiken, read_gift, read_moodle


def test_the_gift_reader_reads_an_unescaped_weight_as_a_weight() -> None:
    with pytest.raises(AssertionError, match="grade weight"):
        read_gift(b"::q::[html]Which? {\n\t=yes\n\t~%50%no\n}\n")


def test_the_gift_reader_unescapes_as_moodle_does() -> None:
    (read,) = read_gift(b"::a\\:b::[html]1 \\= 2 \\{x\\} &lt;b&gt; {\n\t=y\\#es\n\t~n\\~o#why\\\\\n"
                        b"\t####<p>all</p>\n}\n")
    assert (read.id, read.prompt) == ("a:b", "1 = 2 {x} <b>")
    assert read.options == [("y#es", True), ("n~o", False)]
    assert read.feedback == {"n~o": "why\\"} and read.general == ["all"]


def test_the_aiken_reader_refuses_what_moodle_escapes_twice() -> None:
    with pytest.raises(AssertionError):
        read_aiken(b"Which?\nA) Tom & Jerry\nB) Bert\nANSWER: A\n")
    (read,) = read_aiken(b"Which <b>?\nA) Tom\nB) Jerry\nANSWER: B\n")
    assert read.options == [("Tom", False), ("Jerry", True)]


def test_the_readers_refuse_markup_that_would_be_rendered() -> None:
    xml = (b"<quiz><question type='multichoice'><name><text>q</text></name>"
           b"<questiontext format='html'><text>&lt;b&gt;bold&lt;/b&gt;</text></questiontext>"
           b"<generalfeedback format='html'><text>&lt;p&gt;x&lt;/p&gt;</text></generalfeedback>"
           b"<single>true</single><shuffleanswers>false</shuffleanswers></question></quiz>")
    with pytest.raises(AssertionError, match="markup"):
        read_moodle(xml)
