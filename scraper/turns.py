"""Due checks, queued by host and taken in turn (`run`).

The scheduler says when a watch is due; :class:`Turns` says which due check a worker
takes next. Each host has a queue, hosts take turns, and at most ``per_host(url)``
workers check one host at a time. So a host with a backlog (more pages than its
spacing lets through on time, a slow or failing site) holds only those workers, and
the other hosts' checks go on beside it. A watch already queued or being checked is
not queued again. On stop, the checks not begun are dropped; those begun finish.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable

from scraper.settings import host_of

_LOG = logging.getLogger("panelwatch.run")


class Turns:
    """Use as ``turns.start()``, ``turns.submit(url)`` from any thread, ``turns.stop()``."""

    def __init__(
        self,
        check: Callable[[str], None],
        *,
        workers: int,
        per_host: Callable[[str], int] | None = None,
    ) -> None:
        self._check = check
        self._per_host = per_host or (lambda url: workers)
        self._turn = threading.Condition()
        self._queues: dict[str, deque[str]] = {}
        self._hosts: deque[str] = deque()  # the hosts with queued checks, next first
        self._busy: dict[str, int] = {}  # host -> workers checking it
        self._pending: set[str] = set()  # queued or being checked
        self._stopping = False
        self._workers = [
            threading.Thread(target=self._work, name=f"panelwatch-check-{n}", daemon=True)
            for n in range(workers)
        ]

    def start(self) -> None:
        for worker in self._workers:
            worker.start()

    def submit(self, url: str) -> bool:
        """Queue a check of ``url``; False if it is queued or being checked already (or
        the turns are stopping), and nothing is queued."""
        host = host_of(url)
        with self._turn:
            if self._stopping or url in self._pending:
                return False
            self._pending.add(url)
            queue = self._queues.setdefault(host, deque())
            if not queue:
                self._hosts.append(host)
            queue.append(url)
            self._turn.notify()
        return True

    def stop(self) -> int:
        """Drop the checks not begun and wait for those begun; returns how many were
        dropped."""
        with self._turn:
            self._stopping = True
            dropped = sum(map(len, self._queues.values()))
            self._queues.clear()
            self._hosts.clear()
            self._turn.notify_all()
        for worker in self._workers:
            if worker.is_alive():
                worker.join()
        return dropped

    def _work(self) -> None:
        while True:
            with self._turn:
                taken = self._take()
                while taken is None and not self._stopping:
                    self._turn.wait()
                    taken = self._take()
                if taken is None:
                    return
            host, url = taken
            try:
                self._check(url)
            except Exception:  # a bug: said with its traceback, and the worker goes on
                _LOG.exception("checking %s failed", url)
            finally:
                with self._turn:
                    self._busy[host] -= 1
                    self._pending.discard(url)
                    self._turn.notify_all()  # this host's next check may go now

    def _take(self) -> tuple[str, str] | None:
        """The next check, in the hosts' turn, of a host with a worker to spare; call
        holding the lock."""
        if self._stopping:
            return None
        for _ in range(len(self._hosts)):
            host = self._hosts[0]
            self._hosts.rotate(-1)  # the host after it goes first next time
            busy = self._busy.get(host, 0)
            queue = self._queues[host]
            if busy >= self._per_host(queue[0]):
                continue
            url = queue.popleft()
            if not queue:
                self._hosts.pop()  # it was just moved to the end
                del self._queues[host]
            self._busy[host] = busy + 1
            return host, url
        return None
