"""The GODEBUG model: the default GODEBUG string cmd/go compiles into each binary, with provenance.

Public API: `GodebugInputs`, `ModuleGoLine`, `effective_godebug(inputs, toolchain, table)`,
`inputs_for(repo, package, test=False)`, `binaries(repo, test=False)`, `package_units`,
`directive_diagnostics` (a build's checks of any package's //go:debug lines), `library_diagnostics`,
`toolchain_value`, `resolve_toolchain("1.27")`, `check_godebug`, `go_line_defaults`, `toolchain_default`,
`old_values`, `table_of(settings)`, `MODELLED`.
"""

from __future__ import annotations

from analyzer.godebug.compute import (
    GodebugInputs,
    ModuleGoLine,
    directive_diagnostics,
    effective_godebug,
    toolchain_value,
)
from analyzer.godebug.inputs import binaries, inputs_for, library_diagnostics, package_units
from analyzer.godebug.rules import (
    MODELLED,
    check_godebug,
    go_line_defaults,
    old_values,
    resolve_toolchain,
    table_of,
    toolchain_default,
)

__all__ = [
    "MODELLED",
    "GodebugInputs",
    "ModuleGoLine",
    "binaries",
    "check_godebug",
    "directive_diagnostics",
    "effective_godebug",
    "go_line_defaults",
    "inputs_for",
    "library_diagnostics",
    "old_values",
    "package_units",
    "resolve_toolchain",
    "table_of",
    "toolchain_default",
    "toolchain_value",
]
