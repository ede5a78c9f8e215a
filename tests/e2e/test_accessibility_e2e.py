"""Browser accessibility audit (issue 17): axe-core on every page of the instructor, trainee and
admin flows, in the states that matter (revealed card, quiz feedback, form errors, empty
states), at 1280x800 and 390x844; visible focus; prefers-reduced-motion. Screenshots of every
audited screen go to tests/e2e/screenshots/ (git-ignored; QUIZAPP_SCREENSHOTS moves it)."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.realistic import login, seed

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
SHOTS = Path(os.environ.get("QUIZAPP_SCREENSHOTS", Path(__file__).parent / "screenshots"))
# WCAG 2.1 A and AA (colour contrast AA included) plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
BLOCKING = {"serious", "critical"}

Step = tuple[str, Callable]


def _go(path: str) -> Callable:
    return lambda page, base: page.goto(base + path)


def _study_revealed(deck: int, answer: str = "") -> Callable:
    def act(page, base):
        page.goto(f"{base}/study/{deck}")
        if answer:
            page.get_by_label("Your answer (optional)").fill(answer)
            page.get_by_role("button", name="Show answer").click()
        else:
            page.keyboard.press("Space")
        page.locator(".rate-form").wait_for()

    return act


def _quiz_feedback(quiz: int) -> Callable:
    def act(page, base):
        page.goto(f"{base}/quiz/q/{quiz}")
        page.get_by_role("button", name=re.compile("Start the quiz|Continue")).click()
        form = page.locator("form.quiz-form")
        if form.locator("input[type=radio]").count():
            form.locator("input[type=radio]").last.check()
        else:
            form.locator("input[type=text]").fill("not the answer")
        page.get_by_role("button", name="Check answer").click()
        page.locator("#feedback").wait_for()

    return act


def _quiz_result(page, base):
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish now").click()
    page.wait_for_url(re.compile(r"/result$"))


def _submit_empty(path: str, button: str) -> Callable:
    def act(page, base):
        page.goto(base + path)
        page.get_by_role("button", name=button).first.click()
        page.wait_for_load_state()

    return act


def _login_error(page, base):
    page.goto(base + "/auth/login")
    page.get_by_label("E-mail").fill("nobody@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    page.locator(".error, .flash").first.wait_for()


def _register_errors(page, base):
    page.goto(base + "/auth/register")
    page.locator("form input[type=email]").fill("not-an-email")
    page.locator("form input[type=password]").first.fill("short")
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.locator(".error").first.wait_for()


def _flows(w) -> dict[str | None, list[Step]]:
    d, c = w.deck, w.cohort
    return {
        None: [
            ("login", _go("/auth/login")),
            ("login-error", _login_error),
            ("register", _go("/auth/register")),
            ("register-errors", _register_errors),
        ],
        "trainee": [
            ("trainee-dashboard", _go("/")),
            ("study-list", _go("/study/")),
            ("study-card", _go(f"/study/{d}")),
            ("study-revealed", _study_revealed(d)),
            ("study-revealed-typed-answer", _study_revealed(d, "Tehran")),
            ("progress", _go("/study/progress")),
            ("deck-progress", _go(f"/study/{d}/progress")),
            ("quiz-list", _go("/quiz/")),
            ("practice-form", _go(f"/quiz/deck/{d}")),
            ("quiz-start", _go(f"/quiz/q/{w.quiz}")),
            ("quiz-feedback", _quiz_feedback(w.quiz)),
            ("quiz-result", _quiz_result),
            ("account", _go("/account")),
            ("api-tokens", _go("/account/tokens/")),
            ("change-password", _go("/auth/password")),
            ("change-password-errors", _submit_empty("/auth/password", "Change password")),
        ],
        "fresh": [("fresh-progress-empty", _go("/study/progress"))],
        "loner": [
            ("loner-dashboard-empty", _go("/")),
            ("loner-study-empty", _go("/study/")),
            ("loner-quiz-empty", _go("/quiz/")),
        ],
        "instructor": [
            ("instructor-dashboard", _go("/")),
            ("my-decks", _go("/author/")),
            ("import", _go("/author/import")),
            ("import-errors", _submit_empty("/author/import", "Import")),
            ("deck", _go(f"/author/decks/{d}")),
            ("review-queue", _go(f"/author/decks/{d}/review")),
            ("item-edit", _go(f"/author/items/{w.item}/edit")),
            ("item-new", _go(f"/author/decks/{d}/items/new")),
            ("assign", _go(f"/author/decks/{d}/assign")),
            ("deck-settings", _go(f"/author/decks/{d}/settings")),
            ("deck-delete", _go(f"/author/decks/{d}/delete")),
            ("source", _go(f"/author/sources/{w.source}")),
            ("quiz-manage", _go(f"/quiz/manage/{d}")),
            ("quiz-new", _go(f"/quiz/new/{d}")),
            ("results", _go("/analytics/")),
            ("results-cohort-deck", _go(f"/analytics/cohorts/{c}/decks/{d}")),
            ("item-analysis", _go(f"/analytics/decks/{d}/items")),
            ("cohorts", _go("/cohorts")),
            ("cohort", _go(f"/cohorts/{c}")),
        ],
        "newcomer": [
            ("newcomer-dashboard-empty", _go("/")),
            ("newcomer-decks-empty", _go("/author/")),
            ("newcomer-results-empty", _go("/analytics/")),
            ("newcomer-cohorts-empty", _go("/cohorts")),
        ],
        "admin": [("admin-dashboard", _go("/")), ("users", _go("/users"))],
    }


def _blocking(results: dict) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_no_serious_or_critical_violation_on_any_page(live_server, browser, size):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    world = seed(live_server.app)
    base = live_server.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    report: dict[str, dict] = {}
    for who, steps in _flows(world).items():
        if who is None:
            context = browser.new_context(viewport=SIZES[size])
            context.set_default_timeout(15_000)
            page = context.new_page()
        else:
            context, page = login(browser, base, world.emails[who], SIZES[size])
        try:
            for name, act in steps:
                act(page, base)
                page.wait_for_load_state()
                page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
                results = axe.run(page, options=AXE_OPTIONS).response
                report[name] = {
                    "url": page.url.removeprefix(base),
                    "blocking": _blocking(results),
                    "other": sorted({f"{v['id']} ({v['impact']})" for v in results["violations"]}),
                }
        finally:
            context.close()
    (SHOTS / f"axe-{size}.json").write_text(json.dumps(report, indent=1))
    failing = {name: r["blocking"] for name, r in report.items() if r["blocking"]}
    assert len(report) >= 45
    assert not failing, json.dumps(failing, indent=1)


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
    || (s.boxShadow && s.boxShadow !== 'none');
  return {tag: el.tagName, text: (el.innerText || el.value || '').slice(0, 30), ring};
}"""


