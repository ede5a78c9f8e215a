"""Token management pages: create (shown once), list, revoke, and only one's own."""

from quizapp.models import ApiToken


def test_create_token_shows_it_once_and_it_works(client, auth, make_user, db):
    user = make_user("trainee")
    auth.login(user)
    page = client.post("/account/tokens/", data={"name": "my phone"})
    assert page.status_code == 200
    row = db.session.scalar(db.select(ApiToken))
    html = page.get_data(as_text=True)
    start = html.index('value="qz_') + len('value="')
    plain = html[start : html.index('"', start)]
    assert (
        client.get("/api/v1/decks", headers={"Authorization": f"Bearer {plain}"}).status_code == 200
    )
    listing = client.get("/account/tokens/").get_data(as_text=True)
    assert "my phone" in listing and plain not in listing
    assert row.token_hash != plain


def test_empty_name_is_a_form_error(client, auth, make_user):
    auth.login(make_user("trainee"))
    page = client.post("/account/tokens/", data={"name": "  "})
    assert page.status_code == 200
    assert "This field is required" in page.get_data(as_text=True)


def test_cannot_revoke_someone_elses_token(client, auth, make_user, db):
    owner, other = make_user("trainee"), make_user("trainee")
    auth.login(owner)
    client.post("/account/tokens/", data={"name": "laptop"})
    token = db.session.scalar(db.select(ApiToken))
    auth.logout()
    auth.login(other)
    response = client.post(f"/account/tokens/{token.id}/revoke", follow_redirects=True)
    assert "does not exist" in response.get_data(as_text=True)
    db.session.refresh(token)
    assert token.revoked_at is None


def test_tokens_page_needs_login(client):
    response = client.get("/account/tokens/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_account_page_links_to_tokens(client, auth, make_user):
    auth.login(make_user("trainee"))
    assert "/account/tokens/" in client.get("/account").get_data(as_text=True)
