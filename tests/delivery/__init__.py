"""Tests of the outbox delivery: the store's queries, the worker, SMTP and .eml files."""
