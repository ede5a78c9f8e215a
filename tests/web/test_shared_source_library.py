"""The shared library of imported articles is real and is said where instructors import."""

from __future__ import annotations

from pathlib import Path

from quizapp.models import Source

README = Path(__file__).resolve().parents[2] / "README.md"


def test_another_instructor_can_read_an_imported_article_and_is_told_so(
    client, auth, make_user, db
):
    owner, other = make_user("instructor"), make_user("instructor")
    source = Source(title="Owned", text="Alpha beta gamma.", sha256="1" * 64, created_by=owner.id)
    db.session.add(source)
    db.session.commit()
    auth.login(other)
    assert "Alpha beta gamma." in client.get(f"/author/sources/{source.id}").get_data(as_text=True)
    page = client.get("/author/import").get_data(as_text=True)
    assert "library shared by all instructors" in page
    assert "every instructor" in page and "full text" in page


def test_readme_security_section_states_the_shared_library():
    security = README.read_text(encoding="utf-8").split("## Security and reliability")[1]
    security = " ".join(security.split("\n## ")[0].split())
    assert "library shared by all instructors" in security
    assert "any instructor can open every imported article" in security
