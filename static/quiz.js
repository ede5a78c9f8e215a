// Quiz pages: a countdown for time-limited attempts and number keys for choosing options.
// Everything here is optional: the server enforces the time limit and plain forms still work.
(function () {
  "use strict";

  function startTimer(box) {
    var left = parseInt(box.getAttribute("data-seconds"), 10);
    var value = box.querySelector(".timer-value");
    if (isNaN(left) || !value) return;
    var ends = Date.now() + left * 1000;
    function tick() {
      var s = Math.max(0, Math.round((ends - Date.now()) / 1000));
      value.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      box.classList.toggle("low", s <= 30);
      if (s === 0) {
        value.textContent = "0:00 (time is up: send now to finish)";
        return;
      }
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function numberKeys() {
    var form = document.querySelector(".quiz-attempt form.quiz-form.card");
    if (!form) return;
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (target && (target.tagName === "INPUT" && target.type === "text" || target.tagName === "TEXTAREA")) return;
      var n = parseInt(event.key, 10);
      if (isNaN(n) || n < 1) return;
      var radios = form.querySelectorAll("input[type=radio]");
      if (n > radios.length) return;
      radios[n - 1].checked = true;
      radios[n - 1].focus();
      event.preventDefault();
    });
  }

  // "Finish now" sits under "Check answer": ask before an early finish marks the rest wrong.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    });
  });

  var timer = document.querySelector(".timer[data-seconds]");
  if (timer) startTimer(timer);
  numberKeys();
  var feedback = document.getElementById("feedback");
  if (feedback && !document.querySelector("[autofocus]")) feedback.focus();
})();
