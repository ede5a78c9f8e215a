"""The language an article is written in (py3langid, the maintained fork of langid.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

MIN_WORDS = 12  # below this a guess is noise: the text counts as of unknown language
MIN_CONFIDENCE = 0.9
SAMPLE_CHARS = 4_000  # plenty for a confident guess, and detection stays under a millisecond

_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "eo": "Esperanto", "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "ga": "Irish", "gl": "Galician", "gu": "Gujarati",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ka": "Georgian",
    "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "la": "Latin",
    "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian",
    "mr": "Marathi", "ms": "Malay", "mt": "Maltese", "nb": "Norwegian", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian",
    "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip


@dataclass(frozen=True)
class Language:
    """An ISO 639-1 code ("" when unknown), its English name and the detector's confidence."""

    code: str
    name: str
    confidence: float

    @property
    def known(self) -> bool:
        """True when the text was long enough and the detector sure enough to name a language."""
        return bool(self.code)


UNKNOWN = Language("", "an unknown language", 0.0)


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def preload() -> None:
    """Load the detector's model now instead of on the first detection (about half a second)."""
    _identifier()


def detect_language(text: str) -> Language:
    """The language of `text`, or UNKNOWN when it is too short or the detector is unsure."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.split()) < MIN_WORDS and not _is_unspaced_script(sample):
        return UNKNOWN
    # Capitals skew the character n-grams the model was trained on (an all-caps text reads as
    # another language); the case carries no language information here.
    code, confidence = _identifier().classify(sample.lower())
    if confidence < MIN_CONFIDENCE:
        return UNKNOWN
    return Language(code, language_name(code), float(confidence))


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code (the code itself for a rare language)."""
    return _NAMES.get(code, f"the language coded '{code}'")


def _is_unspaced_script(text: str) -> bool:
    """Chinese, Japanese and Thai write without spaces: count characters, not words."""
    return sum(1 for ch in text if ord(ch) >= 0x0E00 and not ch.isspace()) >= 40
