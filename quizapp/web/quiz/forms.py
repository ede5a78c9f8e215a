"""Quiz forms: self-practice start, instructor quiz definition, one-click actions."""

from __future__ import annotations

import uuid

from flask_wtf import FlaskForm
from wtforms import (
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from quizapp.domain.quizmaker import MAX_ITEMS, MIN_ITEMS
from quizapp.services.quizzes import MAX_TIME_LIMIT_MIN

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
CLIENT_ID = [Optional(), Length(max=64), Regexp(r"^[A-Za-z0-9_-]+$")]


def new_client_id() -> str:
    """A fresh id for a start form, so a double submit starts one attempt."""
    return uuid.uuid4().hex


class MultiCheckboxField(SelectMultipleField):
    """A group of checkboxes (rendered as a fieldset by quiz/_macros.html)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class PracticeForm(FlaskForm):
    count = IntegerField(
        f"Number of questions ({MIN_ITEMS}–{MAX_ITEMS})",
        default=10,
        validators=[DataRequired(), NumberRange(MIN_ITEMS, MAX_ITEMS)],
    )
    types = MultiCheckboxField("Question types", validate_choice=True)
    time_limit = IntegerField(
        "Time limit in minutes (leave empty for none)",
        validators=[Optional(), NumberRange(1, MAX_TIME_LIMIT_MIN)],
    )
    client_id = HiddenField(validators=CLIENT_ID)
    submit = SubmitField("Start practice")


class QuizForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    mode = RadioField(
        "Questions",
        choices=[
            SelectChoice("random", "Random questions each attempt"),
            SelectChoice("fixed", "A fixed list"),
        ],
        default="random",
    )
    count = IntegerField(
        f"Number of random questions (1–{MAX_ITEMS})",
        default=10,
        validators=[Optional(), NumberRange(1, MAX_ITEMS)],
    )
    types = MultiCheckboxField("Question types for random picks (none ticked: all)")
    items = MultiCheckboxField("Fixed list of questions", coerce=int)
    attempts_allowed = IntegerField(
        "Attempts allowed (0 = unlimited)", default=1, validators=[NumberRange(0, 100)]
    )
    feedback = RadioField(
        "Feedback",
        choices=[
            SelectChoice("immediate", "Immediately after each question (one question per page)"),
            SelectChoice("end", "At the end (all questions on one page)"),
        ],
        default="immediate",
    )
    time_limit = IntegerField(
        "Time limit in minutes (leave empty for none)",
        validators=[Optional(), NumberRange(1, MAX_TIME_LIMIT_MIN)],
    )
    opens_at = DateTimeLocalField(
        "Opens at (UTC, optional)", format=DATETIME_FORMATS, validators=[Optional()]
    )
    closes_at = DateTimeLocalField(
        "Closes at (UTC, optional)", format=DATETIME_FORMATS, validators=[Optional()]
    )
    submit = SubmitField("Save quiz")

    def validate(self, extra_validators=None) -> bool:
        """Field checks plus: a fixed list needs items, a random quiz needs a count."""
        ok = super().validate(extra_validators)
        if self.mode.data == "fixed" and not self.items.data:
            self.items.errors.append("Tick at least one question for a fixed list.")
            ok = False
        if self.mode.data == "random" and not self.count.data:
            self.count.errors.append("Give the number of random questions.")
            ok = False
        return ok


class ActionForm(FlaskForm):
    """A button-only form (start, finish, retry) carrying a client id against double submits."""

    client_id = HiddenField(validators=CLIENT_ID)
