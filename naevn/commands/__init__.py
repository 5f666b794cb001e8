"""The commands behind ``naevn``'s subcommands, one module each."""
