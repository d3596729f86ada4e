"""Work split with a forked child gives what one process gives, also when the child fails; and the exit runs clean-up hooks."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable

import pytest

from build_tools import processes
from build_tools.check import scan
from build_tools.link import link_articles
from build_tools.model import Article
from tests import builders
from tests.test_fast_paths import FRAGMENTS, REGISTRY, WORDS


def random_articles(seed: int, count: int) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        paragraphs = [" ".join(rng.choice(FRAGMENTS + WORDS) for _ in range(rng.randint(1, 14))) for _ in range(rng.randint(1, 5))]
        articles.append(builders.make_article(f"article-{index:03d}", index, paragraphs))
    return articles


def _failing_child(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every forked child fails (a real child, which raises); the list counts them."""
    started: list[int] = []
    real_child = processes.in_forked_child

    def broken() -> None:
        raise RuntimeError("the child fails")

    def child(work: Callable[[], object]) -> object:
        started.append(1)
        return real_child(broken)

    monkeypatch.setattr(processes, "in_forked_child", child)
    return started


def test_linking_in_two_processes_is_linking_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = random_articles(99, 120)
    alone = link_articles(REGISTRY, articles)
    with monkeypatch.context() as patch:
        patch.setattr(processes, "PARALLEL_FROM", 10)
        patch.setattr(processes, "can_fork", lambda: True)  # another test's server thread would keep it from forking
        assert link_articles(REGISTRY, articles) == alone
        started = _failing_child(patch)
        assert link_articles(REGISTRY, articles) == alone
        assert started == [1]


def test_scanning_in_two_processes_is_scanning_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = random_articles(42, 60)
    mentions, _ = link_articles(REGISTRY, articles)
    alone = scan(articles, REGISTRY, mentions)
    assert alone.near_misses and alone.suggestions
    with monkeypatch.context() as patch:
        patch.setattr(processes, "PARALLEL_FROM", 10)
        patch.setattr(processes, "can_fork", lambda: True)
        assert scan(articles, REGISTRY, mentions) == alone
        started = _failing_child(patch)
        assert scan(articles, REGISTRY, mentions) == alone
        assert started == [1]


def test_in_two_halves_below_the_threshold_stays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "can_fork", lambda: True)
    monkeypatch.setattr(processes, "in_forked_child", lambda work: pytest.fail("no child below PARALLEL_FROM"))
    assert processes.in_two_halves(list(range(processes.PARALLEL_FROM - 1)), sum) == [sum(range(processes.PARALLEL_FROM - 1))]


def test_a_one_shot_command_exits_through_the_clean_up_hooks() -> None:
    """`os._exit` would skip `atexit` (Pagefind's clean-up): the command's exit is the ordinary one, with its code."""
    script = (
        "import atexit, gc, sys\n"
        "from build_tools.processes import run_command\n"
        "atexit.register(lambda: print('cleaned up', gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "sys.exit(run_command(lambda: 3, one_shot=True))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stdout == "cleaned up False True\n"
