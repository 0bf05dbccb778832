"""Record types and errors shared by every layer of panelwatch."""

from schemas.alerts import (
    DEFAULT_ALERT_KINDS,
    Alert,
    AlertPayload,
    AlertRule,
    AlertStatus,
    DiffPiece,
)
from schemas.changes import CHANGE_KINDS, ChangeKind, FieldChange, StoredChange
from schemas.errors import (
    AlertDeliveryError,
    ConfigError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    PanelwatchError,
    ParseError,
    RobotsDisallowed,
    RobotsUnreachable,
    StorageError,
)
from schemas.observations import CheckResult, FetchOutcome, Outcome, PageVersion
from schemas.records import (
    PARSER_VERSION,
    CommunityVotes,
    ComparisonPage,
    PageRecord,
    PanelVerdict,
    Pricing,
    Review,
    Tool,
)
from schemas.watches import RoundReport, Watch

__all__ = [
    "CHANGE_KINDS",
    "DEFAULT_ALERT_KINDS",
    "PARSER_VERSION",
    "Alert",
    "AlertDeliveryError",
    "AlertPayload",
    "AlertRule",
    "AlertStatus",
    "ChangeKind",
    "CheckResult",
    "CommunityVotes",
    "ComparisonPage",
    "ConfigError",
    "DiffPiece",
    "FetchError",
    "FetchOutcome",
    "FetchTimeout",
    "FieldChange",
    "HTTPStatusError",
    "Outcome",
    "PageRecord",
    "PageVersion",
    "PanelVerdict",
    "PanelwatchError",
    "ParseError",
    "Pricing",
    "Review",
    "RobotsDisallowed",
    "RobotsUnreachable",
    "RoundReport",
    "StorageError",
    "StoredChange",
    "Tool",
    "Watch",
]
