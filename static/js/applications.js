// The challenge form: keeps unsent text in this browser and resends it when back online.
// Without JavaScript the form still saves through its own submit buttons.
(function () {
  "use strict";

  function english() { return document.documentElement.lang === "en"; }

  function serialise(form) {
    var data = {};
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken") { return; }
      if (Object.prototype.hasOwnProperty.call(data, name)) {
        data[name] = [].concat(data[name], value);
      } else {
        data[name] = value;
      }
    });
    return data;
  }

  function restore(form, data) {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || !Object.prototype.hasOwnProperty.call(data, element.name)) { return; }
      var value = data[element.name];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = [].concat(value).indexOf(element.value) !== -1;
      } else if (element.type !== "file") {
        element.value = value;
      }
    });
  }

  function sameAsForm(form, data) {
    var current = serialise(form);
    return Object.keys(data).every(function (name) {
      return name === "base_version" || String(current[name]) === String(data[name]);
    });
  }

  function say(text) {
    var region = document.getElementById("offline-status");
    if (region) {
      region.textContent = text;
      region.className = text ? "alert alert-info" : "visually-hidden-focusable";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("application-form");
    if (!form || !window.localStorage) { return; }
    var key = form.getAttribute("data-draft-key");
    var lastInput = 0;
    var requestStarted = 0;

    function keep() {
      lastInput = Date.now();
      localStorage.setItem(key, JSON.stringify({ at: lastInput, data: serialise(form) }));
    }

    var stored = localStorage.getItem(key);
    if (stored) {
      try {
        var entry = JSON.parse(stored);
        if (sameAsForm(form, entry.data)) {
          localStorage.removeItem(key);
        } else {
          // Resend with the version the text was based on: a newer save elsewhere shows a diff.
          restore(form, entry.data);
          say(english() ? "Restored text that had not been saved yet. Saving it now…"
                        : "Hentet fram tekst som ikke var lagret ennå. Lagrer den nå …");
          window.setTimeout(function () { htmx.trigger(form, "gnist:save"); }, 0);
        }
      } catch (error) {
        localStorage.removeItem(key);
      }
    }

    form.addEventListener("input", keep);
    form.addEventListener("change", keep);
    form.addEventListener("htmx:beforeRequest", function () { requestStarted = Date.now(); });
    document.body.addEventListener("autosave-saved", function () {
      say("");
      if (lastInput <= requestStarted) { localStorage.removeItem(key); }
    });
    form.addEventListener("htmx:sendError", function () {
      say(english() ? "No connection. Your text is kept in this browser and is sent when the connection is back."
                    : "Ingen forbindelse. Teksten din er tatt vare på i nettleseren og sendes når forbindelsen er tilbake.");
    });
    window.addEventListener("online", function () {
      if (localStorage.getItem(key)) { htmx.trigger(form, "gnist:save"); }
    });
    form.addEventListener("submit", function () { localStorage.removeItem(key); });

    document.body.addEventListener("click", function (event) {
      var take = event.target.closest("[data-take-version]");
      if (take) {
        form.querySelector("[name=base_version]").value = take.getAttribute("data-take-version");
        htmx.trigger(form, "gnist:save");
      }
      if (event.target.closest("[data-discard-draft]")) { localStorage.removeItem(key); }
    });
    document.body.addEventListener("autosave-conflict", function () {
      var box = document.querySelector("#autosave-status .conflict");
      if (box) { box.focus(); }
    });
  });
})();
