// The glossary's filters (build_tools/glossary_index.py writes their markup): by type (buttons) and by name or
// alias (a box, shown only when this script runs; without JavaScript every actor shows).
// On a page of entries (`li[data-names]`) the filters hide what does not match. On the letter index of a big glossary
// the box searches the file named by `data-names-url` and lists the matches below itself. Keyboard: type to filter,
// Down arrow to the first match, Enter to open it, Escape to clear.
(function () {
  var SHOWN = 50; // matches listed at most on the letter index; the count says how many there are

  // Names compare by letters and digits only, accents and case aside: "Abadi" finds "al-Abadi", "ebrahim" "Ébrahim".
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  // A name matches when every word typed starts one of its words, in any order: "abadi" and "haider ab" find
  // "Haider al-Abadi", "ab" does not find "Babawa". Returns the first of `names` that matches, or -1.
  function firstMatch(names, query) {
    if (!query) return 0;
    var wanted = query.split(" ");
    for (var i = 0; i < names.length; i++) {
      var words = names[i].split(" ");
      var all = wanted.every(function (part) { return words.some(function (word) { return word.lastIndexOf(part, 0) === 0; }); });
      if (all) return i;
    }
    return -1;
  }
  function plural(count, noun) {
    return count.toLocaleString("en") + " " + noun + (count === 1 ? "" : "s");
  }

  function setUp() {
    var box = document.querySelector(".glossary-search");
    var buttons = document.querySelectorAll(".glossary-filter");
    if (!box && !buttons.length) return;
    var input = box && box.querySelector("input");
    var status = box && box.querySelector("[role=status]");
    var items = Array.prototype.slice.call(document.querySelectorAll("li[data-type]"));
    var results = document.querySelector(".glossary-results");
    var keys = items.map(function (li) { return (li.getAttribute("data-names") || "").split("|").map(fold); });
    var names = null; // the letter index's list, fetched on first use
    var type = "";

    function visibleLinks() {
      var scope = results || document;
      return Array.prototype.filter.call(scope.querySelectorAll(results ? "li a" : "li[data-type] > a"), function (a) {
        return !a.closest("[hidden]");
      });
    }

    function filterPage(query) {
      var shown = 0;
      items.forEach(function (li, i) {
        var keep = (!type || li.getAttribute("data-type") === type) && firstMatch(keys[i], query) >= 0;
        li.hidden = !keep;
        if (keep) shown++;
      });
      // A letter's heading and list go when none of its actors show.
      document.querySelectorAll(".md-typeset h2").forEach(function (heading) {
        var list = heading.nextElementSibling;
        if (!list || list.tagName !== "UL" || !list.querySelector("li[data-type]")) return;
        var visible = Array.prototype.some.call(list.querySelectorAll("li[data-type]"), function (li) { return !li.hidden; });
        heading.hidden = !visible;
        list.hidden = !visible;
      });
      return shown;
    }

    function filterNames(query) {
      results.textContent = "";
      if (!query && !type) return null;
      var found = [];
      names.forEach(function (actor) {
        var at = !type || actor.type === type ? firstMatch(actor.keys, query) : -1;
        if (at >= 0) found.push({actor: actor, byName: at === 0});
      });
      // Actors whose own name matches first, then those found by an alias; A to Z within each (the file's order).
      found.sort(function (a, b) { return (b.byName - a.byName) || (a.actor.rank - b.actor.rank); });
      found.slice(0, SHOWN).forEach(function (match) {
        var actor = match.actor;
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = new URL(actor.id + "/", location.href).href;
        a.textContent = actor.name;
        li.appendChild(a);
        var also = match.byName ? [] : actor.aliases.filter(function (alias) { return firstMatch([fold(alias)], query) === 0; });
        li.appendChild(document.createTextNode(" — " + actor.label + (also.length ? " · also " + also.join(", ") : "") + " · " + plural(actor.mentions, "mention")));
        results.appendChild(li);
      });
      return found.length;
    }

    function update() {
      var query = input ? fold(input.value) : "";
      if (results && !names) {
        load().then(update);
        return;
      }
      var total = results ? names.length : items.length;
      var shown = results ? filterNames(query) : filterPage(query);
      if (!status) return;
      if (shown === null) status.textContent = plural(total, "actor");
      else if (shown === 0) status.textContent = "No actor matches.";
      else if (results && shown > SHOWN) status.textContent = plural(shown, "actor") + " match; the first " + SHOWN + " are listed. Type more to narrow it down.";
      else status.textContent = shown === total ? plural(total, "actor") : plural(shown, "actor") + " of " + total.toLocaleString("en") + " match.";
    }

    var loading = null;
    function load() {
      if (!loading) {
        var labels = {};
        buttons.forEach(function (b) { labels[b.getAttribute("data-type")] = b.textContent.replace(/\s*\(\d+\)$/, ""); });
        loading = fetch(new URL(box.getAttribute("data-names-url"), location.href).href)
          .then(function (response) { return response.json(); })
          .then(function (rows) {
            names = rows.map(function (row, rank) {
              return {id: row.id, name: row.name, type: row.type, aliases: row.aliases, mentions: row.mentions, label: labels[row.type] || row.type, rank: rank,
                      keys: [row.name].concat(row.aliases).map(fold)};
            });
          });
      }
      return loading;
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        type = button.getAttribute("data-type");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
        update();
      });
    });
    if (!input) return;
    box.hidden = false;
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || (event.key === "Enter" && input.value.trim())) {
        var first = visibleLinks()[0];
        if (!first) return;
        event.preventDefault();
        if (event.key === "Enter") first.click();
        else first.focus();
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        update();
      }
    });
    // Down and up arrows move between the matches too, and up from the first returns to the box.
    (results || document.querySelector(".md-content") || document).addEventListener("keydown", function (event) {
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      var links = visibleLinks();
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      if (event.key === "ArrowDown" && at + 1 < links.length) links[at + 1].focus();
      if (event.key === "ArrowUp") (at > 0 ? links[at - 1] : input).focus();
    });
    if (results) input.addEventListener("focus", function () { load(); }, {once: true});
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
