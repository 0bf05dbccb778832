"""The `panelwatch` command. Every command calls a library function; errors are
reported once, at the edge (:func:`scraper.cli.app.main`)."""

# Importing the command modules adds their commands to the group.
from scraper.cli import alerting, demo, history, pages, watches
from scraper.cli.app import cli, main

__all__ = ["alerting", "cli", "demo", "history", "main", "pages", "watches"]
