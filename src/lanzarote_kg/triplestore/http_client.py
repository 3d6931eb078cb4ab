"""HTTP to a remote SPARQL 1.1 server.

One small client built on the standard library's http.client: a timeout per
request, bounded retries with exponential backoff on connection errors and
HTTP 5xx (never on 4xx), credentials only in answer to a challenge
(http_auth), and answers read with a size cap and a deadline, so a server
that sends an endless or huge body cannot exhaust memory or hold the
process. Why http.client rather than urllib.request: the CLI's network
guard refuses every urllib request, while plain sockets pass to the hosts a
command was given.

Credentials never appear in messages: URLs with user:password@ are refused,
and every error text is scrubbed of the password before it is raised.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Callable

from lanzarote_kg.core.errors import UserError
from lanzarote_kg.triplestore.http_auth import Authenticator, Credentials

__all__ = ["Credentials", "HttpClient", "HttpOptions", "HttpStatusError", "Limits", "Response",
           "check_url", "display_url"]

USER_AGENT = "lanzarote-kg"
_CHUNK = 1 << 20  # bytes per send: small enough for steady progress reports
_READ = 1 << 16  # bytes per read of an answer


@dataclass(frozen=True)
class HttpOptions:
    timeout: float = 300.0  # seconds per socket operation, and for reading a whole answer
    retries: int = 3  # extra attempts after the first, on connection errors and 5xx
    backoff: float = 0.5  # first pause; doubles after each failed attempt
    credentials: Credentials | None = None
    allow_basic_over_http: bool = False  # Basic sends the password in clear: only when asked
    deadline: float | None = None  # seconds for every request of one client together (a whole `load`), retries,
    # pauses and cleanup included, counted from the client's creation; None: no total bound


# A server that did not answer in time, or could not be reached, gets this
# long (at most) for the cleanup that follows: a dead server must not hold
# the run a second time.
CLEANUP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Limits:
    """How much of an answer is read: bytes, and seconds for the whole body."""
    max_bytes: int = 256 << 20
    seconds: float | None = None  # None: the client's timeout


@dataclass
class Response:
    status: int
    content_type: str
    body: bytes
    challenges: list = field(default_factory=list)  # WWW-Authenticate headers
    headers: dict = field(default_factory=dict)  # lower-case names

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
        self.auth = Authenticator(options.credentials, options.allow_basic_over_http)
        self.deadline_at = None if options.deadline is None else time.monotonic() + options.deadline

    def cleanup_client(self) -> "HttpClient":
        """A client for the cleanup after a failed request: the same deadline
        and credentials, no retries, and at most CLEANUP_TIMEOUT per request."""
        options = HttpOptions(timeout=min(self.options.timeout, CLEANUP_TIMEOUT), retries=0,
                              backoff=self.options.backoff, credentials=self.options.credentials,
                              allow_basic_over_http=self.options.allow_basic_over_http, deadline=self.options.deadline)
        client = HttpClient(options, self.log)
        client.auth, client.deadline_at = self.auth, self.deadline_at
        return client

    def remaining(self) -> float | None:
        """Seconds left before the deadline (None: no deadline)."""
        return None if self.deadline_at is None else self.deadline_at - time.monotonic()

    def _past_deadline(self, method: str, shown: str) -> UserError:
        return UserError("LKG-T020", f"{method} {shown}: the run's deadline of {self.options.deadline:g} s has "
                                     "passed (raise --deadline for big graphs or slow servers)")

    def _timeout(self, method: str, shown: str) -> tuple[float, bool]:
        """(seconds for the next request, whether the deadline cut them)."""
        left = self.remaining()
        if left is None or left >= self.options.timeout:
            return self.options.timeout, False
        if left <= 0:
            raise self._past_deadline(method, shown)
        return left, True

    def scrub(self, message: str) -> str:
        for secret in self.auth.secrets():
            message = message.replace(secret, "***")
        return message

    def request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None,
                on_progress: Callable[[int, int], None] | None = None, limits: Limits = Limits()) -> Response:
        """Send one request, retrying connection errors and 5xx; 401/403 are
        authentication errors; other 4xx raise HttpStatusError."""
        check_url(url, "URL")
        shown = display_url(url)
        headers = dict(headers or {})
        credentials = self.options.credentials
        sent = self.auth.header(method, url, body)  # only where this server challenged before
        attempts = self.options.retries + 1
        answered = 0
        attempt = 0
        while True:
            attempt += 1
            problem = None
            if sent:
                headers["Authorization"] = sent
            timeout, by_deadline = self._timeout(method, shown)
            try:
                response = self._once(method, url, body, headers, on_progress, limits, timeout)
            except (TimeoutError, socket.timeout):
                if by_deadline:
                    raise self._past_deadline(method, shown) from None
                raise UserError("LKG-T005", f"{method} {shown}: no answer within {self.options.timeout:g} s "
                                            "(raise --timeout for big graphs)") from None
            except socket.gaierror as exc:
                raise UserError("LKG-T002", f"{method} {shown}: cannot resolve host: {exc.strerror}") from None
            except (OSError, http.client.HTTPException) as exc:
                problem = _describe(exc)
            else:
                if response.status == 401 and answered < 2:
                    reply = self.auth.answer(method, url, body, response.challenges, sent)
                    if reply is not None:
                        sent, answered = reply, answered + 1
                        attempt -= 1  # a challenge round is not a failure
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
            left = self.remaining()
            if left is not None and left <= pause:
                raise self._past_deadline(method, shown)
            self.log(self.scrub(f"  {method} {shown}: {problem}; retrying in {pause:g} s"))
            time.sleep(pause)

    def _once(self, method, url, body, headers, on_progress, limits: Limits, timeout: float) -> Response:
        parts = urllib.parse.urlsplit(url)
        target = parts.path or "/"
        if parts.query:
            target += "?" + parts.query
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout,
                                               context=ssl.create_default_context())
        else:
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
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
            content_type = (answer.getheader("Content-Type") or "").split(";")[0].strip().lower()
            data = self._read(answer, method, url, limits, timeout)
            return Response(answer.status, content_type, data, answer.headers.get_all("WWW-Authenticate") or [],
                            {k.lower(): v for k, v in answer.headers.items()})
        finally:
            conn.close()

    def _read(self, answer: http.client.HTTPResponse, method: str, url: str, limits: Limits,
              timeout: float) -> bytes:
        """The body, refused past limits.max_bytes or past the deadline (a
        trickling body resets the socket timeout with every byte)."""
        shown = f"{method} {display_url(url)}"
        declared = answer.getheader("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > limits.max_bytes:
            raise UserError("LKG-T016", f"{shown}: the answer is {int(declared):,} bytes, more than the "
                                        f"{limits.max_bytes:,} expected; refused unread")
        seconds = timeout if limits.seconds is None else limits.seconds
        left = self.remaining()
        cut = left is not None and left < seconds
        if cut:
            seconds = max(left, 0.0)
        deadline = time.monotonic() + seconds
        chunks, size = [], 0
        while True:
            chunk = answer.read1(_READ) if hasattr(answer, "read1") else answer.read(_READ)
            if not chunk:
                return b"".join(chunks)
            size += len(chunk)
            if size > limits.max_bytes:
                raise UserError("LKG-T016", f"{shown}: the answer goes past {limits.max_bytes:,} bytes, more "
                                            "than expected; stopped reading")
            if time.monotonic() > deadline:
                if cut:
                    raise self._past_deadline(method, display_url(url))
                raise UserError("LKG-T005", f"{shown}: the answer was still arriving after {seconds:g} s "
                                            f"({size:,} bytes); stopped reading (raise --timeout for big graphs)")
            chunks.append(chunk)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(exc, (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError)):
        return "the server closed the connection"
    return getattr(exc, "strerror", None) or exc.__class__.__name__
