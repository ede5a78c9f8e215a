"""Importing an article from a link, and refusing articles the generator cannot read."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import sqlalchemy as sa

from quizapp.models import Deck, Source
from quizapp.services import generation
from tests.web.test_author_routes import fake_items

PAGES = Path(__file__).resolve().parent.parent / "data" / "pages"
NEWS = (PAGES / "news_with_furniture.html").read_bytes()
ITALIAN = (
    "Il porto di Genova è uno dei più grandi del Mediterraneo e ogni anno accoglie milioni di "
    "passeggeri e di container provenienti da tutto il mondo.\n\nNegli ultimi dieci anni il "
    "traffico delle merci è cresciuto in modo costante, soprattutto grazie ai nuovi "
    "collegamenti ferroviari con la pianura padana."
)


class _Pages(BaseHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/seals":
            self._send(200, "text/html; charset=utf-8", NEWS)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "http://10.0.0.1/internal")
            self.end_headers()
        elif self.path == "/logo.png":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(100))
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def instructor(make_user, auth, app, monkeypatch):
    app.config["GENERATION_SYNC"] = True
    monkeypatch.setattr(
        generation, "produce_items", lambda source, *, seed, progress: fake_items(source.text)
    )
    user = make_user("instructor")
    auth.login(user)
    return user


def _count(db, model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_a_link_imports_the_page_with_its_attribution(app, client, instructor, db, site):
    app.config["FETCH_ALLOWED_HOSTS"] = ("127.0.0.1",)
    response = client.post("/author/import", data={"link": f"{site}/seals"})
    assert response.status_code == 302
    source = db.session.scalar(sa.select(Source))
    assert source.title == "Harbour seals return to the estuary"
    assert source.author == "Mara Lindqvist"
    assert source.publication == "The Coastal Herald, 2023-04-18"
    assert source.url == f"{site}/seals"
    assert "Volunteers counted 212 seals" in source.text and "Getty" not in source.text
    page = client.get(f"/author/sources/{source.id}").get_data(as_text=True)
    assert "Mara Lindqvist" in page and "The Coastal Herald, 2023-04-18" in page
    assert f'href="{site}/seals"' in page
    deck = db.session.scalar(sa.select(Deck))
    assert deck.title == "Harbour seals return to the estuary"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/moved", "redirects to a private or local address (10.0.0.1)"),
        ("/logo.png", "serves image/png, not a web page or a PDF"),
        ("/missing", "answered 404"),
    ],
)
def test_a_bad_link_fails_the_job_with_its_reason_and_stores_nothing(
    app, client, instructor, db, site, path, message
):
    app.config["FETCH_ALLOWED_HOSTS"] = ("127.0.0.1",)
    response = client.post("/author/import", data={"link": site + path})
    assert response.status_code == 302  # the worker fetches the link, not the request
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert message in page and 'id="job-message"' in page and "failed" in page
    assert _count(db, Source) == 0 and _count(db, Deck) == 0


def test_a_local_link_is_refused_without_the_allow_list(client, instructor, db, site):
    response = client.post("/author/import", data={"link": f"{site}/seals"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "private or local address" in page
    assert _count(db, Source) == 0


def test_link_and_text_together_are_refused(client, instructor, db, site):
    response = client.post(
        "/author/import", data={"link": f"{site}/seals", "text": "Some pasted text here."}
    )
    assert response.status_code == 400
    assert "either a link or the article itself" in response.get_data(as_text=True)


def test_a_non_english_article_is_refused_by_name_and_nothing_is_stored(client, instructor, db):
    response = client.post("/author/import", data={"text": ITALIAN})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The article is in Italian; quizapp writes questions for English articles only." in page
    job_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    form = client.get(f"/author/import?again={job_id}").get_data(as_text=True)
    assert "Il porto di Genova" in form  # the pasted text is kept for the form
    assert _count(db, Source) == 0 and _count(db, Deck) == 0
