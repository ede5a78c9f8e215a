"""Imports read on a worker: the web request stores the raw article and queues a job; the job
fetches and reads it, stores the source and a draft deck, and goes on to generate."""

from __future__ import annotations

from datetime import timedelta
from pathlib import PurePath

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from quizapp.extensions import db
from quizapp.generation.read.errors import ArticleError, as_sentence
from quizapp.models import Deck, GenerationJob, PendingArticle, Source, User, utcnow
from quizapp.services import authoring, job_liveness

PASTED = "pasted.txt"
WAITING = "Waiting for a worker to read the article…"
DUPLICATE = "You imported this article before: reuse it instead of making a copy."
# How long a failed or cancelled import keeps its article for "Edit and import again".
KEEP_FAILED = timedelta(days=1)
# The request looks only this far into an upload: enough to tell a binary file or a non-PDF.
SNIFF_BYTES = 8192


def check_upload(data: bytes | str, filename: str) -> None:
    """Refuse what the first bytes already show (binary text, a file that is no PDF): ArticleError.

    Everything slower (extraction, language, sentences) happens on the worker.
    """
    if isinstance(data, str):
        return
    head = data[:SNIFF_BYTES]
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".pdf":
        if b"%PDF-" not in head[:1024]:
            raise ArticleError("not a readable PDF (it has no PDF header)")
    elif suffix in (".html", ".htm"):
        if b"\x00" in head and b"<" not in head[:1024]:
            raise ArticleError("the file looks binary (it contains NUL bytes), not a web page")
    elif b"\x00" in head:
        raise ArticleError("file looks binary (it contains NUL bytes), not text")


def check_link(url: str) -> None:
    """Refuse a link that is not an http(s) address (no DNS lookup, no fetch): ArticleError."""
    from quizapp.generation.read import fetch  # the reader stays out of the web process's start

    fetch.check_link(url)


def start_import(
    user: User,
    *,
    data: bytes | str | None,
    filename: str = PASTED,
    link: str = "",
    engine: str = "rules",
    **details: str,
) -> GenerationJob:
    """Store the raw article with a queued job for a worker to read and generate from."""
    from quizapp.services.generation import queue_job

    job = GenerationJob(
        requested_by=user.id, engine=engine, status="queued", progress=0, message=WAITING
    )
    db.session.add(job)
    db.session.flush()
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    db.session.add(
        PendingArticle(
            job_id=job.id,
            data=raw,
            filename=(filename or PASTED)[:300],
            link=link.strip()[:2000],
            **{name: (details.get(name) or "").strip()[:300] for name in _DETAILS},
        )
    )
    db.session.commit()
    return queue_job(job)


_DETAILS = ("title", "author", "publication")


def read_into_deck(job_id: int, claim: str, alive: job_liveness.Liveness) -> int | None:
    """Read a queued import and store its source and draft deck; the deck's id, or None when the
    job ended here (the article could not be read, or was imported before)."""
    pending = db.session.get(PendingArticle, job_id)
    job = db.session.get(GenerationJob, job_id)
    if pending is None or job is None:
        raise job_liveness.JobStopped("the import has no article")
    data, filename, link = pending.data, pending.filename, pending.link
    details = {name: getattr(pending, name) for name in _DETAILS}
    user_id, engine = job.requested_by, job.engine
    # No transaction stays open while the article is fetched and read.
    db.session.commit()
    try:
        url = ""
        if link:
            from quizapp.generation.read.fetch import fetch_article

            job_liveness.report(job_id, claim, 1, "Fetching the article from its site…")
            fetched = fetch_article(
                link, allowed_hosts=current_app.config.get("FETCH_ALLOWED_HOSTS", ())
            )
            data, filename, url = fetched.data, fetched.filename, fetched.url
            job_liveness.report(job_id, claim, 1, "Reading the article…")
        if filename == PASTED and isinstance(data, bytes):
            data = data.decode("utf-8", "surrogatepass")
        article = authoring.read_article(data, filename, title=details["title"], url=url)
    except ArticleError as error:
        job_liveness.finish(job_id, claim, status="failed", message=as_sentence(str(error)))
        return None
    alive.check()
    return _store(job_id, claim, user_id, engine, article, details)


