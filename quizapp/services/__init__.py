"""Use cases: load rows, call the domain, persist. The only code that commits."""
