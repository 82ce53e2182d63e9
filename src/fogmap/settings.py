"""One frozen settings record; defaults ship as settings.toml beside this module.

A user file overrides only the keys it sets (trafilatura's settings.cfg habit); unknown keys are an
error, so a typo never silently falls back to a default.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

CONFIG_ENV = "FOGMAP_CONFIG"


@dataclass(frozen=True)
class IngestSettings:
    max_file_bytes: int
    max_record_bytes: int
    batch_size: int


@dataclass(frozen=True)
class DedupSettings:
    near_duplicates: bool
    threshold: float
    shingle_words: int
    bands: int
    rows: int
    min_words: int


@dataclass(frozen=True)
class ExtractSettings:
    model: str
    workers: int
    docs_per_task: int
    places: bool = True  # geoparse every document (place mentions, event locations)


@dataclass(frozen=True)
class ActorSettings:
    # The user's own actor files, read after the shipped ones: an id a file names replaces the shipped
    # actor of that id, and a later file wins over an earlier one.
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceSettings:
    # The user's source grade files (source, reliability A-F, note): a source no file grades is F,
    # "cannot be judged"; a later file wins over an earlier one.
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    ingest: IngestSettings
    dedup: DedupSettings
    extract: ExtractSettings
    actors: ActorSettings = ActorSettings()
    sources: SourceSettings = SourceSettings()

    def with_overrides(self, **sections: dict[str, Any]) -> Settings:
        """Return a copy with some keys changed, e.g. ``with_overrides(extract={"workers": 2})``."""
        return _merge(self, sections, origin="overrides")


_SECTIONS = {"ingest": IngestSettings, "dedup": DedupSettings, "extract": ExtractSettings, "actors": ActorSettings,
             "sources": SourceSettings}


def _coerce(section: str, key: str, value: Any, expected: Any) -> Any:
    kind = type(expected)
    if kind is tuple:  # a TOML array of strings; a tuple keeps the settings record hashable
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"[{section}] {key} must be a list of strings, got {value!r}")
        return tuple(value)
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"[{section}] {key} must be {kind.__name__}, got {value!r}")
    if kind in (int, float) and value < 0:
        raise ConfigError(f"[{section}] {key} must not be negative, got {value!r}")
    return value


def _merge(base: Settings, data: dict[str, Any], origin: str) -> Settings:
    updated = {}
    for section, values in data.items():
        if section not in _SECTIONS:
            raise ConfigError(f"{origin}: unknown section [{section}]; valid: {', '.join(_SECTIONS)}")
        current = getattr(base, section)
        names = {f.name for f in fields(current)}
        changes = {}
        for key, value in values.items():
            if key not in names:
                raise ConfigError(f"{origin}: unknown key [{section}] {key}; valid: {', '.join(sorted(names))}")
            changes[key] = _coerce(section, key, value, getattr(current, key))
        updated[section] = replace(current, **changes)
    return replace(base, **updated)


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from exc


def default_settings() -> Settings:
    text = resources.files("fogmap").joinpath("settings.toml").read_text(encoding="utf-8")
    data = _read_toml(text, "settings.toml")
    return Settings(**{name: cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in data[name].items()})
                       for name, cls in _SECTIONS.items()})


def _beside(data: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Files a settings file names (actor files, source grades) are relative to that file's folder,
    wherever fogmap runs from."""
    for name in ("actors", "sources"):
        section = data.get(name)
        files = section.get("files") if isinstance(section, dict) else None
        if not isinstance(files, list):
            continue  # absent, or of the wrong type: _coerce says so
        rebased = [str(folder / f) if isinstance(f, str) and not Path(f).is_absolute() else f for f in files]
        data = {**data, name: {**data[name], "files": rebased}}
    return data


def load_settings(path: str | Path | None = None, *, actor_files: Iterable[str | Path] = ()) -> Settings:
    """Defaults, then the user file named by ``path`` or by $FOGMAP_CONFIG, if any; ``actor_files`` (the
    command line's ``--actors``) come after the settings file's, so they win where both name an id."""
    settings = default_settings()
    path = path or os.environ.get(CONFIG_ENV)
    if path:
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"{file}: cannot read settings file: {exc.strerror}") from exc
        settings = _merge(settings, _beside(_read_toml(text, str(file)), file.parent), origin=str(file))
    extra = [str(f) for f in actor_files]
    return settings.with_overrides(actors={"files": [*settings.actors.files, *extra]}) if extra else settings
