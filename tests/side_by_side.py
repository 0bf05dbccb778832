"""Work run at once on threads, each with its own database connection, as processes
sharing one database file would run it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


def side_by_side(*calls: Callable[[], object], stagger: float = 0.0) -> None:
    """Run each call on a thread of its own, all at once (each ``stagger`` seconds after
    the one before it); once all have ended, raise the first failure, if any."""
    failures: list[BaseException] = []

    def guarded(call: Callable[[], object]) -> None:
        try:
            call()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=guarded, args=(call,)) for call in calls]
    for n, thread in enumerate(threads):
        if n and stagger:
            time.sleep(stagger)
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
