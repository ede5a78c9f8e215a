"""Reviews imported from an Anki export: source "anki" and Anki's own interval.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_SOURCES = "source IN ('study', 'quiz')"
NEW_SOURCES = "source IN ('study', 'quiz', 'anki')"


def upgrade():
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("anki_interval", sa.Integer(), nullable=True))
        batch_op.drop_constraint("ck_review_source", type_="check")
        batch_op.create_check_constraint("ck_review_source", NEW_SOURCES)


def downgrade():
    # Reviews imported from Anki cannot be kept under the old constraint.
    op.execute("DELETE FROM review_log WHERE source = 'anki'")
    with op.batch_alter_table("review_log", schema=None) as batch_op:
        batch_op.drop_constraint("ck_review_source", type_="check")
        batch_op.create_check_constraint("ck_review_source", OLD_SOURCES)
        batch_op.drop_column("anki_interval")
