// Study session: keyboard shortcuts (Space reveals, 1-4 rate, U undoes), no double submits, and
// forms sent with fetch so the next card swaps in without a page load. Without this file every
// form still works as a plain GET or POST.
(function () {
  "use strict";
  var busy = false;
  var shownAt = Date.now();

  function root() { return document.getElementById("study"); }

  function setStatus(text) {
    var status = document.getElementById("study-status");
    if (status) { status.textContent = text || ""; }
  }

  function prepare() {
    var section = root();
    if (!section) { return; }
    var keys = section.querySelector(".keys");
    if (keys) { keys.hidden = false; }
    shownAt = Date.now();
    section.focus({ preventScroll: true });
  }

  function swapFrom(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("study");
    if (!fresh) { window.location.assign(url); return; }
    var main = document.querySelector("main");
    document.querySelectorAll("main .flashes").forEach(function (node) { node.remove(); });
    var flashes = doc.querySelector("main .flashes");
    if (flashes && main) { main.insertBefore(flashes, main.firstChild); }
    root().replaceWith(fresh);
    document.title = doc.title;
    window.history.replaceState(null, "", url);
    prepare();
  }

  function load(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) {
        return response.text().then(function (html) { swapFrom(html, response.url || url); });
      });
  }

  function post(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var duration = form.querySelector("input[name=duration_ms]");
    if (duration) { data.set("duration_ms", String(Math.min(Date.now() - shownAt, 999999999))); }
    return fetch(form.action, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) {
        return response.text().then(function (html) { swapFrom(html, response.url); });
      }
      return response.json().then(function (body) {
        if (body.ok) {
          return load(body.next_url).then(function () {
            setStatus(body.message);
            showFlash(body.message, "success");
          });
        }
        var message = (body.error && body.error.message) || "Something went wrong.";
        return load(window.location.pathname).then(function () { setStatus(message); showFlash(message, "warning"); });
      });
    });
  }

  function showFlash(message, category) {
    var main = document.querySelector("main");
    if (!main) { return; }
    document.querySelectorAll("main .flashes").forEach(function (node) { node.remove(); });
    var box = document.createElement("div");
    box.className = "flashes";
    var p = document.createElement("p");
    p.className = "flash flash-" + category;
    p.textContent = message;
    box.appendChild(p);
    main.insertBefore(box, main.firstChild);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!root() || !root().contains(form)) { return; }
    event.preventDefault();
    if (busy) { return; }
    busy = true;
    var submitter = event.submitter || null;
    form.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-busy", "true"); });
    var done;
    if (form.method.toLowerCase() === "get") {
      var params = new URLSearchParams(new FormData(form));
      done = load(form.action + "?" + params.toString());
    } else {
      done = post(form, submitter);
    }
    done.catch(function () {
      // Network trouble: fall back to a normal submission (the client id keeps it single).
      if (submitter && submitter.name) {
        var hidden = document.createElement("input");
        hidden.type = "hidden"; hidden.name = submitter.name; hidden.value = submitter.value;
        form.appendChild(hidden);
      }
      HTMLFormElement.prototype.submit.call(form);
    }).finally(function () { busy = false; });
  });

  document.addEventListener("keydown", function (event) {
    if (!root() || event.ctrlKey || event.metaKey || event.altKey || event.repeat) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var key = event.key === " " ? "space" : event.key.toLowerCase();
    var button = root().querySelector('[data-key="' + key + '"]');
    if (!button) { return; }
    event.preventDefault();
    if (busy) { return; }
    if (button.form && typeof button.form.requestSubmit === "function") {
      button.form.requestSubmit(button);
    } else {
      button.click();
    }
  });

  prepare();
}());
