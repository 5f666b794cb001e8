"""The staff HTTP API: its routes, views, keys and OpenAPI document."""
