"""The intake dialogue: its states as data, its named hooks, the review and what a draft files."""
