"""The rules of naevn: case types, deadlines and the intake dialogue, as pure code and data."""
