"""The Textual user interface, built on the core; nothing here parses files or writes TOML."""
