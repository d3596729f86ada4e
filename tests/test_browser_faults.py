"""Each journey catches a real fault: run it on a copy of the built site with one thing broken, and it fails.

The copy is served at the same address as the real site (the server's folder is swapped for the test), so
the pages, the sitemap and the stored preferences behave exactly as on the real site.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import Error as PlaywrightError

from build_tools.build import analyse
from build_tools.registry import Registry
from build_tools.search_index import PagefindIndexing, index_parts, part_folder
from tests.browser import journeys
from tests.browser.harness import DESKTOP, PHONE, WAIT_MS, ProxySink, Recorder, SiteServer, axe_violations, broken_copy, replace_in

pytest_plugins = ["tests.browser.fixtures"]

FAULT_WAIT_MS = 1_500
"""A journey on a broken site waits this long for what never comes; the real site answers in a few ms."""

ARTICLE_HTML = f"{journeys.ARTICLE}index.html"


def _sub(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text)
    assert count, f"{path}: {pattern!r} not found, the fault would not be introduced"
    path.write_text(changed, encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _drop_paragraph_anchors(site: Path) -> None:
    _sub(site / ARTICLE_HTML, r'<p id="p-\d+">', "<p>")


def _break_first_actor_link(site: Path) -> None:
    replace_in(site / ARTICLE_HTML, 'href="../../actors/united-states-armed-forces/"', 'href="../../actors/united-states-armed-force/"', count=1)


def _drop_target_style(site: Path) -> None:
    _sub(site / "assets" / "extra.css", r"\.md-typeset p\[id\^=\"p-\"\]:target \{[^}]*\}", "")


def _drop_glossary_script(site: Path) -> None:
    (site / "assets" / "glossary.js").write_text("", encoding="utf-8")


def _drop_alias_from_search(site: Path) -> None:
    replace_in(site / "search" / "search_index.json", "Daesh", "Dxxxx")


def _drop_data_preview(site: Path) -> None:
    replace_in(site / ARTICLE_HTML, 'class="actor-link" data-preview ', 'class="actor-link" ')


def _misdirect_reference(site: Path) -> None:
    url = journeys.source_references()["3"]
    replace_in(site / ARTICLE_HTML, f'href="{url}"', 'href="https://www.example.org/not-the-source"')


def _drop_graph_text_alternative(site: Path) -> None:
    page = site / "graph" / "index.html"
    replace_in(page, ' aria-labelledby="network-title network-desc"', "")
    _sub(page, r'<title id="network-title">[^<]*</title><desc id="network-desc">[^<]*</desc>', "")


def _unlink_graph_node(site: Path) -> None:
    _sub(site / "graph" / "index.html", r'<a [^>]*href="\.\./actors/iran/"[^>]*>(.*?)</a>', r"<g>\1</g>")


def _wrong_storage_scope_on_actor_pages(site: Path) -> None:
    for page in (site / "actors").glob("*/index.html"):
        replace_in(page, '__md_scope=new URL("../..",location)', '__md_scope=new URL("..",location)')


def _hide_focus(site: Path) -> None:
    _append(site / "assets" / "a11y.css", "\na:focus, a:focus-visible, a.focus-visible { outline: none !important; box-shadow: none !important; }\n")


def _widen_graph(site: Path) -> None:
    _append(site / "assets" / "extra.css", "\n.relations-graph-wrapper { overflow: visible; } .relations-graph { min-width: 640px; }\n")


def _throw_in_a_page_script(site: Path) -> None:
    replace_in(site / "about" / "index.html", "</body>", '<script>document.querySelector("#no-such-element").remove()</script></body>')


def _drop_aliases_from_pagefind(site: Path) -> None:
    """The Pagefind index rebuilt from records that leave the actors' aliases out."""
    result = analyse(journeys.CONTENT)
    registry = Registry({actor_id: dataclasses.replace(actor, aliases=()) for actor_id, actor in result.registry.actors.items()})
    parts = sorted(site.glob("pagefind*"))
    for part in parts:
        shutil.rmtree(part)
    for number, pages in enumerate(index_parts(result.articles, registry, len(parts)), 1):
        for name, data in PagefindIndexing(pages, part_folder(number)).files().items():
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_bytes(data)


def _point_pagefind_results_at_the_host_root(site: Path) -> None:
    script = site / "assets" / "pagefind-search.js"
    replace_in(script, "await module.init();", 'await module.options({ baseUrl: "/" });\n      await module.init();')
    replace_in(script, "await module.mergeIndex(part);", 'await module.mergeIndex(part, { baseUrl: "/" });')


