"""Tests in a real browser: Debian's Chromium driven by Playwright, axe-core, and w3m."""
