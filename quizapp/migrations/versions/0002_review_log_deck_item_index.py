"""Covering index on review_log for the item analysis page's per-item study totals.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.create_index(
            "ix_review_log_deck_item",
            ["deck_id", "item_id", "rating", "undone_at", "user_id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.drop_index("ix_review_log_deck_item")
