"""Web area: auth."""
