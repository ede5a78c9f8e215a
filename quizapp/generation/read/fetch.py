"""Fetch an article from a link: public addresses only, bounded in total time and in size."""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import partial
from urllib.parse import quote, unquote, urljoin, urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import DecodeError, HTTPError, NewConnectionError
from urllib3.exceptions import SSLError as Urllib3SSLError
from urllib3.exceptions import TimeoutError as Urllib3TimeoutError
from urllib3.util.ssl_match_hostname import CertificateError

from quizapp.generation.read.errors import ArticleError
from quizapp.generation.read.limits import FETCH_SECONDS, MAX_ARTICLE_BYTES, too_large_message

HEADERS = {
    "User-Agent": "quizapp/0.1 (+article import)",
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8",
    "Accept-Encoding": "gzip, deflate",
    "Connection": "close",
}
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
REDIRECTS = frozenset({301, 302, 303, 307, 308})
FILENAMES = {
    "text/html": "page.html",
    "application/xhtml+xml": "page.html",
    "application/pdf": "document.pdf",
    "text/plain": "page.txt",
}
# Types that say nothing about the content: read the body and sniff for a PDF.
UNLABELLED = frozenset({"", "application/octet-stream", "binary/octet-stream", "application/x-pdf"})
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


@dataclass(frozen=True)
class Fetched:
    data: bytes
    filename: str  # its extension tells the caller which reader to use
    url: str  # the final URL, after redirects
    content_type: str


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str  # lower-case ASCII, without brackets
    port: int
    host_header: str
    path: str


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet (the SSRF guard's verdict)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not is_public_address(str(embedded)):
            return False
    kinds = (ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_unspecified, ip.is_multicast)
    return ip.is_global and not any(kinds) and not ip.is_reserved and ip not in _CGNAT


def _norm_host(host: str) -> str:
    return host.strip().strip("[]").rstrip(".").lower()


def check_address(
    host: str,
    port: int = 80,
    *,
    allowed_hosts: Collection[str] = (),
    resolver: Callable = socket.getaddrinfo,
    redirected: bool = False,
) -> list[str]:
    """Resolve host once and return its addresses; refuse if any of them is not public."""
    host = _norm_host(host)
    try:
        infos = [(0, 0, 0, "", (str(ipaddress.ip_address(host)), port))]
    except ValueError:
        try:
            infos = resolver(host, port, 0, socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            raise ArticleError(f"no such host: {host}") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise ArticleError(f"no such host: {host}")
    if host in {_norm_host(h) for h in allowed_hosts}:
        return addresses
    for address in addresses:
        if not is_public_address(address):
            verb = "redirects" if redirected else "points"
            raise ArticleError(
                f"the link {verb} to a private or local address ({address}), which is not allowed"
            )
    return addresses


def check_link(url: str) -> None:
    """Refuse a link fetch_article could never fetch (not http(s), no host, credentials in it)
    without a DNS lookup or a connection: ArticleError with the reason."""
    _parse(url.strip())


def _parse(url: str) -> _Target:
    if any(ord(c) < 32 or ord(c) == 127 for c in url):
        raise ArticleError("the link is not a valid web address")
    try:
        parts = urlsplit(url)
        explicit_port = parts.port
        host = (parts.hostname or "").rstrip(".").encode("idna").decode("ascii").lower()
    except (ValueError, UnicodeError):
        raise ArticleError("the link is not a valid web address") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "a link without http:// or https://"
        raise ArticleError(f"only http and https links can be fetched, not {shown}")
    if parts.username is not None or parts.password is not None:
        raise ArticleError("the link contains a user name or password; remove them")
    if not host:
        raise ArticleError("the link has no host name")
    port = explicit_port or (443 if scheme == "https" else 80)
    shown_host = f"[{host}]" if ":" in host else host
    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=~?")
    host_header = f"{shown_host}:{explicit_port}" if explicit_port else shown_host
    return _Target(scheme, host, port, host_header, path)


class _Watchdog(threading.Timer):
    """At the deadline, shuts the socket down: that ends any blocked handshake or read at once."""

    def __init__(self, conn: HTTPConnection, seconds: float) -> None:
        super().__init__(seconds, self._fire)
        self.conn, self.sock, self.fired, self.daemon = conn, None, False, True
        self.start()

    def _fire(self) -> None:
        self.fired = True
        sock = self.sock or self.conn.sock
        if sock is not None:
            # The plain socket's shutdown, not SSLSocket's, which would unwrap it under the reader.
            with contextlib.suppress(OSError):
                socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _connection(target: _Target, address: str, seconds: float) -> HTTPConnection:
    # Connect to the checked address; the name serves only for SNI, the certificate and Host.
    if target.scheme == "http":
        return HTTPConnection(address, target.port, timeout=seconds)
    tls = {"server_hostname": target.host, "assert_hostname": target.host}
    return HTTPSConnection(address, target.port, timeout=seconds, **tls)


def _explain(exc: BaseException, host: str, connected: bool, late: ArticleError) -> ArticleError:
    if isinstance(exc, Urllib3SSLError | ssl.SSLError | CertificateError):
        why = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or exc
        detail = (str(why).replace("_", " ").lower().splitlines() or ["tls error"])[0][:80]
        return ArticleError(f"could not make a secure connection to {host}: {detail}")
    if isinstance(exc, NewConnectionError):
        return ArticleError(f"could not connect to {host}")
    if isinstance(exc, Urllib3TimeoutError | TimeoutError):
        return late
    if not connected:
        return ArticleError(f"could not connect to {host}")
    if isinstance(exc, DecodeError):
        return ArticleError(f"{host} sent a compressed page that could not be decompressed")
    return ArticleError(f"the connection to {host} broke off before the page was complete")


def _read_body(resp, max_bytes: int, deadline: float, clock: Callable, late: ArticleError) -> bytes:
    declared = resp.headers.get("Content-Length", "").strip()
    if declared.isdigit() and int(declared) > max_bytes:
        raise ArticleError(too_large_message(int(declared)))
    chunks, total = [], 0
    # read1 returns what one socket read gives, so the clock is checked between small steps;
    # it also caps each decompression step at CHUNK, so a gzip bomb never inflates at once.
    while chunk := resp.read1(CHUNK):
        total += len(chunk)
        if total > max_bytes:
            raise ArticleError(too_large_message(total))
        chunks.append(chunk)
        if clock() > deadline:
            raise late
    return b"".join(chunks)


def _exchange(target, addresses, deadline, clock, max_bytes, late) -> str | tuple[bytes, str]:
    """One request: the redirect location, or the body and its content type."""
    for index, address in enumerate(addresses):
        remaining = deadline - clock()
        if remaining <= 0:
            raise late
        conn = _connection(target, address, remaining)
        watchdog, resp, connected = _Watchdog(conn, remaining), None, False
        try:
            try:
                conn.connect()
            except NewConnectionError:
                if index + 1 < len(addresses):
                    continue  # another checked address of the same host may answer
                raise
            watchdog.sock, connected = conn.sock, True
            headers = {**HEADERS, "Host": target.host_header}
            conn.request("GET", target.path, headers=headers, preload_content=False)
            resp = conn.getresponse()
            if resp.status in REDIRECTS:
                location = resp.headers.get("Location")
                if not location:
                    raise ArticleError(f"the site answered {resp.status} without a new location")
                return location
            if not 200 <= resp.status < 300:
                phrase = http.client.responses.get(resp.status, "(unknown status)")
                raise ArticleError(f"the site answered {resp.status} {phrase}")
            ctype = resp.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if not re.fullmatch(r"[a-z0-9.+-]+/[a-z0-9.+-]+|", ctype):
                ctype = "an unknown type"
            if ctype not in FILENAMES and ctype not in UNLABELLED:
                raise ArticleError(f"the link serves {ctype}, not a web page or a PDF")
            body = _read_body(resp, max_bytes, deadline, clock, late)
            if watchdog.fired:  # a cut-off body may look complete, so the flag decides
                raise late
            return body, ctype
        except ArticleError:
            raise
        except (HTTPError, http.client.HTTPException, OSError, ValueError) as exc:
            raise (
                late if watchdog.fired else _explain(exc, target.host, connected, late)
            ) from None
        finally:
            watchdog.cancel()
            with contextlib.suppress(OSError):
                if resp is not None:
                    resp.close()
                conn.close()
    raise ArticleError(f"could not connect to {target.host}")


def fetch_article(
    url: str,
    *,
    allowed_hosts: Collection[str] = (),
    timeout: float = FETCH_SECONDS,
    max_bytes: int = MAX_ARTICLE_BYTES,
    resolver: Callable = socket.getaddrinfo,
    clock: Callable[[], float] = time.monotonic,
) -> Fetched:
    """Download an HTML page, PDF or text file from a public http(s) link, or raise ArticleError."""
    deadline = clock() + timeout
    late = ArticleError(f"the site did not send the page within {timeout:g} s")
    current = url.strip()
    guard = partial(check_address, allowed_hosts=allowed_hosts, resolver=resolver)
    for hop in range(MAX_REDIRECTS + 1):
        target = _parse(current)
        addresses = guard(target.host, target.port, redirected=hop > 0)
        answer = _exchange(target, addresses, deadline, clock, max_bytes, late)
        if isinstance(answer, str):
            current = urljoin(current, answer.strip())
            continue
        data, ctype = answer
        if data.startswith(b"%PDF"):
            ctype = "application/pdf"
        elif ctype not in FILENAMES:
            raise ArticleError(
                f"the link serves {ctype or 'an unlabelled file'}, not a web page or a PDF"
            )
        if not data or data.isspace():
            raise ArticleError("the site sent an empty page")
        return Fetched(data, _filename(target.path, FILENAMES[ctype]), current.split("#")[0], ctype)
    raise ArticleError(f"the link redirects more than {MAX_REDIRECTS} times")


def _filename(path: str, default: str) -> str:
    name = unquote(path.split("?")[0].rsplit("/", 1)[-1])
    extension = default[default.rindex(".") :]
    ok = name.lower().endswith(extension) and re.fullmatch(r"[\w.\- ]{1,120}", name)
    return name if ok else default
