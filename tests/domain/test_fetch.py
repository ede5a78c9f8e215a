"""Fetching an article from a link: SSRF guard, redirects, deadline, size cap and content types."""

from __future__ import annotations

import gzip
import itertools
import shutil
import socket
import ssl
import subprocess
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import urllib3.util.connection

from quizapp.generation.read.errors import ArticleError
from quizapp.generation.read.fetch import check_address, fetch_article, is_public_address
from tests.conftest import skip_or_fail

MB = 1024 * 1024
HTML = b"<html><head><title>T</title></head><body><p>Hello, reader.</p></body></html>"
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
LOCAL = {"127.0.0.1"}


def _bomb() -> bytes:
    """64 MB of zeros, gzipped to about 64 KB, built without holding the 64 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MB)
    return b"".join([*(packer.compress(zeros) for _ in range(64)), packer.flush()])


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, ctype: str | None, body: bytes = b"", **headers) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        named = {k.replace("_", "-"): v for k, v in headers.items()}
        for name, value in {"Content-Length": str(len(body)), **named}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, first: bytes) -> None:
        self.wfile.write(first)
        while not self.server.stop.is_set():
            self.wfile.write(b"a")
            time.sleep(0.1)

    def do_GET(self) -> None:
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path
        try:
            if path == "/page":
                self._send(200, "text/html; charset=utf-8", HTML)
            elif path == "/files/report.pdf":
                self._send(200, "application/pdf", PDF)
            elif path == "/blob":
                self._send(200, "application/octet-stream", PDF)
            elif path == "/octet":
                self._send(200, "application/octet-stream", b"\x00\x01binary")
            elif path == "/notes":
                self._send(200, "text/plain", b"Plain notes.")
            elif path == "/image":
                self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
            elif path == "/empty":
                self._send(200, "text/html", b"")
            elif path == "/missing":
                self._send(404, "text/html", b"<p>nope</p>")
            elif path == "/echo":
                lines = [f"{k}: {v}" for k, v in self.headers.items()]
                self._send(200, "text/plain", "\n".join(lines).encode())
            elif path == "/redirect":
                self._send(302, None, Location="/page")
            elif path == "/private":
                self._send(302, None, Location="http://10.0.0.1/")
            elif path == "/loop":
                self._send(301, None, Location="/loop")
            elif path.startswith("/chain/"):
                hops = int(path.rsplit("/", 1)[1])
                if hops:
                    self._send(307, None, Location=f"/chain/{hops - 1}")
                else:
                    self._send(200, "text/html", HTML)
            elif path == "/big":  # 50 MB with no Content-Length, counted as it goes
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                chunk = b"x" * (64 * 1024)
                try:
                    while self.server.sent < 50 * MB:
                        self.wfile.write(chunk)
                        self.server.sent += len(chunk)
                finally:
                    self.server.big_done.set()
            elif path == "/big-declared":
                self._send(200, "text/html", b"", Content_Length=str(50 * MB))
            elif path == "/long-cl":  # says 1000 bytes, sends 6 MB
                self._send(200, "text/html", b"<p>" + b"y" * 6 * MB, Content_Length="1000")
            elif path == "/short-cl":  # says 100000 bytes, sends 20 and hangs up
                self._send(200, "text/html", b"<p>only twenty b</p>", Content_Length="100000")
            elif path == "/bomb":
                self._send(200, "text/html", self.server.bomb, Content_Encoding="gzip")
            elif path == "/gzip":
                self._send(200, "text/html", gzip.compress(HTML), Content_Encoding="gzip")
            elif path == "/chunked":
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                )
                self.wfile.write(head + b"Connection: close\r\n\r\n")
                for part in (HTML[:30], HTML[30:]):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
                self.wfile.write(b"0\r\n\r\n")
            elif path == "/trickle":
                self._trickle(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<p>")
            elif path == "/trickle-headers":
                self._trickle(b"HTTP/1.0 200 OK\r\nX-Slow: ")
            else:
                self._send(500, "text/plain", b"no route")
        except (BrokenPipeError, ConnectionResetError):
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.stop = threading.Event()
        self.big_done = threading.Event()
        self.requests: list[tuple[str, dict]] = []
        self.sent = 0
        self.bomb = _bomb()
        self.base = f"http://127.0.0.1:{self.server_address[1]}"


def serving(srv: Server):
    """Run the server in a daemon thread for the duration of a fixture."""
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.stop.set()
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def server():
    yield from serving(Server())


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """The same routes over TLS, with a self-signed certificate for the name "localhost"."""
    if not shutil.which("openssl"):
        skip_or_fail("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout", str(key)]
        + ["-out", str(cert), "-addext", "subjectAltName=DNS:localhost"],
        check=True,
        capture_output=True,
    )
    srv = Server()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    srv.socket = context.wrap_socket(srv.socket, server_side=True)
    srv.cert = cert
    yield from serving(srv)


@pytest.fixture
def connections(monkeypatch):
    """Every TCP connection urllib3 opens, as (address, port)."""
    made: list[tuple[str, int]] = []
    real = urllib3.util.connection.create_connection

    def spy(address, *args, **kwargs):
        made.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", spy)
    return made


def fake_resolver(*answers: str, calls: list | None = None):
    def resolve(host, port, *args, **kwargs):
        if calls is not None:
            calls.append(host)
        family = socket.AF_INET6 if ":" in answers[0] else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (a, port)) for a in answers]

    return resolve


def refused(url: str, match: str, **kwargs) -> None:
    with pytest.raises(ArticleError, match=match) as info:
        fetch_article(url, **kwargs)
    assert "\n" not in str(info.value)


# --- the guard, without any server -------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "2002:7f00:1::",  # 6to4 around 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 around 10.0.0.1
    ],
)
def test_private_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert is_public_address(address)


def test_check_address_accepts_a_name_resolving_to_public_addresses():
    resolver = fake_resolver("93.184.215.14", "93.184.215.15")
    assert check_address("Example.ORG", 443, resolver=resolver) == [
        "93.184.215.14",
        "93.184.215.15",
    ]


def test_check_address_refuses_if_any_address_is_private():
    with pytest.raises(ArticleError, match=r"private or local address \(10\.0\.0\.7\)"):
        check_address("example.org", resolver=fake_resolver("93.184.215.14", "10.0.0.7"))


def test_check_address_allowed_hosts_are_case_insensitive():
    resolver = fake_resolver("127.0.0.1")
    assert check_address("LocalHost", allowed_hosts={"localhost"}, resolver=resolver) == [
        "127.0.0.1"
    ]
    assert check_address("::1", allowed_hosts={"[::1]"}) == ["::1"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://192.168.0.10:8080/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "https://127.1/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_local_links_are_refused_before_connecting(url, connections):
    refused(url, "private or local address")
    assert connections == []


def test_a_name_resolving_to_loopback_is_refused(connections):
    refused(
        "http://innocent.example/",
        r"private or local address \(127\.0\.0\.1\)",
        resolver=fake_resolver("127.0.0.1"),
    )
    assert connections == []


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("ftp://example.org/file", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("example.org/page", "only http and https"),
        ("http://user:pw@example.org/", "user name or password"),
        ("http://user@example.org/", "user name or password"),
        ("http:///nohost", "no host name"),
        ("http://[::1/", "not a valid web address"),
        ("http://example.org:99999/", "not a valid web address"),
        ("http://example.org/a\r\nX-Injected: 1", "not a valid web address"),
    ],
)
def test_bad_links_are_refused(url, match, connections):
    refused(url, match, resolver=fake_resolver("93.184.215.14"))
    assert connections == []


def test_unknown_host():
    def resolver(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    refused("http://nosuch.invalid/", r"^no such host: nosuch\.invalid$", resolver=resolver)


# --- against a local server --------------------------------------------------------------------


def test_html_page(server):
    got = fetch_article(server.base + "/page", allowed_hosts=LOCAL)
    assert (got.data, got.filename, got.content_type) == (HTML, "page.html", "text/html")
    assert got.url == server.base + "/page"


def test_pdf_keeps_its_name_and_octet_stream_is_sniffed(server):
    got = fetch_article(server.base + "/files/report.pdf", allowed_hosts=LOCAL)
    assert (got.data, got.filename, got.content_type) == (PDF, "report.pdf", "application/pdf")
    got = fetch_article(server.base + "/blob", allowed_hosts=LOCAL)
    assert (got.filename, got.content_type) == ("document.pdf", "application/pdf")
    refused(server.base + "/octet", "application/octet-stream, not a web page", allowed_hosts=LOCAL)


def test_plain_text_and_gzip(server):
    got = fetch_article(server.base + "/notes", allowed_hosts=LOCAL)
    assert (got.data, got.filename) == (b"Plain notes.", "page.txt")
    assert fetch_article(server.base + "/gzip", allowed_hosts=LOCAL).data == HTML


def test_request_headers_and_host(server, connections):
    port = server.server_address[1]
    calls: list[str] = []
    got = fetch_article(
        f"http://LocalHost:{port}/echo",
        allowed_hosts={"localhost"},
        resolver=fake_resolver("127.0.0.1", calls=calls),
    )
    lines = got.data.decode().splitlines()
    assert f"Host: localhost:{port}" in lines
    assert "User-Agent: quizapp/0.1 (+article import)" in lines
    assert any(line.startswith("Accept: text/html") for line in lines)
    # resolved once, and the connection went to the checked address, not to the name again
    assert calls == ["localhost"]
    assert connections == [("127.0.0.1", port)]


def test_chunked_body(server):
    assert fetch_article(server.base + "/chunked", allowed_hosts=LOCAL).data == HTML


def test_https_checks_the_certificate_against_the_name_not_the_address(
    tls_server, connections, monkeypatch
):
    port = tls_server.server_address[1]
    local = {"localhost", "other.test"}
    resolver = fake_resolver("127.0.0.1")
    refused(
        f"https://localhost:{port}/page",
        r"^could not make a secure connection to localhost: self-signed certificate$",
        allowed_hosts=local,
        resolver=resolver,
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(tls_server.cert))  # trust the test certificate
    got = fetch_article(f"https://localhost:{port}/page", allowed_hosts=local, resolver=resolver)
    assert got.data == HTML
    assert ("/page", "localhost:" + str(port)) in [(p, h["Host"]) for p, h in tls_server.requests]
    refused(
        f"https://other.test:{port}/page",
        r"^could not make a secure connection to other\.test: .*other\.test",
        allowed_hosts=local,
        resolver=resolver,
    )
    assert {address for address, _ in connections} == {"127.0.0.1"}


def test_falls_back_to_the_next_checked_address(server, connections):
    port = server.server_address[1]
    got = fetch_article(
        f"http://site.test:{port}/page",
        allowed_hosts={"site.test"},
        resolver=fake_resolver("127.0.0.2", "127.0.0.1"),
    )
    assert got.data == HTML
    assert connections == [("127.0.0.2", port), ("127.0.0.1", port)]


def test_redirects(server):
    got = fetch_article(server.base + "/redirect", allowed_hosts=LOCAL)
    assert (got.data, got.url) == (HTML, server.base + "/page")
    assert fetch_article(server.base + "/chain/5", allowed_hosts=LOCAL).url.endswith("/chain/0")
    refused(server.base + "/chain/6", "redirects more than 5 times", allowed_hosts=LOCAL)
    refused(server.base + "/loop", "redirects more than 5 times", allowed_hosts=LOCAL)


def test_redirect_to_a_private_address_is_refused_without_connecting(server, connections):
    started = time.monotonic()
    refused(
        server.base + "/private",
        r"^the link redirects to a private or local address \(10\.0\.0\.1\), which is not allowed$",
        allowed_hosts=LOCAL,
    )
    assert connections == [("127.0.0.1", server.server_address[1])]
    assert time.monotonic() - started < 1


def test_http_errors_and_wrong_types(server):
    refused(server.base + "/missing", r"^the site answered 404 Not Found$", allowed_hosts=LOCAL)
    refused(
        server.base + "/image",
        r"^the link serves image/png, not a web page or a PDF$",
        allowed_hosts=LOCAL,
    )
    refused(server.base + "/empty", "empty page", allowed_hosts=LOCAL)


def test_connection_refused_and_tls_errors(server):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused(
        f"http://127.0.0.1:{port}/", r"^could not connect to 127\.0\.0\.1$", allowed_hosts=LOCAL
    )
    port = server.server_address[1]  # plain HTTP where TLS is expected
    refused(
        f"https://127.0.0.1:{port}/page",
        r"^could not make a secure connection to 127\.0\.0\.1: ",
        allowed_hosts=LOCAL,
    )


def test_50_mb_body_is_cut_at_the_cap(server):
    started = time.monotonic()
    refused(server.base + "/big", "the article is larger than 5 MB", allowed_hosts=LOCAL)
    assert time.monotonic() - started < 3
    assert server.big_done.wait(5), "the server was still sending after the refusal"
    assert server.sent < 25 * MB


def test_declared_length_over_the_cap_is_refused_before_reading(server):
    started = time.monotonic()
    refused(server.base + "/big-declared", r"larger than 5 MB \(50\.0 MB\)", allowed_hosts=LOCAL)
    assert time.monotonic() - started < 1


def test_content_length_lies(server):
    got = fetch_article(server.base + "/long-cl", allowed_hosts=LOCAL)
    assert len(got.data) == 1000  # never more than it declared
    refused(
        server.base + "/short-cl", "broke off before the page was complete", allowed_hosts=LOCAL
    )


def test_gzip_bomb_is_cut_without_inflating_it(server):
    assert len(server.bomb) < 200 * 1024
    tracemalloc.start()
    try:
        refused(server.base + "/bomb", "the article is larger than 5 MB", allowed_hosts=LOCAL)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB  # the cap itself is 5 MB; one inflated 64 KB read is 64 MB


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_trickling_site_is_cut_at_the_deadline(server, path):
    outcome: list[BaseException | float] = []

    def fetch() -> None:  # in a thread, so a missing deadline fails the test instead of hanging it
        started = time.monotonic()
        try:
            fetch_article(server.base + path, allowed_hosts=LOCAL, timeout=1.5)
        except Exception as exc:
            outcome.extend([exc, time.monotonic() - started])

    worker = threading.Thread(target=fetch, daemon=True)
    worker.start()
    worker.join(4)
    assert not worker.is_alive(), "the fetch was still running long after its deadline"
    error, elapsed = outcome
    assert isinstance(error, ArticleError)
    assert str(error) == "the site did not send the page within 1.5 s"
    assert 1.4 < elapsed < 2.5


def test_deadline_follows_the_injected_clock(server, connections):
    clock = itertools.count(0, 100).__next__  # every reading is 100 s later
    refused(server.base + "/page", "within 8 s", allowed_hosts=LOCAL, clock=clock)
    assert connections == []
