"""Storage, history and diff queries over one SQLite file. The only place SQL lives."""

from db.diff import (
    TEXT_FIELDS,
    canonical_hash,
    canonical_json,
    diff_records,
    is_text_change,
    mark_words,
    whose,
    word_diff,
)
from db.history import (
    EXPORT_KINDS,
    REVIEWER_KINDS,
    ExportKind,
    change_feed,
    changes_between,
    export_rows,
    export_tool_rows,
    grouped_feed,
    page_versions,
    stored_record,
)
from db.store import DEFAULT_PATH, Store

__all__ = [
    "DEFAULT_PATH",
    "EXPORT_KINDS",
    "REVIEWER_KINDS",
    "TEXT_FIELDS",
    "ExportKind",
    "Store",
    "canonical_hash",
    "canonical_json",
    "change_feed",
    "changes_between",
    "diff_records",
    "export_rows",
    "export_tool_rows",
    "grouped_feed",
    "is_text_change",
    "mark_words",
    "page_versions",
    "stored_record",
    "whose",
    "word_diff",
]
