"""The engine: flows declared as data, their validator, the machine that runs them, parsing."""
