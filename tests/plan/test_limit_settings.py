"""Settings that take a number: the KB's `new` is the toolchain's built-in limit (read from GOROOT), and the
value mitigations restore keeps the behavior before the limit (0 = unlimited where Go says so)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from analyzer import kb

GO = shutil.which("go")
pytestmark = pytest.mark.skipif(GO is None, reason="no go on PATH")

# setting -> (file under GOROOT/src, the constant holding its built-in default)
LIMITS = {
    "httpcookiemaxnum": ("net/http/cookie.go", "defaultCookieMaxNum"),
    "urlmaxqueryparams": ("net/url/url.go", "defaultMaxParams"),
    "httpservecontentmaxranges": ("net/http/fs.go", "defaultMaxContentRanges"),
    "tlsmaxrsasize": ("crypto/tls/handshake_client.go", "defaultMaxRSAKeySize"),
}


def test_numeric_settings_default_to_the_built_in_limit() -> None:
    assert GO is not None
    env = {**os.environ, "GOTOOLCHAIN": "local", "GOFLAGS": ""}
    out = subprocess.run([GO, "env", "GOROOT"], env=env, capture_output=True, text=True, check=True).stdout
    goroot = Path(out.strip())
    settings = {s.name: s for s in kb.settings(kb.load_entries())}
    for name, (file, const) in LIMITS.items():
        m = re.search(rf"\b{const}\s*=\s*(\d+)", (goroot / "src" / file).read_text())
        assert m is not None, (name, file)
        assert settings[name].new == m.group(1), name
