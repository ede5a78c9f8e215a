"""spaCy model check and the entity rule layer."""

from __future__ import annotations

import json
from importlib import resources

from quizapp.generation.analyse import MODEL, analyse, get_nlp
from quizapp.generation.entities import aliases_of, identity
from quizapp.generation.segment import parse_article
from tests.domain.gold import DATA


def test_installed_model_is_en_core_web_sm_3_8_0():
    meta = json.loads(resources.files(MODEL).joinpath("meta.json").read_text())
    assert meta["lang"] == "en"
    assert meta["name"].startswith("core_web_sm")
    assert meta["version"] == "3.8.0"
    assert get_nlp() is get_nlp()  # loaded once per process


def test_metonyms_plurals_and_the_share_identity():
    assert identity("Moscow") == identity("the Kremlin") == identity("Russia")
    assert identity("Washington") == identity("the United States") == identity("U.S.")
    assert identity("Tehran") == identity("Iran")
    assert identity("Houthis") == identity("the Houthi")
    assert identity("Russia") != identity("Iran")
    assert "Moscow" in aliases_of("Russia")
    assert "Washington" in aliases_of("the United States")


def test_rule_layer_fixes_types_on_the_seed_article():
    article = parse_article((DATA / "seed_article.txt").read_bytes(), "axis.txt")
    analysis = analyse(article)
    labels = {}
    for ent in analysis.entities:
        assert article.text[ent.start : ent.end] == ent.text
        labels.setdefault(ent.text, set()).add(ent.label)
    assert labels["Houthis"] == {"ORG"}  # the raw model says PERSON
    assert "Meron" in labels  # the raw model misses it
    assert labels["Khmeimim"] == {"FAC"}  # the raw model says NORP
    assert "2015" in labels and labels["2015"] == {"DATE"}
    assert analyse(article) is analysis  # parsed once, cached
