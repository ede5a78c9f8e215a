"""Author routes: import, generation jobs, review queue, editing, publishing, assigning."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from quizapp.domain.items import QuizItem
from quizapp.models import (
    Assignment,
    CardState,
    Cohort,
    Deck,
    GenerationJob,
    Item,
    Source,
)
from quizapp.services import authoring, generation

ARTICLE = (Path(__file__).resolve().parent.parent / "data" / "author_new_article.txt").read_text()
ROMANS = "The Romans built lighthouses across their empire, from Ostia to Dover."
FRESNEL = (
    "In 1822 the French physicist Augustin Fresnel presented a lens made of concentric "
    "rings of glass prisms."
)
KEEPERS = "Britain's last keepers left North Foreland lighthouse in 1998."


def _item(text: str, sentence: str, **values) -> QuizItem:
    start = text.index(sentence)
    return QuizItem(source_start=start, source_end=start + len(sentence), quote=sentence, **values)


def fake_items(text: str) -> list[QuizItem]:
    return [
        _item(
            text,
            ROMANS,
            key="mcq-ostia",
            type="mcq",
            prompt="The Romans built lighthouses from which place to Dover?",
            answer="Ostia",
            choices=["Ostia", "Calais", "Carthage", "Marseille"],
            topic="Roman and Medieval Towers",
            score=2.0,
        ),
        _item(
            text,
            FRESNEL,
            key="cloze-fresnel",
            type="cloze",
            prompt="In 1822 the French physicist ____ presented a lens.",
            answer="Augustin Fresnel",
            topic="Lenses and Lamps",
            score=1.5,
        ),
        _item(
            text,
            KEEPERS,
            key="tf-keepers",
            type="true_false",
            kind="argument",
            prompt="Britain's last keepers left North Foreland lighthouse in 1998.",
            answer="True",
            topic="Automation and After",
            score=0.5,
        ),
    ]


@pytest.fixture(autouse=True)
def sync_generation(app, monkeypatch):
    app.config["GENERATION_SYNC"] = True
    monkeypatch.setattr(
        generation, "produce_items", lambda source, *, seed, progress: fake_items(source.text)
    )


@pytest.fixture
def instructor(make_user, auth):
    user = make_user("instructor")
    auth.login(user)
    return user


@pytest.fixture
def deck(client, instructor, db):
    response = client.post("/author/import", data={"text": ARTICLE, "author": "A. Writer"})
    assert response.status_code == 302
    return db.session.scalar(sa.select(Deck))


def items_by_key(deck):
    return {item.key: item for item in deck.items}


def test_index_empty_state_explains_what_to_do(client, instructor):
    page = client.get("/author/").get_data(as_text=True)
    assert "You have no decks yet." in page
    assert 'href="/author/import"' in page and "Import an article" in page


def test_import_paste_generates_a_draft_deck(client, instructor, db):
    response = client.post(
        "/author/import", data={"text": ARTICLE, "title": "", "publication": "Sea Review"}
    )
    job = db.session.scalar(sa.select(GenerationJob))
    assert response.headers["Location"].endswith(f"/author/jobs/{job.id}")
    deck = db.session.scalar(sa.select(Deck))
    assert deck.status == "draft" and deck.owner_id == instructor.id
    assert deck.title == "Keepers of the Light: A Short History of Lighthouses"
    assert deck.source.publication == "Sea Review"
    assert {i.status for i in deck.items} == {"draft"} and len(deck.items) == 3
    page = client.get(f"/author/jobs/{job.id}").get_data(as_text=True)
    assert "done" in page and "Review the items" in page
    status = client.get(f"/author/jobs/{job.id}.json").get_json()
    assert status["status"] == "done" and status["progress"] == 100
    assert status["deck_url"] == f"/author/decks/{deck.id}"
    index = client.get("/author/").get_data(as_text=True)
    assert deck.title in index and "My articles" in index


@pytest.mark.parametrize(
    "name,payload",
    [
        ("lights.txt", ARTICLE.encode()),
        ("lights.md", ("# " + ARTICLE).encode()),
        (
            "lights.html",
            (
                "<html><body><h1>Keepers</h1>"
                + "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
                + "</body></html>"
            ).encode(),
        ),
    ],
)
def test_import_upload(client, instructor, db, name, payload):
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(payload), name)},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    source = db.session.scalar(sa.select(Source))
    assert "Augustin Fresnel" in source.text


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica), built by hand."""

    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    ops = ["BT", "/F1 10 Tf", "12 TL", "40 760 Td"]
    for line in lines:
        ops.append(f"({esc(line)}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out += trailer.encode()
    return bytes(out)


def test_import_pdf_upload(client, instructor, db):
    pdf = make_pdf(["Keepers of the Light", "", ROMANS, FRESNEL])
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(pdf), "lights.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    source = db.session.scalar(sa.select(Source))
    assert ROMANS in source.text and source.title == "Keepers of the Light"


def test_import_rejects_other_extensions(client, instructor, db):
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(b"x"), "evil.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Upload a .txt, .md, .html or .pdf file." in response.get_data(as_text=True)


def test_import_needs_text_or_file(client, instructor, db):
    response = client.post("/author/import", data={"text": "  "})
    assert response.status_code == 400
    assert "Paste the article text, choose a file or paste a link" in response.get_data(
        as_text=True
    )


def test_field_hint_and_error_are_announced_with_the_field(client, instructor, db):
    page = client.get("/author/import").get_data(as_text=True)
    assert re.search(r'<textarea aria-describedby="text-hint" id="text"', page)
    page = client.post("/author/import", data={"text": "  "}).get_data(as_text=True)
    assert re.search(r'<textarea aria-describedby="text-hint text-err" aria-invalid="true"', page)
    assert 'id="text-err"' in page and 'id="text-hint"' in page


def test_article_error_fails_the_job_and_the_form_comes_back_with_the_text(client, instructor, db):
    response = client.post("/author/import", data={"text": "Too short", "title": "Mine"})
    assert response.status_code == 302  # the worker reads the article, not the request
    job_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "failed" in job_page and "No sentences found" in job_page
    job = db.session.scalar(sa.select(GenerationJob))
    again = f'href="/author/import?again={job.id}">Edit and import again'
    assert again in job_page
    page = client.get(f"/author/import?again={job.id}").get_data(as_text=True)
    assert "Too short</textarea>" in page and 'value="Mine"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0


def test_binary_upload_is_a_form_error(client, instructor):
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(b"\x00\x01binary" * 10), "x.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400 and "binary" in response.get_data(as_text=True)


def test_a_file_named_pdf_that_is_no_pdf_is_a_form_error(client, instructor, db):
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(b"just some text, no header"), "x.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Not a readable PDF (it has no PDF header)." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GenerationJob)) == 0


