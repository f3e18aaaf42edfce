"""Where the `http` connector may connect: a diagram must not reach the server itself or
the private network around it (the API on 127.0.0.1, a cloud's metadata address, a
database). Loopback, link-local, private, reserved and multicast addresses are refused
unless settings.HYPERCRM["HTTP_ALLOWED_NETWORKS"] names them (networks like
"10.1.0.0/16", or host names). A name is resolved once and the address checked is the
one connected to, before anything is sent (no second lookup to rebind), so a name
resolving to an internal address and a redirect to one are refused too; answers are read
up to HTTP_MAX_BODY_BYTES."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request
from typing import Any

from django.conf import settings

DEFAULT_MAX_BODY_BYTES = 1024 * 1024


class AddressRefused(OSError):
    """The connector may not connect there."""


def _allowed_entries() -> tuple[list[ipaddress.IPv4Network | ipaddress.IPv6Network], set[str]]:
    networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
    names: set[str] = set()
    for entry in settings.HYPERCRM.get("HTTP_ALLOWED_NETWORKS", ()):
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(str(entry).lower())
    return networks, names


def is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_loopback
        or address.is_link_local
        or address.is_private
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


def check_peer(host: str, peer: str) -> None:
    """Refuse a connection to `host` that reached the internal address `peer`."""
    address = ipaddress.ip_address(peer.split("%", 1)[0])
    if not is_internal(address):
        return
    networks, names = _allowed_entries()
    if host.lower() in names or any(address in network for network in networks):
        return
    raise AddressRefused(
        f"{host} is the internal address {address}; the http connector reaches internal "
        "addresses only when HTTP_ALLOWED_NETWORKS names them"
    )


# socket's own "no timeout given" marker, which http.client passes on.
_DEFAULT_TIMEOUT: Any = getattr(socket, "_GLOBAL_DEFAULT_TIMEOUT")  # noqa: B009 - private


def _checked_connection(
    address: tuple[str, int],
    timeout: Any = _DEFAULT_TIMEOUT,
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """socket.create_connection to an address checked before anything is sent to it: the
    name is resolved once, every address it has is checked, the first one is connected to."""
    host, port = address
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    for *_, sockaddr in found:
        check_peer(host, str(sockaddr[0]))
    return socket.create_connection((str(found[0][4][0]), port), timeout, source_address)


class _CheckedHTTP(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _CheckedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _checked_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_CheckedHTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        context = getattr(self, "_context", None)  # the handler's TLS context (private)
        return self.do_open(_CheckedHTTPS, req, context=context)


OPENER = urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)


def max_body_bytes() -> int:
    return int(settings.HYPERCRM.get("HTTP_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES))