@pytest.mark.parametrize("path", ["/", "/study/{deck}", "/quiz/q/{quiz}", "/study/{deck}/progress"])
def test_keyboard_focus_is_always_visible(live_server, browser, path):
    world = seed(live_server.app)
    context, page = login(browser, live_server.url, world.emails["trainee"], SIZES["desktop"])
    try:
        page.goto(live_server.url + path.format(deck=world.deck, quiz=world.quiz))
        seen = []
        for _ in range(25):
            page.keyboard.press("Tab")
            focused = page.evaluate(FOCUS_JS)
            if focused:
                seen.append(focused)
        assert len(seen) >= 5
        invisible = [f for f in seen if not f["ring"]]
        assert not invisible, invisible
    finally:
        context.close()


MOTION_JS = """() => {
  const moving = [];
  for (const el of document.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    const longest = (v) => Math.max(...v.split(',').map(
      (t) => parseFloat(t) * (t.includes('ms') ? 0.001 : 1)));
    const animated = s.animationName !== 'none' && longest(s.animationDuration) > 0.01;
    if (longest(s.transitionDuration) > 0.01 || animated) {
      moving.push(el.tagName + '.' + el.className);
    }
  }
  return {moving, scroll: getComputedStyle(document.documentElement).scrollBehavior};
}"""


def test_reduced_motion_is_respected(live_server, browser):
    world = seed(live_server.app)
    context, page = login(
        browser, live_server.url, world.emails["trainee"], SIZES["desktop"], reduced_motion="reduce"
    )
    try:
        for path in ("/", f"/study/{world.deck}", f"/study/{world.deck}/progress", "/quiz/"):
            page.goto(live_server.url + path)
            result = page.evaluate(MOTION_JS)
            assert result["moving"] == [] and result["scroll"] != "smooth", (path, result)
    finally:
        context.close()
