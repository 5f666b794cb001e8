"""The flows the engine runs: the filer's intake dialogue, and the case lifecycle the staff work."""
