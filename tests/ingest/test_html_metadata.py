"""HTML metadata: authors only from metadata or a byline of names, the publisher from og:site_name or
JSON-LD, and a title's " | Site" suffix dropped when Site is the publisher (our own small pages)."""

from __future__ import annotations

import json

import pytest

from newsledger.ingest.html import clean_author, extract_html, page_metadata, strip_site_suffix

BODY = ("<article><h1>Harbour reopens</h1><p>The harbour of Varnsk reopened on Monday after repairs to the "
        "breakwater, officials said.</p><p>Fishing boats returned within hours, and the ferry to the islands is "
        "expected to run again from Wednesday, the port authority said in a statement.</p></article>")


def page(head: str = "", body: str = BODY) -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("written,expected", [
    ("By Ilse Varga", "Ilse Varga"),
    ("Ilse Varga and Tomas Brenner", "Ilse Varga; Tomas Brenner"),
    ("Ursula von der Leyen", "Ursula von der Leyen"),
    ("J. K. Marten", "J. K. Marten"),
    ("Ilse Varga is a reporter for the Varnsk Courier", None),
    ("Read more from our correspondents", None),
    ("staff", None),
    ("", None),
])
def test_authors_are_names_never_sentences(written, expected):
    assert clean_author(written) == expected


@pytest.mark.parametrize("title,publisher,expected", [
    ("Harbour reopens | Varnsk Courier", "Varnsk Courier", "Harbour reopens"),
    ("Harbour reopens - VarnskCourier", "Varnsk Courier", "Harbour reopens"),
    ("Harbour reopens — The Courier", "Courier", "Harbour reopens"),
    ("Left - right divide deepens", "Varnsk Courier", "Left - right divide deepens"),
    ("Harbour reopens | Varnsk Courier", None, "Harbour reopens | Varnsk Courier"),
])
def test_a_title_loses_its_site_suffix_only_when_it_is_the_publisher(title, publisher, expected):
    assert strip_site_suffix(title, publisher) == expected


def test_publisher_from_og_site_name_then_json_ld():
    og = page('<meta property="og:site_name" content="Varnsk Courier">')
    assert page_metadata(og)["publisher"] == "Varnsk Courier"
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour reopens",
          "publisher": {"@type": "Organization", "name": "Coastal Wire"},
          "author": [{"@type": "Person", "name": "Ilse Varga"}, {"@type": "Person", "name": "Tomas Brenner"}]}
    meta = page_metadata(page(f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    assert meta == {"publisher": "Coastal Wire", "author": "Ilse Varga; Tomas Brenner"}
    assert "publisher" not in page_metadata(page('<meta name="application-name" content="Hosted">'))


def test_extracted_metadata_together():
    head = ('<title>Harbour reopens | Varnsk Courier</title><meta property="og:title" '
            'content="Harbour reopens | Varnsk Courier"><meta property="og:site_name" content="Varnsk Courier">'
            '<meta name="author" content="Ilse Varga is a reporter covering the coast">')
    text, meta = extract_html(page(head), "harbour.html")
    assert meta.get("title") == "Harbour reopens" and meta.get("publisher") == "Varnsk Courier"
    assert "author" not in meta  # the meta tag holds a sentence, and the page has no byline
    assert "harbour of Varnsk reopened" in text


@pytest.mark.parametrize("byline,author", [
    ("By Ilse Varga and Tomas Brenner", "Ilse Varga; Tomas Brenner"),
    ("Written by our correspondent who has covered the coast for years", None),
])
def test_a_byline_in_the_page_gives_names_or_nothing(byline, author):
    body = BODY.replace("<h1>Harbour reopens</h1>", f"<h1>Harbour reopens</h1><p class='byline'>{byline}</p>")
    _, meta = extract_html(page("<title>Harbour reopens - Varnsk Courier</title>"
                                '<meta property="og:site_name" content="Varnsk Courier">', body), "harbour.html")
    assert meta.get("author") == author
    assert (meta.get("title"), meta.get("publisher")) == ("Harbour reopens", "Varnsk Courier")  # " - Site" dropped
