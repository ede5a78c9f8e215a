"""The link an article was imported from, for its attribution.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("url", sa.String(length=2000), nullable=False, server_default="")
        )


def downgrade():
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("url")
