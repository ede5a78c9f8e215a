"""Web blueprints, one package per area."""
