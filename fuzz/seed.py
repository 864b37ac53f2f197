"""Write seed corpora for the fuzz targets from the repository's own files (into fuzz/corpus/, which
is not committed): python fuzz/seed.py"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "fuzz" / "corpus"

SOURCES = {
    "gomod": ["**/go.mod"],
    "gowork": ["**/go.work"],
    "modules_txt": ["**/modules.txt"],
    "header": ["examples/**/*.go", "testdata/kb/**/*.go"],
    "scan": ["examples/**/*.go", "testdata/kb/**/*.go"],
    "kb": ["knowledge/entries/*.yaml"],
    "config": ["**/.godebug-audit.yaml"],
}
EXTRA = {
    "constraint": ["linux && amd64", "!windows || (arm64 && cgo)", "go1.21 && !purego"],
    "inline": ["x() //godebug-audit:ignore x509sha1 reason\n", "//godebug-audit:ignore a,b why\ny()\n"],
    "config": ['plan:\n  to: "1.27"\nignore:\n  - entry: x509sha1\n    reason: r\n'],
}


def main() -> None:
    for target, globs in {**SOURCES, **{k: [] for k in EXTRA}}.items():
        d = OUT / target
        d.mkdir(parents=True, exist_ok=True)
        n = 0
        for g in globs:
            for p in sorted(REPO.glob(g)):
                if ".git" in p.parts or "corpus" in p.parts or not p.is_file():
                    continue
                (d / f"seed-{n}").write_bytes(p.read_bytes()[:65536])
                n += 1
        for text in EXTRA.get(target, []):
            (d / f"extra-{n}").write_text(text)
            n += 1
        print(f"{target}: {n} seeds")


if __name__ == "__main__":
    main()
