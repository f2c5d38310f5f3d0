// careerfit results page: live slider values, and how htmx treats refused filters.
//
// A filter the server cannot read comes back as 400 with the career list and a message saying
// what was left out; htmx swaps only 2xx responses by default, so it is told to swap that too.
(function () {
  "use strict";
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "400", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: false },
  ];

  document.addEventListener("input", function (event) {
    var slider = event.target;
    if (slider.type !== "range") return;
    var shown = document.getElementById(slider.id + "_value");
    if (shown) shown.textContent = slider.value;
  });

  document.addEventListener("htmx:responseError", function () {
    var status = document.getElementById("results-status");
    if (status) status.textContent = "The list could not be updated. Press “Show careers” to try again.";
  });
  document.addEventListener("htmx:sendError", function () {
    var status = document.getElementById("results-status");
    if (status) status.textContent = "No connection: the list was not updated.";
  });
})();