def test_a_pdf_without_text_fails_on_the_job_page(client, instructor, db):
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(make_pdf([])), "empty.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    job_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "failed" in job_page and "The PDF has no text layer" in job_page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 0


def test_request_over_max_content_length_shows_clear_message(app, client, instructor):
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = client.post("/author/import", data={"text": "x " * 2000})
    page = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "larger than 5 MB" in page and "<form" in page


def test_form_checks_the_5mb_limit_too(app, client, instructor):
    app.config["MAX_CONTENT_LENGTH"] = 7 * 1024 * 1024
    big = "word " * (5 * 1024 * 1024 // 5 + 10)
    response = client.post(
        "/author/import",
        data={"file": (io.BytesIO(big.encode()), "big.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "larger than 5 MB" in response.get_data(as_text=True)


def test_duplicate_import_offers_reuse(client, instructor, deck, db):
    response = client.post("/author/import", data={"text": ARTICLE})
    assert response.status_code == 302
    job_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You imported this article before: reuse it instead of making a copy." in job_page
    reuse = f"/author/sources/{deck.source_id}?duplicate=1"
    assert f'href="{reuse}">Open the article imported before' in job_page
    job_id = int(response.headers["Location"].rsplit("/", 1)[-1])
    status = client.get(f"/author/jobs/{job_id}.json").get_json()
    assert status["status"] == "done" and status["deck_url"] == reuse  # the page goes there
    page = client.get(reuse).get_data(as_text=True)
    assert "This article was imported before" in page
    assert f'href="/author/decks/{deck.id}"' in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Deck)) == 1
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 1


def test_new_deck_from_existing_source(client, instructor, deck, db):
    response = client.post(f"/author/sources/{deck.source_id}/decks", data={"title": "Second"})
    assert response.status_code == 302
    second = db.session.scalar(sa.select(Deck).where(Deck.title == "Second"))
    assert second.source_id == deck.source_id and len(second.items) == 3


def test_failed_generation_shows_reason_and_keeps_source(client, instructor, monkeypatch, db):
    def broken(source, *, seed, progress):
        raise RuntimeError("model not loaded")

    monkeypatch.setattr(generation, "produce_items", broken)
    response = client.post("/author/import", data={"text": ARTICLE})
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "failed" in page and "model not loaded" in page and "Try again" in page
    assert "See the article (kept)" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 1


def test_running_job_page_has_no_js_refresh_and_polling_hook(client, instructor, deck, db):
    job = GenerationJob(
        deck_id=deck.id,
        requested_by=instructor.id,
        status="running",
        progress=40,
        message="Finding facts",
    )
    db.session.add(job)
    db.session.commit()
    page = client.get(f"/author/jobs/{job.id}").get_data(as_text=True)
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    assert f'data-status-url="/author/jobs/{job.id}.json"' in page
    assert 'value="40"' in page and "Finding facts" in page
    assert "<script>" not in page  # no inline script (CSP)


def test_deck_page_highlights_source_sentence_in_paragraph(client, instructor, deck):
    page = client.get(f"/author/decks/{deck.id}").get_data(as_text=True)
    assert f"<mark>{ROMANS}</mark>" in page
    # The rest of that paragraph is shown around the mark.
    assert "The Tower of Hercules at A Coruña" in page
    for label in (
        "Multiple choice",
        "Fill in the blank",
        "True or false",
        "Roman and Medieval Towers",
        "score 2.00",
        "argument",
    ):
        assert label in page
    assert 'src="/static/author.js"' in page


def test_user_text_is_escaped(client, instructor, db):
    evil = ARTICLE.replace(ROMANS, "The Romans wrote <img src=x onerror=alert(1)> on Dover walls.")
    client.post("/author/import", data={"text": evil})
    deck = db.session.scalar(sa.select(Deck))
    item = Item(
        deck_id=deck.id,
        key="evil",
        type="basic",
        prompt="<script>alert(2)</script>",
        answer="<b>bold</b>",
        source_start=evil.index("The Romans wrote"),
        source_end=evil.index("on Dover walls.") + 15,
        quote="x",
        status="draft",
    )
    db.session.add(item)
    db.session.commit()
    page = client.get(f"/author/decks/{deck.id}").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert(2)" not in page and "&lt;script&gt;alert(2)" in page
    assert "<b>bold</b>" not in page


def test_filters(client, instructor, deck):
    page = client.get(f"/author/decks/{deck.id}?type=cloze").get_data(as_text=True)
    assert "presented a lens" in page and "from which place to Dover" not in page
    page = client.get(f"/author/decks/{deck.id}?kind=argument").get_data(as_text=True)
    assert "North Foreland" in page and "presented a lens." not in page
    page = client.get(f"/author/decks/{deck.id}?topic=Lenses+and+Lamps").get_data(as_text=True)
    assert "presented a lens" in page and "North Foreland lighthouse in 1998.</p>" not in page
    page = client.get(f"/author/decks/{deck.id}?status=approved").get_data(as_text=True)
    assert "No items match these filters." in page
    # Unknown filter values are ignored rather than failing.
    assert client.get(f"/author/decks/{deck.id}?status=bogus").status_code == 200


def test_approve_reject_restore_with_redirect_and_json(client, instructor, deck, db):
    items = items_by_key(deck)
    ostia = items["mcq-ostia"]
    response = client.post(
        f"/author/items/{ostia.id}/approve",
        data={"next": f"/author/decks/{deck.id}#item-{ostia.id}"},
    )
    assert response.headers["Location"] == f"/author/decks/{deck.id}#item-{ostia.id}"
    assert db.session.get(Item, ostia.id).status == "approved"
    response = client.post(
        f"/author/items/{ostia.id}/reject", headers={"Accept": "application/json"}
    )
    assert response.get_json() == {"id": ostia.id, "status": "rejected"}
    client.post(f"/author/items/{ostia.id}/restore")
    assert db.session.get(Item, ostia.id).status == "draft"
    # An off-site next is ignored.
    response = client.post(
        f"/author/items/{ostia.id}/approve", data={"next": "https://evil.example/"}
    )
    assert response.headers["Location"] == f"/author/decks/{deck.id}"
    assert client.post(f"/author/items/{ostia.id}/explode").status_code == 404


def test_approve_all_above_score(client, instructor, deck, db):
    page = client.get(f"/author/decks/{deck.id}").get_data(as_text=True)
    assert 'value="1.50"' in page  # the median draft score is suggested
    client.post(f"/author/decks/{deck.id}/approve-above", data={"threshold": "1.0"})
    statuses = {i.key: i.status for i in deck.items}
    assert statuses == {"mcq-ostia": "approved", "cloze-fresnel": "approved", "tf-keepers": "draft"}
    response = client.post(
        f"/author/decks/{deck.id}/approve-above", data={"threshold": "-3"}, follow_redirects=True
    )
    assert "Give a score (0 or more)" in response.get_data(as_text=True)


def test_one_at_a_time_review(client, instructor, deck):
    items = items_by_key(deck)
    page = client.get(f"/author/decks/{deck.id}/review").get_data(as_text=True)
    assert "Item 1 of 3" in page and "from which place to Dover" in page
    assert f"item={items['cloze-fresnel'].id}" in page and 'data-nav="next"' in page
    page = client.get(f"/author/decks/{deck.id}/review?item={items['tf-keepers'].id}").get_data(
        as_text=True
    )
    assert "Item 3 of 3" in page and 'data-nav="prev"' in page
    empty = client.get(f"/author/decks/{deck.id}/review?status=approved")
    assert empty.status_code == 302


def test_edit_mcq(client, instructor, deck, db):
    item = items_by_key(deck)["mcq-ostia"]
    page = client.get(f"/author/items/{item.id}/edit").get_data(as_text=True)
    assert 'value="Calais"' in page and 'data-start="' in page
    # The article view marks the item's current sentence inside its paragraph.
    assert f"data-current><mark>{ROMANS}</mark>" in page
    data = {
        "prompt": "Where did the Roman chain of lights begin?",
        "choice_1": "Calais",
        "choice_2": "Ostia",
        "choice_3": "Rome",
        "answer": "2",
        "kind": "fact",
        "topic": "Rome",
        "explanation": "Ostia was Rome's port.",
        "source_start": str(item.source_start),
        "source_end": str(item.source_end),
    }
    before = deck.updated_at
    response = client.post(f"/author/items/{item.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(Item, item.id)
    assert item.choices == ["Calais", "Ostia", "Rome"] and item.answer == "Ostia"
    assert item.status == "draft" and "edited" in item.tags and item.quote == ROMANS
    assert item.deck.updated_at > before


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"choice_2": "", "choice_3": ""}, "Give at least two choices."),
        ({"choice_2": "calais"}, "Choices must all differ"),
        ({"answer": "5"}, "The correct choice is empty."),
        ({"answer": ""}, "Mark which choice is correct."),
        ({"source_start": "50", "source_end": "10"}, "end offset must be greater"),
        ({"source_start": "0", "source_end": "999999"}, "Offsets must lie between 0 and"),
        ({"source_start": "5", "source_end": ""}, "Give both the start and the end offset"),
    ],
)
def test_edit_mcq_validation(client, instructor, deck, db, changes, message):
    item = items_by_key(deck)["mcq-ostia"]
    data = {
        "prompt": "Q?",
        "choice_1": "Calais",
        "choice_2": "Ostia",
        "choice_3": "Rome",
        "answer": "2",
        "kind": "fact",
        "topic": "",
        "explanation": "",
        "source_start": "",
        "source_end": "",
    }
    data.update(changes)
    response = client.post(f"/author/items/{item.id}/edit", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Item, item.id).prompt.startswith("The Romans built")


