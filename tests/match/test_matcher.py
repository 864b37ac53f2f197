"""The matcher over hand-made entries and uses: touches, conditions, neutralizer scopes, platforms, order."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from analyzer.match import match_uses, targets
from analyzer.model import (
    Api,
    Condition,
    Effect,
    Entry,
    Kind,
    Neutralizer,
    Severity,
    Touch,
    Use,
    UseKind,
)
from analyzer.versions import GoVersion

PARSE_IP = Api(
    "net",
    "ParseIP",
    (Touch.CALL,),
    (
        Condition("arg-constant", Effect.CERTAIN, arg=0, matches=r"(^|\.)0[0-9]"),
        Condition("arg-constant", Effect.UNAFFECTED, arg=0),
        Condition("arg-nonconstant", Effect.POSSIBLE, arg=0),
    ),
)


def entry(id: str = "parseip", **kw: object) -> Entry:
    base = Entry(
        id,
        "t",
        GoVersion(17),
        Kind.LIBRARY,
        Severity.HIGH,
        "s",
        affects=(PARSE_IP,),
        neutralizers=(Neutralizer("k8s.io/utils/net", "ParseIPSloppy", "function"),),
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def use(symbol: str = "ParseIP", package: str = "net", **kw: object) -> Use:
    base = Use("a/a.go", 10, 5, package, symbol, UseKind.CALL, pkg_dir="a", function="f")
    return replace(base, **kw)  # type: ignore[arg-type]


def effects(matches: object) -> list[tuple[str, int, Effect]]:
    return [(m.entry, m.use.line, m.effect) for m in matches]  # type: ignore[attr-defined]


def test_targets_lists_affects_and_neutralizers() -> None:
    assert targets([entry()]) == {("net", "ParseIP"), ("k8s.io/utils/net", "ParseIPSloppy")}
    assert targets([]) == frozenset()


def test_conditions_first_that_holds_wins() -> None:
    uses = [
        use(line=1, args=("010.0.0.1",)),
        use(line=2, args=("10.0.0.1",)),
        use(line=3, args=(None,)),
        use(line=4, args=("1.2.3.04",)),
    ]
    got = effects(match_uses([entry()], uses))
    assert got == [
        ("parseip", 1, Effect.CERTAIN),
        ("parseip", 2, Effect.UNAFFECTED),
        ("parseip", 3, Effect.POSSIBLE),
        ("parseip", 4, Effect.CERTAIN),
    ]


def test_no_conditions_is_certain_and_undecided_is_possible() -> None:
    plain = entry(affects=(Api("net", "ParseIP"),))
    assert effects(match_uses([plain], [use(args=(None,))])) == [("parseip", 10, Effect.CERTAIN)]
    # a reference to ParseIP (no arguments): conditions on arguments cannot decide it
    ref_api = replace(PARSE_IP, touch=(Touch.CALL, Touch.REF))
    m = match_uses([entry(affects=(ref_api,))], [use(kind=UseKind.REF)])
    assert effects(m) == [("parseip", 10, Effect.POSSIBLE)]


def test_api_default_effect() -> None:
    possible = entry(affects=(Api("net", "ParseIP", effect=Effect.POSSIBLE),))
    assert effects(match_uses([possible], [use(args=(None,))])) == [("parseip", 10, Effect.POSSIBLE)]
    # a condition that holds still wins over the default
    mixed = replace(PARSE_IP, effect=Effect.UNAFFECTED, conditions=PARSE_IP.conditions[:1])
    got = match_uses([entry(affects=(mixed,))], [use(line=1, args=("01.1.1.1",)), use(line=2, args=(None,))])
    assert effects(got) == [("parseip", 1, Effect.CERTAIN), ("parseip", 2, Effect.UNAFFECTED)]


def test_touch_kind_must_fit() -> None:
    server = Api("net/http", "Server", (Touch.COMPOSITE,))
    e = entry(affects=(server,), neutralizers=())
    uses = [
        use("Server", "net/http", line=1, kind=UseKind.COMPOSITE),
        use("Server", "net/http", line=2, kind=UseKind.REF),
    ]
    assert effects(match_uses([e], uses)) == [("parseip", 1, Effect.CERTAIN)]
    field = Api("crypto/tls", "Config.MinVersion", (Touch.FIELD_READ,))
    e2 = entry(affects=(field,), neutralizers=())
    uses2 = [
        use("Config.MinVersion", "crypto/tls", line=1, kind=UseKind.FIELD, write=False),
        use("Config.MinVersion", "crypto/tls", line=2, kind=UseKind.FIELD, write=True),
    ]
    assert effects(match_uses([e2], uses2)) == [("parseip", 1, Effect.CERTAIN)]


def test_literal_conditions() -> None:
    cfg = Api(
        "crypto/tls",
        "Config",
        (Touch.COMPOSITE,),
        (
            Condition("literal-with-field", Effect.UNAFFECTED, field="MinVersion"),
            Condition("literal-without-field", Effect.CERTAIN, field="MinVersion"),
        ),
    )
    e = entry(affects=(cfg,), neutralizers=())
    uses = [
        use("Config", "crypto/tls", line=1, kind=UseKind.COMPOSITE, literal_keys=("MinVersion",)),
        use("Config", "crypto/tls", line=2, kind=UseKind.COMPOSITE, literal_keys=("ServerName",)),
    ]
    assert effects(match_uses([e], uses)) == [
        ("parseip", 1, Effect.UNAFFECTED),
        ("parseip", 2, Effect.CERTAIN),
    ]


def test_neutralizer_function_scope() -> None:
    target = use(args=(None,))
    same_fn = use("ParseIPSloppy", "k8s.io/utils/net", line=12, args=(None,))
    other_fn = replace(same_fn, function="g")
    other_file = replace(same_fn, file="a/b.go")
    e = entry()
    [m] = match_uses([e], [target, same_fn])
    assert m.effect == Effect.NEUTRALIZED
    assert "net.ParseIPSloppy at a/a.go:12" in m.reason
    assert effects(match_uses([e], [target, other_fn])) == [("parseip", 10, Effect.POSSIBLE)]
    assert effects(match_uses([e], [target, other_file])) == [("parseip", 10, Effect.POSSIBLE)]


def test_neutralizer_file_and_package_scope() -> None:
    target = use(args=(None,))
    other_fn = use("ParseIPSloppy", "k8s.io/utils/net", line=30, function="g")
    other_file = replace(other_fn, file="a/b.go")
    other_pkg = replace(other_fn, pkg_dir="b", file="b/b.go")
    in_test = replace(other_fn, file="a/a_test.go", test=True)
    file_e = entry(neutralizers=(Neutralizer("k8s.io/utils/net", "ParseIPSloppy", "file"),))
    pkg_e = entry(neutralizers=(Neutralizer("k8s.io/utils/net", "ParseIPSloppy", "package", "r"),))
    assert match_uses([file_e], [target, other_fn])[0].effect == Effect.NEUTRALIZED
    assert match_uses([file_e], [target, other_file])[0].effect == Effect.POSSIBLE
    [m] = match_uses([pkg_e], [target, other_file])
    assert (m.effect, m.reason) == (Effect.NEUTRALIZED, "r (net.ParseIPSloppy at a/b.go:30)")
    assert match_uses([pkg_e], [target, other_pkg])[0].effect == Effect.POSSIBLE
    # a test file's neutralizer does not cover non-test code, but covers test code
    assert match_uses([pkg_e], [target, in_test])[0].effect == Effect.POSSIBLE
    assert match_uses([pkg_e], [replace(target, test=True), in_test])[0].effect == Effect.NEUTRALIZED


def test_unaffected_is_not_turned_into_neutralized() -> None:
    target = use(args=("10.0.0.1",))
    sloppy = use("ParseIPSloppy", "k8s.io/utils/net", line=12)
    assert match_uses([entry()], [target, sloppy])[0].effect == Effect.UNAFFECTED


def test_field_neutralizer_needs_a_write() -> None:
    server = Api("net/http", "Server", (Touch.COMPOSITE,))
    e = entry(affects=(server,), neutralizers=(Neutralizer("net/http", "Server.TLSNextProto"),))
    target = use("Server", "net/http", kind=UseKind.COMPOSITE)
    read = use("Server.TLSNextProto", "net/http", line=11, kind=UseKind.FIELD, write=False)
    write = replace(read, write=True)
    assert match_uses([e], [target, read])[0].effect == Effect.CERTAIN
    assert match_uses([e], [target, write])[0].effect == Effect.NEUTRALIZED


def test_platforms_filter_by_constraint_and_file_name() -> None:
    e = entry(platforms=("windows",), neutralizers=())
    on_linux = use(file="a/x_linux.go", args=(None,))
    tagged = use(file="a/x.go", constraint="linux || darwin", args=(None,))
    maybe = use(file="a/y.go", constraint="amd64", args=(None,))
    on_windows = use(file="a/x_windows_amd64.go", args=(None,))
    got = match_uses([e], [on_linux, tagged, maybe, on_windows])
    assert [(m.use.file, m.effect) for m in got] == [
        ("a/x.go", Effect.UNAFFECTED),
        ("a/x_linux.go", Effect.UNAFFECTED),
        ("a/x_windows_amd64.go", Effect.POSSIBLE),
        ("a/y.go", Effect.POSSIBLE),
    ]
    assert "not built for windows" in got[0].reason


def test_order_is_deterministic_and_covers_every_entry() -> None:
    e1, e2 = entry("b-entry"), entry("a-entry")
    uses = [use(file="z.go", args=(None,)), use(file="a.go", line=3, args=(None,)), use(line=1, args=(None,))]
    forward = match_uses([e1, e2], uses)
    backward = match_uses([e2, e1], list(reversed(uses)))
    assert forward == backward
    assert [(m.use.file, m.use.line, m.entry) for m in forward] == [
        ("a.go", 3, "a-entry"),
        ("a.go", 3, "b-entry"),
        ("a/a.go", 1, "a-entry"),
        ("a/a.go", 1, "b-entry"),
        ("z.go", 10, "a-entry"),
        ("z.go", 10, "b-entry"),
    ]


def test_other_symbols_and_packages_do_not_match() -> None:
    uses = [use("ParseIP", "example.com/net", args=(None,)), use("ParseCIDR", args=(None,))]
    assert match_uses([entry()], uses) == ()


def test_neutralizer_reason_cites_the_first_use() -> None:
    target = use(args=(None,))
    late = use("ParseIPSloppy", "k8s.io/utils/net", line=30)
    early = use("ParseIPSloppy", "k8s.io/utils/net", line=11)
    [m] = match_uses([entry()], [late, target, early])
    assert m.reason.endswith("a/a.go:11")


_SYMS = st.sampled_from(["ParseIP", "ParseIPSloppy", "ParseCIDR"])
_USES = st.builds(
    lambda sym, line, fn, arg, test: use(
        sym,
        "k8s.io/utils/net" if sym == "ParseIPSloppy" else "net",
        line=line,
        function=fn,
        args=(arg,),
        test=test,
    ),
    _SYMS,
    st.integers(1, 40),
    st.sampled_from(["f", "g", ""]),
    st.sampled_from([None, "010.0.0.1", "10.0.0.1"]),
    st.booleans(),
)


@given(st.lists(_USES, max_size=12), st.randoms(use_true_random=False))
def test_output_does_not_depend_on_input_order(uses: list[Use], rnd: random.Random) -> None:
    entries = [entry("b"), entry("a", neutralizers=()), entry("c", platforms=("windows",))]
    want = match_uses(entries, uses)
    shuffled_uses, shuffled_entries = list(uses), list(entries)
    rnd.shuffle(shuffled_uses)
    rnd.shuffle(shuffled_entries)
    assert match_uses(shuffled_entries, shuffled_uses) == want
    # every ParseIP use is matched once per entry, and nothing else is
    assert len(want) == 3 * sum(1 for u in uses if u.symbol == "ParseIP")
