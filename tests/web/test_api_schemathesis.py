"""Schemathesis against the OpenAPI document: no server errors, responses match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from quizapp.services import tokens
from tests.analytics_support import make_cohort, make_deck


@pytest.fixture
def api_token(app, make_user):
    instructor, trainee = make_user("instructor"), make_user("trainee")
    deck = make_deck(instructor, items=6, slug="api")
    make_cohort(instructor, deck, [trainee])
    return tokens.create_token(trainee, "schemathesis")[1]


def test_api_conforms_to_its_openapi_document(app, api_token):
    # schemathesis' own pytest plugin does not run under pytest 9, so drive each operation's
    # hypothesis strategy directly; call_and_validate runs schemathesis' default checks.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9
    headers = {"Authorization": f"Bearer {api_token}"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case):
            case.call_and_validate(headers=headers)

        check()
