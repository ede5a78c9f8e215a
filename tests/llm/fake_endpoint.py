"""A local HTTP server speaking the chat-completions protocol that replays recorded responses."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDINGS = Path(__file__).resolve().parent.parent / "data" / "llm"


@dataclass
class Reply:
    """One scripted answer: a status, a JSON body (or raw bytes), headers, and a delay."""

    status: int = 200
    body: dict | None = None
    raw: bytes | None = None
    headers: dict = field(default_factory=dict)
    delay: float = 0.0


def recorded(name: str) -> Reply:
    """A recorded chat completion from tests/data/llm/<name>.json."""
    return Reply(body=json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8")))


def rate_limited() -> Reply:
    """A 429 asking the client to retry after 10 ms."""
    error = {"error": {"message": "Rate limit reached", "type": "rate_limit_exceeded"}}
    return Reply(status=429, body=error, headers={"retry-after-ms": "10"})


class FakeEndpoint:
    """Serve scripted replies in order (the last one repeats) and keep every request body."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = list(replies)
        self.requests: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                owner.requests.append(
                    {"path": self.path, "body": json.loads(self.rfile.read(length) or b"{}")}
                )
                reply = owner.replies.pop(0) if len(owner.replies) > 1 else owner.replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.raw if reply.raw is not None else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

            def log_message(self, *_args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """The /v1 URL to give the openai client."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeEndpoint:
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def unreachable_url() -> str:
    """A local URL nothing listens on (a port bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
