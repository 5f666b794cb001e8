"""End-to-end tests: naevn processes talking to each other as users run them."""
