"""UncalledCache: the same answers as uncalled_functions, kept by content, recomputed on any edit."""

from __future__ import annotations

import json
from pathlib import Path

from analyzer.reach import uncalled_functions
from analyzer.reach.cache import UncalledCache

A = b"package p\n\nfunc Exported() { used() }\nfunc used() {}\nfunc orphan() {}\n"
B = b"package p\n\nfunc other() { orphan() }\n"


def test_cached_answers_equal_the_pass(tmp_path: Path) -> None:
    cached = UncalledCache(tmp_path)
    for sources in ([A], [A, B], [B], []):
        want = uncalled_functions(sources)
        assert cached(sources) == want  # computed and stored
        assert UncalledCache(tmp_path)(sources) == want  # read back by a new run
    assert cached([A]) == {"orphan"} and cached([A, B]) == {"orphan", "other"}  # other is dead too
    assert len(list((tmp_path / "uncalled").rglob("*.json"))) == 4


def test_an_edit_is_a_miss_and_a_corrupt_entry_is_recomputed(tmp_path: Path) -> None:
    cached = UncalledCache(tmp_path)
    assert cached([A]) == {"orphan"}
    edited = A.replace(b"func used() {}", b"func used() { orphan() }")
    assert cached([edited]) == frozenset()
    for p in (tmp_path / "uncalled").rglob("*.json"):
        p.write_text(json.dumps({"not": "a list"}))
    assert UncalledCache(tmp_path)([A]) == {"orphan"}


def test_without_a_directory_nothing_is_stored(tmp_path: Path) -> None:
    assert UncalledCache(None)([A]) == {"orphan"}
    assert not any(tmp_path.iterdir())
