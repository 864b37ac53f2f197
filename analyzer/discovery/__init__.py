"""Discovery: modules, workspace and build-selected packages of a tree, read as the go command reads them.

Public API: `discover` (a Repo for one GOOS/GOARCH, problems collected), the strict parsers
`parse_gomod`, `parse_gowork`, `parse_modules_txt`, `parse_header` (raise InputError / HeaderError with a
line), and the build-constraint helpers `BuildContext`, `parse_expr`, `evaluate`, `good_os_arch_file`.
"""

from __future__ import annotations

from analyzer.discovery.constraints import (
    KNOWN_ARCH,
    KNOWN_OS,
    BuildContext,
    ConstraintError,
    evaluate,
    good_os_arch_file,
    parse_expr,
    parse_plus_build,
)
from analyzer.discovery.header import Header, HeaderError, parse_go_debug, parse_header
from analyzer.discovery.modfile import parse_gomod, parse_gowork, parse_modules_txt
from analyzer.discovery.walk import discover

__all__ = [
    "KNOWN_ARCH",
    "KNOWN_OS",
    "BuildContext",
    "ConstraintError",
    "Header",
    "HeaderError",
    "discover",
    "evaluate",
    "good_os_arch_file",
    "parse_expr",
    "parse_go_debug",
    "parse_gomod",
    "parse_gowork",
    "parse_header",
    "parse_modules_txt",
    "parse_plus_build",
]
