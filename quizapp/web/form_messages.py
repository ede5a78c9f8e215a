"""Plain-language wording for WTForms' built-in validation messages, for every form at once.

WTForms asks the form's translations object for each message; Flask-WTF hands it the object in
`flask_wtf.form.translations` (None without Flask-Babel). We set that object, so a message such
as "Field must be between 8 and 1000 characters long." reads "Use between 8 and 1000
characters." Messages not listed here pass through unchanged.
"""

from __future__ import annotations

import flask_wtf.form

PLAIN = {
    "Field must be between %(min)d and %(max)d characters long.": (
        "Use between %(min)d and %(max)d characters."
    ),
    "Field must be at least %(min)d character long.": "Use at least %(min)d character.",
    "Field must be at least %(min)d characters long.": "Use at least %(min)d characters.",
    "Field cannot be longer than %(max)d character.": (
        "This cannot be longer than %(max)d character."
    ),
    "Field cannot be longer than %(max)d characters.": (
        "This cannot be longer than %(max)d characters."
    ),
    "Not a valid integer value.": "Enter a whole number.",
    "Not a valid choice.": "Choose one of the options.",
    "Not a valid date value.": "Enter a date.",
}


class PlainTranslations:
    """The gettext/ngettext pair WTForms calls, answering with PLAIN where it has a rewording."""

    def gettext(self, string: str) -> str:
        """The plain wording of a message, or the message itself."""
        return PLAIN.get(string, string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plain wording of the singular or plural form."""
        return self.gettext(singular if n == 1 else plural)


def install() -> None:
    """Make every FlaskForm use the plain wording (unless Flask-Babel translations exist)."""
    if flask_wtf.form.translations is None:
        flask_wtf.form.translations = PlainTranslations()
