"""The KB's format extensions the planner reads: x-opt-in (fips140ems) and x-removed-value (tlskyber)."""

from __future__ import annotations

from analyzer import kb
from analyzer.model import Status
from analyzer.plan.context import Context
from analyzer.plan.state import Source, table_state
from analyzer.plan.status import change_for
from tests.plan.conftest import ANCHORS, BIN, V, plan

ENTRIES = kb.load_entries()
SETTINGS = {s.name: s for s in kb.settings(ENTRIES)}


Explicit = dict[str, tuple[str, Source, str]]


def _ctx(frm: str, to: str, go_line: str, explicit: Explicit | None = None) -> Context:
    g = V(go_line)
    before = table_state(SETTINGS, V(frm), g, explicit)
    after = table_state(SETTINGS, V(to), g, explicit)
    return Context(BIN, before, after, g, g, module_go_lines={"example.com/m": (g, g)}, anchors=ANCHORS)


def test_an_opt_in_mode_change_is_reported_only_for_binaries_that_select_the_mode() -> None:
    e = kb.entry_by_id(ENTRIES, "fips140ems")
    p = plan("1.22.10", "1.27.3")
    assert change_for(e, _ctx("1.22.10", "1.27.3", "1.22.0"), p) is None  # fips140 off: nothing to notice
    fips = {"fips140": ("on", Source.GODEBUG_LINE, "go.mod:5")}
    c = change_for(e, _ctx("1.22.10", "1.27.3", "1.22.0", fips), p)
    assert c is not None and c.status == Status.CHANGED and (c.before, c.after) == ("0", "1")


def test_a_setting_born_and_removed_inside_the_bump_changes_nothing_when_removal_kept_old() -> None:
    e = kb.entry_by_id(ENTRIES, "tlskyber")
    # Go 1.22 never offered Kyber; Go 1.27 does not either (1.24 dropped it with the setting)
    assert change_for(e, _ctx("1.22.10", "1.27.3", "1.22.0"), plan("1.22.10", "1.27.3")) is None
    # Go 1.23 with a 1.23 go line offers it (tlskyber=1): 1.27 no longer does, and nothing brings it back
    c = change_for(e, _ctx("1.23.9", "1.27.3", "1.23.0"), plan("1.23.9", "1.27.3"))
    assert c is not None and c.status == Status.NOT_PRESERVABLE and (c.before, c.after) == ("1", "0")
    assert "tlskyber=1 is no longer available" in c.reason


def test_one_main_default_per_change_the_generated_code_replaces_the_kbs_generic_text() -> None:
    e = kb.entry_by_id(ENTRIES, "x509usepolicies")  # the KB has a generic main-default text for it
    assert any(m.kind.value == "main-default" for m in e.mitigations)
    p = plan("1.22.10", "1.27.3", new_line="1.27.0")
    g0, g1 = V("1.22.0"), V("1.27.0")
    ctx = Context(
        BIN,
        table_state(SETTINGS, p.from_toolchain, g0),
        table_state(SETTINGS, p.to_toolchain, g1),
        g0,
        g1,
        module_go_lines={"example.com/m": (g0, g1)},
        anchors=ANCHORS,
    )
    c = change_for(e, ctx, p)
    assert c is not None and c.status == Status.CHANGED
    main = [m for m in c.mitigations if m.kind.value == "main-default"]
    assert len(main) == 1 and main[0].edits, [m.text for m in main]


def test_the_shipped_kb_reports_each_setting_through_one_entry() -> None:
    from collections import Counter

    from analyzer.plan.audit import relevant_entries

    carried = Counter(e.godebug.name for e in relevant_entries(ENTRIES) if e.godebug is not None)
    assert carried and max(carried.values()) == 1, [k for k, v in carried.items() if v > 1]
    ids = {e.id for e in relevant_entries(ENTRIES)}
    assert {"x509-sha1-go118", "execlookpath-errdot-go119"} <= ids
    assert not {"x509sha1", "execerrdot"} & ids


def test_a_limit_that_arrived_with_its_setting_is_restored_by_a_value_crypto_tls_accepts() -> None:
    # crypto/tls accepts an n-bit RSA key iff n <= tlsmaxrsasize: "0" would reject every key
    e = kb.entry_by_id(ENTRIES, "tlsmaxrsasize")
    p = plan("1.18.0", "1.27.3")
    c = change_for(e, _ctx("1.18.0", "1.27.3", "1.17"), p)
    assert c is not None and c.status == Status.CHANGED
    assert c.after == "8192" and c.before is not None and int(c.before) >= 16384
    values = {m.edits[0].text.strip().rsplit("=", 1)[1].strip(' ",)}\n') for m in c.mitigations if m.edits}
    assert values and all(int(v) >= 16384 for v in values), values


def test_the_new_default_of_a_limit_setting_is_the_built_in_limit_not_unlimited() -> None:
    # net/http: unset = 200 ranges, "0" = no limit (the behavior before the setting existed)
    e = kb.entry_by_id(ENTRIES, "httpservecontentmaxranges")
    c = change_for(e, _ctx("1.21.13", "1.27.3", "1.26.0"), plan("1.21.13", "1.27.3"))
    assert c is not None and c.status == Status.CHANGED and (c.before, c.after) == ("0", "200")
    # bumping the go line past 1.26: keeping it would give "1" (one range), not the unlimited "0"
    p = plan("1.22.10", "1.27.3", new_line="1.27.0")
    g0, g1 = V("1.22.0"), V("1.27.0")
    ctx = Context(BIN, table_state(SETTINGS, p.from_toolchain, g0), table_state(SETTINGS, p.to_toolchain, g1),
                  g0, g1, module_go_lines={"example.com/m": (g0, g1)}, anchors=ANCHORS)
    c = change_for(e, ctx, p)
    assert c is not None and (c.before, c.after) == ("0", "200")
    assert "go-line" not in [m.kind.value for m in c.mitigations]
    assert any(m.edits and "httpservecontentmaxranges=0" in m.edits[0].text for m in c.mitigations)


def test_a_setting_the_current_toolchain_does_not_know_is_added_with_the_bump() -> None:
    # Go 1.26.6 predates the httpservecontentmaxranges backport (1.26.9): `go build` fails with
    # `go.mod:5: unknown godebug "httpservecontentmaxranges"` (checked with go1.26.6)
    e = kb.entry_by_id(ENTRIES, "httpservecontentmaxranges")
    p = plan("1.26.6", "1.27.3")
    c = change_for(e, _ctx("1.26.6", "1.27.3", "1.26.6"), p)
    assert c is not None and (c.before, c.after) == ("0", "200")
    settings = [m for m in c.mitigations if m.kind.value in ("godebug-gomod", "godebug-directive")]
    assert len(settings) == 2 and all("does not know httpservecontentmaxranges" in m.text for m in settings)


def test_a_godebug_default_line_is_named_as_what_preserves_a_default() -> None:
    # kops: go 1.26.6 with `godebug default=go1.26`; the state's version comes from default=
    e = kb.entry_by_id(ENTRIES, "tracebacklabels")
    p = plan("1.26.6", "1.27.3")
    line, default = V("1.26.6"), V("1.26")
    before = table_state(SETTINGS, p.from_toolchain, default)
    after = table_state(SETTINGS, p.to_toolchain, default)
    lines = {"example.com/m": (line, line)}
    ctx = Context(BIN, before, after, line, line, module_go_lines=lines, anchors=ANCHORS)
    c = change_for(e, ctx, p)
    assert c is not None and c.status == Status.PRESERVED
    assert c.reason.startswith("default=go1.26 keeps tracebacklabels=0"), c.reason
