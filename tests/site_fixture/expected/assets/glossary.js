// Glossary type filter: buttons show one type of actor at a time. Without JavaScript every actor shows.
(function () {
  function setUp() {
    var buttons = document.querySelectorAll(".glossary-filter");
    if (!buttons.length) return;
    var items = document.querySelectorAll("li[data-type]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var type = button.getAttribute("data-type");
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === button ? "true" : "false"); });
        items.forEach(function (item) { item.hidden = Boolean(type) && item.getAttribute("data-type") !== type; });
        document.querySelectorAll(".md-typeset h2[id^='letter-'], .md-typeset h2").forEach(function (heading) {
          var list = heading.nextElementSibling;
          if (!list || list.tagName !== "UL") return;
          var visible = Array.prototype.some.call(list.querySelectorAll("li[data-type]"), function (li) { return !li.hidden; });
          heading.hidden = !visible;
          list.hidden = !visible;
        });
      });
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
