"""pytest fixtures for the browser tests: one built site and one Chromium per session, a fresh context per test.

Test modules load them with `pytest_plugins = ["tests.browser.fixtures"]`. A browser that cannot start
fails the tests (never skips them): the suite is part of `make test`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from build_tools import search_index
from tests.browser.harness import (
    CHROMIUM,
    DESKTOP,
    PHONE,
    SETUP_HINT,
    WAIT_MS,
    ProxySink,
    Recorder,
    SiteServer,
    build_site,
    chromium_args,
    is_chromium_service,
)
from tests.seed import SEED_CONTENT


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The seed fixture (tests/fixtures/seed/) built for http://127.0.0.1:PORT/archive/ and served there, as GitHub Pages serves a project."""
    server = SiteServer()
    try:
        server.start(build_site(SEED_CONTENT, tmp_path_factory.mktemp("browser-site"), server.base_url))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The seed fixture built with `--search pagefind` (auto keeps the small seed on Material's search), served like `site` on its own port.

    Indexed in two parts as big sites are (the article in pagefind/, the actors in pagefind-2/), so every actor the
    search finds proves the search box merged the second part.
    """
    server = SiteServer()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(search_index, "INDEX_PARTS_FROM", 1)
            server.start(build_site(SEED_CONTENT, tmp_path_factory.mktemp("browser-pagefind-site"), server.base_url, search="pagefind"))
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def proxy_sink() -> Iterator[ProxySink]:
    sink = ProxySink()
    yield sink
    sink.close()
    strays = [c for c in sink.connections if not is_chromium_service(c)]
    assert not strays, "connections for other hosts reached the proxy sink:\n" + "\n".join(strays)


@pytest.fixture(scope="session")
def browser(proxy_sink: ProxySink) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: {SETUP_HINT}", pytrace=False)
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=chromium_args(proxy_sink.port), timeout=30_000)
        except Exception as error:
            pytest.fail(f"Chromium did not start: {error}\n{SETUP_HINT}", pytrace=False)
        expect.set_options(timeout=WAIT_MS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


def _context(browser: Browser, recorder: Recorder, **options: object) -> BrowserContext:
    context = browser.new_context(color_scheme="light", service_workers="block", **options)  # type: ignore[arg-type]
    context.set_default_timeout(WAIT_MS)
    recorder.attach(context)
    return context


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def context(browser: Browser, recorder: Recorder) -> Iterator[BrowserContext]:
    """A fresh desktop context; the test fails on a console error or a request for another host."""
    context = _context(browser, recorder, viewport=DESKTOP)
    yield context
    context.close()
    problems = recorder.problems()
    assert not problems, "\n".join(problems)


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.fixture
def phone(browser: Browser, recorder: Recorder) -> Iterator[Page]:
    """A 375 px wide phone: mobile layout, touch, a 2x screen."""
    context = _context(browser, recorder, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield context.new_page()
    context.close()
    problems = recorder.problems()
    assert not problems, "\n".join(problems)
