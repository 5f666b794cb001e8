"""The conversation service: a filer's turn loaded, checked, stepped, saved and rendered."""
