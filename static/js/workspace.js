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