def _bring_back_materials_search_form(site: Path) -> None:
    replace_in(site / "index.html", '<div class="md-search__form">', '<form class="md-search__form" name="search">')


def _load_an_image_from_another_host(site: Path) -> None:
    replace_in(site / "index.html", "</article>", '<img src="https://images.example.com/pixel.png" alt=""></article>', count=1)


@dataclass(frozen=True)
class Fault:
    edit: Callable[[Path], None]
    journey: Callable[[Page, SiteServer, Recorder], None]
    reported: str
    """A regular expression the journey's failure message matches."""


def _plain(check: Callable[[Page, SiteServer], None]) -> Callable[[Page, SiteServer, Recorder], None]:
    return lambda page, site, recorder: check(page, site)


FAULTS = {
    "1 paragraph anchors removed": Fault(_drop_paragraph_anchors, _plain(journeys.check_home_to_paragraph), r"has no id, so nothing can link to it"),
    "1 first actor link broken": Fault(
        _break_first_actor_link, _plain(journeys.check_home_to_paragraph), r"links .*united-states-armed-force/, which is no actor"
    ),
    "1 :target style dropped": Fault(_drop_target_style, _plain(journeys.check_home_to_paragraph), r"paragraph #p-1 looks like every other paragraph"),
    "2 glossary filter script empty": Fault(
        _drop_glossary_script, _plain(journeys.check_glossary), r"filtered by person, the glossary shows 45 actors of types \[.*'armed_group'"
    ),
    "3 alias missing from the search index": Fault(
        _drop_alias_from_search, _plain(journeys.check_search), r"searching 'Daesh' (finds nothing|does not find .*/actors/islamic-state/)"
    ),
    "4 data-preview dropped": Fault(_drop_data_preview, _plain(journeys.check_previews), r"has no data-preview attribute"),
    "5 reference points elsewhere": Fault(
        _misdirect_reference, _plain(journeys.check_footnotes), r"reference 3 links \['https://www\.example\.org/not-the-source'\], the source says"
    ),
    "6 graph alt text dropped": Fault(_drop_graph_text_alternative, _plain(journeys.check_graph), r"the SVG has no text alternative"),
    "6 graph node not a link": Fault(_unlink_graph_node, _plain(journeys.check_graph), r"the node 'Iran' is not a link"),
    "7 actor pages read another storage scope": Fault(
        _wrong_storage_scope_on_actor_pages, _plain(journeys.check_dark_mode), r"actors/islamic-state/: dark mode lost on loading"
    ),
    "8 focus ring hidden": Fault(_hide_focus, _plain(journeys.check_keyboard), r"a\.actor-link.* shows no focus"),
    "10 page script throws": Fault(_throw_in_a_page_script, partial(journeys.check_quiet_console, paths=("about/",)), r"about/: uncaught TypeError"),
    "10 image from another host": Fault(
        _load_an_image_from_another_host,
        partial(journeys.check_quiet_console, paths=("",)),
        r"request for another host: https://images\.example\.com/pixel\.png",
    ),
}


PAGEFIND_FAULTS = {
    "3b aliases left out of the Pagefind records": Fault(
        _drop_aliases_from_pagefind,
        journeys.check_pagefind_search,
        r"searching 'Daesh': the first result is .*/archive/articles/.*, not .*/actors/islamic-state/",
    ),
    "3b results ignore the sub-path": Fault(
        _point_pagefind_results_at_the_host_root,
        journeys.check_pagefind_search,
        r"the first result is http://127\.0\.0\.1:\d+/actors/islamic-state/, not http://127\.0\.0\.1:\d+/archive/actors/islamic-state/",
    ),
    "3b Material's search form back": Fault(
        _bring_back_materials_search_form, journeys.check_pagefind_search, r"Material's search files were requested: \[.*/archive/search/search_index\.json"
    ),
}
"""Faults of a site searched with Pagefind, run on copies of the `pagefind_site` fixture."""


@pytest.fixture
def quick() -> Iterator[None]:
    expect.set_options(timeout=FAULT_WAIT_MS)
    yield
    expect.set_options(timeout=WAIT_MS)


def _fault_page(browser: Browser, recorder: Recorder, **options: object) -> Page:
    context = browser.new_context(color_scheme="light", service_workers="block", **options)  # type: ignore[arg-type]
    context.set_default_timeout(FAULT_WAIT_MS)
    # Loading a page is no fault any journey reports: on a machine busy with other work it may take more than
    # FAULT_WAIT_MS, and the test would fail for the wrong reason ("Page.goto: Timeout 1500ms exceeded").
    context.set_default_navigation_timeout(WAIT_MS)
    recorder.attach(context)
    return context.new_page()


