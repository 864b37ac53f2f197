"""Matching: which scanned uses touch a KB entry's APIs; conditions and neutralizers decide each one."""

from analyzer.match.matcher import match_entry, match_loop_vars, match_uses, targets, use_index

__all__ = ["match_entry", "match_loop_vars", "match_uses", "targets", "use_index"]
