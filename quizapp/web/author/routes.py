"""Routes of the author area: import, generate, review, edit, publish, assign."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms.fields.choices import SelectChoice

from quizapp.domain.authoring import paragraphs
from quizapp.domain.grading import GRADING_POLICY
from quizapp.domain.items import TYPE_LABELS
from quizapp.extensions import db
from quizapp.generation.read.errors import ArticleError, as_sentence
from quizapp.generation.read.limits import MAX_ARTICLE_MB
from quizapp.models import (
    ENGINES,
    ITEM_KINDS,
    ITEM_STATUSES,
    ITEM_TYPES,
    Deck,
    GenerationJob,
    Item,
    Source,
)
from quizapp.services import accounts, article_import, authoring, authoring_items, generation
from quizapp.web.auth_support import instructor_required, wants_json
from quizapp.web.author.forms import (
    ITEM_FORMS,
    ApproveAboveForm,
    AssignForm,
    ImportForm,
    NewDeckForm,
    SettingsForm,
)
from quizapp.web.author.highlight import highlighted_paragraph

bp = Blueprint("author", __name__, url_prefix="/author")
FILTERS = ("status", "type", "topic", "kind", "engine")
LLM_OFF = (
    "The language model is not set up on this server (QUIZAPP_LLM_BASE_URL and "
    "QUIZAPP_LLM_MODEL); choose the built-in rules."
)


@bp.app_template_global("highlighted_paragraph")
def _highlighted_paragraph(text, start, end):
    return highlighted_paragraph(text, start, end)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """An upload over MAX_CONTENT_LENGTH: say so on the import form instead of a bare error."""
    message = (
        f"The upload is larger than {MAX_ARTICLE_MB} MB. "
        "Shorten the article or upload a smaller file."
    )
    if wants_json():
        return jsonify({"error": {"code": "too_large", "message": message}}), 413
    form = ImportForm(formdata=None)
    form.file.errors = [message]
    return _import_page(form), 413


def _engine_available(form) -> bool:
    """False (with the error on the field) when the LLM is chosen but not set up."""
    if form.engine.data == "llm" and not generation.llm_settings().configured:
        form.engine.errors = [*form.engine.errors, LLM_OFF]
        return False
    return True


def _import_page(form, **context):
    hint = generation.llm_cap_hint()
    return render_template("author/import.html", form=form, llm_hint=hint, **context)


def _deck_or_abort(deck_id: int) -> Deck:
    deck = db.get_or_404(Deck, deck_id)
    if not authoring.can_manage(current_user, deck):
        abort(403)
    return deck


def _item_or_abort(item_id: int) -> Item:
    item = db.get_or_404(Item, item_id)
    _deck_or_abort(item.deck_id)
    return item


def _source_or_404(source_id: int) -> Source:
    source = db.get_or_404(Source, source_id)
    return source


def _job_or_abort(job_id: int) -> GenerationJob:
    job = db.get_or_404(GenerationJob, job_id)
    if job.deck_id is not None:
        _deck_or_abort(job.deck_id)
    elif not (current_user.is_admin or job.requested_by == current_user.id):
        abort(403)  # an import not read yet belongs to whoever made it
    return job


def _safe_next(default: str) -> str:
    target = request.form.get("next") or request.args.get("next") or ""
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith("//") and not parts.netloc:
        return target
    return default


def _filters() -> dict[str, str]:
    values = {name: request.args.get(name, "").strip() for name in FILTERS}
    allowed = {"status": ITEM_STATUSES, "type": ITEM_TYPES, "kind": ITEM_KINDS, "engine": ENGINES}
    for name, options in allowed.items():
        if values[name] not in options:
            values[name] = ""
    return values


@bp.route("/")
@instructor_required
def index():
    """My decks with their counts, my imported articles, and the import action."""
    decks = authoring.my_decks(current_user)
    jobs = {deck.id: generation.active_job(deck) for deck in decks}
    return render_template(
        "author/index.html",
        decks=decks,
        counts=authoring.status_counts(decks),
        jobs=jobs,
        sources=authoring.my_sources(current_user),
        imports=article_import.unread_imports(current_user),
    )


@bp.route("/import", methods=["GET", "POST"])
@instructor_required
def import_article():
    """Paste or upload an article; a new one becomes a draft deck and generation starts."""
    form = ImportForm()
    if request.method == "GET":
        _fill_from_earlier_import(form)
    if not form.validate_on_submit() or not _engine_available(form):
        return _import_page(form, queue_down=_queue_down()), 400 if form.errors else 200
    # Only what is instant is checked here; a worker fetches and reads the article.
    link, upload = form.link_url(), form.upload()
    try:
        if link:
            article_import.check_link(link)
        else:
            article_import.check_upload(*upload)
    except ArticleError as error:
        form.error_field().errors.append(as_sentence(str(error)))
        return _import_page(form), 400
    data, filename = upload if upload else (None, "")
    job = article_import.start_import(
        current_user,
        data=data,
        filename=filename,
        link=link,
        engine=form.engine.data,
        title=form.title.data or "",
        author=form.author.data or "",
        publication=form.publication.data or "",
    )
    return redirect(url_for("author.job", job_id=job.id))


def _fill_from_earlier_import(form) -> None:
    """Fill the form from an import that could not be read (?again=JOB), to edit and retry."""
    fields = article_import.earlier_import(current_user, request.args.get("again", type=int))
    for name, value in (fields or {}).items():
        getattr(form, name).data = value


@bp.route("/sources/<int:source_id>")
@instructor_required
def source(source_id: int):
    """An imported article, the user's decks made from it, and a button to make another."""
    item = _source_or_404(source_id)
    return render_template(
        "author/source.html",
        source=item,
        decks=authoring.visible_decks_of_source(item, current_user),
        form=NewDeckForm(),
        paragraphs=_text_paragraphs(item.text),
        duplicate=request.args.get("duplicate") == "1",
        llm_plan=generation.llm_plan(item),
    )


