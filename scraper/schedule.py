"""When checks happen: which watches are due, and the long-running scheduler (`run`).

APScheduler 3.x does the timing: one job per watch on its interval or cron trigger, with
jitter and ``coalesce=True`` (after downtime an overdue watch runs once, not once per
missed slot). A job only queues its watch's check in :class:`~scraper.turns.Turns`,
which runs it (one check round of one URL through :mod:`scraper.pipeline`; nothing here
knows how) and never queues a watch twice.
"""

from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import NamedTuple

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from schemas import ConfigError, PanelwatchError, StorageError, Watch
from scraper.settings import FetchSettings, host_of
from scraper.turns import Turns

MAX_JITTER = 300  # seconds: spreads watches added together
_CRON_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")  # cron's 0-6
_CRON_MACROS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
}
_HOUSEKEEPING = "_housekeeping"  # the job id of alert delivery under `run`
_SIGNAL_POLL = 0.2  # seconds between the main thread's looks at a pending SIGINT/SIGTERM
_SKIPS_SAID_EVERY = 3600.0  # seconds, at most: an overloaded host skips all day long


def trigger_for(watch: Watch) -> BaseTrigger:
    jitter = min(MAX_JITTER, watch.interval // 10) or None
    if watch.cron:
        return cron_trigger(watch.url, watch.cron, jitter)
    return IntervalTrigger(seconds=watch.interval, timezone=UTC, jitter=jitter)


def cron_trigger(url: str, expression: str, jitter: int | None = None) -> BaseTrigger:
    """A crontab line (UTC) as a trigger that fires when cron would run it.

    APScheduler's CronTrigger differs from cron in two ways, both taken care of here: it
    numbers weekdays from Monday (cron's 1 would be Tuesday), and where the day of the
    month and the day of the week are both restricted, it asks for both, where cron runs
    on either ("0 9 1 * mon": the 1st, and every Monday). cron's "@daily" and the like
    are read too.
    """
    fields = _CRON_MACROS.get(expression.strip().lower(), expression).split()
    try:
        if len(fields) != 5:
            raise ValueError("expected 5 fields: minute hour day month weekday")
        minute, hour, day, month, weekday = fields
        weekdays = crontab_weekdays(weekday)

        def fires_on(day_of_month: str, day_of_week: str, jitter: int | None) -> CronTrigger:
            return CronTrigger(
                minute=minute, hour=hour, day=day_of_month, month=month, day_of_week=day_of_week,
                timezone=UTC, jitter=jitter,
            )  # fmt: skip

        # As cron does: a field starting with "*" ("*/2" too) does not restrict the day.
        if not day.startswith("*") and not weekday.startswith("*"):
            either = [fires_on(day, "*", None), fires_on("*", weekdays, None)]
            return OrTrigger(either, jitter=jitter)
        return fires_on(day, weekdays, jitter)
    except ValueError as error:
        raise ConfigError(f"watch {url}", f"bad cron {expression!r}: {error}") from None


def crontab_weekdays(field: str) -> str:
    """A crontab day-of-week field, numbered from Sunday (0 or 7) as cron numbers it, as
    the names of its days, which APScheduler reads as cron does.

    >>> crontab_weekdays("1-5"), crontab_weekdays("0,6"), crontab_weekdays("*/2")
    ('mon,tue,wed,thu,fri', 'sun,sat', 'sun,tue,thu,sat')
    >>> crontab_weekdays("7"), crontab_weekdays("Mon-Wed"), crontab_weekdays("*")
    ('sun', 'mon,tue,wed', '*')
    """
    if field == "*":
        return "*"
    days: set[int] = set()
    for item in field.lower().split(","):
        span, slash, every = item.partition("/")
        step = int(every) if slash else 1
        if step < 1:
            raise ValueError(f"a step of {every!r} in the day of the week")
        if span == "*":
            first, last = 0, 6
        else:
            start, dash, end = span.partition("-")
            first = _crontab_day(start)
            last = _crontab_day(end) if dash else (7 if slash else first)
            if last < first:
                raise ValueError(f"the days {span!r} run backwards")
        days.update(day % 7 for day in range(first, last + 1, step))
    return ",".join(_CRON_DAYS[day] for day in sorted(days))


def _crontab_day(text: str) -> int:
    if text in _CRON_DAYS:
        return _CRON_DAYS.index(text)
    if text.isdigit() and int(text) <= 7:
        return int(text)
    raise ValueError(f"{text!r} is not a day of the week (0-7 or sun-sat)")


def next_due(watch: Watch) -> datetime | None:
    """When the watch is next due: None if never checked (due now)."""
    if watch.last_checked is None:
        return None
    if watch.cron:
        trigger = cron_trigger(watch.url, watch.cron)
        fire: datetime | None = trigger.get_next_fire_time(None, watch.last_checked)
        return fire
    return watch.last_checked + timedelta(seconds=watch.interval)


def is_due(watch: Watch, now: datetime) -> bool:
    due = next_due(watch)
    return due is None or due <= now


class HostLoad(NamedTuple):
    """What the schedules of one host's watches ask of its spacing."""

    host: str
    watches: int
    asks_every: float  # seconds between two requests, on average, for all to keep time
    spacing: float  # seconds between two requests to the host, at the least
    by_robots: bool = False  # the spacing is the one its robots.txt's Crawl-delay asks

    @property
    def behind(self) -> float:
        """How many times longer than its schedule says each watch waits."""
        return self.spacing / self.asks_every


def period(watch: Watch, now: datetime) -> float:
    """Seconds between two checks of the watch, as its schedule asks (a cron schedule's
    next two times)."""
    if not watch.cron:
        return float(watch.interval)
    trigger = cron_trigger(watch.url, watch.cron)
    first: datetime = trigger.get_next_fire_time(None, now)
    second: datetime = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    return (second - first).total_seconds()


def overloaded_hosts(
    watches: list[Watch],
    settings: FetchSettings,
    now: datetime,
    crawl_delays: Mapping[str, float] | None = None,
) -> list[HostLoad]:
    """The hosts whose watches' schedules ask for requests closer together than the
    spacing each host gets: they cannot all be checked on time, and a big sitemap makes
    that easy (10,000 pages at one request every 2 s take 5.6 h). A host's spacing is
    the longer of ours and its robots.txt's Crawl-delay (``crawl_delays``, by host, as
    :func:`scraper.robots.kept_crawl_delays` gives them). Sites on this machine, where
    the spacing is lifted, never are."""
    rates: dict[str, float] = {}
    counts: dict[str, int] = {}
    for watch in watches:
        if settings.for_url(watch.url).min_delay == 0:
            continue
        host = host_of(watch.url)
        rates[host] = rates.get(host, 0.0) + 1 / period(watch, now)
        counts[host] = counts.get(host, 0) + 1
    loads = []
    for host, rate in rates.items():
        crawl_delay = (crawl_delays or {}).get(host, 0.0)
        spacing = max(settings.min_delay, crawl_delay)
        if rate * spacing > 1:
            loads.append(
                HostLoad(host, counts[host], 1 / rate, spacing, crawl_delay > settings.min_delay)
            )
    return loads


@contextmanager
def single_runner(db_path: str, command: str) -> Iterator[None]:
    """Hold the database's run lock while ``command`` ("run", "check") checks its
    watches on their schedule. Two such at once would fetch each due page twice, the
    second time in the spacing the first needed for other pages; the second is refused,
    saying which process holds the lock."""
    lock_path = Path(f"{db_path}.run.lock")
    handle = lock_path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().split()  # "pid command", written by the holder
        handle.close()
        who = (
            f"`panelwatch {holder[1]}` (pid {holder[0]})"
            if len(holder) == 2
            else "another panelwatch process"
        )
        raise StorageError(
            db_path,
            f"starting `panelwatch {command}`",
            f"{who} is already checking its watches; `panelwatch check URL` checks a page"
            " now beside it",
        ) from None
    try:
        handle.truncate(0)
        handle.write(f"{os.getpid()} {command}")
        handle.flush()
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


class Runner:
    """Keeps one scheduler job per watch in step with the database until stopped.

    A job only queues its watch's check; :class:`~scraper.turns.Turns` runs the checks,
    ``workers`` at once and at most ``per_host(url)`` of them on one host, the hosts in
    turn."""

    def __init__(
        self,
        load_watches: Callable[[], list[Watch]],
        check: Callable[[str], None],
        *,
        resync_seconds: float = 60.0,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        housekeeping: Callable[[], None] | None = None,
        report: Callable[[str], None] = lambda text: None,
        workers: int = 1,
        per_host: Callable[[str], int] | None = None,
        watchlist_version: Callable[[], int] | None = None,
    ) -> None:
        self.load_watches = load_watches
        # Where given, a sync that finds the same version as the last one loads nothing.
        self.watchlist_version = watchlist_version
        self._synced_version: int | None = None
        self.check = check
        self.housekeeping = housekeeping
        self.report = report
        self.now = now
        self.stopping = threading.Event()  # set once run() has taken a stop request
        self._stop_requested = False
        self.turns = Turns(self._check, workers=workers, per_host=per_host)
        self.scheduler = BackgroundScheduler(
            # Jobs only queue checks; housekeeping (alert delivery) has a worker of its own.
            executors={"default": ThreadPoolExecutor(max_workers=2)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=UTC,
        )
        self.resync_seconds = resync_seconds
        self._skipped = 0  # times a watch came due while its last check was still on
        self._skipped_lock = threading.Lock()
        self._skips_said: float | None = None  # time.monotonic() when last reported

    def sync(self) -> None:
        """Add jobs for new watches, drop those of removed ones.

        Called on the main thread only, never from a job: APScheduler's shutdown(wait=True)
        holds the job store's lock while it waits for running jobs, so a job that asks the
        scheduler for its jobs then waits for ever, and so does `run` after SIGTERM."""
        # Read before the watches: a change between the two is loaded again next time.
        version = self.watchlist_version() if self.watchlist_version is not None else None
        if version is not None and version == self._synced_version:
            return
        watches = {watch.url: watch for watch in self.load_watches()}
        for job in self.scheduler.get_jobs():
            if job.id not in watches and job.id != _HOUSEKEEPING:
                job.remove()
        for url, watch in watches.items():
            job = self.scheduler.get_job(url)
            label = f"{url} ({watch.schedule})"
            if job is not None and job.name != label:  # `add` changed its schedule
                job.remove()
                job = None
            if job is None:
                due = next_due(watch)
                self.scheduler.add_job(
                    self._due,
                    trigger_for(watch),
                    args=[url],
                    id=url,
                    name=label,
                    next_run_time=max(due, self.now()) if due else self.now(),
                )
        self._synced_version = version

    def run(self) -> None:
        """Block until SIGINT/SIGTERM; checks begun finish before returning, those only
        queued are dropped (their watches are due again at the next start)."""
        signals = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, self._request_stop) for sig in signals}
        try:
            self.turns.start()
            self.scheduler.start()
            if self.housekeeping is not None:  # alerts left pending, say by a crash, go out
                self.scheduler.add_job(
                    self._housekeeping,
                    IntervalTrigger(seconds=self.resync_seconds),
                    id=_HOUSEKEEPING,
                    next_run_time=self.now(),
                )
            self.sync()
            next_sync = time.monotonic() + self.resync_seconds
            # Wake up now and then: the kernel may hand SIGTERM to a scheduler thread, and
            # Python runs the handler only once the main thread executes code again. An
            # untimed wait could then sleep through the signal.
            while not self._stop_requested:
                time.sleep(_SIGNAL_POLL)
                if time.monotonic() >= next_sync and not self._stop_requested:
                    self.resync()
                    self._report_skipped()
                    next_sync = time.monotonic() + self.resync_seconds
            self.stopping.set()
        finally:
            dropped = self.turns.stop()
            if dropped:
                self.report(f"{dropped} due checks not begun are left for the next start")
            if self.scheduler.running:
                self.scheduler.shutdown(wait=True)
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def resync(self) -> None:
        """A later sync: a database busy past its timeout is tried again next time, not
        the end of `run`."""
        try:
            self.sync()
        except StorageError as error:
            self.report(f"watches not reloaded, trying again later: {error}")

    def _check(self, url: str) -> None:
        """A check the database could not take (locked past its timeout by a long
        `reparse`, a full disk) is said in one line; the watch runs again on schedule."""
        try:
            self.check(url)
        except PanelwatchError as error:
            self.report(f"{url}: not checked this time: {error}")

    def _due(self, url: str) -> None:
        """A watch's time has come: queue its check, unless its last is still on."""
        if not self.turns.submit(url) and not self._stop_requested:
            with self._skipped_lock:
                self._skipped += 1

    def _report_skipped(self) -> None:
        said = self._skips_said
        if said is not None and time.monotonic() - said < _SKIPS_SAID_EVERY:
            return
        with self._skipped_lock:
            skipped, self._skipped = self._skipped, 0
        if skipped:
            self._skips_said = time.monotonic()
            times = "once" if skipped == 1 else f"{skipped} times"
            self.report(
                f"{times} a watch came due while its last check had not ended (a host's"
                " spacing or a slow site holds checks up): those times were skipped, and"
                " each such watch runs again at its next time"
            )

    def _housekeeping(self) -> None:
        assert self.housekeeping is not None
        try:
            self.housekeeping()
        except PanelwatchError as error:
            self.report(f"alerts not sent this time: {error}")

    def _request_stop(self, signum: int, frame: FrameType | None) -> None:
        # Only a flag: the handler runs on the main thread between two bytecodes, maybe
        # while that thread holds a lock (an Event's, inside its own wait); taking the
        # same lock here would wait for ever, as Python's signal module warns.
        self._stop_requested = True
