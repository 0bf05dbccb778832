"""Storage, history and diff queries over one SQLite file."""

__all__: list[str] = []
