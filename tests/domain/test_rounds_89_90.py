"""Held-out rounds 89-90 (the last fixes): the wrong key raters found."""

from tests.domain.gold import generated

SEALS = "heldout90/encyclopedia_grey_seal.txt"


def test_a_common_noun_is_no_name_for_being_first_in_its_sentence():
    # W: "Concern over falling numbers led to the Grey Seals (Protection) Act of 1914 …. It was
    # replaced by the Conservation of Seals Act 1970" was asked as "Concern was replaced by the
    # Conservation of Seals Act 1970" (True)
    items = generated(SEALS).items
    assert not [i for i in items if i.prompt.startswith(("Concern was", "Grey seal: Concern was"))]
    assert not [i for i in items if "Concern was replaced" in i.prompt]
