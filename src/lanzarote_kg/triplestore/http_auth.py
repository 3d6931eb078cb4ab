"""HTTP authentication that never sends a password the server did not ask for.

Credentials go only in answer to a server's challenge (a 401 with
WWW-Authenticate): Digest when the server offers it, since the password
never travels; Basic only over https, or over plain http when the user
asked for it explicitly (--allow-basic-over-http), since Basic is the
password in clear. Nothing is sent pre-emptively: Virtuoso, for one,
answers a pre-emptive Basic offer with a 401 that carries no Digest
challenge, so a client that offers Basic first never gets to Digest.

Once a server has challenged, the answer is remembered for that origin, so
later requests (each graph of a load is one) do not pay a second upload:
Digest reuses the server's nonce with the next nonce count (RFC 7616), and
a server that wants a fresh nonce says so with another 401.
"""
from __future__ import annotations

import base64
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

from lanzarote_kg.core.errors import UserError


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)  # never in a repr, a log or a traceback


def parse_challenges(headers: list[str]) -> dict[str, dict]:
    """{scheme (lower case): parameters} of WWW-Authenticate headers."""
    found: dict[str, dict] = {}
    for header in headers:
        scheme, _, rest = header.strip().partition(" ")
        params = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest)) if "=" in rest else {}
        found.setdefault(scheme.lower(), params)
    return found


def _origin(url: str) -> tuple:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


class Authenticator:
    """The Authorization header for each request, from challenges seen."""

    def __init__(self, credentials: Credentials | None, allow_basic_over_http: bool = False):
        self.credentials = credentials
        self.allow_basic_over_http = allow_basic_over_http
        self._digest: dict[tuple, tuple] = {}  # origin -> (stdlib digest handler, challenge)
        self._basic: set[tuple] = set()  # origins that asked for Basic and may get it

    def header(self, method: str, url: str, body: bytes | None) -> str | None:
        """The header for a request to a server that has challenged before, else None."""
        origin = _origin(url)
        if origin in self._digest:
            handler, challenge = self._digest[origin]
            return self._digest_value(handler, challenge, method, url, body)
        if origin in self._basic:
            return self._basic_value()
        return None

    def answer(self, method: str, url: str, body: bytes | None, challenges: list[str], sent: str | None) -> str | None:
        """The header answering a 401, or None when there is nothing (new) to answer with."""
        if self.credentials is None:
            return None
        offered = parse_challenges(challenges)
        origin = _origin(url)
        if "digest" in offered:
            if sent and sent.startswith("Digest ") and offered["digest"].get("stale", "").lower() != "true" \
                    and offered["digest"].get("nonce") == self._digest.get(origin, (None, {}))[1].get("nonce"):
                return None  # the same nonce again, not stale: the password is wrong
            handler = urllib.request.AbstractDigestAuthHandler(urllib.request.HTTPPasswordMgrWithDefaultRealm())
            scheme, host, port = origin
            netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port else "")
            root = f"{scheme}://{netloc}/"  # the whole origin, every path
            handler.passwd.add_password(None, root, self.credentials.user, self.credentials.password)
            self._digest[origin] = (handler, offered["digest"])
            value = self._digest_value(handler, offered["digest"], method, url, body)
            return None if value == sent else value
        if "basic" in offered:
            if origin[0] != "https" and not self.allow_basic_over_http:
                raise UserError("LKG-T017", f"{method} {url.split('?')[0]}: the server asks for Basic authentication, "
                                            "which sends the password in clear over http; use an https URL, or "
                                            "--allow-basic-over-http to send it anyway")
            if sent and sent.startswith("Basic "):
                return None  # already answered: the password is wrong
            self._basic.add(origin)
            return self._basic_value()
        return None

    def _digest_value(self, handler, challenge: dict, method: str, url: str, body: bytes | None) -> str:
        # The standard library's Digest computation, without its urllib opener
        # (the CLI's network guard refuses urllib requests).
        request = urllib.request.Request(url, data=body, method=method)
        value = handler.get_authorization(request, challenge)
        if not value:
            raise UserError("LKG-T003", f"{method} {url.split('?')[0]}: unsupported Digest challenge "
                                        f"(algorithm {challenge.get('algorithm', 'MD5')}, qop {challenge.get('qop', '-')})")
        return f"Digest {value}"

    def _basic_value(self) -> str:
        token = f"{self.credentials.user}:{self.credentials.password}".encode()
        return "Basic " + base64.b64encode(token).decode("ascii")

    def secrets(self) -> list[str]:
        """Strings that must never appear in a message."""
        if not self.credentials or not self.credentials.password:
            return []
        return [self._basic_value()[len("Basic "):], self.credentials.password]
