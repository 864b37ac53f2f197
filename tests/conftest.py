"""Test-wide settings.

Hypothesis's default deadline (200 ms a case) fails tests on a loaded CI runner for no fault of the code;
the project's bound is one second a case (issue #10), so that is the default deadline here. Tests that
need other settings declare their own `@settings`.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import settings

settings.register_profile("godebug-audit", deadline=timedelta(seconds=1))
settings.load_profile("godebug-audit")
