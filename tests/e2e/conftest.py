"""Golden end-to-end tests: `--update-golden` (with `pytest tests/e2e`) or GODEBUG_AUDIT_UPDATE_GOLDEN=1."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/e2e/golden from the output")
