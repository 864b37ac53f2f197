"""Small helpers the finders share: binary names from command lines and image references."""

from __future__ import annotations

import re

from analyzer.deploy.values import VARIABLES

# Launchers that run the next word as the real program.
WRAPPERS: frozenset[str] = frozenset(
    {
        "env",
        "exec",
        "tini",
        "dumb-init",
        "sudo",
        "nohup",
        "nice",
        "ionice",
        "chroot",
        "setpriv",
        "gosu",
        "su-exec",
        "catatonit",
        "time",
        "strace",
        "taskset",
    }
)
# Wrappers that are Go programs themselves (they get the environment too): Kubernetes' go-runner etc.
GO_WRAPPERS: frozenset[str] = frozenset({"go-runner", "kube-log-runner"})
SHELLS: frozenset[str] = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"})

_ASSIGN = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=")


def basename(path: str) -> str:
    """The last element of a path (`/usr/local/bin/kube-apiserver` -> `kube-apiserver`)."""
    return path.rstrip("/").rsplit("/", 1)[-1]


def binary_of_argv(argv: list[str]) -> str | None:
    """The program an argv runs, skipping wrappers, their options and `VAR=value` prefixes.

    `sh -c "exec foo --x"` gives `foo`; a shell running a script gives the script's name.
    """
    words = list(argv)
    while words:
        w = words[0]
        name = basename(w)
        if _ASSIGN.match(w) or (w.startswith("-") and len(w) > 1):
            words.pop(0)
            continue
        if name in WRAPPERS or name in GO_WRAPPERS:
            words.pop(0)
            if name == "env":
                while words and (words[0].startswith("-") or _ASSIGN.match(words[0])):
                    words.pop(0)
            elif name in ("tini", "dumb-init") and words and words[0] == "--":
                words.pop(0)
            continue
        if words[0] == "--":
            words.pop(0)
            continue
        if name in SHELLS:
            rest = words[1:]
            if "-c" in rest:
                i = rest.index("-c")
                if i + 1 < len(rest):
                    return binary_of_argv(split_words(rest[i + 1]))
                return None
            rest = [r for r in rest if not r.startswith("-")]
            return basename(rest[0]) if rest else None
        return name or None
    return None


def split_words(text: str) -> list[str]:
    """Shell-like word splitting, tolerant of unbalanced quotes; stops at `;`, `&&`, `||`, `|`."""
    words: list[str] = []
    cur: list[str] = []
    have = False
    i = 0
    quote = ""
    while i < len(text):
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
            elif c == "\\" and quote == '"' and i + 1 < len(text):
                i += 1
                cur.append(text[i])
            else:
                cur.append(c)
        elif c in "'\"":
            quote = c
            have = True
        elif c == "\\" and i + 1 < len(text):
            i += 1
            cur.append(text[i])
            have = True
        elif c.isspace():
            if cur or have:
                words.append("".join(cur))
            cur, have = [], False
        elif c in ";|&":
            break
        else:
            cur.append(c)
            have = True
        i += 1
    if cur or have:
        words.append("".join(cur))
    return words


def image_binary(image: str) -> str | None:
    """The binary an image is named for: repository's last element, without tag or digest.

    `registry.k8s.io/kube-apiserver:v1.30.0` -> `kube-apiserver`; None when the reference is templated.
    """
    if not image or "{{" in image or "$" in image:
        return None
    ref = image.split("@", 1)[0]
    last = ref.rsplit("/", 1)[-1]
    return last.split(":", 1)[0] or None


def is_variable(name: str) -> bool:
    return name in VARIABLES


def continued_lines(text: str, strip_tail: bool = False) -> list[tuple[int, str, bool]]:
    """Logical lines with backslash continuations joined: (first line number, text, continued).

    Continuation lines lose their leading blanks (and trailing ones with `strip_tail`, as systemd does).
    """
    out: list[tuple[int, str, bool]] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start, cur = i, lines[i]
        while cur.endswith("\\") and i + 1 < len(lines):
            i += 1
            nxt = lines[i].strip() if strip_tail else lines[i].lstrip()
            cur = cur[:-1] + " " + nxt
        out.append((start + 1, cur, i > start))
        i += 1
    return out
