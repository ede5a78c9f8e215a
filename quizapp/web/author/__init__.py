"""Web area: author."""
