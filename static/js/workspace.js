/* Progressive enhancement of the commitment form: show only the action areas
   of the chosen coalitions, and the amount only for financial commitments.
   Without JavaScript every group is shown and the server checks the rules. */
(function () {
  "use strict";
  var form = document.querySelector("[data-commitment-form]");
  if (!form) { return; }

  function sync() {
    var chosen = {};
    var any = false;
    form.querySelectorAll('input[name="coalitions"]').forEach(function (box) {
      if (box.checked) { chosen[box.value] = true; any = true; }
    });
    form.querySelectorAll("[data-area-group]").forEach(function (group) {
      var show = chosen[group.getAttribute("data-area-group")] === true;
      group.hidden = !show;
      group.querySelectorAll("input").forEach(function (input) { input.disabled = !show; });
    });
    var empty = form.querySelector("[data-areas-empty]");
    if (empty) { empty.hidden = any; }

    var financial = form.querySelector('input[name="commitment_types"][value="financial"]');
    var amount = form.querySelector("[data-amount-field]");
    if (financial && amount) {
      amount.hidden = !financial.checked && !amount.classList.contains("field--error");
    }

    form.querySelectorAll("details.region").forEach(function (region) {
      var count = region.querySelector("[data-region-count]");
      if (count) { count.textContent = region.querySelectorAll("input:checked").length; }
    });
  }

  form.addEventListener("change", sync);
  sync();
})();

/* Type-ahead for the countries of the commitment form: a search box that
   keeps, in the region lists below it, only the countries whose name
   matches what is typed, opening the regions that have a match. Without
   JavaScript the box stays hidden and every region can still be opened and
   ticked; nothing here changes what the form sends. */
(function () {
  "use strict";
  var finder = document.querySelector("[data-country-finder]");
  var regions = document.querySelector("[data-country-regions]");
  if (!finder || !regions) { return; }
  var input = finder.querySelector("input");
  var count = finder.querySelector(".country-finder__count");
  var foundLabel = finder.getAttribute("data-found-label") || "";

  function fold(text) {
    // Case and accents do not matter: "cote" finds "Côte d'Ivoire".
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  var groups = [];
  regions.querySelectorAll("details.region").forEach(function (region) {
    var choices = [];
    region.querySelectorAll("label.choice").forEach(function (label) {
      choices.push({ label: label, name: fold(label.textContent) });
    });
    groups.push({ region: region, choices: choices, wasOpen: region.open });
  });

  function filter() {
    var query = fold(input.value);
    var found = 0;
    groups.forEach(function (group) {
      var matches = 0;
      group.choices.forEach(function (choice) {
        var show = query === "" || choice.name.indexOf(query) !== -1;
        choice.label.classList.toggle("country-finder__no-match", !show);
        if (show) { matches += 1; }
      });
      found += matches;
      if (query === "") {
        group.region.classList.remove("country-finder__no-match");
        group.region.open = group.wasOpen || group.region.querySelector("input:checked") !== null;
      } else {
        group.region.classList.toggle("country-finder__no-match", matches === 0);
        group.region.open = matches > 0;
      }
    });
    count.textContent = query === "" ? "" : foundLabel + " " + found;
  }

  input.addEventListener("input", filter);
  input.addEventListener("keydown", function (event) {
    // Enter in the search box must not send the whole form.
    if (event.key === "Enter") { event.preventDefault(); }
  });
  finder.hidden = false;
})();
