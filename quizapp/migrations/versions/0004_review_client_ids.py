"""Review and attempt client ids unique per user instead of across all users.

A globally unique client id let one user claim an id another user's client (or the server, for
quiz answers) would use later, and so block that user's submission.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("review_log", "attempt")
# SQLite reflects the original unnamed UNIQUE(client_id) without a name; batch mode names it
# through this convention so it can be dropped.
UNNAMED = {"uq": "uq_%(table_name)s_%(column_0_name)s"}


def _client_id_unique_name(table: str, columns: list[str]) -> str:
    for constraint in sa.inspect(op.get_bind()).get_unique_constraints(table):
        if constraint["column_names"] == columns:
            return constraint["name"] or UNNAMED["uq"] % {
                "table_name": table,
                "column_0_name": columns[0],
            }
    raise RuntimeError(f"no unique constraint on {table}({', '.join(columns)})")


def upgrade():
    for table in TABLES:
        name = _client_id_unique_name(table, ["client_id"])
        with op.batch_alter_table(table, schema=None, naming_convention=UNNAMED) as batch_op:
            batch_op.drop_constraint(name, type_="unique")
            batch_op.create_unique_constraint(f"uq_{table}_user_client", ["user_id", "client_id"])


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_user_client", type_="unique")
            batch_op.create_unique_constraint(f"uq_{table}_client_id", ["client_id"])
