"""Raw page bodies: content-addressed, each kept whole (zlib) or as a patch (zstd)
against an earlier whole body of the same page.

Real pages carry noise that differs on every response (a CSP nonce, a request id, a
render time), so a page that says the same thing arrives as new bytes at each check.
Kept whole, each such re-check cost about 8 KB; as a patch against the page's base,
a few dozen bytes. The bytes are kept, not just what the parser reads today, so that
`reparse` after a parser fix sees every body as it came.

A patch's base is always a whole body: reading any body takes at most two
decompressions, and every body read back is checked against its SHA-256.
"""

from __future__ import annotations

import hashlib
import zlib
from datetime import datetime

import zstandard
from sqlite_utils import Database

from db.timestamps import to_text
from schemas import StorageError

# A patch larger than this share of the body is not worth it (the page has drifted far
# from its base, or never had one): the body is kept whole and is the page's new base.
PATCH_SHARE = 1 / 16


def store_raw(
    db: Database, path: str, body: bytes, seen: datetime, base_id: int | None
) -> tuple[int, bool]:
    """Keep ``body`` (once: identical bodies share a row); patched against ``base_id``
    where that pays. Returns (raw id, whether the row is a whole body: a new base)."""
    digest = hashlib.sha256(body).hexdigest()
    row = db.execute("SELECT id FROM raw_pages WHERE sha256 = ?", [digest]).fetchone()
    if row is not None:
        return int(row[0]), False
    base = _readable_base(db, path, base_id)
    if base is not None:
        patch = _compressor(base).compress(body)
        if len(patch) <= len(body) * PATCH_SHARE:
            cursor = db.execute(
                "INSERT INTO raw_pages (sha256, size, body_zlib, base_id, patch, first_seen)"
                " VALUES (?, ?, X'', ?, ?, ?)",
                [digest, len(body), base_id, patch, to_text(seen)],
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid, False
    cursor = db.execute(
        "INSERT INTO raw_pages (sha256, size, body_zlib, first_seen) VALUES (?, ?, ?, ?)",
        # level 1 keeps most of level 6's saving at a third of its time
        [digest, len(body), zlib.compress(body, 1), to_text(seen)],
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid, True


def read_raw(db: Database, path: str, raw_id: int) -> bytes:
    """A stored body, as it was fetched."""
    row = db.execute("SELECT sha256, base_id, patch FROM raw_pages WHERE id = ?", [raw_id])
    found = row.fetchone()
    if found is None:
        raise _unreadable(path, raw_id, "no such row")
    digest, base_id, patch = found
    if base_id is None:
        body = _whole_body(db, path, raw_id)
    else:
        base = _whole_body(db, path, base_id)
        try:
            body = _decompressor(base).decompress(patch)
        except zstandard.ZstdError as error:
            raise _unreadable(path, raw_id, f"corrupt ({error})") from None
    if hashlib.sha256(body).hexdigest() != digest:
        raise _unreadable(path, raw_id, "its bytes fail their SHA-256")
    return body


def _readable_base(db: Database, path: str, base_id: int | None) -> bytes | None:
    """The page's base body, or None where it has none or it cannot be read back (then
    the new body is kept whole and becomes the base: a damaged row stops no check)."""
    if base_id is None:
        return None
    try:
        return _whole_body(db, path, base_id)
    except StorageError:
        return None


def _whole_body(db: Database, path: str, raw_id: int) -> bytes:
    row = db.execute(
        "SELECT body_zlib FROM raw_pages WHERE id = ? AND base_id IS NULL", [raw_id]
    ).fetchone()
    if row is None:
        raise _unreadable(path, raw_id, "expected a whole body")
    try:
        return zlib.decompress(row[0])
    except zlib.error as error:
        raise _unreadable(path, raw_id, f"corrupt ({error})") from None


def _unreadable(path: str, raw_id: int, why: str) -> StorageError:
    return StorageError(path, f"reading raw page {raw_id}", why)


def _dictionary(base: bytes) -> zstandard.ZstdCompressionDict:
    # The base's bytes as they are ("raw content"), not a trained dictionary: zstd's
    # patch-from use, where matches against the base cost a few bytes each.
    return zstandard.ZstdCompressionDict(base, dict_type=zstandard.DICT_TYPE_RAWCONTENT)


def _compressor(base: bytes) -> zstandard.ZstdCompressor:
    # Level 1: a patch of a 19 KB page in 0.04 ms (level 3 takes 0.26 ms), as small.
    return zstandard.ZstdCompressor(level=1, dict_data=_dictionary(base))


def _decompressor(base: bytes) -> zstandard.ZstdDecompressor:
    return zstandard.ZstdDecompressor(dict_data=_dictionary(base))
