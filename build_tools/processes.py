"""Work split with a forked child: it inherits the caller's data instead of unpickling it, and sends back only its result."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import TypeVar


def can_fork() -> bool:
    """Whether `in_forked_child` may pay off: `fork` exists, a second core too, and no thread would be copied half-way."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


_T = TypeVar("_T")
_Item = TypeVar("_Item")


def in_forked_child(work: Callable[[], _T]) -> Callable[[], _T | None] | None:
    """Start `work` in a forked child, which inherits the caller's data instead of unpickling it; the function
    returned waits for the child's result (None if the child failed). None if no child could be started."""
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(work, sending), daemon=True)
    try:
        child.start()
    except OSError:
        receiving.close()
        sending.close()
        return None
    sending.close()

    def result() -> _T | None:
        try:
            sent: _T | None = receiving.recv()
        except (EOFError, OSError):
            sent = None
        finally:
            receiving.close()
            child.join()
        return sent

    return result


def _run_and_send(work: Callable[[], object], connection: Connection) -> None:
    gc.disable()  # the child makes many objects and no reference cycles, and lives briefly
    try:
        sent = work()
    except BaseException:
        sent = None
    try:
        connection.send(sent)
    finally:
        connection.close()


def in_two_halves(items: Sequence[_Item], work: Callable[[Sequence[_Item]], _T]) -> list[_T]:
    """`[work(first half), work(later half)]`, the later half done by a forked child meanwhile; the parent does it
    itself if the child fails. `[work(items)]` when no child can be started."""
    split = len(items) // 2
    child = in_forked_child(lambda: work(items[split:])) if can_fork() else None
    if child is None:
        return [work(items)]
    first = work(items[:split])
    later = child()
    return [first, later if later is not None else work(items[split:])]
