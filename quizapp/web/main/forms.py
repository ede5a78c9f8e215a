"""Forms of the dashboard area: cohorts, members and roles."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length

from quizapp.models import ROLES
from quizapp.services.accounts import MAX_EMAIL, MAX_NAME, MAX_PASSWORD, MIN_PASSWORD
from quizapp.web.auth.forms import strip


class CohortForm(FlaskForm):
    name = StringField("Cohort name", validators=[DataRequired(), Length(max=MAX_NAME)])
    submit = SubmitField("Create cohort")


class AddMemberForm(FlaskForm):
    email = EmailField(
        "E-mail of an existing trainee",
        filters=[strip],
        validators=[DataRequired(), Length(max=MAX_EMAIL)],
    )
    submit = SubmitField("Add to cohort")


class NewTraineeForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=MAX_NAME)])
    email = EmailField(
        "E-mail",
        filters=[strip],
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=MAX_EMAIL)],
    )
    password = PasswordField(
        f"Initial password (at least {MIN_PASSWORD} characters)",
        validators=[DataRequired(), Length(min=MIN_PASSWORD, max=MAX_PASSWORD)],
    )
    submit = SubmitField("Create trainee")


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(role, role.title()) for role in ROLES])
    submit = SubmitField("Change role")
