"""panelwatch's own exceptions: raised where the problem is known, reported once by the CLI.

::

    PanelwatchError
    ├─ ConfigError              file/key, problem
    ├─ FetchError               url, attempt, cause
    │  ├─ FetchTimeout
    │  ├─ HTTPStatusError       status, retry_after
    │  ├─ RobotsDisallowed      the site's robots.txt says no
    │  └─ RobotsUnreachable     its robots.txt could not be had: nothing may be fetched
    ├─ ParseError               url, field path, expected, found
    ├─ StorageError             db path, operation
    └─ AlertDeliveryError       channel, status
"""

from __future__ import annotations


class PanelwatchError(Exception):
    """Base of every error panelwatch raises on purpose."""


class ConfigError(PanelwatchError):
    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


class FetchError(PanelwatchError):
    def __init__(self, url: str, message: str, *, attempt: int = 1) -> None:
        self.url = url
        self.attempt = attempt
        super().__init__(f"{url}: {message}")


class FetchTimeout(FetchError):
    pass


class HTTPStatusError(FetchError):
    def __init__(
        self, url: str, status: int, *, retry_after: float | None = None, attempt: int = 1
    ) -> None:
        self.status = status
        self.retry_after = retry_after
        super().__init__(url, f"HTTP {status}", attempt=attempt)


class RobotsDisallowed(FetchError):
    pass


class RobotsUnreachable(FetchError):
    """The site's robots.txt could not be had (5xx, no answer). RFC 9309 says to assume
    everything disallowed meanwhile; unlike a disallow, this is a failure of the check."""


class ParseError(PanelwatchError):
    """A page is not what its parser expects; no partial record is ever returned."""

    def __init__(
        self,
        url: str | None,
        field: str,
        expected: str,
        found: str | None = None,
    ) -> None:
        self.url = url
        self.field = field
        self.expected = expected
        self.found = found
        where = url or "<page>"
        message = f"{where}: {field}: expected {expected}"
        if found is not None:
            shown = found if len(found) <= 80 else found[:77] + "..."
            message += f", found {shown!r}"
        super().__init__(message)


class StorageError(PanelwatchError):
    def __init__(self, path: str, operation: str, cause: str) -> None:
        self.path = path
        self.operation = operation
        super().__init__(f"{path}: {operation} failed: {cause}")


class AlertDeliveryError(PanelwatchError):
    def __init__(self, channel: str, message: str, *, status: int | None = None) -> None:
        self.channel = channel
        self.status = status
        super().__init__(f"{channel}: {message}")
