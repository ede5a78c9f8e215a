"""Browser, issue 17: the primary action of a study card and of a quiz question is on screen at
1280x800 and 390x844, with the shipped deck's long prompts, explanations and quotes."""

from __future__ import annotations

import pytest

from tests.e2e.realistic import login, seed

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}

# Inside the viewport and the topmost element at its centre (not hidden under something else).
ON_SCREEN_JS = """(el) => {
  const box = el.getBoundingClientRect();
  const inside = box.width > 0 && box.top >= 0 && box.left >= 0
    && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
  const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return {inside, reachable: !!hit && (hit === el || el.contains(hit) || hit.contains(el)),
          top: Math.round(box.top), bottom: Math.round(box.bottom), height: window.innerHeight};
}"""


def assert_on_screen(locator, what: str) -> None:
    """The element is entirely inside the viewport and not covered."""
    result = locator.evaluate(ON_SCREEN_JS)
    assert result["inside"] and result["reachable"], f"{what} is off screen or covered: {result}"


@pytest.mark.parametrize("size", list(SIZES))
def test_study_actions_are_on_screen(live_server, browser, size):
    world = seed(live_server.app)
    context, page = login(browser, live_server.url, world.emails["trainee"], SIZES[size])
    try:
        page.goto(f"{live_server.url}/study/{world.deck}")
        for n in range(3):
            assert_on_screen(
                page.get_by_role("button", name="Show answer"), f"card {n}: Show answer"
            )
            page.keyboard.press("Space")
            page.locator(".rate-form").wait_for()
            for name in ("Again", "Hard", "Good", "Easy"):
                button = page.locator(".rate-form button.rating", has_text=name)
                assert_on_screen(button, f"card {n}: {name} after Show answer")
            page.keyboard.press("3")
            page.locator(".reveal-form").wait_for()
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_quiz_answer_box_and_check_are_on_screen_after_feedback(live_server, browser, size):
    world = seed(live_server.app)
    context, page = login(browser, live_server.url, world.emails["trainee"], SIZES[size])
    try:
        page.goto(f"{live_server.url}/quiz/q/{world.quiz}")
        page.get_by_role("button", name="Start the quiz").click()
        for n in range(1, 5):
            page.get_by_text(f"Question {n} of 5").wait_for()
            form = page.locator("form.quiz-form")
            if n > 1:  # the previous answer's feedback is on the page too
                assert page.locator("#feedback").is_visible()
            first_input = form.locator("input[type=radio], input[type=text]").first
            assert_on_screen(first_input, f"question {n}: the answer box")
            assert_on_screen(page.get_by_role("button", name="Check answer"), f"question {n}")
            if form.locator("input[type=radio]").count():
                form.locator("input[type=radio]").first.check()
            else:
                form.locator("input[type=text]").fill("not the answer")
            page.get_by_role("button", name="Check answer").click()
            page.get_by_text(f"Question {n + 1} of 5").wait_for()
    finally:
        context.close()
