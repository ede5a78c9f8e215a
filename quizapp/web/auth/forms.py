"""Account forms."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length

MAX_FIELD = 254


def strip(value: str | None) -> str | None:
    """Drop surrounding spaces people paste along with an e-mail address."""
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    email = EmailField(
        "E-mail", filters=[strip], validators=[DataRequired(), Length(max=MAX_FIELD)]
    )
    password = PasswordField("Password", validators=[DataRequired(), Length(max=1000)])
    remember = BooleanField("Keep me logged in on this device")
    submit = SubmitField("Log in")


class RegisterForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    email = EmailField(
        "E-mail",
        filters=[strip],
        validators=[DataRequired(), Email(check_deliverability=False), Length(max=MAX_FIELD)],
    )
    password = PasswordField(
        "Password (at least 8 characters)", validators=[DataRequired(), Length(min=8, max=1000)]
    )
    confirm = PasswordField(
        "Repeat the password",
        validators=[DataRequired(), EqualTo("password", message="The passwords differ.")],
    )
    submit = SubmitField("Create account")


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[DataRequired(), Length(max=1000)])
    new = PasswordField(
        "New password (at least 8 characters)", validators=[DataRequired(), Length(min=8, max=1000)]
    )
    confirm = PasswordField(
        "Repeat the new password",
        validators=[DataRequired(), EqualTo("new", message="The passwords differ.")],
    )
    submit = SubmitField("Change password")
