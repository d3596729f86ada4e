/*
 * The header search on sites that build_tools indexed with Pagefind (build_tools/search_index.py): fills
 * Material's search dialog (overrides/partials/search-pagefind.html) with Pagefind's results. Pagefind's
 * index lives in pagefind/ beside this assets/ folder and is loaded on the first focus of the search box,
 * so a reader who never searches downloads none of it; a query then fetches only the chunks it needs.
 * Result links are plain links: Material's instant navigation follows them like any other.
 */
(() => {
  const dialog = document.querySelector("[data-pagefind-search]");
  if (!dialog) return;
  const input = dialog.querySelector(".md-search__input");
  const status = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const reset = dialog.querySelector("[data-pagefind-reset]");
  const toggle = document.getElementById("__search");
  const translations = JSON.parse(document.getElementById("__config").textContent).translations || {};
  const say = (key, count) => (translations[key] || "").replace("#", count);
  // Relative to this script, not to the page: right under any sub-path and after instant navigation.
  const bundle = new URL("../pagefind/pagefind.js", document.currentScript.src).href;
  // Big sites are indexed in parts (pagefind/, pagefind-2/, ...), merged into one search here.
  const parts = Number(dialog.dataset.pagefindParts || 1);
  const otherParts = Array.from({ length: Math.max(parts - 1, 0) }, (_, index) => new URL(`../pagefind-${index + 2}/`, document.currentScript.src).href);
  const PAGE = 10; // results per screen, as Material shows them

  const more = document.createElement("button");
  more.type = "button";
  more.className = "pagefind-more";
  more.textContent = "More results";
  more.hidden = true;
  list.after(more);

  let pagefind = null; // the promise of Pagefind's module, started on first use
  let latest = 0; // number of the newest query: answers to older ones are dropped
  let results = []; // the newest query's results; list shows the first list.children.length of them

  const load = () => {
    pagefind ??= import(bundle).then(
      async (module) => {
        await module.init();
        for (const part of otherParts) await module.mergeIndex(part);
        return module;
      },
      (error) => {
        pagefind = null; // the next query tries again
        throw error;
      },
    );
    return pagefind;
  };

  // As Material's setToggle: a click changes the toggle and tells Material (scroll lock, header) through `change`.
  const open = (value) => {
    if (toggle.checked !== value) toggle.click();
  };

  // Pagefind's excerpt is its text with `<` and `>` escaped and the matches in <mark>: rebuilt as nodes, never parsed as HTML.
  const excerpt = (text) => {
    const paragraph = document.createElement("p");
    let marked = false;
    for (const piece of text.split(/(<\/?mark>)/)) {
      if (piece === "<mark>" || piece === "</mark>") {
        marked = piece === "<mark>";
        continue;
      }
      const node = document.createTextNode(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (marked) {
        const mark = document.createElement("mark");
        mark.append(node);
        paragraph.append(mark);
      } else {
        paragraph.append(node);
      }
    }
    return paragraph;
  };

  // Material's own result markup, so its styles apply.
  const item = (data) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    article.append(icon, title);
    if (data.meta.context) {
      const context = document.createElement("p");
      context.className = "pagefind-context";
      context.textContent = data.meta.context;
      article.append(context);
    }
    article.append(excerpt(data.excerpt || ""));
    link.append(article);
    li.append(link);
    return li;
  };

  const showMore = async (query) => {
    const next = results.slice(list.children.length, list.children.length + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (query !== latest) return;
    list.append(...data.map(item));
    more.hidden = list.children.length >= results.length;
  };

  // Which query the list answers (the tests and bench/search.py wait for it: results of a prefix typed on the way come first).
  const answered = (text) => {
    list.dataset.query = text;
  };

  const search = async () => {
    const query = ++latest;
    const text = input.value.trim();
    if (!text) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = say("search.result.placeholder");
      answered("");
      return;
    }
    let found;
    try {
      found = await (await load()).search(text);
    } catch (error) {
      if (query === latest) status.textContent = "Search is unavailable.";
      console.error("search: Pagefind failed:", error);
      return;
    }
    if (query !== latest || !found) return; // a newer query is on its way
    results = found.results;
    list.replaceChildren();
    more.hidden = true;
    const count = results.length;
    status.textContent = count === 0 ? say("search.result.none") : count === 1 ? say("search.result.one") : say("search.result.other", count);
    await showMore(query);
    if (query === latest) answered(text);
  };

  input.addEventListener("focus", () => {
    // After the event, as Material does: a click on the header's search label (phones) focuses the box
    // here, and then the label toggles the dialog itself; opening it at once would have it closed again.
    setTimeout(() => open(true));
    load().catch(() => {}); // warm up while the reader types; search() reports a failure
  });
  input.addEventListener("input", search);
  reset.addEventListener("click", () => {
    input.value = "";
    search();
    input.focus();
  });
  more.addEventListener("click", () => showMore(latest));

  // The header's search button (phones) opens the dialog through the toggle; focusing the box brings up the keyboard.
  document.querySelector("header [for=__search]")?.addEventListener("click", () => input.focus());

  // Keyboard, as in Material's search: Enter opens the first result, arrows move through the results,
  // Escape closes. Tab also reaches the results; focus leaving the dialog closes it.
  dialog.addEventListener("keydown", (event) => {
    const links = [input, ...list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Enter" && document.activeElement === input) {
      event.preventDefault();
      list.querySelector("a")?.click();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && at >= 0) {
      event.preventDefault();
      links[(at + (event.key === "ArrowDown" ? 1 : links.length - 1)) % links.length].focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      open(false);
      document.activeElement?.blur(); // the box or a result, hidden now
    }
  });
  dialog.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget)) open(false);
  });
  list.addEventListener("click", (event) => {
    if (event.target.closest("a")) open(false);
  });

  // f, s or / anywhere but in a field: to the search box, as Material's shortcut does.
  window.addEventListener("keydown", (event) => {
    if (toggle.checked || event.metaKey || event.ctrlKey || event.altKey || !["f", "s", "/"].includes(event.key)) return;
    const active = document.activeElement;
    if (active && (active.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(active.tagName))) return;
    event.preventDefault();
    input.focus();
    input.select();
  });
})();
