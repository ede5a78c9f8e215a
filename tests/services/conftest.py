"""Service tests run on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL too."""

import pytest


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request) -> str:
    return request.param