def test_the_accepted_answers_field_says_what_grading_already_takes(client, instructor, deck):
    item = items_by_key(deck)["cloze-fresnel"]
    page = client.get(f"/author/items/{item.id}/edit").get_data(as_text=True)
    assert "with m, bn or k for million, billion or thousand" in page


def test_cloze_blank_must_be_in_prompt(client, instructor, deck, db):
    item = items_by_key(deck)["cloze-fresnel"]
    base = {"answer": "Fresnel", "kind": "fact", "accepted": "A. Fresnel\nfresnel\n\nFresnel"}
    response = client.post(
        f"/author/items/{item.id}/edit",
        data={**base, "prompt": "In 1822 Fresnel presented a lens."},
    )
    assert response.status_code == 400 and "exactly once" in response.get_data(as_text=True)
    response = client.post(
        f"/author/items/{item.id}/edit", data={**base, "prompt": "In 1822 ____ presented a lens."}
    )
    assert response.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Item, item.id)
    assert saved.prompt == "In 1822 ____ presented a lens." and saved.accepted == ["A. Fresnel"]
    # No offsets given: the item no longer quotes the article.
    assert saved.quote == "" and saved.source_start is None


@pytest.mark.parametrize(
    "item_type,data,check",
    [
        (
            "mcq",
            {
                "prompt": "Who finished the first Eddystone light?",
                "choice_1": "John Smeaton",
                "choice_2": "Henry Winstanley",
                "answer": "2",
            },
            lambda i: (
                i.answer == "Henry Winstanley" and i.choices == ["John Smeaton", "Henry Winstanley"]
            ),
        ),
        (
            "true_false",
            {"prompt": "Smeaton used granite.", "answer": "True"},
            lambda i: i.answer == "True",
        ),
        (
            "cloze",
            {"prompt": "Grace Darling rowed out in ____.", "answer": "1838"},
            lambda i: i.answer == "1838",
        ),
        (
            "short_answer",
            {
                "prompt": "Who rowed to the Forfarshire?",
                "answer": "Grace Darling",
                "accepted": "Darling\nGrace Darling",
            },
            lambda i: i.accepted == ["Darling"],
        ),
        (
            "basic",
            {"prompt": "Fresnel lens", "answer": "Concentric rings of prisms"},
            lambda i: i.answer == "Concentric rings of prisms",
        ),
    ],
)
def test_create_each_type(client, instructor, deck, db, item_type, data, check):
    page = client.get(f"/author/decks/{deck.id}/items/new?type={item_type}")
    assert page.status_code == 200
    text = deck.source.text
    start = text.index("In 1838 Grace Darling")
    payload = {
        "kind": "fact",
        "topic": "Keepers",
        "source_start": str(start),
        "source_end": str(start + 20),
        **data,
    }
    response = client.post(f"/author/decks/{deck.id}/items/new?type={item_type}", data=payload)
    assert response.status_code == 302, response.get_data(as_text=True)
    item = db.session.scalar(sa.select(Item).where(Item.origin == "authored"))
    assert item.type == item_type and item.status == "approved" and check(item)
    assert item.quote == "In 1838 Grace Darlin"