@bp.route("/sources/<int:source_id>/decks", methods=["POST"])
@instructor_required
def source_new_deck(source_id: int):
    """Create a draft deck from an imported article and start generating its items."""
    item = _source_or_404(source_id)
    form = NewDeckForm()
    if not form.validate_on_submit() or not _engine_available(form):
        problems = form.engine.errors or ["The deck title is too long."]
        flash(as_sentence(str(problems[0])), "error")
        return redirect(url_for("author.source", source_id=item.id))
    deck = authoring.create_draft_deck(
        current_user, item, title=form.title.data or "", engine=form.engine.data
    )
    job = generation.start_generation(deck, current_user)
    return redirect(url_for("author.job", job_id=job.id))


def _queue_down() -> bool:
    from flask import current_app

    from quizapp.jobs.broker import queue_available

    if current_app.config.get("GENERATION_SYNC"):
        return False
    return not queue_available(current_app._get_current_object())


@bp.route("/jobs/<int:job_id>")
@instructor_required
def job(job_id: int):
    """Progress of a generation job (auto-refreshes while it runs)."""
    row = _job_or_abort(job_id)
    deck = db.session.get(Deck, row.deck_id) if row.deck_id else None
    return render_template(
        "author/job.html",
        job=row,
        deck=deck,
        hint=generation.waiting_hint(row),
        duplicate=article_import.duplicate_of(row),
        pending=article_import.pending_of(row) if row.deck_id is None else None,
    )


@bp.route("/jobs/<int:job_id>/cancel", methods=["POST"])
@instructor_required
def cancel_job(job_id: int):
    """Stop a queued or running generation job; the article and deck stay."""
    row = _job_or_abort(job_id)
    if generation.cancel(row):
        flash("Generation cancelled.", "info")
    else:
        flash("This job had already finished.", "info")
    return redirect(url_for("author.job", job_id=row.id))


@bp.route("/jobs/<int:job_id>.json")
@instructor_required
def job_status(job_id: int):
    """The job's status as JSON, polled by author.js."""
    row = _job_or_abort(job_id)
    payload = generation.job_payload(row)
    duplicate = article_import.duplicate_of(row)
    if row.deck_id is not None:
        payload["deck_url"] = url_for("author.deck", deck_id=row.deck_id)
    elif duplicate is not None:
        # Where the page goes once done: the article imported before, offering its decks.
        payload["deck_url"] = url_for("author.source", source_id=duplicate.id, duplicate=1)
    else:
        payload["deck_url"] = None
    return jsonify(payload)


@bp.route("/decks/<int:deck_id>")
@instructor_required
def deck(deck_id: int):
    """The review queue as a list, with filters, bulk approval and the deck's actions."""
    row = _deck_or_abort(deck_id)
    filters = _filters()
    items = authoring_items.filter_items(row, **filters)
    approve_form = ApproveAboveForm(formdata=None)
    approve_form.threshold.data = authoring_items.suggested_threshold(row)
    return render_template(
        "author/deck.html",
        deck=row,
        items=items,
        filters=filters,
        counts=authoring.status_counts([row])[row.id],
        topics=authoring_items.deck_topics(row),
        approve_form=approve_form,
        job=generation.latest_job(row),
        llm_plan=generation.llm_plan(row.source) if row.engine == "llm" and row.source else None,
        engines=ENGINES,
        assignments=authoring.deck_assignments(row),
        type_labels=TYPE_LABELS,
        statuses=ITEM_STATUSES,
        kinds=ITEM_KINDS,
    )


