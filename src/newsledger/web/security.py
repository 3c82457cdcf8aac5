"""HTTP hardening shared by every route: security headers, request size limit, write authorisation."""

from __future__ import annotations

import hmac
import ipaddress
import json
from typing import Optional
from urllib.parse import urlsplit

__all__ = ["CSP", "SecurityHeaders", "BodyLimit", "HostCheck", "is_loopback", "write_denied"]

#: Everything from this origin only: no inline script or style, no frames, no plugins.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),  # "no-referrer" would make browsers send Origin: null on form posts
    (b"cross-origin-opener-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class SecurityHeaders:
    """Adds the CSP and friends to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in _HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over ``limit`` bytes with 413, by Content-Length or while streaming."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    size = int(v)
                except ValueError:
                    return await json_error(send, 400, "bad Content-Length")
                if size > self.limit:
                    return await json_error(send, 413, f"request body over the limit of {self.limit:,} bytes")
        seen = 0
        started = False

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await json_error(send, 413, f"request body over the limit of {self.limit:,} bytes")


class _TooLarge(Exception):
    pass


async def json_error(send, status: int, detail: str) -> None:
    """An error answered before the app: the API's one JSON error shape (``{"error": {"status", "detail"}}``)."""
    body = json.dumps({"error": {"status": status, "detail": detail}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class HostCheck:
    """Bound to loopback: answer only requests addressed to a loopback name (stops DNS rebinding)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            host = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
            if host and not is_loopback(name):
                await json_error(send, 421, "host not allowed: this server answers only to localhost / 127.0.0.1")
                return
        await self.app(scope, receive, send)


def write_denied(*, token: Optional[str], loopback: bool, authorization: Optional[str], form_token: Optional[str],
                 origin: Optional[str], host_header: Optional[str]) -> Optional[tuple[int, str]]:
    """``(status, reason)`` when a write must be refused, else None.

    - a configured token is always required (``Authorization: Bearer …`` or the form field ``token``);
    - without one, writes are allowed only when the server is bound to a loopback address;
    - a browser request from another origin (``Origin`` header naming another host) is refused (CSRF).
    """
    if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != (host_header or "").lower()):
        return 403, "cross-origin write refused"
    if token:
        given = None
        if authorization and authorization.lower().startswith("bearer "):
            given = authorization[7:].strip()
        given = given or form_token
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            return 401, "a valid token is required for writes (Authorization: Bearer TOKEN or form field token)"
        return None
    if not loopback:
        return 403, "writes are disabled: the server is bound to a non-loopback address and no token is set (NEWSLEDGER_TOKEN)"
    return None