def test_new_item_unknown_type_is_404(client, instructor, deck):
    assert client.get(f"/author/decks/{deck.id}/items/new?type=essay").status_code == 404


def test_true_false_requires_answer(client, instructor, deck):
    response = client.post(
        f"/author/decks/{deck.id}/items/new?type=true_false",
        data={"prompt": "Statement", "kind": "fact"},
    )
    assert response.status_code == 400 and "Choose True or False." in response.get_data(
        as_text=True
    )


def test_regenerate_keeps_reviewed_items(client, instructor, deck, db):
    items = items_by_key(deck)
    client.post(f"/author/items/{items['mcq-ostia'].id}/approve")
    response = client.post(f"/author/decks/{deck.id}/regenerate")
    assert "/author/jobs/" in response.headers["Location"]
    db.session.expire_all()
    assert db.session.get(Item, items["mcq-ostia"].id).status == "approved"
    assert len(deck.items) == 3  # drafts replaced, approved kept, nothing duplicated


def test_publish_unpublish_and_refusal(client, instructor, deck, db):
    response = client.post(f"/author/decks/{deck.id}/publish", follow_redirects=True)
    assert "Approve at least one item before publishing" in response.get_data(as_text=True)
    assert db.session.get(Deck, deck.id).status == "draft"
    client.post(f"/author/items/{items_by_key(deck)['mcq-ostia'].id}/approve")
    response = client.post(f"/author/decks/{deck.id}/publish", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "now see 1 approved item" in page and "Unpublish" in page
    # Issue 17: no "Re-publish" button that only moved a date; changes to items are live at once.
    assert "Re-publish" not in page and ">Publish</button>" not in page
    assert "so there is nothing to publish again" in page
    db.session.expire_all()
    assert db.session.get(Deck, deck.id).status == "published"
    client.post(f"/author/decks/{deck.id}/unpublish")
    db.session.expire_all()
    assert db.session.get(Deck, deck.id).status == "draft"


def test_delete_confirmation_then_delete(client, instructor, deck, db):
    page = client.get(f"/author/decks/{deck.id}/delete").get_data(as_text=True)
    assert "will be deleted for good" in page and "Delete the deck" in page
    assert db.session.get(Deck, deck.id) is not None  # GET changes nothing
    response = client.post(f"/author/decks/{deck.id}/delete")
    assert response.headers["Location"].endswith("/author/")
    db.session.expire_all()
    assert db.session.get(Deck, deck.id) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Source)) == 1


