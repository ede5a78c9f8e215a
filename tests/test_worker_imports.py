"""A web worker that never generates must not import spaCy (a second of start-up, ~100 MB)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import PROJECT_ROOT

SCRIPT = """
import json, sys
from quizapp import create_app
app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
with app.app_context():
    from quizapp.extensions import db
    db.create_all()
client = app.test_client()
statuses = [client.get(path).status_code for path in ("/", "/auth/login", "/api/v1/openapi.json")]
print(json.dumps({"statuses": statuses, "loaded": sorted(
    name for name in ("spacy", "thinc", "wordfreq") if name in sys.modules)}))
"""


def test_app_and_pages_do_not_load_the_nlp_model(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QUIZAPP_INSTANCE": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert 200 in report["statuses"]
    assert report["loaded"] == []
