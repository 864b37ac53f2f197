"""The pool's chunk claims: each worker works through its own stretch, then takes from another's end."""

from __future__ import annotations

import multiprocessing

from analyzer.scan.workers import Claims


def test_every_chunk_is_claimed_once_own_run_first() -> None:
    claims = Claims(multiprocessing.get_context(), 10, 2)
    a, b = claims.join(), claims.join()
    assert (a, b) == (0, 1)
    assert [claims.take(a) for _ in range(5)] == [0, 1, 2, 3, 4]
    assert claims.take(b) == 5
    assert [claims.take(a) for _ in range(2)] == [9, 8]  # a's run is done: b's end
    assert [claims.take(b) for _ in range(3)] == [6, 7, None]
    assert claims.take(a) is None


def test_more_workers_than_one_run_each() -> None:
    claims = Claims(multiprocessing.get_context(), 3, 3)
    ids = [claims.join() for _ in range(4)]
    assert ids == [0, 1, 2, 0]  # a replaced worker shares a run
    taken = [claims.take(w) for w in (2, 2, 2, 2)]
    assert taken == [2, 0, 1, None]  # the longest run left, the first of equals
