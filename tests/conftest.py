"""Suite-wide set-up: Qt runs offscreen (set before anything imports Qt), and every message
shown to a user is recorded (:mod:`tests.message_audit`) for the audit that runs last."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests import message_audit
from tests.sample_store import sample_store_copy

message_audit.install()

AUDIT = "test_no_message_the_suite_made_shows_python_internals"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The audit of every recorded message runs after all the other tests."""
    items.sort(key=lambda item: item.name == AUDIT)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A writable copy of the bundled sample store under ``tmp_path`` (the sample itself is never
    written); tests/store gives it its damage helpers (``StoreCopy``)."""
    return sample_store_copy(tmp_path)
