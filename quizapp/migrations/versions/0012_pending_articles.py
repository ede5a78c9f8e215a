"""Imports are read on a worker: the raw article waits in pending_article, a job has no deck until
it is read, and an import of an article imported before points at that source.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("generation_job", schema=None) as batch_op:
        batch_op.alter_column("deck_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_generation_job_source_id", "source", ["source_id"], ["id"])
    op.create_table(
        "pending_article",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("link", sa.String(length=2000), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("author", sa.String(length=300), nullable=False),
        sa.Column("publication", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["generation_job.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("job_id"),
    )


def downgrade():
    op.drop_table("pending_article")
    # Imports that never got a deck cannot exist in the old schema.
    op.execute("DELETE FROM generation_job WHERE deck_id IS NULL")
    with op.batch_alter_table("generation_job", schema=None) as batch_op:
        batch_op.drop_constraint("fk_generation_job_source_id", type_="foreignkey")
        batch_op.drop_column("source_id")
        batch_op.alter_column("deck_id", existing_type=sa.Integer(), nullable=False)