def test_delete_with_progress_archives(client, instructor, deck, make_user, db):
    trainee = make_user("trainee")
    db.session.add(
        CardState(
            user_id=trainee.id,
            item_id=deck.items[0].id,
            deck_id=deck.id,
            fsrs={},
            due=datetime.now(UTC),
        )
    )
    db.session.commit()
    page = client.get(f"/author/decks/{deck.id}/delete").get_data(as_text=True)
    assert "archived" in page and "Archive the deck" in page
    client.post(f"/author/decks/{deck.id}/delete")
    db.session.expire_all()
    assert db.session.get(Deck, deck.id).status == "archived"


def test_assign_to_my_cohort_with_due_date(client, instructor, deck, make_user, db):
    other = make_user("instructor")
    mine = Cohort(name="Harbour crew", instructor_id=instructor.id)
    theirs = Cohort(name="Other crew", instructor_id=other.id)
    db.session.add_all([mine, theirs])
    db.session.commit()
    page = client.get(f"/author/decks/{deck.id}/assign").get_data(as_text=True)
    assert "Harbour crew" in page and "Other crew" not in page
    assert "trainees see it only after you" in page
    response = client.post(
        f"/author/decks/{deck.id}/assign",
        data={"cohort_id": str(mine.id), "due_date": "2099-05-01"},
    )
    assert response.status_code == 302
    assignment = db.session.scalar(sa.select(Assignment))
    assert assignment.cohort_id == mine.id and assignment.due_date.isoformat() == "2099-05-01"
    response = client.post(f"/author/decks/{deck.id}/assign", data={"cohort_id": str(theirs.id)})
    assert response.status_code == 400
    page = client.get(f"/author/decks/{deck.id}/assign").get_data(as_text=True)
    assert "due 2099-05-01" in page
    client.post(f"/author/decks/{deck.id}/assignments/{assignment.id}/delete")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Assignment)) == 0
    assert (
        client.post(f"/author/decks/{deck.id}/assignments/{assignment.id}/delete").status_code
        == 404
    )


