"""The citizen's web chat: server-rendered pages over the conversation, that work without
JavaScript."""
