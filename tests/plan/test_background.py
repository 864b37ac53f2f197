"""Background: a stage in a forked child gives the same value, or the same error, as running it here."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from analyzer.errors import InputError
from analyzer.plan.background import Background


def _pid_and(x: int) -> tuple[int, int]:
    return os.getpid(), x * 2


def _fails_in_child(parent: int) -> str:
    if os.getpid() != parent:
        raise RuntimeError("only in the child")
    return "computed by the parent"


def _input_error() -> None:
    raise InputError("bad go.mod", "go.mod", 3)


def _unpicklable() -> object:
    return lambda: None


def test_the_value_comes_from_a_child_process() -> None:
    with Background(_pid_and, 21) as pending:
        pid, value = pending.result()
    assert value == 42 and pid != os.getpid()


def test_one_job_runs_in_the_parent() -> None:
    with Background(_pid_and, 1, parallel=False) as pending:
        assert pending.result() == (os.getpid(), 2)


def test_when_the_child_fails_the_parent_runs_the_stage() -> None:
    with Background(_fails_in_child, os.getpid()) as pending:
        assert pending.result() == "computed by the parent"
    with Background(_unpicklable) as pending:
        assert callable(pending.result())


def test_the_stage_s_own_error_reaches_the_caller_unchanged() -> None:
    with Background(_input_error) as pending, pytest.raises(InputError) as err:
        pending.result()
    assert (err.value.file, err.value.line) == ("go.mod", 3)


def test_an_error_in_the_parent_stops_the_child(tmp_path: Path) -> None:
    flag = tmp_path / "done"
    with pytest.raises(ValueError), Background(_sleep_then_write, flag) as pending:
        assert pending._proc is not None
        raise ValueError("the parent failed")
    time.sleep(0.3)
    assert not flag.exists()


def _sleep_then_write(flag: Path) -> None:
    time.sleep(0.2)
    flag.write_text("the child ran on")
