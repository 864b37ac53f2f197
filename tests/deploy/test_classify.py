"""Classification details the fixtures do not pin: duplicates, compiled defaults, target toolchains."""

from __future__ import annotations

from analyzer.deploy.classify import classify_setting
from analyzer.deploy.godebugs import default_table
from analyzer.deploy.values import parse_godebug
from analyzer.model import DeployCategory, EnvOp, EnvSetting, EnvSource
from analyzer.versions import GoVersion

T = default_table()
GO127 = GoVersion(27, 3)


def _one(value: str, to: GoVersion = GO127, **kw: object) -> list[tuple[str, str, str]]:
    s = EnvSetting("f", 1, 1, "GODEBUG", value, EnvSource.SHELL, binaries=("srv",))
    found = classify_setting(s, T, to, **kw)  # type: ignore[arg-type]
    return [(f.key, f.category.value, f.relation) for f in found]


def test_parse_godebug_offsets_and_later_duplicates() -> None:
    pairs = parse_godebug("a=1,,b,c=2=3,a=0")
    assert [(p.key, p.value, p.offset, p.overridden) for p in pairs] == [
        ("a", "1", 0, True),
        ("c", "2=3", 7, False),
        ("a", "0", 13, False),
    ]


def test_compiled_defaults_decide_defeats_or_duplicates() -> None:
    old_default = {"srv": {"httpmuxgo121": "1"}}
    new_default: dict[str, dict[str, str]] = {"srv": {}}
    assert _one("httpmuxgo121=1", defaults=old_default.get) == [
        ("httpmuxgo121", "overrides-default", "duplicates")
    ]
    assert _one("httpmuxgo121=1", defaults=new_default.get) == [
        ("httpmuxgo121", "overrides-default", "defeats")
    ]
    assert _one("httpmuxgo121=0", defaults=old_default.get) == [
        ("httpmuxgo121", "overrides-default", "defeats")
    ]
    assert _one("httpmuxgo121=1", defaults=lambda b: None) == [("httpmuxgo121", "overrides-default", "")]


def test_target_toolchain_changes_the_category() -> None:
    assert _one("asynctimerchan=1", GoVersion(26, 6))[0][1] == "slated-for-removal"
    assert _one("asynctimerchan=1", GO127)[0][1] == "startup-fatal"
    assert _one("x509sha1=1", GoVersion(24, 0)) == [("x509sha1", "silently-ignored", "")]
    assert [c for _, c, _ in _one("x509sha1=1", GoVersion(23, 9))] == [
        "slated-for-removal",
        "overrides-default",
    ]
    assert _one("tracebacklabels=0", GoVersion(26, 0)) == [("tracebacklabels", "silently-ignored", "")]


def test_setenv_of_a_removed_old_value_is_not_fatal_here() -> None:
    s = EnvSetting("f", 1, 1, "GODEBUG", "x509sha1=1", EnvSource.GO, EnvOp.SETENV)
    [f] = classify_setting(s, T, GO127)
    assert f.category is DeployCategory.SILENTLY_IGNORED and "child" in f.reason


def test_typo_gets_a_suggestion() -> None:
    s = EnvSetting("f", 1, 1, "GODEBUG", "http2clinet=0", EnvSource.SHELL)
    [f] = classify_setting(s, T, GO127)
    assert f.category is DeployCategory.SILENTLY_IGNORED and "did you mean http2client?" in f.reason


def test_opaque_and_unknown_settings_are_not_observable() -> None:
    from analyzer.deploy.verify import verification_steps

    opaque = T.lookup("netdns")
    assert opaque is not None and opaque.opaque
    assert [v.kind for v in verification_steps("netdns", "go", opaque, ("a", "b"))] == [
        "not-observable",
        "go-version-m",
        "go-version-m",
    ]
    assert verification_steps("nosuch", "1", None)[0].kind == "not-observable"


def _reasons(value: str, to: GoVersion) -> list[tuple[str, str]]:
    s = EnvSetting("f", 1, 1, "GODEBUG", value, EnvSource.SHELL)
    return [(f.category.value, f.reason) for f in classify_setting(s, T, to)]


def test_a_setting_older_than_the_first_table_is_known_by_its_go_version() -> None:
    # x509sha1 arrived in Go 1.18 (KB entry go: 1.18), before internal/godebugs listed it (1.21)
    before = _reasons("x509sha1=1", GoVersion(17, 13))
    assert [c for c, _ in before] == ["silently-ignored"]
    assert "introduced in Go 1.18: Go 1.17 ignores it" in before[0][1]
    for minor in (18, 20, 22):
        found = _reasons("x509sha1=1", GoVersion(minor, 1))
        assert found and all("introduced" not in r for _, r in found), (minor, found)
        assert "slated-for-removal" in [c for c, _ in found]
    assert _reasons("panicnil=1", GoVersion(20, 1)) == [
        ("silently-ignored", "panicnil is introduced in Go 1.21: Go 1.20 ignores it")
    ]