def _store(job_id, claim, user_id, engine, article, details) -> int | None:
    """One transaction: the source, the deck, the job pointed at the deck, the raw article gone."""
    owned = sa.and_(
        GenerationJob.id == job_id,
        GenerationJob.claim == claim,
        GenerationJob.status == "running",
    )
    for _ in range(3):
        try:
            existing = authoring.source_by_sha(article.sha256)
            if existing is not None:
                values = {"source_id": existing.id, "status": "done", "progress": 100}
                values.update(message=DUPLICATE, finished_at=utcnow())
                deck_id = None
            else:
                source = authoring.new_source(user_id, article, **details)
                db.session.add(source)
                db.session.flush()
                deck = Deck(
                    slug=authoring.unique_slug(source.title),
                    title=source.title,
                    source_id=source.id,
                    owner_id=user_id,
                    status="draft",
                    engine=engine,
                )
                db.session.add(deck)
                db.session.flush()
                deck_id = deck.id
                values = {"deck_id": deck_id, "progress": 2, "message": "Article read."}
            result = db.session.execute(
                sa.update(GenerationJob).where(owned).values(heartbeat_at=utcnow(), **values)
            )
            if result.rowcount != 1:
                raise job_liveness.JobStopped("the job was cancelled or taken over")
            db.session.execute(sa.delete(PendingArticle).where(PendingArticle.job_id == job_id))
            db.session.commit()
            return deck_id
        except IntegrityError:
            # The same article or the same deck address was stored meanwhile: look again.
            db.session.rollback()
    raise RuntimeError("could not store the article after three attempts")


def duplicate_of(job: GenerationJob) -> Source | None:
    """The article an import turned out to repeat, if it did."""
    if job.deck_id is None and job.source_id is not None:
        return db.session.get(Source, job.source_id)
    return None


def earlier_import(user: User, job_id: int | None) -> dict[str, str] | None:
    """What the user entered for an import that is still held (to edit and try again): the
    import form's fields by name, or None when there is no such import of theirs."""
    job = db.session.get(GenerationJob, job_id) if job_id else None
    if job is None or job.requested_by != user.id:
        return None
    pending = pending_of(job)
    if pending is None:
        return None
    fields = {name: getattr(pending, name) for name in _DETAILS}
    fields.update(link=pending.link, engine=job.engine)
    if pending.filename == PASTED and pending.data is not None:
        fields["text"] = pending.data.decode("utf-8", "replace")
    return fields


def pending_of(job: GenerationJob) -> PendingArticle | None:
    """The article an import still holds (waiting, or kept after it could not be read)."""
    return db.session.get(PendingArticle, job.id)


def unread_imports(user: User) -> list[tuple[GenerationJob, str]]:
    """The user's imports whose article no deck holds yet (waiting, being read, or kept after it
    could not be read), newest first, each with a name to show for it."""
    rows = db.session.execute(
        sa.select(GenerationJob, PendingArticle)
        .join(PendingArticle, PendingArticle.job_id == GenerationJob.id)
        .where(GenerationJob.requested_by == user.id, GenerationJob.deck_id.is_(None))
        .order_by(GenerationJob.created_at.desc(), GenerationJob.id.desc())
    ).all()
    return [(job, _import_name(pending)) for job, pending in rows]


def _import_name(pending: PendingArticle) -> str:
    """What the author knows the import by: its title, its link, its file or its first words."""
    if pending.title:
        return pending.title
    if pending.link:
        return pending.link
    if pending.filename and pending.filename != PASTED:
        return pending.filename
    opening = (pending.data or b"")[:400].decode("utf-8", "replace").split()
    if not opening:
        return "Pasted article"
    words = " ".join(opening[:8])
    return f"Pasted: “{words}…”" if len(opening) > 8 else f"Pasted: “{words}”"


def cleanup(now=None) -> int:
    """Drop the raw articles of imports that finished over a day ago; how many went."""
    cutoff = (now or utcnow()) - KEEP_FAILED
    finished = sa.select(GenerationJob.id).where(
        GenerationJob.finished_at.is_not(None), GenerationJob.finished_at < cutoff
    )
    result = db.session.execute(
        sa.delete(PendingArticle).where(PendingArticle.job_id.in_(finished))
    )
    db.session.commit()
    return result.rowcount
