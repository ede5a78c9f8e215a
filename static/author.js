/* Authoring area: job progress polling, review-queue keyboard shortcuts, source-span picking. */
(function () {
  "use strict";

  /* ---- Generation job page: poll the JSON status, go to the deck when done. ---- */
  function watchJob(box) {
    var url = box.getAttribute("data-status-url");
    var bar = document.getElementById("job-progress");
    var state = document.getElementById("job-state");
    var message = document.getElementById("job-message");
    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (job) {
          bar.value = job.progress;
          bar.textContent = job.progress + "%";
          state.textContent = job.status;
          message.textContent = job.message;
          var hint = document.getElementById("job-hint");
          if (hint) { hint.textContent = job.hint || ""; }
          if (job.status === "done") {
            window.location.assign(job.deck_url);
          } else if (job.status === "failed" || job.status === "cancelled") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    var current = state.textContent.trim();
    if (current === "queued" || current === "running") { window.setTimeout(poll, 500); }
  }

  /* ---- Review queue: j/k move focus, a/r act on the focused item, e edits it. ---- */
  function items() { return Array.prototype.slice.call(document.querySelectorAll(".review-item")); }

  function focusedItem() {
    var active = document.activeElement;
    return active && active.closest ? active.closest(".review-item") : null;
  }

  function focusItem(item) {
    if (!item) { return; }
    items().forEach(function (el) { el.classList.remove("is-current"); });
    item.classList.add("is-current");
    item.focus();
    item.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var single = document.querySelector("[data-review-single]");
    if (single) {
      var link = document.querySelector(step > 0 ? "[data-nav=next]" : "[data-nav=prev]");
      if (link) { window.location.assign(link.href); }
      return;
    }
    var list = items();
    if (!list.length) { return; }
    var index = list.indexOf(focusedItem());
    var next = index < 0 ? 0 : Math.min(list.length - 1, Math.max(0, index + step));
    focusItem(list[next]);
  }

  function setStatus(item, status) {
    item.setAttribute("data-status", status);
    var badge = item.querySelector(".status-badge");
    badge.textContent = status;
    badge.className = "badge status-badge " +
      (status === "approved" ? "ok" : status === "rejected" ? "bad" : "warn");
  }

  function act(item, action) {
    var form = item.querySelector("form[data-action=" + action + "]");
    if (!form) { return; }
    if (document.querySelector("[data-review-single]")) { form.submit(); return; }
    submitInPlace(form, item);
  }

  function submitInPlace(form, item) {
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin"
    }).then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      setStatus(item, data.status);
      var list = items();
      var index = list.indexOf(item);
      focusItem(list[Math.min(list.length - 1, index + 1)]);
    }).catch(function () { form.submit(); });
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      return;
    }
    var key = event.key;
    if (key === "j") { move(1); event.preventDefault(); return; }
    if (key === "k") { move(-1); event.preventDefault(); return; }
    var item = focusedItem() || (document.querySelector("[data-review-single] .review-item"));
    if (!item) { return; }
    if (key === "a") { act(item, "approve"); event.preventDefault(); }
    else if (key === "r") { act(item, "reject"); event.preventDefault(); }
    else if (key === "e") {
      var edit = item.querySelector("a[data-action=edit]");
      if (edit) { window.location.assign(edit.href); event.preventDefault(); }
    }
  }

  function setupReview() {
    var list = document.querySelector("[data-review-list]");
    var single = document.querySelector("[data-review-single]");
    if (!list && !single) { return; }
    document.addEventListener("keydown", onKey);
    if (list) {
      list.addEventListener("submit", function (event) {
        var form = event.target;
        var item = form.closest(".review-item");
        if (item && form.hasAttribute("data-action")) {
          event.preventDefault();
          submitInPlace(form, item);
        }
      });
      list.addEventListener("focusin", function (event) {
        var item = event.target.closest(".review-item");
        if (item) {
          items().forEach(function (el) { el.classList.toggle("is-current", el === item); });
        }
      });
      var fromHash = window.location.hash ? document.querySelector(window.location.hash) : null;
      focusItem(fromHash && fromHash.classList.contains("review-item") ? fromHash : items()[0]);
    }
  }

  /* ---- Item editor: selecting text in the article fills the source offsets. ---- */
  function offsetIn(paragraph, node, offset) {
    var range = document.createRange();
    range.selectNodeContents(paragraph);
    range.setEnd(node, offset);
    return parseInt(paragraph.getAttribute("data-start"), 10) + range.toString().length;
  }

  function setupSpanPicker() {
    var article = document.querySelector("[data-span-source]");
    var start = document.getElementById("source_start");
    var end = document.getElementById("source_end");
    var preview = document.getElementById("span-preview");
    if (!article || !start || !end) { return; }
    function pick() {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) { return; }
      var range = selection.getRangeAt(0);
      var first = range.startContainer.parentElement.closest("[data-start]");
      var last = range.endContainer.parentElement
        ? range.endContainer.parentElement.closest("[data-start]") : null;
      if (range.endContainer.nodeType === 1 && !last) { last = range.endContainer.closest("[data-start]"); }
      if (!first || !last || !article.contains(first) || !article.contains(last)) { return; }
      var from = offsetIn(first, range.startContainer, range.startOffset);
      var to = offsetIn(last, range.endContainer, range.endOffset);
      var text = selection.toString();
      // Trim the whitespace a double-click or drag often adds at either end.
      var lead = text.length - text.replace(/^\s+/, "").length;
      var trail = text.length - text.replace(/\s+$/, "").length;
      from += lead; to -= trail;
      if (to <= from) { return; }
      start.value = from;
      end.value = to;
      if (preview) { preview.textContent = text.trim(); }
    }
    var current = article.querySelector("[data-current] mark");
    if (current) {
      // Scroll only the article panel, not the page, to the item's current sentence.
      article.closest(".article-view").scrollTop = current.offsetTop - 80;
    }
    article.addEventListener("mouseup", pick);
    article.addEventListener("keyup", pick);
    article.addEventListener("touchend", pick);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var job = document.getElementById("job");
    if (job) { watchJob(job); }
    setupReview();
    setupSpanPicker();
  });
})();
