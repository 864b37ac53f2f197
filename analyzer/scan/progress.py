"""Progress of a scan on stderr, only when stderr is a terminal: files done of all, rate, time left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

Progress = Callable[[int, int], None]


def terminal_progress(label: str = "scanning") -> Progress | None:
    """An observer for scan_repo that draws a transient rich progress bar on stderr; None when
    stderr is not a terminal (pipes, CI logs and tests get nothing)."""
    if not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.progress import Progress as Bar

    bar = Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files, {task.fields[rate]} files/s"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(label, total=None, rate="-")
    started: list[float] = []

    def update(done: int, total: int) -> None:
        if not started:
            started.append(time.perf_counter())
            bar.start()
        elapsed = time.perf_counter() - started[0]
        rate = f"{done / elapsed:,.0f}" if elapsed > 0 else "-"
        bar.update(task, completed=done, total=total, rate=rate)
        if done >= total:
            bar.stop()

    return update
