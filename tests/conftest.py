"""Test-wide settings.

Hypothesis's default deadline (200 ms a case) fails tests on a loaded CI runner for no fault of the code;
the project's bound is one second a case (issue #10), so that is the default deadline here. Tests that
need other settings declare their own `@settings`.

Runs that name no --cache-dir use the user cache directory (platformdirs, XDG_CACHE_HOME on Linux); the
suite points it at a temporary directory of its own, so tests neither fill nor read the developer's
cache (subprocesses inherit it).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("godebug-audit", deadline=timedelta(seconds=1))
settings.load_profile("godebug-audit")


@pytest.fixture(autouse=True, scope="session")
def _private_user_cache() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="godebug-audit-test-cache-") as tmp:
        old = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = tmp
        try:
            yield Path(tmp)
        finally:
            if old is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = old
