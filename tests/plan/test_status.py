"""Status and mitigations per (entry, binary) for hand-made settings, following godebug-semantics.md."""

from __future__ import annotations

from analyzer.model import MitigationKind, Status
from analyzer.plan.state import Source
from analyzer.plan.status import change_for
from tests.plan.conftest import ENTRIES, context, plan


def status(eid: str, p, ctx):  # type: ignore[no-untyped-def]
    c = change_for(ENTRIES[eid], ctx, p)
    return None if c is None else c.status


def test_kept_go_line_preserves_gated_settings_and_removal_is_not_preservable() -> None:
    p = plan("1.22.10", "1.27.3")
    ctx = context(p, "1.21.0")
    # httpmuxgo121 Changed 22 > go 1.21: old value both before and after, and 1.22 is not in the
    # bump (22, 27]: nothing to say
    assert status("httpmux", p, ctx) is None
    # asynctimerchan did not exist in 1.22 (old behavior) and is removed in 1.27 (new behavior)
    c = change_for(ENTRIES["asynctimer"], ctx, p)
    assert c is not None and c.status == Status.NOT_PRESERVABLE
    assert (c.before, c.after) == ("1", "0")
    assert "removed" in c.reason
    # tls10server: go 1.21 line pins the old value in 1.22; 1.27 removed it
    assert status("tls10", p, ctx) == Status.NOT_PRESERVABLE
    # urlstrictcolons: introduced in 1.26 with Changed 26; go 1.21 keeps the old value
    assert status("colons", p, ctx) == Status.PRESERVED
    # outside the window: gc pacer (1.18), ParseIP (1.17)
    assert status("gcpacer", p, ctx) is None
    assert status("parseip", p, ctx) is None


def test_go_line_at_the_change_has_nothing_to_say() -> None:
    p = plan("1.22.10", "1.24.11")
    ctx = context(p, "1.22.0")
    assert status("httpmux", p, ctx) is None  # 1.22 go line already has the new mux
    assert status("tls10", p, ctx) is None


def test_bumped_go_line_changes_gated_settings_with_mitigations_in_order() -> None:
    p = plan("1.22.10", "1.26.6", new_line="1.26.0")
    ctx = context(p, "1.21.0", "1.26.0")
    c = change_for(ENTRIES["httpmux"], ctx, p)
    assert c is not None and c.status == Status.CHANGED
    kinds = [m.kind for m in c.mitigations]
    assert kinds[0] == MitigationKind.GO_LINE
    assert kinds == sorted(kinds, key=list(MitigationKind).index)
    gomod = [m for m in c.mitigations if m.kind == MitigationKind.GODEBUG_GOMOD]
    assert gomod[0].edits[0].text == "godebug httpmuxgo121=1\n"
    assert gomod[0].edits[0].line == 4
    assert any("default=go1.21" in m.text for m in gomod)
    directive = [m for m in c.mitigations if m.kind == MitigationKind.GODEBUG_DIRECTIVE]
    assert directive[0].edits[0].file == "cmd/app/main.go"
    # httpmuxgo121 is read at package init: os.Setenv in main() is not offered
    assert MitigationKind.MAIN_DEFAULT not in kinds


def test_explicit_setting_is_mitigated_and_old_value_of_removed_setting_is_a_build_error() -> None:
    p = plan("1.23.9", "1.27.3")
    pinned = {"asynctimerchan": ("1", Source.GODEBUG_LINE, "go.mod:5")}
    ctx = context(p, "1.23.0", explicit=pinned)
    c = change_for(ENTRIES["asynctimer"], ctx, p)
    assert c is not None and c.status == Status.BUILD_ERROR
    assert "go.mod:5" in c.reason
    # not in the window (Changed 23 = go line, not removed by 1.26): the pin has nothing to keep
    p2 = plan("1.23.9", "1.26.6")
    assert change_for(ENTRIES["asynctimer"], context(p2, "1.23.0", explicit=pinned), p2) is None
    # a pin the bumped go line would otherwise undo
    p3 = plan("1.22.10", "1.26.6", new_line="1.26.0")
    mux = {"httpmuxgo121": ("1", Source.DIRECTIVE, "cmd/app/main.go:1")}
    c3 = change_for(ENTRIES["httpmux"], context(p3, "1.21.0", "1.26.0", explicit=mux), p3)
    assert c3 is not None and c3.status == Status.MITIGATED and "cmd/app/main.go:1" in c3.reason


def test_pre_121_bump_main_defaults_and_neutralizers() -> None:
    p = plan("1.17.13", "1.19.13")
    sha = {"x509sha1": ("1", Source.MAIN, "cmd/app/main.go:9")}
    gc = {"gcpacer": "cmd/app/main.go:12: debug.SetGCPercent"}
    ctx = context(p, "1.17", explicit=sha, main_neutralizers=gc)
    assert status("sha1", p, ctx) == Status.MITIGATED
    assert status("gcpacer", p, ctx) == Status.MITIGATED
    # execerrdot appears in 1.19 with the new default; the go line does not gate it
    c = change_for(ENTRIES["errdot"], ctx, p)
    assert c is not None and c.status == Status.CHANGED and "whatever the go line" in c.reason
    bare = context(p, "1.17")
    assert status("sha1", p, bare) == Status.CHANGED
    assert status("gcpacer", p, bare) == Status.NOT_PRESERVABLE
    assert status("parseip", p, bare) is None  # 1.17 is the from toolchain: not crossed


def test_main_setenv_of_a_removed_setting_no_longer_works() -> None:
    p = plan("1.22.10", "1.27.3")
    sha = {"x509sha1": ("1", Source.MAIN, "cmd/app/main.go:9")}
    c = change_for(ENTRIES["sha1"], context(p, "1.22.0", explicit=sha), p)
    assert c is not None and c.status == Status.NOT_PRESERVABLE
    assert "no longer has effect" in c.reason


def test_language_change_follows_each_module_go_line() -> None:
    p = plan("1.21.13", "1.27.3", new_line="1.27.0")
    ctx = context(p, "1.21.0", "1.27.0")
    c = change_for(ENTRIES["loopvar"], ctx, p)
    assert c is not None and c.status == Status.CHANGED and "example.com/m" in c.reason
    kept = plan("1.21.13", "1.27.3")
    assert status("loopvar", kept, context(kept, "1.21.0")) == Status.PRESERVED
