"""The aiohttp service: the app factory, its middlewares, keys, limits and logs."""