def _failure_on_broken_copy(fault: Fault, browser: Browser, site: SiteServer, tmp_path: Path, console_counts: bool) -> str:
    """How `fault.journey` fails on a copy of the site with the fault in it (the test fails if it does not)."""
    copy = broken_copy(site.root, tmp_path, fault.edit)
    recorder = Recorder()
    page = _fault_page(browser, recorder, viewport=DESKTOP)
    try:
        with site.serving(copy), pytest.raises((AssertionError, PlaywrightError)) as failure:
            fault.journey(page, site, recorder)
            if console_counts:
                # A fault may show only as a console error or a stray request, as the `context` fixture reports them.
                problems = recorder.problems()
                assert not problems, "\n".join(problems)
    finally:
        page.context.close()
    return str(failure.value)


@pytest.mark.parametrize("name", FAULTS)
def test_journey_reports_the_fault(name: str, browser: Browser, site: SiteServer, tmp_path: Path, quick: None) -> None:
    fault = FAULTS[name]
    reported = _failure_on_broken_copy(fault, browser, site, tmp_path, console_counts=True)
    assert re.search(fault.reported, reported), f"the journey failed, but not for the fault: {reported}"


@pytest.mark.parametrize("name", PAGEFIND_FAULTS)
def test_pagefind_journey_reports_the_fault(name: str, browser: Browser, pagefind_site: SiteServer, tmp_path: Path, quick: None) -> None:
    fault = PAGEFIND_FAULTS[name]
    reported = _failure_on_broken_copy(fault, browser, pagefind_site, tmp_path, console_counts=False)
    assert re.search(fault.reported, reported), f"the journey failed, but not for the fault: {reported}"


def test_image_from_another_host_never_leaves_the_loopback(browser: Browser, site: SiteServer, tmp_path: Path, proxy_sink: ProxySink) -> None:
    copy = broken_copy(site.root, tmp_path, _load_an_image_from_another_host)
    recorder = Recorder()
    page = _fault_page(browser, recorder, viewport=DESKTOP)
    try:
        with site.serving(copy):
            journeys.open_page(page, site.url())
            recorder.settle(page)
    finally:
        page.context.close()
    assert recorder.blocked == ["https://images.example.com/pixel.png"]
    assert not [c for c in proxy_sink.connections if "example.com" in c], "the request got past the route to the proxy"


def test_phone_check_names_the_element_that_overflows(browser: Browser, site: SiteServer, tmp_path: Path, quick: None) -> None:
    copy = broken_copy(site.root, tmp_path, _widen_graph)
    page = _fault_page(browser, Recorder(), viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    try:
        with site.serving(copy), pytest.raises(AssertionError) as failure:
            journeys.check_no_sideways_scroll(page, site, "graph/")
        inner_width = page.evaluate("() => innerWidth")
    finally:
        page.context.close()
    assert re.search(r"graph/ at 375 px scrolls sideways; too wide: svg\.relations-graph \(right edge at \d+ px\)", str(failure.value)), failure.value
    assert inner_width > PHONE["width"], "mobile emulation widened innerWidth to the content: a check against innerWidth would pass"


def test_axe_reports_stock_material_without_the_fixes(browser: Browser, site: SiteServer, tmp_path: Path) -> None:
    def undo_fixes(copy: Path) -> None:
        (copy / "assets" / "a11y.css").write_text("", encoding="utf-8")
        for page in copy.rglob("*.html"):
            text = page.read_text(encoding="utf-8")
            text = re.sub(r'(<div class="md-search" data-md-component="search" role="dialog") aria-label="[^"]*"', r"\1", text)
            text = re.sub(r'(<div class="md-progress" data-md-component="progress" role="progressbar") aria-label="[^"]*"', r"\1", text)
            page.write_text(text, encoding="utf-8")

    copy = broken_copy(site.root, tmp_path, undo_fixes)
    page = _fault_page(browser, Recorder(), viewport=DESKTOP)
    try:
        with site.serving(copy):
            journeys.open_page(page, site.url(journeys.ARTICLE))
            found = {violation.split(" ")[0] for violation in axe_violations(page)}
    finally:
        page.context.close()
    assert {"aria-dialog-name", "aria-progressbar-name", "color-contrast", "link-in-text-block"} <= found, found
