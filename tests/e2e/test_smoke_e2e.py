"""The browser harness reaches the live server."""


def test_login_page_renders(live_server, page, tmp_path):
    page.goto(live_server.url + "/auth/login")
    assert page.get_by_label("E-mail").is_visible()
    page.screenshot(path=str(tmp_path / "login.png"))
    assert (tmp_path / "login.png").stat().st_size > 0
