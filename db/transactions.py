"""Write transactions that wait their turn behind other processes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database


@contextmanager
def writing(db: Database) -> Iterator[None]:
    """One transaction that takes the write lock before its first read.

    A deferred transaction (sqlite-utils' ``atomic``) that reads and then writes fails at
    once with "database is locked" when another process wrote in between: SQLite cannot
    upgrade its stale snapshot, and the busy timeout does not apply. `check` beside `run`
    hit that. ``BEGIN IMMEDIATE`` waits for the lock up front, within the busy timeout.
    Inside a transaction already open, this is a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.execute("COMMIT")
    except BaseException:
        db.conn.rollback()
        raise
