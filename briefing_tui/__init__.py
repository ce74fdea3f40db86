"""briefing-tui: a full-screen terminal reader for news briefings."""


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata when first asked for: importing
    importlib.metadata costs tens of milliseconds on every start otherwise."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("briefing-tui")
        except PackageNotFoundError:  # running from a source tree that was never installed
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
