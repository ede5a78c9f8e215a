"""Random, huge and malformed values posted to every form and API endpoint: never a 5xx."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import PASSWORD
from tests.web.test_authorization_matrix import _url, world  # noqa: F401  (fixture)

FIELD_RE = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
COMMON_FIELDS = [
    "name",
    "email",
    "password",
    "title",
    "text",
    "prompt",
    "answer",
    "choices",
    "accepted",
    "count",
    "start",
    "end",
    "rating",
    "client_id",
    "response",
    "due_date",
    "role",
    "score",
    "item_type",
    "type",
    "topic",
    "explanation",
    "cohort_id",
    "time_limit",
    "types",
]
NASTY = st.one_of(
    st.text(max_size=40),
    st.just("x" * 20_000),
    st.sampled_from(
        [
            "-1",
            "0",
            "99999999999999999999",
            "1e309",
            "NaN",
            "null",
            "[]",
            "{}",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "2026-13-45",
            "😀" * 50,
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=10,
)
FUZZ = settings(
    max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


def _post_routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "POST" in rule.methods and rule.endpoint not in {"auth.logout", "static"}:
            yield rule


def _fields(client, url: str) -> list[str]:
    page = client.get(url)
    names = FIELD_RE.findall(page.get_data(as_text=True)) if page.status_code == 200 else []
    return sorted(set(names) - {"csrf_token"}) or COMMON_FIELDS


def _fuzz(client, url: str, api: bool, headers: dict, names: list[str]) -> list[str]:
    """Post generated values to one URL; the server errors seen."""
    errors: list[str] = []

    @FUZZ
    @given(
        values=st.fixed_dictionaries({n: NASTY for n in names}) if names else st.just({}),
        body=JSON_VALUES,
    )
    def post(values, body):
        if api:
            response = client.post(url, json=body, headers=headers)
        else:
            response = client.post(url, data=values)
        if response.status_code >= 500:
            errors.append(f"POST {url} → {response.status_code}")
        if api and response.status_code >= 400:
            assert response.json["error"]["message"]

    post()
    return errors


def test_random_form_values_never_cause_server_errors(app, world):  # noqa: F811
    errors: list[str] = []
    for principal in ("owner", "member", "admin"):
        client = app.test_client()
        user = world["users"][principal]
        client.post("/auth/login", data={"email": user.email, "password": PASSWORD})
        headers = {"Authorization": f"Bearer {world['tokens'][principal]}"}
        for rule in _post_routes(app):
            with app.test_request_context():
                url = _url(rule, world["params"])
            api = rule.endpoint.startswith("api.")
            names = [] if api else _fields(client, url)

            errors += [f"{principal} {e}" for e in _fuzz(client, url, api, headers, names)]
    assert not errors, "\n".join(errors)


def test_huge_and_malformed_bodies_on_auth_forms(client):
    huge = "a" * 10_001
    for data in ({"email": huge, "password": huge}, {"email": "not-an-email", "password": ""}):
        response = client.post("/auth/register", data={**data, "name": huge, "confirm": "x"})
        assert response.status_code == 200
        assert "error" in response.get_data(as_text=True)
    response = client.post(
        "/api/v1/reviews",
        data=b"\xff\xfe not json",
        headers={"Content-Type": "application/json", "Authorization": "Bearer qz_x"},
    )
    assert response.status_code == 401


def test_quiz_answer_with_huge_or_unicode_digit_ids_is_refused_politely(app, world):  # noqa: F811
    client = app.test_client()
    member = world["users"]["member"]
    client.post("/auth/login", data={"email": member.email, "password": PASSWORD})
    url = f"/quiz/attempt/{world['params']['attempt_id']}"
    for raw in ("9223372036854775808", "²", "١٢", "-1"):
        response = client.post(url, data={"item_id": raw, "answer": "99999999999999999999"})
        assert response.status_code == 302
        assert client.get(f"{url}?fb={raw}").status_code in (200, 302)
