"""Web area: api."""
