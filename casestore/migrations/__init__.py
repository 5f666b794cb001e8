"""Alembic migrations of the case store (run through :mod:`casestore.migrate`)."""
