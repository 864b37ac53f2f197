"""Strategy choice over hand-made planner contexts: the shared-go.mod rule, the //go:debug fallback, and
the correction pass that pins back what a `default=` line moves."""

from __future__ import annotations

from analyzer.fix.proof import BinaryProof, Outcome, Proof, SettingProof
from analyzer.fix.run import corrections
from analyzer.fix.strategies import BinaryPlan, Strategy, choose
from analyzer.model import Binary, Change, Edit, GodebugSetting, Mitigation, MitigationKind, Plan, Status
from analyzer.plan.context import Anchors, Context
from analyzer.plan.state import BuildState, Source, Value
from analyzer.versions import GoVersion

PLAN = Plan(GoVersion(24, 11), GoVersion(27, 3))


def _bp(d: str, needs: dict[str, str], directive: dict[str, str] | None = None) -> BinaryPlan:
    main = f"{d}/main.go"
    after = {k: Value(v, Source.DIRECTIVE, f"{main}:1") for k, v in (directive or {}).items()}
    ctx = Context(
        Binary(d, f"example.com/m/{d}", "example.com/m"),
        BuildState(PLAN.from_toolchain, GoVersion(24, 0)),
        BuildState(PLAN.to_toolchain, GoVersion(24, 0), after),
        anchors=Anchors("go.mod", 5, False, "go.mod", 3, main, 1),
    )
    changes = {
        k: Change(
            k,
            d,
            Status.CHANGED,
            f"{k} flips",
            k,
            v,
            "1",
            (
                Mitigation(
                    MitigationKind.GODEBUG_GOMOD,
                    "",
                    (Edit("go.mod", "go-mod-godebug", f"godebug {k}={v}\n", 5),),
                ),
                Mitigation(
                    MitigationKind.GODEBUG_DIRECTIVE,
                    "",
                    (Edit(main, "go-debug-directive", f"//go:debug {k}={v}\n", 1),),
                ),
            ),
        )
        for k, v in needs.items()
    }
    return BinaryPlan("linux", ctx, changes)


def test_a_go_mod_line_when_every_binary_reading_it_needs_the_same_value() -> None:
    c = choose(Strategy.AUTO, PLAN, [_bp("a", {"x": "0"}), _bp("b", {"x": "0"})], {})
    assert [(p.setting, p.kind, p.file, p.binaries) for p in c.pins] == [
        ("x", MitigationKind.GODEBUG_GOMOD, "go.mod", ("a", "b"))
    ]
    assert c.edits == (Edit("go.mod", "go-mod-godebug", "godebug x=0\n", 5),)


def test_directive_fallback_when_a_binary_sharing_the_go_mod_does_not_need_it() -> None:
    c = choose(Strategy.GODEBUG, PLAN, [_bp("a", {"x": "0"}), _bp("b", {})], {})
    assert [(p.kind, p.file) for p in c.pins] == [(MitigationKind.GODEBUG_DIRECTIVE, "a/main.go")]
    assert any("b" in n for n in c.notes)


def test_a_binary_pinning_the_key_itself_tolerates_the_go_mod_line() -> None:
    c = choose(Strategy.GODEBUG, PLAN, [_bp("a", {"x": "0"}), _bp("b", {}, directive={"x": "1"})], {})
    assert [(p.kind, p.binaries) for p in c.pins] == [(MitigationKind.GODEBUG_GOMOD, ("a",))]


def test_different_old_values_fall_back_to_directives() -> None:
    c = choose(Strategy.AUTO, PLAN, [_bp("a", {"x": "0"}), _bp("b", {"x": "2"})], {})
    assert sorted((p.kind, p.file, p.value) for p in c.pins) == [
        (MitigationKind.GODEBUG_DIRECTIVE, "a/main.go", "0"),
        (MitigationKind.GODEBUG_DIRECTIVE, "b/main.go", "2"),
    ]


def test_go_debug_strategy_touches_only_binaries_that_need_it() -> None:
    c = choose(Strategy.GO_DEBUG, PLAN, [_bp("a", {"x": "0"}), _bp("b", {})], {})
    assert {e.file for e in c.edits} == {"a/main.go"}


def test_corrections_pin_back_what_the_fix_moved() -> None:
    s = GodebugSetting("y", "net/http", "1", "0", 26, (GoVersion(26),))
    row = SettingProof("y", "0", "0", "1", Outcome.MOVED, "go-line")
    proof = Proof(
        PLAN.from_toolchain,
        PLAN.to_toolchain,
        tuple(BinaryProof(d, "linux", "", "", "", (row,)) for d in ("a", "b")),
    )
    pins = corrections(proof, [_bp("a", {}), _bp("b", {})], {"y": s}, PLAN.to_toolchain)
    assert [(p.setting, p.value, p.file, p.binaries) for p in pins] == [("y", "0", "go.mod", ("a", "b"))]
    assert not proof.ok
