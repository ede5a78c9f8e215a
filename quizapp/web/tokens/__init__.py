"""Web area: personal access tokens."""
