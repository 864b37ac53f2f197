"""One stage of the audit in a forked child process, while the parent goes on (I/O edge).

The deployment scan needs only the root and the target toolchain, so it runs beside discovery and
the scanner instead of after them: on a re-run of a large tree the parent works alone on one core,
and the deployment walk (about a second on the corpus) then costs no wall time. Without `fork`, or
with one job, it runs in the parent when its result is asked for. When the child fails in any way,
the parent runs the stage itself, so its result, or its error, is the same as without a child.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _child(send: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        value = ("ok", fn(*args))
    except BaseException:  # the parent runs the stage again and meets the error itself
        value = ("failed", None)
    with contextlib.suppress(Exception):
        send.send(value)
    send.close()


class Background(Generic[T]):
    """fn(*args), started in a child process when `parallel`; `result()` gives its value."""

    def __init__(self, fn: Callable[..., T], *args: Any, parallel: bool = True) -> None:
        self.fn = fn
        self.args = args
        self._proc: Any = None
        self._recv: Connection | None = None
        if not parallel or "fork" not in multiprocessing.get_all_start_methods():
            return
        ctx = multiprocessing.get_context("fork")
        recv, send = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(send, fn, args), daemon=True)
        try:
            proc.start()
        except OSError:  # no process to spare: the parent does it later
            recv.close()
            send.close()
            return
        send.close()  # only the child writes; processes forked later never hold the write end
        self._proc, self._recv = proc, recv

    def result(self) -> T:
        """The child's value, or fn(*args) computed here when there was no child or it failed."""
        got: Any = None
        if self._proc is not None and self._recv is not None:
            with contextlib.suppress(Exception):  # EOF (the child died), a value that will not unpickle
                got = self._recv.recv()
            self._stop()
        if isinstance(got, tuple) and len(got) == 2 and got[0] == "ok":
            value: T = got[1]
            return value
        return self.fn(*self.args)

    def _stop(self) -> None:
        if self._recv is not None:
            self._recv.close()
            self._recv = None
        if self._proc is not None:
            if self._proc.is_alive():
                self._proc.terminate()
            self._proc.join()
            self._proc = None

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop()  # an error in the parent: the child's work is not wanted
