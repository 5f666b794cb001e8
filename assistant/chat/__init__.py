"""The text chat: plain and JSON, on the embedded store or over HTTP."""
