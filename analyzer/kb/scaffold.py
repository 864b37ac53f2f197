"""`kb new`: the skeleton of a new entry and its fixture directory."""

from __future__ import annotations

import re

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
PLACEHOLDER = "TODO"


def entry_skeleton(entry_id: str) -> str:
    """A schema-valid entry whose TODO placeholders `kb validate` rejects until they are filled in."""
    return f"""\
id: {entry_id}
title: "{PLACEHOLDER}: what the new behavior is, in one line"
go: "1.0"
kind: library
severity: medium
summary: >-
  {PLACEHOLDER}: what changed, for whom, and what the old behavior was.
# godebug:            # when a GODEBUG setting controls it (tools/gen_settings.py writes this block)
# affects:
#   - package: net/http
#     symbol: ServeMux.Handle
# mitigations:        # least visible first: go-line, godebug-gomod, godebug-directive, main-default, ...
references:
  - https://go.dev/doc/{PLACEHOLDER}
"""


def fixture_skeleton(entry_id: str) -> str:
    """A fixture main.go that compiles and shows where the markers go."""
    return f"""\
// Fixture for {entry_id}: real uses of its APIs, each line marked
// `// want {entry_id}` (must be reported) or `// ok {entry_id}` (must not: aliased or
// shadowed names, neutralized or unaffected uses); `// todo-want {entry_id}` for known misses.
package main

func main() {{}}
"""
