"""Forms of the authoring area: import, item editors per type, review tools, deck settings."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    DateField,
    DecimalField,
    FloatField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from quizapp.domain.items import CLOZE_BLANK
from quizapp.generation.read.errors import as_sentence
from quizapp.generation.read.limits import MAX_ARTICLE_BYTES, MAX_ARTICLE_MB, too_large_message

UPLOAD_EXTENSIONS = ["txt", "md", "html", "htm", "pdf"]
MAX_CHOICES = 6
KIND_CHOICES = [
    SelectChoice("fact", "Fact"),
    SelectChoice("argument", "Argument (the author's claim or reasoning)"),
]


ENGINE_CHOICES = [
    SelectChoice("rules", "Built-in rules (works offline)"),
    SelectChoice("llm", "Language model (the LLM endpoint this server is set up with)"),
]


class ImportForm(FlaskForm):
    """Paste an article or upload a file, with its bibliographic details and the generator."""

    text = TextAreaField("Paste the article text", validators=[Optional()])
    file = FileField(
        f"…or upload a file (.txt, .md, .html or .pdf, up to {MAX_ARTICLE_MB} MB)",
        validators=[FileAllowed(UPLOAD_EXTENSIONS, "Upload a .txt, .md, .html or .pdf file.")],
    )
    link = URLField(
        "…or paste a link to a web page or PDF",
        validators=[Optional(), Length(max=2000)],
    )
    title = StringField("Title", validators=[Optional(), Length(max=300)])
    author = StringField("Author", validators=[Optional(), Length(max=300)])
    publication = StringField("Publication", validators=[Optional(), Length(max=300)])
    engine = SelectField("Question generator", choices=ENGINE_CHOICES, default="rules")
    submit = SubmitField("Import and generate questions")

    def upload(self) -> tuple[bytes | str, str] | None:
        """The article as (data, filename): the uploaded file, else the pasted text."""
        storage = self.file.data
        if storage and getattr(storage, "filename", ""):
            storage.stream.seek(0)
            return storage.stream.read(), storage.filename
        if self.text.data and self.text.data.strip():
            return self.text.data, "pasted.txt"
        return None

    def link_url(self) -> str:
        """The pasted link, or "" when the article comes as text or a file."""
        return (self.link.data or "").strip()

    def error_field(self):
        """The field an error about the article belongs to: the one the instructor used."""
        if self.file.data and getattr(self.file.data, "filename", ""):
            return self.file
        if self.text.data and self.text.data.strip():
            return self.text
        return self.link if self.link_url() else self.text

    def validate(self, extra_validators: Any = None) -> bool:
        """Require exactly one of text, file or link; enforce the size limit on text and file."""
        if not super().validate(extra_validators):
            return False
        upload = self.upload()
        if upload is None and not self.link_url():
            self.text.errors.append("Paste the article text, choose a file or paste a link.")
            return False
        if upload is not None and self.link_url():
            self.link.errors.append("Give either a link or the article itself, not both.")
            return False
        if upload is not None:
            data, _ = upload
            size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
            if size > MAX_ARTICLE_BYTES:
                self.error_field().errors.append(as_sentence(too_large_message(size)))
                return False
        return True


def _lines(text: str | None) -> list[str]:
    seen, out = set(), []
    for line in (text or "").splitlines():
        value = line.strip()
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


class ItemForm(FlaskForm):
    """Fields every item type shares; subclasses add prompt and answer fields."""

    item_type = "basic"
    kind = SelectField("Kind", choices=KIND_CHOICES, default="fact")
    topic = StringField("Topic", validators=[Optional(), Length(max=200)])
    explanation = TextAreaField("Explanation (shown after answering)", validators=[Optional()])
    source_start = IntegerField(
        "Source start (character offset)", validators=[Optional(), NumberRange(min=0)]
    )
    source_end = IntegerField(
        "Source end (character offset)", validators=[Optional(), NumberRange(min=0)]
    )
    submit = SubmitField("Save item")

    def to_fields(self) -> dict[str, Any]:
        """The service's field dict."""
        return {
            "kind": self.kind.data,
            "topic": (self.topic.data or "").strip(),
            "explanation": (self.explanation.data or "").strip(),
            "source_start": self.source_start.data,
            "source_end": self.source_end.data,
            "prompt": self.prompt.data.strip(),
            "answer": self.answer_value(),
            "choices": self.choices_value(),
            "accepted": self.accepted_value(),
        }

    def load(self, item: Any) -> None:
        """Fill the form from an item row."""
        self.kind.data = item.kind
        self.topic.data = item.topic
        self.explanation.data = item.explanation
        self.source_start.data = item.source_start
        self.source_end.data = item.source_end
        self.prompt.data = item.prompt
        self.load_answer(item)

    def answer_value(self) -> str:
        """The answer as stored on the item."""
        return self.answer.data.strip()

    def choices_value(self) -> list[str]:
        """The choices as stored (mcq only)."""
        return []

    def accepted_value(self) -> list[str]:
        """Other accepted answers (typed-answer types only)."""
        return []

    def load_answer(self, item: Any) -> None:
        """Fill the type-specific answer fields from an item row."""
        self.answer.data = item.answer


class BasicForm(ItemForm):
    item_type = "basic"
    prompt = TextAreaField("Front (question)", validators=[DataRequired()])
    answer = TextAreaField("Back (answer)", validators=[DataRequired()])


