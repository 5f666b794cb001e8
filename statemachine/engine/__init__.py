"""The engine: flows as data, their validator, hook registries, and a machine that runs any flow."""
