from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from db import Store
from scraper.demo.server import DemoServer
from scraper.demo.site import DemoSite

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


@pytest.fixture(scope="session")
def seed_html() -> bytes:
    return (PAGES / "comparison" / "seed-soup.html").read_bytes()


@pytest.fixture(scope="session")
def replica_server() -> Iterator[DemoServer]:
    with DemoServer(DemoSite()) as server:
        yield server


@pytest.fixture
def replica(replica_server: DemoServer) -> Iterator[DemoServer]:
    """The replica site, reset for each test; a mistake inside it fails the test."""
    replica_server.site.reset()
    yield replica_server
    errors = list(replica_server.site.errors)
    replica_server.site.reset()
    if errors:
        raise errors[0]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "pw.db") as opened:
        yield opened
