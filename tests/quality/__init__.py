"""Question-quality evaluation: article sets, blind rating sheets, ratings and the ranker fit."""
