"""Deployment findings name binaries as the rest of the report does: by main package directory."""

from __future__ import annotations

from analyzer.plan.audit import named_like_binaries


def test_manifest_names_become_binary_dirs() -> None:
    deploy = [
        {"file": "k8s/api.yaml", "binaries": ["kube-apiserver"]},
        {"file": "Dockerfile", "binaries": ["tool", "sidecar"]},
        {"file": "env.sh", "binaries": []},
    ]
    out = named_like_binaries(deploy, ["cmd/kube-apiserver", "cmd/tool", "hack/tool", "cmd/kubelet"])
    assert [d["binaries"] for d in out] == [["cmd/kube-apiserver"], ["cmd/tool", "hack/tool", "sidecar"], []]
    assert [d["file"] for d in out] == ["k8s/api.yaml", "Dockerfile", "env.sh"]
