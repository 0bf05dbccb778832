from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = FIXTURES / "pages"


@pytest.fixture(scope="session")
def seed_html() -> bytes:
    return (PAGES / "comparison" / "seed-soup.html").read_bytes()
