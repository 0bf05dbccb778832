"""kill -9 during ingest never leaves a partial version behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from db import Store

WRITER = """
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from db import Store
from schemas import ComparisonPage, FetchOutcome

base = ComparisonPage.model_validate_json(Path(sys.argv[2]).read_text())
url = "https://shiporskip.io/compare/a-vs-b"
t0 = datetime(2026, 11, 1, tzinfo=UTC)
with Store.open(sys.argv[1]) as store:
    print("ready", flush=True)
    for i in range(100000):
        data = base.model_dump(mode="json")
        for review in data["reviews"]:
            review["score"] = (review["score"] + i) % 101
        record = ComparisonPage.model_validate(data)
        fetch = FetchOutcome(url=url, fetched_at=t0 + timedelta(minutes=i), status=200)
        store.record_check(fetch, record=record, body=record.model_dump_json().encode())
"""


def test_kill_during_ingest_leaves_whole_versions(tmp_path: Path) -> None:
    seed = Path(__file__).parent / "fixtures" / "pages" / "comparison" / "seed-soup.json"
    path = tmp_path / "crash.db"
    root = Path(__file__).resolve().parents[1]
    for delay in (0.4, 0.9, 1.3):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(seed)],
            stdout=subprocess.PIPE,
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(root)},
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        with Store.open(path) as store:
            db = store.db
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            versions, record_hash = db.execute("SELECT versions, record_hash FROM pages").fetchone()
            snapshots = db.execute("SELECT COUNT(*), MAX(version) FROM snapshots").fetchone()
            assert snapshots == (versions, versions)
            last = db.execute(
                "SELECT record_hash FROM snapshots ORDER BY version DESC LIMIT 1"
            ).fetchone()
            assert last[0] == record_hash
            # every version has its fetch row, its change rows and its current reviews
            assert (
                db.execute("SELECT COUNT(DISTINCT version) FROM fetches").fetchone()[0] == versions
            )
            with_changes = db.execute("SELECT COUNT(DISTINCT to_version) FROM changes").fetchone()
            assert with_changes[0] == versions
            current = db.execute(
                "SELECT COUNT(*) FROM review_versions WHERE status = 'current'"
            ).fetchone()
            assert current[0] == 8
            assert versions > 0
