#!/usr/bin/env python3
"""Write a synthetic, deterministic Kubernetes-shaped Go tree for benchmarks.

Usage: gen_tree.py OUT --files N [--seed S] [--kb-density F]

The tree has a root go.mod (module k8s.io/bench) wired to staging modules by `replace`
(staging/src/k8s.io/<name>, each with its own go.mod), `cmd/<name>/main.go` mains, `pkg/` libraries,
`vendor/` with a modules.txt, tests, and a few generated files. About `--kb-density` of the files
(default 0.12) use KB APIs (net.ParseIP, tls.Config literals, exec.LookPath, x509 calls, http.Server,
aliased imports); everything else is ordinary code that names none of them. The same arguments
always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

STAGING = ("api", "apimachinery", "client-go", "apiserver", "component-base", "kubelet")
VENDOR = (
    ("github.com/spf13/pflag", "v1.0.5"),
    ("github.com/google/go-cmp", "v0.6.0"),
    ("golang.org/x/net", "v0.30.0"),
    ("google.golang.org/protobuf", "v1.35.1"),
    ("github.com/prometheus/client_golang", "v1.20.5"),
    ("sigs.k8s.io/yaml", "v1.4.0"),
)
AREAS = ("kubelet", "proxy", "controller", "scheduler", "volume", "registry", "apis", "util", "credential")
SUBS = ("core", "node", "ipam", "cache", "config", "server", "metrics", "validation", "storage", "net")
MAINS = ("kubelet", "kube-proxy", "kube-apiserver", "kube-controller-manager", "kubeadm", "kubectl")
WORDS = (
    "pod", "node", "lease", "volume", "claim", "endpoint", "service", "secret", "quota", "event",
    "owner", "label", "taint", "status", "spec", "phase", "queue", "worker", "item", "key",
)


@dataclass(frozen=True)
class Snippet:
    """A KB API use: the imports it needs and the statements of a function body."""

    imports: tuple[str, ...]
    body: str


KB_SNIPPETS: tuple[Snippet, ...] = (
    Snippet(("net",), 'ip := net.ParseIP(s)\n\tif ip == nil {\n\t\treturn fmt.Errorf("bad ip %q", s)\n\t}'),
    Snippet(("net",), '_, cidr, err := net.ParseCIDR(s)\n\tif err != nil {\n\t\treturn err\n\t}\n\t_ = cidr'),
    Snippet(('utilnet "net"',), "if utilnet.ParseIP(s) == nil {\n\t\treturn nil\n\t}"),
    Snippet(("crypto/tls",), "cfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: s}\n\t_ = cfg"),
    Snippet(
        ("crypto/tls",),
        "cfg := tls.Config{InsecureSkipVerify: false}\n\tcfg.MinVersion = tls.VersionTLS13\n\t_ = cfg",
    ),
    Snippet(
        ("os/exec",), "path, err := exec.LookPath(s)\n\tif err != nil {\n\t\treturn err\n\t}\n\t_ = path"
    ),
    Snippet(('osexec "os/exec"',), 'cmd := osexec.Command("iptables", "-S")\n\t_ = cmd'),
    Snippet(
        ("crypto/x509",),
        "cert, err := x509.ParseCertificate([]byte(s))\n\tif err != nil {\n\t\treturn err\n\t}\n"
        "\tif _, err := cert.Verify(x509.VerifyOptions{}); err != nil {\n\t\treturn err\n\t}",
    ),
    Snippet(("net/http",), 'srv := &http.Server{Addr: s, ReadHeaderTimeout: 0}\n\t_ = srv'),
    Snippet(("net/http", "crypto/tls"), "tr := &http.Transport{TLSClientConfig: &tls.Config{}}\n\t_ = tr"),
    Snippet(("runtime/debug",), "debug.SetGCPercent(50)"),
    Snippet(("time",), "t := time.NewTimer(time.Second)\n\tdefer t.Stop()"),
)

PLAIN_IMPORTS = ("fmt", "strings", "sort", "errors", "sync", "context", "strconv")


def ident(rng: random.Random) -> str:
    return rng.choice(WORDS) + rng.choice(WORDS).capitalize()


def plain_func(rng: random.Random, name: str) -> str:
    """An ordinary function: loops, maps, string building, errors; no KB identifiers."""
    a, b = ident(rng), ident(rng)
    kind = rng.randrange(4)
    if kind == 0:
        return (
            f"// {name} joins the {a} names in order.\n"
            f"func {name}(items []string) string {{\n"
            "\tout := make([]string, 0, len(items))\n"
            "\tfor _, it := range items {\n"
            '\t\tif strings.TrimSpace(it) == "" {\n\t\t\tcontinue\n\t\t}\n'
            "\t\tout = append(out, strings.ToLower(it))\n\t}\n"
            "\tsort.Strings(out)\n"
            '\treturn strings.Join(out, ",")\n}\n'
        )
    if kind == 1:
        return (
            f"// {name} counts {b} per key.\n"
            f"func {name}(keys []string) map[string]int {{\n"
            "\tm := map[string]int{}\n"
            "\tfor i, k := range keys {\n"
            "\t\tm[k] += i % 7\n"
            "\t\tif m[k] > 1000 {\n\t\t\tm[k] = 0\n\t\t}\n\t}\n"
            "\treturn m\n}\n"
        )
    if kind == 2:
        return (
            f"// {name} validates a {a} value.\n"
            f"func {name}(v string) error {{\n"
            '\tif v == "" {\n'
            f'\t\treturn errors.New("{a}: empty")\n\t}}\n'
            "\tn, err := strconv.Atoi(v)\n"
            "\tif err != nil {\n"
            f'\t\treturn fmt.Errorf("{b}: %w", err)\n\t}}\n'
            "\tif n < 0 {\n"
            f'\t\treturn fmt.Errorf("{a} %d is negative", n)\n\t}}\n'
            "\treturn nil\n}\n"
        )
    return (
        f"// {name} runs f under the lock until ctx ends.\n"
        f"func {name}(ctx context.Context, mu *sync.Mutex, f func() bool) {{\n"
        "\tfor {\n"
        "\t\tselect {\n"
        "\t\tcase <-ctx.Done():\n\t\t\treturn\n"
        "\t\tdefault:\n\t\t}\n"
        "\t\tmu.Lock()\n"
        "\t\tdone := f()\n"
        "\t\tmu.Unlock()\n"
        "\t\tif done {\n\t\t\treturn\n\t\t}\n\t}\n}\n"
    )


def plain_type(rng: random.Random, name: str) -> str:
    fields = "".join(
        f"\t{ident(rng).capitalize()}{i} {rng.choice(('string', 'int', '[]string', 'map[string]string'))}"
        f' `json:"{ident(rng)}{i},omitempty"`\n'
        for i in range(rng.randrange(3, 9))
    )
    return (
        f"// {name} holds the settings of one {rng.choice(WORDS)}.\n"
        f"type {name} struct {{\n{fields}\tmu sync.Mutex\n}}\n\n"
        f"// Describe names the {name}.\n"
        f"func (x *{name}) Describe() string {{\n"
        "\tx.mu.Lock()\n\tdefer x.mu.Unlock()\n"
        f'\treturn fmt.Sprintf("{name}(%p)", x)\n}}\n'
    )


def go_file(rng: random.Random, pkg: str, uid: int, kb: bool, generated: bool, test: bool) -> str:
    """One Go source file of package pkg; uid keeps its top-level names unique in the package."""
    imports = set(PLAIN_IMPORTS)
    parts: list[str] = []
    nfuncs = rng.randrange(3, 14)
    used_snippets: list[Snippet] = []
    if kb:
        used_snippets = [rng.choice(KB_SNIPPETS) for _ in range(rng.randrange(1, 3))]
    for i in range(nfuncs):
        name = f"{ident(rng).capitalize()}{uid}x{i}"
        if test and i == 0:
            imports.add("testing")
            parts.append(
                f"func Test{name}(t *testing.T) {{\n\tif {name}x() != 3 {{\n\t\tt.Fatal(\"x\")\n\t}}\n}}\n"
            )
            parts.append(f"func {name}x() int {{ return 3 }}\n")
            continue
        if rng.random() < 0.3:
            parts.append(plain_type(rng, f"{name}T"))
        else:
            parts.append(plain_func(rng, name))
    for j, sn in enumerate(used_snippets):
        imports.update(sn.imports)
        fn = f"Use{uid}x{j}"
        parts.append(f"// {fn} touches a library API.\nfunc {fn}(s string) error {{\n\t{sn.body}\n")
        parts[-1] += "\treturn nil\n}\n"
    # Keep every import used: a reference per plain package.
    keep = (
        "var (\n\t_ = fmt.Sprint\n\t_ = strings.ToLower\n\t_ = sort.Strings\n\t_ = errors.New\n"
        "\t_ sync.Mutex\n\t_ context.Context\n\t_ = strconv.Itoa\n)\n"
    )
    header = "// Code generated by bench-gen. DO NOT EDIT.\n\n" if generated else (
        "/*\nCopyright The Kubernetes Authors.\n\nLicensed under the Apache License, Version 2.0.\n*/\n\n"
    )
    imp = "\n".join(
        f'\t{i.split(" ")[0]} {i.split(" ")[1]}' if " " in i else f'\t"{i}"' for i in sorted(imports)
    )
    return f"{header}package {pkg}\n\nimport (\n{imp}\n)\n\n{keep}\n" + "\n".join(parts)


def main_file(rng: random.Random, godebug: bool) -> str:
    directive = "//go:debug httpmuxgo121=1\n" if godebug else ""
    return (
        f"{directive}package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\n"
        "func main() {\n\tif len(os.Args) > 5 {\n\t\tfmt.Println(\"too many\")\n\t\tos.Exit(2)\n\t}\n}\n"
    )


def generate(out: Path, files: int, seed: int, kb_density: float = 0.12) -> int:
    """Write the tree; return the number of .go files written."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    root_mod = "k8s.io/bench"
    req = "".join(f"\tk8s.io/{s} v0.0.0\n" for s in STAGING) + "".join(f"\t{m} {v}\n" for m, v in VENDOR)
    rep = "".join(f"\tk8s.io/{s} => ./staging/src/k8s.io/{s}\n" for s in STAGING)
    (out / "go.mod").write_text(f"module {root_mod}\n\ngo 1.22\n\nrequire (\n{req})\n\nreplace (\n{rep})\n")
    (out / "vendor").mkdir(exist_ok=True)
    for s in STAGING:
        d = out / "staging" / "src" / "k8s.io" / s
        d.mkdir(parents=True, exist_ok=True)
        (d / "go.mod").write_text(f"module k8s.io/{s}\n\ngo 1.22\n")

    vendored: dict[str, set[str]] = {m: set() for m, _ in VENDOR}
    written = 0
    for i, name in enumerate(MAINS):
        if written >= files:
            break
        d = out / "cmd" / name
        d.mkdir(parents=True, exist_ok=True)
        (d / "main.go").write_text(main_file(rng, godebug=(i == 0)))
        written += 1
    while written < files:
        r = rng.random()
        if r < 0.45:
            pkg = rng.choice(SUBS)
            d = out / "pkg" / rng.choice(AREAS) / pkg
        elif r < 0.68:
            pkg = rng.choice(SUBS)
            d = out / "staging" / "src" / "k8s.io" / rng.choice(STAGING) / "pkg" / pkg
        else:
            mod = rng.choice(VENDOR)[0]
            pkg = rng.choice(SUBS)
            d = out / "vendor" / mod / pkg
            vendored[mod].add(f"{mod}/{pkg}")
        d.mkdir(parents=True, exist_ok=True)
        test = rng.random() < 0.2
        generated = not test and rng.random() < 0.05
        base = f"{rng.choice(WORDS)}_{written}"
        fname = f"zz_generated_{base}.go" if generated else f"{base}{'_test' if test else ''}.go"
        text = go_file(rng, pkg, written, kb=rng.random() < kb_density, generated=generated, test=test)
        (d / fname).write_text(text)
        written += 1
    (out / "vendor" / "modules.txt").write_text(modules_txt(vendored))
    return written


def modules_txt(vendored: dict[str, set[str]]) -> str:
    """vendor/modules.txt as `go mod vendor` writes it (staging modules marked as replaced)."""
    text = ""
    for s in STAGING:
        text += f"# k8s.io/{s} v0.0.0 => ./staging/src/k8s.io/{s}\n## explicit; go 1.22\n"
    for m, v in VENDOR:
        text += f"# {m} {v}\n## explicit; go 1.20\n" + "".join(f"{p}\n" for p in sorted(vendored[m]))
    return text + "".join(f"# k8s.io/{s} => ./staging/src/k8s.io/{s}\n" for s in STAGING)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--kb-density", type=float, default=0.12, help="share of files using KB APIs")
    args = ap.parse_args(argv)
    n = generate(args.out, args.files, args.seed, args.kb_density)
    print(f"wrote {n} .go files under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
