"""Tests of the file checks, one module per kind of file, with hostile files built in each."""
