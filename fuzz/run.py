"""atheris fuzz targets for the parsers and the scanner (outside CI; see fuzz/README.md).

    python fuzz/run.py TARGET [libFuzzer options] [CORPUS_DIR ...]

TARGET: gomod gowork modules_txt header constraint inline config kb scan. Each input goes through the
same check as the hypothesis tests (tests/robust/harness.py): a crash is any exception other than the
parser's documented error, or a check that fails (an error without file/line, a use on no line).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import atheris

with atheris.instrument_imports(include=["analyzer"]):
    # the harness imports these lazily: import them here so that they are instrumented too
    import analyzer.kb.loader
    import analyzer.match.constraints
    import analyzer.scan.workers
    import analyzer.suppress.config
    import analyzer.suppress.inline  # noqa: F401
    from tests.robust import harness

SCRATCH = Path(tempfile.mkdtemp(prefix="godebug-audit-fuzz-"))


def _text(check: Callable[[str], None]) -> Callable[[bytes], None]:
    return lambda data: check(data.decode("utf-8", "replace"))


TARGETS: dict[str, Callable[[bytes], None]] = {
    "gomod": _text(harness.check_gomod),
    "gowork": _text(harness.check_gowork),
    "modules_txt": _text(harness.check_modules_txt),
    "header": _text(harness.check_header),
    "constraint": _text(harness.check_constraint),
    "inline": _text(harness.check_inline_ignores),
    "config": lambda data: harness.check_config(data, SCRATCH),
    "kb": lambda data: harness.check_kb_entry(data, SCRATCH),
    "scan": lambda data: harness.check_scan(data, SCRATCH),
}


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
