"""A 375 px phone: no page scrolls sideways. Saves a phone screenshot of each page type in screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser import journeys
from tests.browser.harness import SiteServer, save_screenshot

pytest_plugins = ["tests.browser.fixtures"]

PHONE_PAGES = {**journeys.PAGES, "404": journeys.MISSING}


@pytest.mark.parametrize("name", PHONE_PAGES)
def test_phone_layout_has_no_sideways_scrolling(phone: Page, site: SiteServer, name: str) -> None:
    try:
        journeys.check_no_sideways_scroll(phone, site, PHONE_PAGES[name])
    finally:
        save_screenshot(phone, f"phone-{name}")
