"""Web area: quiz."""
