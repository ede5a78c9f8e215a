"""quizapp: article → quiz and spaced-repetition deck."""

from __future__ import annotations

import importlib
import os

from flask import Flask

from quizapp.config import PROJECT_ROOT, Config, finalize
from quizapp.extensions import csrf, db, limiter, login_manager, migrate

BLUEPRINTS = (
    "auth",
    "main",
    "author",
    "study",
    "quiz",
    "export",
    "analytics",
    "api",
    "tokens",
)
COMMAND_MODULES = (
    "accounts",
    "generate",
    "extract",
    "decks",
    "export",
    "demo",
    "worker",
    "anki_history",
)


def create_app(config: object | dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, CLI and error handlers."""
    app = Flask(
        __name__,
        instance_path=os.environ.get("QUIZAPP_INSTANCE", str(PROJECT_ROOT / "instance")),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_object(Config() if config is None else _as_object(config))
    if isinstance(config, dict):
        app.config.update(config)
    os.makedirs(app.instance_path, exist_ok=True)
    finalize(app.config, app.instance_path)
    if app.config.get("TRUSTED_PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    register_extensions(app)
    from quizapp.web.converters import BoundedIntConverter

    app.url_map.converters["int"] = BoundedIntConverter
    register_blueprints(app)
    register_commands(app)
    from quizapp.web import errors, jsonbody, security, templating

    app.json = jsonbody.SafeJSONProvider(app)
    app.before_request(jsonbody.refuse_json_to_pages)
    errors.register_errorhandlers(app)
    security.register_security(app)
    templating.register_templating(app)
    return app


def _as_object(config: object | dict) -> object:
    if isinstance(config, dict):
        from quizapp.config import TestConfig

        return TestConfig() if config.get("TESTING") else Config()
    return config


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions to this app."""
    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(PROJECT_ROOT / "quizapp" / "migrations"), render_as_batch=True
    )
    login_manager.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    from quizapp import models  # noqa: F401  (register tables with the metadata)
    from quizapp.web import auth_support

    auth_support.configure_login(login_manager)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from quizapp.db_sqlite import enable_sqlite_pragmas

        with app.app_context():
            enable_sqlite_pragmas(db.engine)


def register_blueprints(app: Flask) -> None:
    """Register every web area's blueprint."""
    for area in BLUEPRINTS:
        module = importlib.import_module(f"quizapp.web.{area}.routes")
        app.register_blueprint(module.bp)


def register_commands(app: Flask) -> None:
    """Attach the `quizapp` sub-commands to the Flask CLI."""
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"quizapp.commands.{name}")
        for command in module.COMMANDS:
            app.cli.add_command(command)
