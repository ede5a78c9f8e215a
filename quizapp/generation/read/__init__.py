"""Reading: uploads and links (HTML, PDF, text) → plain article text and its metadata (pure)."""
