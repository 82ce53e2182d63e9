"""The curated public API stays in step with __all__ (the httpx habit)."""

import logging

import fogmap


def test_all_names_exist_and_public_names_are_listed():
    for name in fogmap.__all__:
        assert hasattr(fogmap, name), name
    public = {n for n in dir(fogmap) if not n.startswith("_") and not isinstance(getattr(fogmap, n), type(fogmap))}
    public -= {"annotations", "logging"}
    assert public <= set(fogmap.__all__), public - set(fogmap.__all__)


def test_library_logs_nowhere_by_default():
    handlers = logging.getLogger("fogmap").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


def test_records_are_frozen():
    import dataclasses

    import pytest
    span = fogmap.Span("d", 0, 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 5
