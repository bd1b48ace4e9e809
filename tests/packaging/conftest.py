"""Packaging tests: register the ``slow`` marker (``-m "not slow"`` skips them)."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds and installs the wheel (about 30 s); deselect with -m 'not slow'")
