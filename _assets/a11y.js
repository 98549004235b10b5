// Accessibility repairs to the book theme's controls (checked by the axe audit in tests/test_browser.py).
(function () {
  "use strict";
  function repair() {
    // Buttons whose aria-label leaves out their visible text ("Search" on a button reading "Search Ctrl+K").
    document.querySelectorAll("button[aria-label]").forEach(function (button) {
      var visible = (button.innerText || "").replace(/\s+/g, " ").trim();
      var label = button.getAttribute("aria-label");
      if (visible && label.indexOf(visible) === -1) {
        button.setAttribute("aria-label", visible.indexOf(label) === -1 ? label + " (" + visible + ")" : visible);
      }
    });
    // Icons inside labelled buttons are decoration: the button's label names it.
    document.querySelectorAll("button[aria-label] i, button[aria-label] svg").forEach(function (icon) {
      icon.setAttribute("aria-hidden", "true");
      icon.removeAttribute("title");
    });
    // Disclosure triangles in the navigation carry no text of their own.
    document.querySelectorAll("details > summary").forEach(function (summary) {
      if (!(summary.textContent || "").trim() && !summary.getAttribute("aria-label")) {
        summary.setAttribute("aria-label", "Show or hide the pages of this section");
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
  window.addEventListener("load", repair);
})();
