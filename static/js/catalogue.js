/* The catalogue's filter drawer (a <details>): open beside the results on
   wide screens, closed above them on phones so that the results come first.
   Without JavaScript the drawer still opens and closes by itself, and
   site.css shows it open on wide screens. */
(function () {
  "use strict";
  var drawer = document.querySelector("[data-filters]");
  if (!drawer) { return; }
  var wide = window.matchMedia("(min-width: 60.0625rem)");
  var summary = drawer.querySelector("summary");
  var pill = drawer.querySelector("[data-filter-pill]");
  var count = drawer.querySelector("[data-filter-count]");

  drawer.classList.add("filters--enhanced");
  if (wide.matches) { drawer.open = true; }
  wide.addEventListener("change", function (event) { drawer.open = event.matches; });

  // The summary's count follows the form, since htmx replaces only the results.
  function active() {
    var total = drawer.querySelectorAll("input[type=checkbox]:checked").length;
    drawer.querySelectorAll("select option:checked").forEach(function (option) {
      if (option.value) { total += 1; }
    });
    drawer.querySelectorAll("input[type=number]").forEach(function (input) {
      if (input.value.trim()) { total += 1; }
    });
    return total;
  }
  function showCount() {
    var total = active();
    if (count) { count.textContent = String(total); }
    if (pill) { pill.hidden = total === 0; }
  }
  drawer.addEventListener("change", showCount);
  drawer.addEventListener("input", showCount);

  // On a phone, "Apply filters" closes the drawer so that the results are in
  // view; focus goes to the summary rather than to a button now hidden.
  var form = drawer.closest("form");
  if (form) {
    form.addEventListener("submit", function (event) {
      if (wide.matches || !drawer.open || !drawer.contains(event.submitter)) { return; }
      drawer.open = false;
      summary.focus();
    });
  }
})();
