"""Held-out rounds 91-92 (commit 51b6fce): the wrong accepted answers raters found."""

from tests.domain.gold import generated

EPEE = "heldout91/sport_report_marnhollow_swords_brackwater_salle_team_epee_final.txt"
PAXTON = "heldout91/biography_joseph_paxton.txt"


def test_a_bare_number_takes_no_unit_from_another_count_of_its_sentence():
    # W: "bouts of up to three minutes, and the running score carries over … in steps of five
    # touches, up to ____" (45) accepted "45 minutes"
    steps = [i for i in generated(EPEE).items if "in steps of five touches" in i.prompt]
    assert steps and steps[0].answer == "45"
    assert not [a for a in steps[0].accepted if "minute" in a]


def test_a_plant_named_after_a_queen_is_not_her_full_name():
    # W: "Who opened the exhibition on 1 May 1851?" (Queen Victoria) accepted "Victoria regia",
    # the water lily Paxton made flower
    opened = [i for i in generated(PAXTON).items if i.answer == "Queen Victoria"]
    assert opened and "Victoria regia" not in opened[0].accepted
