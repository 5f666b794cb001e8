"""The catalog: case types, questions, documents, fees, municipalities and the deadline rules."""
