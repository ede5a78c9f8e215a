"""The Huey instance of an app: SQLite in the instance folder by default, Redis when configured."""

from __future__ import annotations

import logging
import os

from flask import Flask
from huey import Huey, RedisHuey, SqliteHuey

log = logging.getLogger(__name__)
# Enqueueing must never hang a web request on an unreachable Redis.
REDIS_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 5.0, "health_check_interval": 30}


class QueueConfigError(ValueError):
    """QUIZAPP_QUEUE_URL names something that is not a queue this app can use."""


def build_huey(app: Flask) -> Huey:
    """A new Huey for the app's QUEUE_URL (results are not kept: jobs report to the database)."""
    url = app.config.get("QUEUE_URL") or ""
    if not url:
        path = os.path.join(app.instance_path, "queue.db")
        return SqliteHuey("quizapp", filename=path, results=False)
    if url.startswith(("redis://", "rediss://", "unix://")):
        from redis import ConnectionPool

        pool = ConnectionPool.from_url(url, **REDIS_OPTIONS)
        return RedisHuey("quizapp", connection_pool=pool, results=False)
    raise QueueConfigError(f"QUIZAPP_QUEUE_URL must be a redis:// URL or empty, not {url!r}.")


def huey_for(app: Flask) -> Huey:
    """The app's Huey with its tasks registered (built once per app)."""
    huey = app.extensions.get("quizapp.huey")
    if huey is None:
        from quizapp.jobs.tasks import register_tasks

        huey = build_huey(app)
        register_tasks(huey, app)
        app.extensions["quizapp.huey"] = huey
    return huey


def queue_available(app: Flask) -> bool:
    """Whether jobs can be enqueued now (a Redis ping; the SQLite store is always there)."""
    huey = huey_for(app)
    if not isinstance(huey, RedisHuey):
        return True
    try:
        return bool(huey.storage.conn.ping())
    except Exception as error:  # any connection failure means "not now"
        log.warning("task queue unavailable: %s", error)
        return False


def enqueue_generation(app: Flask, job_id: int) -> bool:
    """Put a generation job on the queue; False when the queue cannot be reached."""
    huey_for(app)
    try:
        app.extensions["quizapp.tasks"]["generate"](job_id)
    except Exception as error:  # Redis down or the store unwritable: the watchdog retries
        log.warning("could not enqueue generation job %s: %s", job_id, error)
        return False
    return True


def enqueue_export(app: Flask, job_id: int) -> bool:
    """Put a deck export job on the queue; False when the queue cannot be reached."""
    huey_for(app)
    try:
        app.extensions["quizapp.tasks"]["export"](job_id)
    except Exception as error:  # Redis down or the store unwritable: the caller exports directly
        log.warning("could not enqueue export job %s: %s", job_id, error)
        return False
    return True
