// Map extras for the static book (no kernel): per-country tooltips, layer-control start state, map size.
(function () {
  "use strict";
  var tips = null;
  function tooltipData() {
    if (tips === null) {
      var island = document.getElementById("map-tooltips");
      tips = island ? JSON.parse(island.textContent) : {};
    }
    return tips;
  }
  function classValue(el, prefix) {
    var names = (el.getAttribute("class") || "").split(/\s+/);
    for (var i = 0; i < names.length; i++) {
      if (names[i].indexOf(prefix) === 0) { return names[i].slice(prefix.length); }
    }
    return null;
  }
  var box = null;
  function tooltipBox() {
    if (!box) {
      box = document.createElement("div");
      box.className = "map-tooltip";
      box.setAttribute("role", "tooltip");
      box.hidden = true;
      document.body.appendChild(box);
    }
    return box;
  }
  document.addEventListener("mouseover", function (event) {
    var el = event.target;
    if (!el || !el.getAttribute || !/\bcountry-/.test(el.getAttribute("class") || "")) { return; }
    var iso = classValue(el, "country-"), snap = classValue(el, "snap-") || "today";
    var text = (tooltipData()[snap] || tooltipData().today || {})[iso];
    if (!text) { return; }
    var tip = tooltipBox();
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = (event.pageX + 12) + "px";
    tip.style.top = (event.pageY + 12) + "px";
  });
  document.addEventListener("mousemove", function (event) {
    if (box && !box.hidden) {
      box.style.left = (event.pageX + 12) + "px";
      box.style.top = (event.pageY + 12) + "px";
    }
  });
  document.addEventListener("mouseout", function (event) {
    var el = event.target;
    if (box && el && el.getAttribute && /\bcountry-/.test(el.getAttribute("class") || "")) { box.hidden = true; }
  });

  // Start state: only the checked base layer on the map, organisation overlays off.
  function tidy(map) {
    if (map.dataset.tidied) { return true; }
    var control = map.querySelector(".leaflet-control-layers");
    if (!control || !map.querySelector("path.country")) { return false; }
    var base = control.querySelector(".leaflet-control-layers-base input:checked");
    if (base) { base.click(); }
    control.querySelectorAll(".leaflet-control-layers-overlays label").forEach(function (label) {
      var input = label.querySelector("input");
      if (input && input.checked && /^\s*Members:/.test(label.textContent)) { input.click(); }
    });
    map.setAttribute("role", "region");
    map.setAttribute("aria-label", "Interactive map of the UK's defence and security relationships in Europe; the table below gives the same information");
    map.dataset.tidied = "1";
    window.dispatchEvent(new Event("resize"));  // Leaflet re-measures its container (invalidateSize)
    document.documentElement.dataset.mapReady = "1";
    return true;
  }
  function poll(tries) {
    var maps = document.querySelectorAll(".leaflet-container");
    var done = maps.length > 0;
    maps.forEach(function (map) { done = tidy(map) && done; });
    if (!done && tries > 0) { window.setTimeout(function () { poll(tries - 1); }, 100); }
  }
  window.addEventListener("load", function () { poll(300); });
})();