@bp.route("/decks/<int:deck_id>/review")
@instructor_required
def review(deck_id: int):
    """One item at a time, in the list's order and filters."""
    row = _deck_or_abort(deck_id)
    filters = _filters()
    items = authoring_items.filter_items(row, **filters)
    if not items:
        flash("No items match these filters.", "info")
        return redirect(url_for("author.deck", deck_id=row.id, **filters))
    ids = [item.id for item in items]
    wanted = request.args.get("item", type=int)
    position = ids.index(wanted) if wanted in ids else 0
    return render_template(
        "author/review.html",
        deck=row,
        item=items[position],
        position=position,
        total=len(items),
        previous_id=ids[position - 1] if position > 0 else None,
        next_id=ids[position + 1] if position + 1 < len(ids) else None,
        filters=filters,
        type_labels=TYPE_LABELS,
    )


@bp.route("/items/<int:item_id>/<any(approve, reject, restore):action>", methods=["POST"])
@instructor_required
def item_action(item_id: int, action: str):
    """Approve, reject or restore one item (JSON for author.js, a redirect otherwise)."""
    item = _item_or_abort(item_id)
    authoring_items.set_status(item, action)
    if wants_json():
        return jsonify({"id": item.id, "status": item.status})
    flash(f"Item {item.status}.", "success")
    return redirect(_safe_next(url_for("author.deck", deck_id=item.deck_id)))


@bp.route("/decks/<int:deck_id>/approve-above", methods=["POST"])
@instructor_required
def approve_above(deck_id: int):
    """Approve every draft at or above the given score."""
    row = _deck_or_abort(deck_id)
    form = ApproveAboveForm()
    if not form.validate_on_submit():
        flash("Give a score (0 or more) to approve the drafts scoring at least that.", "error")
    else:
        count = authoring_items.approve_above(row, float(form.threshold.data))
        flash(
            f"Approved {count} draft item{'s' if count != 1 else ''} with score ≥ "
            f"{float(form.threshold.data):.2f}.",
            "success",
        )
    return redirect(_safe_next(url_for("author.deck", deck_id=row.id)))


def _render_item_form(deck: Deck, form, item: Item | None, item_type: str, status: int = 200):
    return render_template(
        "author/item_form.html",
        deck=deck,
        form=form,
        item=item,
        item_type=item_type,
        type_label=TYPE_LABELS[item_type],
        type_labels=TYPE_LABELS,
        paragraphs=_paragraphs(deck),
        grading_policy=GRADING_POLICY,
    ), status


def _paragraphs(deck: Deck) -> list[tuple[int, str]]:
    return _text_paragraphs(deck.source.text) if deck.source is not None else []


def _text_paragraphs(text: str) -> list[tuple[int, str]]:
    return [(start, text[start:end]) for start, end in paragraphs(text)]


def _save_item(deck: Deck, form, item: Item | None):
    try:
        if item is None:
            saved = authoring_items.create_item(deck, form.item_type, form.to_fields())
        else:
            saved = authoring_items.update_item(item, form.to_fields())
    except authoring.AuthoringError as error:
        db.session.rollback()
        form.source_start.errors.append(str(error))
        return None
    return saved


@bp.route("/items/<int:item_id>/edit", methods=["GET", "POST"])
@instructor_required
def item_edit(item_id: int):
    """Edit one item with the form of its type; the source span can be picked in the article."""
    item = _item_or_abort(item_id)
    form = ITEM_FORMS[item.type]()
    if request.method == "GET":
        form.load(item)
    elif form.validate_on_submit() and _save_item(item.deck, form, item) is not None:
        flash("Item saved.", "success")
        default = url_for("author.deck", deck_id=item.deck_id) + f"#item-{item.id}"
        return redirect(_safe_next(default))
    return _render_item_form(
        item.deck, form, item, item.type, 400 if request.method == "POST" else 200
    )


@bp.route("/decks/<int:deck_id>/items/new", methods=["GET", "POST"])
@instructor_required
def item_new(deck_id: int):
    """Write a new item of the chosen type."""
    row = _deck_or_abort(deck_id)
    item_type = request.args.get("type", "mcq")
    if item_type not in ITEM_FORMS:
        abort(404)
    form = ITEM_FORMS[item_type]()
    if form.validate_on_submit():
        saved = _save_item(row, form, None)
        if saved is not None:
            flash("Item added and approved.", "success")
            return redirect(url_for("author.deck", deck_id=row.id) + f"#item-{saved.id}")
    return _render_item_form(row, form, None, item_type, 400 if request.method == "POST" else 200)


