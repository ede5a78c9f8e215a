"""Web area: export."""
