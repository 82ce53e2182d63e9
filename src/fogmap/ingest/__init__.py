"""Ingest: paths in, a stream of SourceArticles and IngestFailures out; plus identity and fingerprints.

Reading is pure (no store, no NLP); the pipeline hashes, de-duplicates and extracts downstream.
"""

from .options import FIELDS, ReadOptions, parse_field_map
from .walk import read_paths

__all__ = ["FIELDS", "ReadOptions", "parse_field_map", "read_paths"]