@bp.route("/decks/<int:deck_id>/regenerate", methods=["POST"])
@instructor_required
def regenerate(deck_id: int):
    """Generate new draft candidates; approved and edited items stay."""
    row = _deck_or_abort(deck_id)
    if row.source is None:
        flash("This deck has no source article to generate from.", "error")
        return redirect(url_for("author.deck", deck_id=row.id))
    job = generation.start_generation(row, current_user)
    return redirect(url_for("author.job", job_id=job.id))


@bp.route("/decks/<int:deck_id>/publish", methods=["POST"])
@instructor_required
def publish(deck_id: int):
    """Publish or re-publish: approved items become visible to assigned trainees."""
    row = _deck_or_abort(deck_id)
    try:
        count = authoring.publish(row)
    except authoring.AuthoringError as error:
        flash(str(error), "error")
    else:
        flash(
            f"Published: trainees in assigned cohorts now see {count} approved "
            f"item{'s' if count != 1 else ''}.",
            "success",
        )
    return redirect(url_for("author.deck", deck_id=row.id))


@bp.route("/decks/<int:deck_id>/unpublish", methods=["POST"])
@instructor_required
def unpublish(deck_id: int):
    """Back to draft: trainees stop seeing the deck."""
    row = _deck_or_abort(deck_id)
    try:
        authoring.unpublish(row)
    except authoring.AuthoringError as error:
        flash(str(error), "error")
    else:
        flash("Unpublished: trainees no longer see this deck.", "success")
    return redirect(url_for("author.deck", deck_id=row.id))


@bp.route("/decks/<int:deck_id>/delete", methods=["GET", "POST"])
@instructor_required
def delete(deck_id: int):
    """Confirm, then delete the deck (or archive it when trainees have progress)."""
    row = _deck_or_abort(deck_id)
    if request.method == "GET":
        return render_template(
            "author/delete.html", deck=row, progress=authoring.has_trainee_progress(row)
        )
    title = row.title
    outcome = authoring.delete_deck(row)
    if outcome == "archived":
        flash(f"“{title}” has trainee progress, so it was archived instead of deleted.", "info")
    else:
        flash(f"“{title}” was deleted.", "success")
    return redirect(url_for("author.index"))


def _assign_form(deck: Deck) -> AssignForm:
    form = AssignForm()
    form.cohort_id.choices = [
        SelectChoice(c.id, c.name) for c in accounts.cohorts_for(current_user)
    ]
    return form


@bp.route("/decks/<int:deck_id>/assign", methods=["GET", "POST"])
@instructor_required
def assign(deck_id: int):
    """Assign the deck to one of my cohorts, with an optional due date."""
    row = _deck_or_abort(deck_id)
    form = _assign_form(row)
    status = 200
    if form.validate_on_submit():
        try:
            assignment = authoring.assign(
                current_user, row, form.cohort_id.data, form.due_date.data
            )
        except authoring.AuthoringError as error:
            form.cohort_id.errors.append(str(error))
            status = 400
        else:
            note = "" if row.status == "published" else " Trainees will see it once you publish."
            flash(f"Deck assigned to {assignment.cohort.name}." + note, "success")
            return redirect(url_for("author.assign", deck_id=row.id))
    elif request.method == "POST":
        status = 400
    return render_template(
        "author/assign.html",
        deck=row,
        form=form,
        assignments=authoring.deck_assignments(row),
    ), status


@bp.route("/decks/<int:deck_id>/assignments/<int:assignment_id>/delete", methods=["POST"])
@instructor_required
def unassign(deck_id: int, assignment_id: int):
    """Remove the deck from a cohort."""
    row = _deck_or_abort(deck_id)
    try:
        authoring.unassign(row, assignment_id)
    except authoring.AuthoringError:
        abort(404)
    flash("Assignment removed.", "success")
    return redirect(url_for("author.assign", deck_id=row.id))


@bp.route("/decks/<int:deck_id>/settings", methods=["GET", "POST"])
@instructor_required
def settings(deck_id: int):
    """Deck title, description, desired retention and new cards per day."""
    row = _deck_or_abort(deck_id)
    form = SettingsForm(obj=row)
    status = 200
    if form.validate_on_submit():
        try:
            authoring.update_settings(
                row,
                title=form.title.data,
                description=form.description.data or "",
                desired_retention=form.desired_retention.data,
                new_per_day=form.new_per_day.data,
            )
        except authoring.AuthoringError as error:
            form.title.errors.append(str(error))
            status = 400
        else:
            flash("Settings saved.", "success")
            return redirect(url_for("author.deck", deck_id=row.id))
    elif request.method == "POST":
        status = 400
    return render_template("author/settings.html", deck=row, form=form), status
