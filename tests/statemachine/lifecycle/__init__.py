"""Tests of the case lifecycle and the secretariat's deadlines."""
