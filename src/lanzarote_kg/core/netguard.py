"""No network access: an audit hook that refuses sockets and URL opens.

rdflib and pyshacl will fetch remote documents when input asks them to
(a remote JSON-LD @context, owl:imports, SPARQL SERVICE). Every command
runs with this guard unless the user asks for network access (the
triplestore commands, which talk to a server they are given).
"""
from __future__ import annotations

import sys

_installed = False
_allowed_hosts: set[str] = set()
_enabled = False

_LOCAL_SOCKET = object()
_SOCKET_EVENTS = {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.bind"}


class NetworkAccessError(RuntimeError):
    pass


def _hook(event: str, args: tuple) -> None:
    if not _enabled:
        return
    if event == "urllib.Request":
        url = str(args[0]) if args else ""
        if not url.startswith("file:"):
            raise NetworkAccessError(f"network access refused: {url}")
    elif event in _SOCKET_EVENTS:
        host = _host_of(event, args)
        if host == _LOCAL_SOCKET:
            return
        if host is None or host not in _allowed_hosts:
            raise NetworkAccessError(f"network access refused: {event} {host or ''}".strip())


def _host_of(event: str, args: tuple):
    try:
        if event == "socket.connect" or event == "socket.bind":
            address = args[1]
            if isinstance(address, tuple):
                return str(address[0])
            return _LOCAL_SOCKET  # a unix socket path never leaves the machine
        return str(args[0])
    except (IndexError, TypeError):
        return None


def block_network(allowed_hosts: tuple[str, ...] = ()) -> None:
    """Refuse network access from now on (except to the given hosts)."""
    global _installed, _enabled
    _allowed_hosts.clear()
    _allowed_hosts.update(allowed_hosts)
    _enabled = True
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True


def allow_network() -> None:
    """Lift the guard (audit hooks cannot be removed, only disabled)."""
    global _enabled
    _enabled = False
