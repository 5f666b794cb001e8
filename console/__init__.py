"""The staff side: the staff HTTP routes and the Textual console (to come)."""
