"""Pure domain code: no Flask, no SQLAlchemy; clocks and RNGs are parameters."""
