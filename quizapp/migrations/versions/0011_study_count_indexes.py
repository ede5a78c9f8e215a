"""Partial indexes for the study session's counts (issue 20): study reviews not undone and, of
those, first reviews, on (user_id, deck_id, reviewed_at), and the items of a deck that are not
live. "Done today", "introduced today" and the unseen and due counts then read small index
ranges instead of a table row per review or an index entry per item.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Copies of the models' conditions as they were when this revision was written.
STUDY_LOG_WHERE = "source = 'study' AND undone_at IS NULL"
NEW_STUDY_LOG_WHERE = STUDY_LOG_WHERE + " AND previous_fsrs IS NULL"
NOT_LIVE_ITEM_WHERE = "status <> 'approved' OR retired_at IS NOT NULL"
INDEXES = (
    ("ix_review_log_study", "review_log", STUDY_LOG_WHERE, ["user_id", "deck_id", "reviewed_at"]),
    (
        "ix_review_log_study_new",
        "review_log",
        NEW_STUDY_LOG_WHERE,
        ["user_id", "deck_id", "reviewed_at"],
    ),
    ("ix_item_deck_not_live", "item", NOT_LIVE_ITEM_WHERE, ["deck_id", "status", "retired_at"]),
)


def upgrade():
    for name, table, where, columns in INDEXES:
        clause = sa.text(where)
        op.create_index(name, table, columns, sqlite_where=clause, postgresql_where=clause)


def downgrade():
    for name, table, _where, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
