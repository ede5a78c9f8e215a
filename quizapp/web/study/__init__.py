"""Web area: study."""
