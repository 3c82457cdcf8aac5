"""schemathesis against a real `newsledger serve` process on 127.0.0.1 (issue 15, Deliver 4): the schema it
publishes at /openapi.json, requests over HTTP through uvicorn (body limits, Host checks, the write path and
all), bounded examples per operation: no generated request may get a 5xx.  Loopback only; the served store
is this module's own copy of the web store."""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest

schemathesis = pytest.importorskip("schemathesis")
from _web_helpers import free_port, no_server_error_anywhere  # noqa: E402

NEWSLEDGER = str(pathlib.Path(sys.executable).with_name("newsledger"))


@pytest.fixture(scope="module")
def served(web_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "served.db"
    shutil.copy(web_db, db)
    port = free_port()
    proc = subprocess.Popen([NEWSLEDGER, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port),
                             "--max-bytes", "200000"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"serve exited: {proc.stderr.read().decode()}")
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_no_request_to_the_served_schema_is_a_server_error(served):
    no_server_error_anywhere(schemathesis.openapi.from_url(served + "/openapi.json"), served, max_examples=8,
                             timeout=60)
