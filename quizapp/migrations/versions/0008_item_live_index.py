"""Item index (deck_id, status) → (deck_id, status, retired_at): live-item searches and counts
of a deck (next new card, cards left) read the index alone, without a table lookup per item.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.drop_index("ix_item_deck_status", table_name="item")
    op.create_index("ix_item_deck_status", "item", ["deck_id", "status", "retired_at"])


def downgrade():
    op.drop_index("ix_item_deck_status", table_name="item")
    op.create_index("ix_item_deck_status", "item", ["deck_id", "status"])
