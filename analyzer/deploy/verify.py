"""How to check at run time that a GODEBUG setting is in effect (pure; `scan` reports use it too).

Sources (checked in the snapshots named):
- runtime/metrics: every non-opaque setting counts `/godebug/non-default-behavior/<name>:events` each time
  the non-default behavior is used (internal/godebug IncNonDefault; Opaque settings export nothing).
- prometheus/client_golang@89c60c05 prometheus/collectors/go_collector_latest.go: `MetricsDebug`
  (`^/godebug/.*`) is opt-in via `collectors.WithGoCollectorRuntimeMetrics`; the runtime metric becomes
  `go_godebug_non_default_behavior_<name>_events_total`.
- kubernetes/component-base@349fbe06 metrics/legacyregistry/registry.go: registers
  `NewGoCollector(WithGoCollectorRuntimeMetrics(MetricsAll))`, so every Kubernetes component exports
  those counters on its /metrics endpoint.
- `go version -m BINARY` prints `build DefaultGODEBUG=...`: the compiled default the environment overrides.
"""

from __future__ import annotations

from analyzer.model import GodebugSetting, VerificationStep


def runtime_metric(name: str) -> str:
    return f"/godebug/non-default-behavior/{name}:events"


def prometheus_name(name: str) -> str:
    """client_golang's name for the runtime metric (`/` and `-` become `_`, `:events` a `_total` counter)."""
    return f"go_godebug_non_default_behavior_{name}_events_total"


def verification_steps(
    key: str, value: str, setting: GodebugSetting | None, binaries: tuple[str, ...] = ()
) -> tuple[VerificationStep, ...]:
    """Checks for `key=value` pinned in the environment of `binaries` (one go-version step per binary)."""
    steps: list[VerificationStep] = []
    if setting is None:
        steps.append(
            VerificationStep("not-observable", key, "not a known GODEBUG setting: nothing counts it")
        )
    elif setting.opaque:
        steps.append(
            VerificationStep(
                "not-observable", key, f"{key} is Opaque: the runtime exports no non-default-behavior metric"
            )
        )
    else:
        steps.append(
            VerificationStep(
                "runtime-metric",
                runtime_metric(key),
                "runtime/metrics counter: grows each time the non-default behavior is used",
            )
        )
        steps.append(
            VerificationStep(
                "prometheus-client-golang",
                prometheus_name(key),
                "only with collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics("
                "collectors.MetricsDebug)) (or MetricsAll)",
            )
        )
        steps.append(
            VerificationStep(
                "prometheus-kubernetes",
                prometheus_name(key),
                "exported by every component using k8s.io/component-base/metrics/legacyregistry (MetricsAll) "
                "on its /metrics endpoint",
            )
        )
    for b in binaries or ("BINARY",):
        steps.append(
            VerificationStep(
                "go-version-m",
                f"go version -m {b}",
                f"the `build DefaultGODEBUG=` line is the compiled default; {key}={value} in the environment "
                "overrides it at run time",
            )
        )
    return tuple(steps)
