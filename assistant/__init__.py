"""The filer's side: conversation service, filer HTTP routes, web chat page and terminal chat."""
