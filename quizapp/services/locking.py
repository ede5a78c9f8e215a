"""Locking reads for read-modify-write use cases, on PostgreSQL and SQLite alike.

PostgreSQL locks the selected rows (SELECT … FOR UPDATE) until the transaction ends. SQLite has
no row locks: the transaction takes the database's write lock up front (BEGIN IMMEDIATE), so
the read and the write that follows it cannot interleave with another writer. Either way the
lock is held until the caller commits or rolls back.
"""

from __future__ import annotations

import sqlalchemy as sa

from quizapp.extensions import db


def write_lock() -> None:
    """On SQLite, hold the database write lock for the rest of the current transaction."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    # pysqlite opens a transaction only before the first write; until then reads run outside
    # one, so a transaction already open here has written and holds the write lock already.
    if not connection.connection.dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def for_update(statement: sa.Select, *, key_share: bool = False) -> sa.Select:
    """`statement` as a locking read whose rows stay locked until the transaction ends.

    key_share=True takes PostgreSQL's FOR NO KEY UPDATE, which still lets other transactions
    insert rows that reference the locked one (a user's reviews while their user row is locked).
    """
    write_lock()
    return statement.with_for_update(key_share=key_share).execution_options(populate_existing=True)
