"""Extractors: Document -> Facts, pure functions (the spaCy model is loaded once per process)."""
from loaders.extract import news  # noqa: F401  (registers "news.v1")
