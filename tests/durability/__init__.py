"""Durability tests: real processes killed at the worst moment, then the store checked."""
