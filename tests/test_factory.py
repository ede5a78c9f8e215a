"""The app factory and the configuration read from the environment."""

from __future__ import annotations

import pytest

from quizapp import BLUEPRINTS, create_app
from quizapp.config import Config, ConfigError
from quizapp.config import TestConfig as AppTestConfig


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No secret, database or debug settings leak in from the caller's environment."""
    for name in ("SECRET_KEY", "DATABASE_URL", "FLASK_DEBUG", "QUIZAPP_INSECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QUIZAPP_INSTANCE", str(tmp_path / "instance"))
    return monkeypatch


def test_missing_secret_key_refuses_to_start_with_one_line(clean_env):
    with pytest.raises(ConfigError) as raised:
        create_app()
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("SECRET_KEY is not set")
    assert "export SECRET_KEY=" in message


def test_empty_secret_key_is_missing_too(clean_env):
    clean_env.setenv("SECRET_KEY", "")
    with pytest.raises(ConfigError):
        create_app()


def test_debug_and_testing_run_without_secret(clean_env):
    clean_env.setenv("FLASK_DEBUG", "1")
    app = create_app()
    assert app.debug
    assert create_app({"TESTING": True}).testing


def test_secret_and_database_come_from_the_environment(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "from-env")
    clean_env.setenv("DATABASE_URL", "sqlite:///" + str(tmp_path / "env.db"))
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + str(tmp_path / "env.db")
    assert not app.debug and not app.testing
    # Production cookies are Secure unless plain-http local serving asks otherwise.
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_insecure_cookies_switch_for_local_http(clean_env):
    clean_env.setenv("SECRET_KEY", "x")
    clean_env.setenv("QUIZAPP_INSECURE_COOKIES", "1")
    app = create_app()
    assert not app.config["SESSION_COOKIE_SECURE"]
    assert not app.config["REMEMBER_COOKIE_SECURE"]


def test_default_database_is_sqlite_in_the_instance_folder(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "x")
    app = create_app()
    expected = "sqlite:///" + str(tmp_path / "instance" / "quizapp.db")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == expected
    assert (tmp_path / "instance").is_dir()
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] == 30


@pytest.mark.parametrize(
    "given, expected",
    [
        ("postgres://u:p@db.example:5432/quiz", "postgresql+psycopg://u:p@db.example:5432/quiz"),
        ("postgresql://u@db.example/quiz", "postgresql+psycopg://u@db.example/quiz"),
        ("postgresql+psycopg://u@db.example/quiz", "postgresql+psycopg://u@db.example/quiz"),
    ],
)
def test_database_url_is_normalised_to_psycopg(clean_env, given, expected):
    clean_env.setenv("SECRET_KEY", "x")
    clean_env.setenv("DATABASE_URL", given)
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == expected
    assert "connect_args" not in app.config["SQLALCHEMY_ENGINE_OPTIONS"]


def test_config_object_and_dict_overrides(clean_env, tmp_path):
    config = AppTestConfig()
    config.SQLALCHEMY_DATABASE_URI = "sqlite:///" + str(tmp_path / "a.db")
    app = create_app(config)
    assert app.testing and app.config["SECRET_KEY"] == "test-secret-key"
    assert not app.config["WTF_CSRF_ENABLED"]
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True, "SECRET_KEY": "mine"})
    assert app.config["WTF_CSRF_ENABLED"] and app.config["SECRET_KEY"] == "mine"
    with pytest.raises(ConfigError):
        create_app({"DEBUG": False})


def test_every_area_and_command_is_registered(app):
    assert set(BLUEPRINTS) <= set(app.blueprints)
    for endpoint in ("main.index", "main.cohorts", "main.cohort", "main.users", "main.account"):
        assert endpoint in app.view_functions
    assert {"create-user", "set-role", "demo"} <= set(app.cli.commands)


def test_quizapp_console_command_lists_flask_and_own_commands(clean_env):
    from click.testing import CliRunner

    from quizapp.cli import cli

    clean_env.setenv("SECRET_KEY", "x")
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    for name in ("create-user", "set-role", "demo", "db", "run", "routes"):
        assert name in result.output


def test_config_reads_the_environment_at_instantiation(clean_env):
    clean_env.setenv("SECRET_KEY", "first")
    assert Config().SECRET_KEY == "first"
    clean_env.setenv("SECRET_KEY", "second")
    assert Config().SECRET_KEY == "second"
