"""Subcommands of the samverkan CLI, one module each."""
