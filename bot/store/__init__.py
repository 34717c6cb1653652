"""Pacer's storage: SQLAlchemy models, sessions and repositories."""
