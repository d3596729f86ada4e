"""How the commands use processes: the one fork helper and its threshold, the cycle collector's policy, and the exit.

Big archives are read, linked and checked in two halves, the later one by a forked child: it
inherits the caller's data instead of unpickling it, and sends back only its result. Below
`PARALLEL_FROM` items starting a child costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

# From this many items (sources, actor files, articles) on, a forked child does the later half meanwhile.
PARALLEL_FROM = 400


def can_fork() -> bool:
    """Whether `in_forked_child` may pay off: `fork` exists, a second core too, and no thread would be copied half-way."""
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def worth_splitting(count: int) -> bool:
    """Whether `count` items are worth sharing with another process (see `PARALLEL_FROM`)."""
    return count >= PARALLEL_FROM and can_fork()


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
    gc.disable()  # see `without_cycle_collection`: the child lives briefly
    try:
        sent = work()
    except BaseException:
        sent = None
    try:
        connection.send(sent)
    finally:
        connection.close()


def in_two_halves(
    items: Sequence[_Item],
    work: Callable[[Sequence[_Item]], _T],
    *,
    parent_share: float = 0.5,
    pack: Callable[[_T], object] | None = None,
    unpack: Callable[[Sequence[_Item], Any], _T] | None = None,
) -> list[_T]:
    """`[work(items)]`, or from `PARALLEL_FROM` items on `[work(first part), work(later part)]`, the later part done by a
    forked child meanwhile (the parent does it itself if the child fails).

    `parent_share`: the part of the items the parent takes (less than half when it has more to do with its result).
    `pack` turns the child's result into what it sends (smaller to pickle), and `unpack(later items, sent)` back.
    """
    if not worth_splitting(len(items)):
        return [work(items)]
    split = int(len(items) * parent_share)
    later = items[split:]

    def child_work() -> object:
        result = work(later)
        return pack(result) if pack is not None else result

    child = in_forked_child(child_work)
    if child is None:
        return [work(items)]
    first = work(items[:split])
    sent = child()
    if sent is None:
        return [first, work(later)]
    return [first, unpack(later, sent) if unpack is not None else cast(_T, sent)]


# --- the cycle collector ---------------------------------------------------------------------------------------------------
# The pipeline makes millions of small objects and no garbage cycles worth collecting: the collector would walk that
# growing heap again and again (measured: a third of a 10,000-article build). Reference counting frees everything as usual.


@contextmanager
def without_cycle_collection() -> Iterator[None]:
    """Run a phase with Python's cycle collector paused (and restored after, for `serve`'s long-lived process)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_command(main: Callable[[], int], one_shot: bool) -> int:
    """Run the command line's `main` and give its exit code; `one_shot`: a command that runs once and ends (not `serve`).

    A one-shot command runs without the cycle collector from the start, and its heap is frozen before the interpreter's
    own last collection, which would otherwise walk every object still alive once more on the way out.
    The exit itself is the ordinary one, so `atexit` hooks (Pagefind's clean-up) still run.
    """
    if one_shot:
        gc.disable()
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        # The reader (`| head`) went away: not an error of ours, and nothing left to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    if one_shot:
        gc.freeze()
    return code
