"""Each package declares its public surface; nothing reaches into another's private modules."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["schemas", "parsers", "db", "scraper"]
# Imports point one way: schemas <- parsers, schemas <- db, everything <- scraper.
ALLOWED = {
    "schemas": set(),
    "parsers": {"schemas"},
    "db": {"schemas"},
    "scraper": {"schemas", "parsers", "db"},
}


def imports_of(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_all_names_exist(package: str) -> None:
    module = importlib.import_module(package)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{package} has no __all__"
    for name in exported:
        assert hasattr(module, name), f"{package}.{name}"


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_point_one_way_and_skip_private_modules(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in PACKAGES and top != package:
                assert top in ALLOWED[package], f"{path.relative_to(ROOT)} imports {name}"
                parts = name.split(".")
                assert not any(p.startswith("_") for p in parts[1:]), (
                    f"{path.relative_to(ROOT)} imports private {name}"
                )


def test_parsers_do_no_io() -> None:
    banned = {"httpx", "sqlite3", "sqlite_utils", "socket", "time", "datetime"}
    for path in (ROOT / "parsers").rglob("*.py"):
        assert not banned & {n.split(".")[0] for n in imports_of(path)}, path


def test_commands_that_fetch_nothing_start_without_the_fetching_stack() -> None:
    """Loading the CLI loaded httpx, aiohttp, asyncio's event loop machinery and the
    page parsers for every command, `list` and `history` too: a third of their start."""
    heavy = ["httpx", "aiohttp", "scraper.fetch", "scraper.pipeline", "parsers.compare"]
    code = f"import sys, scraper.cli; print([m for m in {heavy!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
