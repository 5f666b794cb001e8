"""Mine sager's pages: sign in without an account, a party's cases, one case, a reply."""
