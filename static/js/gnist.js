// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // A search box above long selects (the 357 municipalities), keyboard and screen-reader friendly.
  function addFilter(select) {
    var input = document.createElement("input");
    input.type = "search";
    input.className = "form-control form-control-sm select-filter-input";
    input.setAttribute("aria-controls", select.id);
    var english = document.documentElement.lang === "en";
    input.setAttribute("aria-label", english ? "Search the list" : "Søk i listen");
    input.placeholder = english ? "Type to search…" : "Skriv for å søke…";
    select.parentNode.insertBefore(input, select);
    input.addEventListener("input", function () {
      var term = input.value.trim().toLowerCase();
      select.querySelectorAll("option").forEach(function (option) {
        if (!option.value) { return; }
        var match = option.textContent.toLowerCase().indexOf(term) !== -1;
        option.hidden = !match;
        option.disabled = !match && !option.selected;
      });
      select.querySelectorAll("optgroup").forEach(function (group) {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-filter]").forEach(addFilter);
  });
})();
