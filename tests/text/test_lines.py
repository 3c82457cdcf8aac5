"""Which lines start a sentence of their own (text -> offsets of the lines that do)."""

from __future__ import annotations

import pytest

from newsledger.text import sentence_starts


@pytest.mark.parametrize("text,starting", [
    ("Dam Holds After Week Of Rain\nEngineers said the dam held.\n", ["Engineers"]),
    ("LISBON, 4 May\n\nThe ferry strike ended on Sunday.\n", ["The ferry"]),
    ("The mayor said the road was\nclosed for repairs until June.\n", []),
    ("It ended.\n\"We are relieved,\" she said.\n", ['"We are']),
    ("Results:\n42 seats for the governing party.\n", ["42 seats"]),
    ("One line only.", []),
], ids=["headline", "dateline-and-blank-line", "wrapped-line-continues", "quote-opens", "digit-opens", "single-line"])
def test_sentence_starts(text, starting):
    assert [text[i:i + len(s)] for i, s in zip(sentence_starts(text), starting)] == starting
    assert len(sentence_starts(text)) == len(starting)


def test_a_headline_without_a_full_stop_is_not_parsed_into_the_next_sentence(nlp):
    from newsledger.extract.pipeline import doc_for
    from newsledger.ingest.article import make_article

    text = "Port Will Reopen Within Weeks\nTransport minister Ilona Varga said the port would reopen soon.\n"
    doc = nlp(doc_for(nlp, make_article(text, "mem.txt")))
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences[0] == "Port Will Reopen Within Weeks"
    said = next(t for t in doc if t.lower_ == "said")
    assert {t.text for t in said.children if t.dep_ == "nsubj"} == {"Varga"}
