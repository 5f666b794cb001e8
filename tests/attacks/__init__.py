"""Attacks from outside, tried again against a real ``naevn serve`` process (issue 8)."""
