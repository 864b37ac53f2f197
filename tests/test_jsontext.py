"""jsontext.dumps writes exactly what json.dumps(indent=...) writes."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analyzer.jsontext import dumps

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
documents = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(st.text(), inner, max_size=4)
    | st.dictionaries(keys, inner, max_size=3),
    max_leaves=30,
)


@given(documents, st.sampled_from([1, 2, 4]), st.booleans())
def test_same_text_as_json_dumps(doc: Any, indent: int, ensure_ascii: bool) -> None:
    want = json.dumps(doc, indent=indent, ensure_ascii=ensure_ascii)
    assert dumps(doc, indent, ensure_ascii=ensure_ascii) == want


@given(st.recursive(scalars, lambda i: st.lists(i) | st.dictionaries(st.text(), i), max_leaves=30))
def test_same_text_with_sorted_keys(doc: Any) -> None:
    assert dumps(doc, 2, sort_keys=True) == json.dumps(doc, indent=2, sort_keys=True)


def test_edge_values() -> None:
    doc = {"é": ["\u2028", "\x00", math.inf, -math.inf, math.nan, 1e300, -0.0, True, None, {}, [], ()]}
    for ea in (True, False):
        assert dumps(doc, 2, ensure_ascii=ea) == json.dumps(doc, indent=2, ensure_ascii=ea)


def test_what_json_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        dumps({"x": {1, 2}})
    with pytest.raises(TypeError):
        dumps({(1, 2): "tuple key"})


@given(scalars, st.booleans())
def test_a_scalar_is_what_json_dumps_writes(v: Any, ensure_ascii: bool) -> None:
    from analyzer.jsontext import scalar

    assert scalar(v, ensure_ascii=ensure_ascii) == json.dumps(v, ensure_ascii=ensure_ascii)
