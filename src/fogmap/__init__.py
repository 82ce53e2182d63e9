"""fogmap: sourced, geocoded, time-aware records of armed conflict from news text.

    >>> import fogmap
    >>> with fogmap.open("demo.duckdb") as ws:
    ...     report = ws.ingest(["corpus/wikinews/wikinews.jsonl"])
    ...     rows = ws.events(country="SY", since=datetime.date(2019, 10, 1))
"""

from __future__ import annotations

import logging

from .api import Workspace, open
from .errors import ConfigError, FogmapError, InputError, NotFoundError, SchemaVersionError, StoreError
from .records import (
    Actor,
    Aside,
    Claim,
    ControlAssertion,
    Document,
    DocumentExtraction,
    EntityMention,
    Event,
    EventCandidate,
    Evidence,
    Hypothesis,
    IngestFailure,
    IngestReport,
    Place,
    PlaceMention,
    Relation,
    Sentence,
    SourceArticle,
    Span,
)
from .settings import Settings, default_settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Actor", "Aside", "Claim", "ConfigError", "ControlAssertion", "Document", "DocumentExtraction",
    "EntityMention", "Event", "EventCandidate", "Evidence", "FogmapError", "Hypothesis", "IngestFailure",
    "IngestReport", "InputError", "NotFoundError", "Place", "PlaceMention", "Relation", "SchemaVersionError",
    "Sentence", "Settings", "SourceArticle", "Span", "StoreError", "Workspace", "__version__",
    "default_settings", "load_settings", "open",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
