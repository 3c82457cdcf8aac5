"""The trained speaker ranker: shipped, loadable, consistent with the code, and choosing sources
that the rules alone got wrong (our own sentences)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsledger.extract.pipeline import doc_for
from newsledger.extract.speaker_model import FEATURES, load_ranker, quote_rows
from newsledger.extract.speaker_model.candidates import Candidate, positive
from newsledger.extract.speaker_model.model import META_PATH
from newsledger.ingest.article import make_article


def test_shipped_model_loads_and_matches_the_feature_columns():
    ranker = load_ranker()
    assert ranker is not None, "speaker_ranker.txt missing or trained on other features: run scripts/train/speaker_builder.py"
    meta = json.loads(META_PATH.read_text(encoding="utf-8"))
    assert tuple(meta["features"]) == FEATURES
    cv = meta["cross_validation"]
    assert cv["model_mean"] >= cv["rules_mean"], "the learned ranker must not be worse than the rules it replaces"


def test_speakers_component_is_in_the_pipeline_after_quotes(nlp):
    names = nlp.pipe_names
    assert names.index("newsledger_speakers_v1") == names.index("newsledger_quotes_v1") + 1


def _doc(nlp, text):
    return nlp(doc_for(nlp, make_article(text, "mem.txt", metadata={"published": "2025-01-10"})))


def test_every_quote_has_a_null_candidate_and_one_row_per_candidate(nlp):
    doc = _doc(nlp, "The harbour master, Ines Kalnins, said the port would reopen on Friday.\n")
    table = quote_rows(doc, doc._.nl_people, doc._.nl_quotes)
    assert table
    for t in table:
        assert t.candidates[0] == Candidate(None)
        assert t.rows.shape == (len(t.candidates), len(FEATURES))
        assert np.isfinite(t.rows).all()


@pytest.mark.parametrize("gold_span,token_text,expected", [
    ((0, 5), "Nadia", True),
    ((0, 5), "port", False),
    (None, None, True),
])
def test_training_label_is_head_inside_gold_source(nlp, gold_span, token_text, expected):
    doc = nlp.make_doc("Nadia said the port would reopen.")
    tok = None if token_text is None else next(t.i for t in doc if t.text == token_text)
    assert positive(doc, Candidate(tok), gold_span) is expected


@pytest.mark.parametrize("text,fragment,speaker", [
    pytest.param("The state broadcaster quoted the interior minister, Petra Lisko, as saying that the border "
                 "would stay closed.\n", "border", "Petra Lisko", id="quoted-as-saying-credits-the-quoted"),
    pytest.param("\"We will rebuild every school,\" the governor, Amara Osei, told a crowd in the square. "
                 "\"It will take years.\"\n", "take years", "Amara Osei", id="second-sentence-of-a-quote"),
    pytest.param("Dr. Leon Varga treated the wounded at the clinic. According to Dr. Varga, most of the "
                 "injured were children.\n", "injured were children", "Leon Varga", id="according-to"),
])
def test_model_speakers(nlp, text, fragment, speaker):
    doc = _doc(nlp, text)
    (quote,) = [q for q in doc._.nl_quotes if fragment in q.text]
    assert quote.speaker is not None and quote.speaker.name == speaker
    assert 0.0 < quote.confidence <= 1.0
