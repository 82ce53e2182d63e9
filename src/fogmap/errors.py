"""One exception hierarchy for the whole package.

Messages say what was wrong and what would be valid, so a front end can print them as they are.
"""

from __future__ import annotations


class FogmapError(Exception):
    """Base of every error fogmap raises on purpose."""


class ConfigError(FogmapError):
    """A settings file or option has a wrong key or value."""


class InputError(FogmapError):
    """One input (file, record, line) cannot be ingested; the rest of the batch goes on."""

    def __init__(self, path: str, location: str | None, message: str) -> None:
        self.path = path
        self.location = location
        self.message = message
        where = f"{path}:{location}" if location else path
        super().__init__(f"{where}: {message}")


class StoreError(FogmapError):
    """The evidence store cannot be opened, migrated or written."""


class SchemaVersionError(StoreError):
    """The store was written by a newer fogmap than this one."""


class NotFoundError(FogmapError):
    """A document, event or other record asked for by id does not exist."""
