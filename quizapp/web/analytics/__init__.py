"""Web area: analytics."""