def test_assign_without_cohorts_explains(client, instructor, deck):
    page = client.get(f"/author/decks/{deck.id}/assign").get_data(as_text=True)
    assert "You have no cohort yet." in page


def test_settings(client, instructor, deck, db):
    page = client.get(f"/author/decks/{deck.id}/settings").get_data(as_text=True)
    assert 'value="0.9"' in page
    bad = client.post(
        f"/author/decks/{deck.id}/settings",
        data={"title": "T", "desired_retention": "0.5", "new_per_day": "10"},
    )
    assert bad.status_code == 400 and "between 0.70 and 0.99" in bad.get_data(as_text=True)
    ok = client.post(
        f"/author/decks/{deck.id}/settings",
        data={
            "title": "Lights",
            "description": "",
            "desired_retention": "0.85",
            "new_per_day": "12",
        },
    )
    assert ok.status_code == 302
    db.session.expire_all()
    saved = db.session.get(Deck, deck.id)
    assert (saved.title, saved.desired_retention, saved.new_per_day) == ("Lights", 0.85, 12)


def test_csrf_is_required_on_posts(app, client, instructor, deck, db):
    app.config["WTF_CSRF_ENABLED"] = True
    item = deck.items[0]
    assert client.post(f"/author/items/{item.id}/approve").status_code == 400
    page = client.get(f"/author/decks/{deck.id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(f"/author/items/{item.id}/approve", data={"csrf_token": token})
    assert response.status_code == 302
    assert authoring.live_approved_count(deck) == 1
