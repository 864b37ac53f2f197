"""What the planner knows about one build context: a binary (or a module's tests) before and after."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from analyzer.model import Binary
from analyzer.plan.anchors import DirectivePlace
from analyzer.plan.state import BuildState
from analyzer.versions import GoVersion


@dataclass(frozen=True)
class Anchors:
    """Where machine-applicable edits go for this context (lines are 1-based)."""

    godebug_file: str = "go.mod"  # go.mod of the main module, or go.work in workspace mode
    godebug_line: int | None = None  # insert a `godebug k=v` line before this line
    godebug_block: bool = False  # the file has a `godebug (` block; godebug_line is its `)`
    go_line_file: str = "go.mod"
    go_line: int | None = None  # the line of the `go` directive
    main_file: str | None = None  # file of package main holding func main (or the first file)
    package_line: int | None = None  # line of its package clause (a //go:debug goes before it)
    main_body_line: int | None = None  # first line inside func main
    directive_place: DirectivePlace | None = None  # where a new //go:debug line goes in main_file
    # key -> (line, text) of the //go:debug lines main_file has
    main_directives: Mapping[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """One binary (or a module's test binaries) under the plan's two toolchains."""

    binary: Binary
    before: BuildState
    after: BuildState
    go_line_before: GoVersion | None = None  # main module / workspace go line
    go_line_after: GoVersion | None = None
    # module path -> (go line before, after), for every module whose code the binary contains
    module_go_lines: Mapping[str, tuple[GoVersion | None, GoVersion | None]] = field(default_factory=dict)
    # entry id -> where main() neutralizes a binary-wide change (`cmd/x/main.go:12: debug.SetGCPercent`)
    main_neutralizers: Mapping[str, str] = field(default_factory=dict)
    goos: tuple[str, ...] = ("linux",)
    anchors: Anchors = field(default_factory=Anchors)
    is_test: bool = False  # a module's test binaries, not a shipped binary
