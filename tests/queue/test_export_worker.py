"""A large deck export through the real consumer (SQLite store and real Redis): the web request
enqueues, `quizapp worker` writes the file, the waiting page then offers it to its user."""

from __future__ import annotations

import time
import zipfile
from io import BytesIO

import pytest

from quizapp.models import Deck, Item
from tests.queue import test_real_worker

# The real-worker tests' fixtures: each queue/database combination, its app and its workers.
combo, backend = test_real_worker.combo, test_real_worker.backend
queue_app, workers = test_real_worker.queue_app, test_real_worker.workers

pytestmark = pytest.mark.slow
ITEMS = 300


@pytest.fixture
def big_deck(queue_app, db, make_user):
    owner = make_user("instructor")
    deck = Deck(slug="big", title="Big deck", owner=owner, status="published")
    deck.items = [
        Item(key=f"k{n}", type="cloze", prompt=f"Fact {n}: the ____ base.", answer=f"B{n}")
        for n in range(ITEMS)
    ]
    for item in deck.items:
        item.status = "approved"
    db.session.add(deck)
    db.session.commit()
    queue_app.config["EXPORT_TASK_ABOVE_ITEMS"] = ITEMS - 1
    return owner


def test_the_worker_writes_a_large_export_for_its_user(
    queue_app, client, auth, big_deck, workers, make_user
):
    auth.login(big_deck)
    began = time.perf_counter()
    response = client.get("/export/big.apkg")
    assert time.perf_counter() - began < 0.5  # the request only enqueues
    assert response.status_code == 302
    status_url = response.location + ".json"
    assert client.get(status_url).get_json()["status"] == "queued"
    workers()
    deadline = time.monotonic() + 30
    while (status := client.get(status_url).get_json())["status"] in ("queued", "running"):
        assert time.monotonic() < deadline, workers.log().read_text()[-3000:]
        time.sleep(0.1)
    assert status["status"] == "done", status["message"]
    download = client.get(status["download_url"])
    assert download.status_code == 200
    names = zipfile.ZipFile(BytesIO(download.data)).namelist()
    assert "collection.anki2" in names
    auth.logout()
    auth.login(make_user("admin"))
    assert client.get(status["download_url"]).status_code == 404
