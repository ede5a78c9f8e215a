"""Web area: main."""
