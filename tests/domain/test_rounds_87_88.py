"""Held-out rounds 87-88 (the final code's second pair): the wrong key raters found, an
accepted answer that was another man, and a total the sentence breaks down."""

from tests.domain.gold import generated
from tests.domain.test_accepted_round_53_62 import _accepted
from tests.domain.test_context import blank_problem_of

RELAY = "heldout88/sport_report_thrapley_harriers_twelve_stage_road_relay.txt"
EVEREST = "heldout88/history_first_ascent_of_everest_1953.txt"


def test_the_club_is_not_the_organiser_named_before_the_sentence_naming_the_winners():
    # W: "… the organisers, Mallowby Athletic Club, said …. For Thrapley, the win completes a
    # notable winter. The club, which trains on a cinder track …" was asked as "Mallowby
    # Athletic Club, which trains on ____ …"
    assert not [i for i in generated(RELAY).items if i.prompt.startswith("Mallowby Athletic")]


def test_a_people_is_never_answered_by_a_man_named_after_it():
    # E: "Tenzing Norgay, a ____ climber" (Sherpa) accepted "Sherpa Ang Nyima", another man
    assert "Sherpa Ang Nyima" not in _accepted(EVEREST, "Sherpa")


def test_a_total_the_sentence_breaks_down_is_no_blank():
    # R: "Pellbury has ____ licensed vehicles: 138 hackney carriages … and 274 private hire cars"
    for quote, answer in [
        ("Pellbury has 412 licensed vehicles: 138 hackney carriages and 274 private hire cars.",
         "412"),
        ("The appeal raised £138 in May and £274 in June, 412 in total.", "412"),
    ]:  # fmt: skip
        assert blank_problem_of(quote, answer, "CARDINAL") == "answer_given_away", quote
