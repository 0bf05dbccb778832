"""The `panelwatch` command. Every command calls a library function; errors are
reported once, at the edge (:func:`scraper.cli.app.main`).

A command that fetches imports the fetching stack (scraper.fetch, scraper.pipeline,
scraper.loop: httpx, aiohttp, asyncio) in its own body: the commands that only read
the database (`list`, `history`, `changes`, `export`, `show`) start without it, in
about 70% of the time. Every command module is imported to register its commands.
"""

# Importing the command modules adds their commands to the group.
from scraper.cli import alerting, demo, history, pages, watches
from scraper.cli.app import cli, main

__all__ = ["alerting", "cli", "demo", "history", "main", "pages", "watches"]
