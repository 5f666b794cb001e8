"""The flows the engine runs: the filer's intake dialogue now, the case lifecycle next."""
