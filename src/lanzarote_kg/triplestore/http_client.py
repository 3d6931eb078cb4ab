"""HTTP to a remote SPARQL 1.1 server.

One small client built on the standard library's http.client: a timeout per
request, bounded retries with exponential backoff on connection errors and
HTTP 5xx (never on 4xx), Basic authentication (Digest when the server asks
for it, as Virtuoso's /sparql-graph-crud-auth does). Why http.client rather than
urllib.request: the CLI's network guard refuses every urllib request, while
plain sockets pass to the hosts a command was given.

Credentials never appear in messages: URLs with user:password@ are refused,
and every error text is scrubbed of the password before it is raised.
"""
from __future__ import annotations

import base64
import http.client
import socket
import ssl
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable

from lanzarote_kg.core.errors import UserError

USER_AGENT = "lanzarote-kg"
_CHUNK = 1 << 20  # bytes per send: small enough for steady progress reports


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)  # never in a repr, a log or a traceback


@dataclass(frozen=True)
class HttpOptions:
    timeout: float = 300.0  # seconds per socket operation: a big PUT or MOVE is one long wait
    retries: int = 3  # extra attempts after the first, on connection errors and 5xx
    backoff: float = 0.5  # first pause; doubles after each failed attempt
    credentials: Credentials | None = None


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    challenges: list = field(default_factory=list)  # WWW-Authenticate headers

    def text(self, limit: int = 300) -> str:
        message = self.body.decode("utf-8", "replace").strip().replace("\r", " ").replace("\n", " ")
        return message[:limit] + ("…" if len(message) > limit else "")


class HttpStatusError(UserError):
    def __init__(self, code: str, message: str, status: int):
        super().__init__(code, message)
        self.status = status


def display_url(url: str) -> str:
    """The URL for messages: no user information, and of the query string
    only the Graph Store's graph= (the dataset parameters are long)."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    graphs = [v for k, v in urllib.parse.parse_qsl(parts.query) if k == "graph"]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", "")) + "".join(f"?graph={g}" for g in graphs)


def check_url(url: str, option: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise UserError("LKG-T006", f"{option}: put the user in --user and the password in an environment "
                                    "variable named by --password-env, not in the URL")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError("LKG-T006", f"{option}: {display_url(url)!r} is not an http(s) URL")
    return parts


class HttpClient:
    def __init__(self, options: HttpOptions = HttpOptions(), log: Callable[[str], None] | None = None):
        self.options = options
        self.log = log or (lambda message: print(message, file=sys.stderr, flush=True))

    def scrub(self, message: str) -> str:
        credentials = self.options.credentials
        if credentials and credentials.password:
            basic = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode("ascii")
            message = message.replace(credentials.password, "***").replace(basic, "***")
        return message

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                on_progress: Callable[[int, int], None] | None = None) -> Response:
        """Send one request, retrying connection errors and 5xx; 401/403 are
        authentication errors; other 4xx raise HttpStatusError."""
        check_url(url, "URL")
        shown = display_url(url)
        headers = dict(headers or {})
        credentials = self.options.credentials
        if credentials:  # Basic, sent up front; Digest only when challenged
            token = base64.b64encode(f"{credentials.user}:{credentials.password}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        attempts = self.options.retries + 1
        digest_tried = False
        attempt = 0
        while True:
            attempt += 1
            problem = None
            try:
                response = self._once(method, url, body, headers, on_progress)
            except (TimeoutError, socket.timeout):
                raise UserError("LKG-T005", f"{method} {shown}: no answer within {self.options.timeout:g} s "
                                            "(raise --timeout for big graphs)") from None
            except socket.gaierror as exc:
                raise UserError("LKG-T002", f"{method} {shown}: cannot resolve host: {exc.strerror}") from None
            except (OSError, http.client.HTTPException) as exc:
                problem = _describe(exc)
            else:
                if response.status == 401 and credentials and not digest_tried:
                    challenge = _challenge(response, "digest")
                    if challenge is not None:
                        digest_tried = True
                        headers["Authorization"] = _digest(url, method, body, credentials, challenge)
                        attempt -= 1  # the challenge round does not count as a failure
                        continue
                if response.status in (401, 403):
                    who = f" as user {credentials.user!r}" if credentials else " (no --user given)"
                    raise HttpStatusError("LKG-T003", self.scrub(
                        f"{method} {shown}: authentication failed{who}: HTTP {response.status}"), response.status)
                if response.status < 500:
                    if response.status >= 400:
                        raise HttpStatusError("LKG-T004", self.scrub(
                            f"{method} {shown}: HTTP {response.status}: {response.text()}"), response.status)
                    return response
                problem = f"HTTP {response.status}: {response.text()}"
            if attempt >= attempts:
                raise UserError("LKG-T002", self.scrub(
                    f"{method} {shown}: {problem} (gave up after {attempts} attempt(s))"))
            pause = self.options.backoff * 2 ** (attempt - 1)
            self.log(self.scrub(f"  {method} {shown}: {problem}; retrying in {pause:g} s"))
            time.sleep(pause)

    def _once(self, method, url, body, headers, on_progress) -> Response:
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=self.options.timeout,
                                               context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=self.options.timeout)
        try:
            conn.putrequest(method, target, skip_accept_encoding=True)
            conn.putheader("User-Agent", USER_AGENT)
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.putheader("Content-Length", str(len(body or b"")))
            conn.endheaders()
            if body:
                try:
                    view = memoryview(body)
                    for start in range(0, len(body), _CHUNK):
                        conn.send(view[start:start + _CHUNK])
                        if on_progress:
                            on_progress(min(start + _CHUNK, len(body)), len(body))
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the server may have answered early (401, 413): read its answer below
            answer = conn.getresponse()
            data = answer.read()
            content_type = (answer.getheader("Content-Type") or "").split(";")[0].strip().lower()
            return Response(answer.status, content_type, data, answer.headers.get_all("WWW-Authenticate") or [])
        finally:
            conn.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(exc, (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError)):
        return "the server closed the connection"
    return getattr(exc, "strerror", None) or exc.__class__.__name__


def _challenge(response: Response, scheme: str) -> dict | None:
    for header in response.challenges:
        kind, _, rest = header.partition(" ")
        if kind.lower() == scheme:
            return urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
    return None


def _digest(url: str, method: str, body, credentials: Credentials, challenge: dict) -> str:
    # The standard library's Digest computation, without its urllib opener.
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, credentials.user, credentials.password)
    handler = urllib.request.AbstractDigestAuthHandler(passwords)
    request = urllib.request.Request(url, data=body, method=method)
    value = handler.get_authorization(request, challenge)
    if not value:
        raise UserError("LKG-T003", f"{method} {display_url(url)}: unsupported Digest challenge")
    return f"Digest {value}"
