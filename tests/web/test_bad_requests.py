"""Bad requests get a 4xx in the documented JSON error shape, never a 500 (issue 15's surface cases)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi")
from starlette.testclient import TestClient  # noqa: E402

from newsledger.settings import Settings  # noqa: E402
from newsledger.web import create_app  # noqa: E402

BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def client(web_db, nlp):
    with TestClient(create_app(web_db, nlp=nlp), base_url=BASE) as c:
        yield c


def _error(response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status and body["error"]["detail"]
    return body["error"]["detail"]


@pytest.mark.parametrize("text", ['"', "*", "'", "\\", '")(OR', "NEAR(", "^"])
@pytest.mark.parametrize("path,param", [("/quotes", "q"), ("/search", "q"), ("/claims", "q")])
def test_full_text_syntax_is_never_a_server_error(client, path, param, text):
    for suffix in ("", ".json", ".csv"):
        response = client.get(path + suffix, params={param: text})
        assert response.status_code == 200, (path + suffix, text, response.text[:200])


@pytest.mark.parametrize("url,words", [
    ("/claims.json?from=2024-13-45", ["2024-13-45", "YYYY-MM-DD"]),
    ("/timeline.json?to=notadate", ["notadate"]),
    ("/claims.json?status=bogus", ["status"]),
    ("/speakers.json?sort=sideways", ["sort"]),
    ("/quotes.json?after=%25%25%25", ["cursor"]),
    ("/articles.json?limit=-5", ["limit"]),
])
def test_bad_parameters_are_400_with_the_reason(client, url, words):
    detail = _error(client.get(url), 400)
    assert all(w in detail for w in words), detail


def test_a_bad_publication_date_is_refused_as_on_the_command_line(client):
    detail = _error(client.post("/api/articles", json={"text": "The council met.", "published": "2024-13-45"}), 400)
    assert "2024-13-45" in detail and "YYYY-MM-DD" in detail


def test_text_the_command_line_refuses_the_api_refuses(client):
    assert "NUL" in _error(client.post("/api/articles", json={"text": "The council met.\x00\x00 Nobody came."}), 400)
    body = b'{"text": "The council met \\ud800 on Monday."}'
    assert "surrogate" in _error(client.post("/api/articles", content=body,
                                             headers={"content-type": "application/json"}), 400)


def test_the_413_body_is_the_json_error_shape(web_db, nlp):
    with TestClient(create_app(Settings(db=web_db, max_bytes=2000), nlp=nlp), base_url=BASE) as c:
        by_length = c.post("/api/articles", content=json.dumps({"text": "x " * 60000}).encode(),
                           headers={"content-type": "application/json"})
        assert "limit" in _error(by_length, 413)

        def chunks():
            for _ in range(100):
                yield b"x" * 1000
        assert "limit" in _error(c.post("/api/articles", content=chunks(), headers={"content-type": "application/json"}),
                                 413)
        assert "max_bytes" in _error(c.post("/api/articles", json={"text": "word " * 1000}), 413)


def test_an_empty_words_field_is_no_filter_and_words_without_letters_find_nothing(client):
    everything = client.get("/quotes.json", params={"limit": 500}).json()["items"]
    assert client.get("/quotes.json", params={"q": "", "limit": 500}).json()["items"] == everything
    assert client.get("/claims.json", params={"q": "  ", "limit": 500}).json()["items"]
    for path in ("/quotes.json", "/claims.json"):
        assert client.get(path, params={"q": '"*'}).json()["items"] == [], path


def test_an_article_longer_than_the_models_limit_is_stored_whole(client, nlp):
    """Issue 15 case 1 through the API: over nlp.max_length it answered 500 (E088); now it is run in pieces."""
    paragraph = "Harbour master Lena Odum said the new quay would open in June, weeks before the regatta.\n"
    text = paragraph * 40 + "'We will be ready for the first boats,' Odum said on Tuesday.\n"
    saved = nlp.max_length
    nlp.max_length = 1000  # stands in for the default 1,000,000, which a 1.1 M-character text exceeds
    try:
        response = client.post("/api/articles", json={"text": text, "published": "2024-05-07"})
    finally:
        nlp.max_length = saved
    assert response.status_code in (200, 201), response.text
    record = response.json()
    assert record["text"] == text
    (quote,) = [q for q in record["quotes"] if q["text"].startswith("We will be ready")]
    assert text[quote["span"][0]:quote["span"][1]] == quote["text"] and quote["speaker"]["name"] == "Lena Odum"
