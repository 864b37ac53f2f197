"""Autofix with a proof: the planner's GODEBUG-fixable changes turned into edits, applied in memory, and
checked with the GODEBUG model (and optionally the real `go list`) on the edited tree.

Pipeline: `run.plan_fix` (planner contexts and changes) -> `strategies.choose` (which Edits) ->
`edits.apply_edits` (text) -> `overlay.edited_repo` (the edited tree re-discovered in memory) ->
`proof.prove_binary` (old toolchain before vs new toolchain after) -> `verify.verify` (go list).
"""

from __future__ import annotations

from analyzer.fix.edits import add_directives, add_godebug, apply_edits, remove_setting, set_go_line
from analyzer.fix.proof import BinaryProof, Outcome, Proof, SettingProof
from analyzer.fix.strategies import Choice, Pin, Strategy, Unfixed, choose

__all__ = [
    "BinaryProof",
    "Choice",
    "Outcome",
    "Pin",
    "Proof",
    "SettingProof",
    "Strategy",
    "Unfixed",
    "add_directives",
    "add_godebug",
    "apply_edits",
    "choose",
    "remove_setting",
    "set_go_line",
]
