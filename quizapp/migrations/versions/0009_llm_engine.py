"""The generation engine: chosen per deck, used per job, recorded per generated item.

Revision ID: 0009
Revises: 0008 (0008_item_live_index, made concurrently by the study helper)
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ENGINES = "engine IN ('rules', 'llm')"


def upgrade():
    for table, constraint in (
        ("deck", "ck_deck_engine"),
        ("generation_job", "ck_generation_engine"),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("engine", sa.String(length=10), nullable=False, server_default="rules")
            )
            batch_op.create_check_constraint(constraint, ENGINES)
    with op.batch_alter_table("item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("engine", sa.String(length=10), nullable=True))
        batch_op.create_check_constraint("ck_item_engine", ENGINES)
    # Every item generated before this revision came from the rule engine.
    op.execute("UPDATE item SET engine = 'rules' WHERE origin = 'generated'")


def downgrade():
    for table, constraint in (
        ("item", "ck_item_engine"),
        ("generation_job", "ck_generation_engine"),
        ("deck", "ck_deck_engine"),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(constraint, type_="check")
            batch_op.drop_column("engine")
