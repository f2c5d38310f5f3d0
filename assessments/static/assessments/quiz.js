// careerfit quiz: how htmx treats the server's answers to autosave and email requests.
//
// The server refuses bad input with a 4xx status and a short fragment meant to be shown next
// to the item (or, retargeted, at the top of the page). htmx swaps only 2xx responses by
// default, so the statuses our views answer with are swapped too. Other failures (a 403 from
// an expired CSRF cookie, a 500, no network) swap nothing; the target then says so in words.
(function () {
  "use strict";
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "^(400|404|409|429|503)$", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: false },
  ];

  function say(event, text) {
    var target = event.detail.target;
    if (!target) return;
    var span = document.createElement("span");
    span.className = "quiz-error";
    span.textContent = text;
    target.replaceChildren(span);
  }

  document.addEventListener("htmx:responseError", function (event) {
    say(event, "Not saved: something went wrong on our side. Reload the page and try again.");
  });
  document.addEventListener("htmx:sendError", function (event) {
    say(event, "Not saved: no connection. Your choices on this page are sent again when you press Next page.");
  });
})();
