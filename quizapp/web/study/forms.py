"""Forms of the study area: rating a card, undoing the last rating, importing Anki reviews."""

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional, Regexp

CLIENT_ID = r"^[0-9a-f]{32}$"


class RateForm(FlaskForm):
    """One rating; the page renders `rating` as four submit buttons (Again, Hard, Good, Easy)."""

    item_id = HiddenField(validators=[InputRequired(), Regexp(r"^[0-9]{1,9}$")])
    # Generated when the card is shown, so a double click or a resent form records once.
    client_id = HiddenField(validators=[InputRequired(), Regexp(CLIENT_ID)])
    rating = IntegerField("Rating", validators=[InputRequired(), NumberRange(min=1, max=4)])
    duration_ms = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,9}$")])


class UndoForm(FlaskForm):
    """Undo exactly the review the page showed as the last one."""

    review_id = HiddenField(validators=[InputRequired(), Regexp(r"^[0-9]{1,9}$")])


class AnkiHistoryForm(FlaskForm):
    """Upload what Anki exported (an .apkg with scheduling, or a .colpkg backup)."""

    file = FileField("Anki export", validators=[FileRequired("Choose the file Anki exported.")])
