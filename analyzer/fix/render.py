"""The fix report as text or JSON: the pins made, what has no GODEBUG fix, and the proof. Pure."""

from __future__ import annotations

from typing import Any

from analyzer.fix.proof import BinaryProof, Outcome, Proof
from analyzer.fix.run import FixResult
from analyzer.fix.verify import Verification
from analyzer.jsontext import dumps
from analyzer.model import MitigationKind

_KIND = {
    MitigationKind.GODEBUG_GOMOD: "godebug line",
    MitigationKind.GODEBUG_DIRECTIVE: "//go:debug",
    MitigationKind.GO_LINE: "kept go line",
}


def _binary_line(b: BinaryProof, multi_goos: bool) -> str:
    name = f"{b.binary} ({b.goos})" if multi_goos else b.binary
    flipped = [s for s in b.settings if s.outcome != Outcome.MOVED]
    if not flipped and not [s for s in b.settings if s.outcome == Outcome.MOVED]:
        same = "no change made" if b.compiled_after == b.compiled_unfixed else "BUT ITS GODEBUG CHANGED"
        return f"  {name}: the bump flips no setting; {same}"
    kept = sum(1 for s in flipped if s.outcome == Outcome.KEPT)
    return f"  {name}: {len(flipped)} setting(s) the bump flips, {kept} kept" + ("" if b.ok else "  [FAILED]")


def proof_text(proof: Proof) -> list[str]:
    multi = len({b.goos for b in proof.binaries}) > 1
    out = [
        f"Proof (GODEBUG model): Go {proof.from_toolchain} before the fix vs Go {proof.to_toolchain} after it"
    ]
    for b in proof.binaries:
        out.append(_binary_line(b, multi))
        for s in b.settings:
            was = f"{s.name}={s.before}"
            bump = f"{s.unfixed}"
            tag = {
                Outcome.KEPT: f"kept ({s.source})",
                Outcome.UNFIXABLE: "not kept: listed above as not fixed",
                Outcome.NOT_KEPT: "NOT KEPT",
                Outcome.MOVED: f"MOVED by the fix ({s.source})",
            }[s.outcome]
            out.append(f"    {was}: bump alone -> {bump}, after the fix -> {s.after}  {tag}")
        out += [f"    build error after the fix: {e}" for e in b.errors]
    verdict = "holds" if proof.ok else "FAILS"
    out.append(f"Proof {verdict}: {sum(b.ok for b in proof.binaries)}/{len(proof.binaries)} binaries")
    return out


def text_report(result: FixResult, verification: Verification | None, written: list[str] | None) -> str:
    out: list[str] = []
    p = result.plan
    out.append(f"Fix ({result.choice.strategy}): Go {p.from_toolchain} -> Go {p.to_toolchain}")
    out += [f"  note: {n}" for n in result.notes]
    if written is not None:
        out.append(f"wrote {len(written)} file(s): {', '.join(written)}" if written else "nothing to write")
    elif not result.edited:
        out.append("no edits needed")
    for pin in result.choice.pins:
        where = f" in {pin.file}" if pin.file else ""
        why = ", ".join(pin.entries[:3]) + (
            f" and {len(pin.entries) - 3} more" if len(pin.entries) > 3 else ""
        )
        if pin.note:
            why = f"{why}; {pin.note}" if why else pin.note
        out.append(
            f"  {pin.setting}={pin.value}: {_KIND.get(pin.kind, pin.kind.value)}{where} "
            f"(for {', '.join(pin.binaries)}; {why})"
        )
    if result.choice.unfixed:
        out.append("No GODEBUG fix (do this instead):")
        for u in result.choice.unfixed:
            what = f"{u.entry}" + (f" ({u.setting})" if u.setting and u.setting != u.entry else "")
            out.append(f"  {what} [{u.status.value}; {', '.join(u.binaries)}]: {u.reason}")
            out += [f"      {a}" for a in u.advice]
    out += proof_text(result.proof)
    if verification is not None:
        out += verification.lines()
    return "\n".join(out) + "\n"


def json_report(result: FixResult, verification: Verification | None, diff: str) -> str:
    def pb(b: BinaryProof) -> dict[str, Any]:
        return {
            "binary": b.binary,
            "goos": b.goos,
            "ok": b.ok,
            "needed": b.needed,
            "compiled_before": b.compiled_before,
            "compiled_unfixed": b.compiled_unfixed,
            "compiled_after": b.compiled_after,
            "settings": [
                {
                    "name": s.name,
                    "before": s.before,
                    "unfixed": s.unfixed,
                    "after": s.after,
                    "outcome": s.outcome.value,
                    "source": s.source,
                }
                for s in b.settings
            ],
            "errors": list(b.errors),
        }

    doc = {
        "plan": {"from": str(result.plan.from_toolchain), "to": str(result.plan.to_toolchain)},
        "strategy": result.choice.strategy.value,
        "files": sorted(result.edited),
        "diff": diff,
        "pins": [
            {
                "setting": p.setting,
                "value": p.value,
                "kind": p.kind.value,
                "file": p.file,
                "binaries": list(p.binaries),
                "entries": list(p.entries),
            }
            for p in result.choice.pins
        ],
        "unfixed": [
            {
                "entry": u.entry,
                "setting": u.setting,
                "status": u.status.value,
                "binaries": list(u.binaries),
                "reason": u.reason,
                "advice": list(u.advice),
            }
            for u in result.choice.unfixed
        ],
        "notes": list(result.notes),
        "proof": {"ok": result.proof.ok, "binaries": [pb(b) for b in result.proof.binaries]},
        "verification": verification.doc() if verification is not None else None,
    }
    return dumps(doc, 2, sort_keys=True) + "\n"
