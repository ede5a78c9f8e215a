"""Generation jobs on a task queue: enqueue time, owner claim, heartbeat, recoveries, cancelled.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('queued', 'running', 'done', 'failed')"
NEW_STATUSES = "status IN ('queued', 'running', 'done', 'failed', 'cancelled')"


def upgrade():
    with op.batch_alter_table("generation_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("enqueued_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claim", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("recoveries", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.drop_constraint("ck_generation_status", type_="check")
        batch_op.create_check_constraint("ck_generation_status", NEW_STATUSES)


def downgrade():
    op.execute("UPDATE generation_job SET status = 'failed' WHERE status = 'cancelled'")
    with op.batch_alter_table("generation_job", schema=None) as batch_op:
        batch_op.drop_constraint("ck_generation_status", type_="check")
        batch_op.create_check_constraint("ck_generation_status", OLD_STATUSES)
        batch_op.drop_column("recoveries")
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("claim")
        batch_op.drop_column("enqueued_at")
