"""naevn's composition root: the command line, settings, and the wiring of the slices."""
