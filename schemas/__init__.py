"""Record types and errors shared by every layer of panelwatch."""

from schemas.errors import (
    AlertDeliveryError,
    ConfigError,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    PanelwatchError,
    ParseError,
    RobotsDisallowed,
    StorageError,
)
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

__all__ = [
    "PARSER_VERSION",
    "AlertDeliveryError",
    "CommunityVotes",
    "ComparisonPage",
    "ConfigError",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "PageRecord",
    "PanelVerdict",
    "PanelwatchError",
    "ParseError",
    "Pricing",
    "Review",
    "RobotsDisallowed",
    "StorageError",
    "Tool",
]
