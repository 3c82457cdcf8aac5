"""schemathesis against the OpenAPI schema `serve` publishes: no generated request may get a 5xx.

In process over ASGI (nothing leaves the machine, not even loopback sockets); a bounded number of
examples per operation keeps it to seconds.  Writes go to this module's own copy of the web store.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from _web_helpers import no_server_error_anywhere  # noqa: E402

from newsledger.web import create_app  # noqa: E402


BASE = "http://127.0.0.1"  # the app answers only to loopback names


@pytest.fixture(scope="module")
def api_schema(web_db, nlp):
    from starlette.testclient import TestClient

    app = create_app(web_db, nlp=nlp)
    with TestClient(app, base_url=BASE) as client:
        loaded = schemathesis.openapi.from_dict(client.get("/openapi.json").json())
    loaded.app = app
    return loaded


def test_no_generated_request_is_a_server_error(api_schema):
    no_server_error_anywhere(api_schema, BASE, max_examples=15)