class ShortAnswerForm(ItemForm):
    item_type = "short_answer"
    prompt = TextAreaField("Question", validators=[DataRequired()])
    answer = StringField("Answer", validators=[DataRequired(), Length(max=500)])
    accepted = TextAreaField("Other accepted answers (one per line)", validators=[Optional()])

    def accepted_value(self) -> list[str]:
        answer = self.answer.data.strip().casefold()
        return [line for line in _lines(self.accepted.data) if line.casefold() != answer]

    def load_answer(self, item: Any) -> None:
        self.answer.data = item.answer
        self.accepted.data = "\n".join(item.accepted or [])


class ClozeForm(ShortAnswerForm):
    item_type = "cloze"
    prompt = TextAreaField(
        f"Sentence with the blank written as {CLOZE_BLANK}", validators=[DataRequired()]
    )
    answer = StringField("Missing word(s)", validators=[DataRequired(), Length(max=500)])

    def validate_prompt(self, field: Any) -> None:
        """The blank appears exactly once."""
        count = field.data.count(CLOZE_BLANK)
        if count != 1:
            raise ValidationError(
                f"Write the blank as {CLOZE_BLANK} (four underscores) exactly once in the sentence."
            )


class TrueFalseForm(ItemForm):
    item_type = "true_false"
    prompt = TextAreaField("Statement", validators=[DataRequired()])
    answer = RadioField(
        "The statement is",
        choices=[SelectChoice("True"), SelectChoice("False")],
        validators=[InputRequired(message="Choose True or False.")],
    )

    def answer_value(self) -> str:
        return self.answer.data


class McqForm(ItemForm):
    item_type = "mcq"
    prompt = TextAreaField("Question", validators=[DataRequired()])
    choice_1 = StringField("Choice 1", validators=[Optional(), Length(max=300)])
    choice_2 = StringField("Choice 2", validators=[Optional(), Length(max=300)])
    choice_3 = StringField("Choice 3", validators=[Optional(), Length(max=300)])
    choice_4 = StringField("Choice 4", validators=[Optional(), Length(max=300)])
    choice_5 = StringField("Choice 5", validators=[Optional(), Length(max=300)])
    choice_6 = StringField("Choice 6", validators=[Optional(), Length(max=300)])
    answer = RadioField(
        "Correct choice",
        choices=[SelectChoice(str(n), f"Choice {n}") for n in range(1, MAX_CHOICES + 1)],
        validators=[InputRequired(message="Mark which choice is correct.")],
    )

    def choice_fields(self) -> list[Any]:
        """The six choice inputs in order."""
        return [getattr(self, f"choice_{n}") for n in range(1, MAX_CHOICES + 1)]

    def validate(self, extra_validators: Any = None) -> bool:
        """2–6 distinct choices, and the correct one is filled in."""
        valid = super().validate(extra_validators)
        filled = [(f.data or "").strip() for f in self.choice_fields()]
        present = [value for value in filled if value]
        if len(present) < 2:
            self.choice_1.errors.append("Give at least two choices.")
            valid = False
        if len({value.casefold() for value in present}) != len(present):
            self.choice_1.errors.append("Choices must all differ: exactly one may be correct.")
            valid = False
        positions = {str(n) for n in range(1, MAX_CHOICES + 1)}
        if self.answer.data in positions:
            index = int(self.answer.data) - 1
            if not filled[index]:
                self.answer.errors.append("The correct choice is empty.")
                valid = False
        return valid

    def answer_value(self) -> str:
        return self.choice_fields()[int(self.answer.data) - 1].data.strip()

    def choices_value(self) -> list[str]:
        return [f.data.strip() for f in self.choice_fields() if (f.data or "").strip()]

    def load_answer(self, item: Any) -> None:
        for field, value in zip(self.choice_fields(), item.choices or [], strict=False):
            field.data = value
        if item.answer in (item.choices or []):
            self.answer.data = str(item.choices.index(item.answer) + 1)


ITEM_FORMS: dict[str, type[ItemForm]] = {
    "mcq": McqForm,
    "true_false": TrueFalseForm,
    "cloze": ClozeForm,
    "short_answer": ShortAnswerForm,
    "basic": BasicForm,
}


class ApproveAboveForm(FlaskForm):
    """Approve every draft at or above a score."""

    threshold = DecimalField(
        "Approve all drafts with score at least",
        places=2,
        validators=[
            InputRequired(message="Give a score (0 or more)."),
            NumberRange(min=0, message="Give a score (0 or more)."),
        ],
    )
    submit = SubmitField("Approve all above score")


class SettingsForm(FlaskForm):
    """Deck title, description and scheduling settings."""

    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    description = TextAreaField("Description", validators=[Optional()])
    desired_retention = FloatField(
        "Desired retention (0.70–0.99)",
        validators=[InputRequired(), NumberRange(0.7, 0.99, "Choose between 0.70 and 0.99.")],
    )
    new_per_day = IntegerField(
        "New cards per day",
        validators=[InputRequired(), NumberRange(0, 1000, "Choose between 0 and 1000.")],
    )
    submit = SubmitField("Save settings")


class AssignForm(FlaskForm):
    """Assign the deck to a cohort with an optional due date."""

    cohort_id = SelectField("Cohort", coerce=int, validators=[InputRequired()])
    due_date = DateField("Due date (optional)", validators=[Optional()])
    submit = SubmitField("Assign")


class NewDeckForm(FlaskForm):
    """Create another deck from an imported source."""

    title = StringField("Deck title", validators=[Optional(), Length(max=300)])
    engine = SelectField("Question generator", choices=ENGINE_CHOICES, default="rules")
    submit = SubmitField("Generate a draft deck")
