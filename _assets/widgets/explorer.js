// The map explorer without a kernel: binds the explorer's ipywidgets controls client-side.
// Reads the facts precomputed at build time (the JSON island #explorer-facts, made by analysis.maps.explorer_facts),
// restyles the one countries layer, shows the activity markers that run at the chosen month, fills the panel and
// keeps the view in the URL (?org=&date=&country=&view=). The rules mirror analysis.maps (country_style,
// panel_html); a browser test checks that both give the same answers. Text from the data is only ever set with
// textContent or as an attribute value: never as HTML.
(function () {
  "use strict";
  var F = null, root = null, ui = null;
  var view = {org: null, month: null, country: null, mode: "depth"};
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"];

  // --- the rules (twins of analysis.maps) ---------------------------------------------------------------------
  function monthEnd(month) {
    var y = +month.slice(0, 4), m = +month.slice(5, 7);
    var d = new Date(Date.UTC(y, m, 0));
    return d.toISOString().slice(0, 10);
  }
  function active(from, to, day) { return from !== null && from <= day && (to === null || day <= to); }
  function depthAt(month) {
    var months = F.depth.months, lo = 0, hi = months.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (months[mid] <= month) { lo = mid + 1; } else { hi = mid; } }
    var k = lo - 1;
    if (k < 0) {
      return {index: F.partners.map(function () { return 0; }),
              comp: F.partners.map(function () { return F.components.map(function () { return 0; }); })};
    }
    return {index: F.depth.index[k], comp: F.depth.comp[k]};
  }
  function membersAt(org, day) {
    var out = {};
    F.mem.forEach(function (r) {
      if (r[0] === org && active(r[4], r[5], day)) { (out[r[1]] = out[r[1]] || []).push(r); }
    });
    return out;
  }
  function classOf(value, breaks) {
    for (var k = 0; k < breaks.length; k++) { if (value <= breaks[k]) { return k; } }
    return breaks.length - 1;
  }
  function ukIndex() { for (var i = 0; i < F.states.length; i++) { if (F.states[i][0] === "GBR") { return i; } } return -1; }
  function countryStyle(state, month, org, mode) {
    var day = monthEnd(month), fill;
    if (F.states[state][0] === "GBR") {
      fill = F.classes.uk;
    } else if (mode === "gaps") {
      var g = F.gap.values[F.partners.indexOf(state)];
      fill = F.gap.colours[classOf(g, F.gap.breaks.concat([Infinity]))];
    } else {
      var v = depthAt(month).index[F.partners.indexOf(state)];
      fill = v <= 0 ? F.classes.zero : F.classes.colours[classOf(v, F.classes.breaks)];
    }
    var style = {fillColor: fill, fillOpacity: 0.95, color: "#FFFFFF", weight: 0.7};
    if (org !== null) {
      if (membersAt(org, day)[state]) { style.color = "#000000"; style.weight = 2.2; } else { style.fillOpacity = 0.25; }
    }
    return style;
  }
  function monthLabel(month) { return MONTHS[+month.slice(5, 7) - 1] + " " + month.slice(0, 4); }
  function titleText(month, org, mode) {
    var what = mode === "gaps" ? "Gap measure (as at the dataset's date)" : "Depth of each relationship with the UK";
    var text = what + ", " + monthLabel(month);
    if (org !== null) { text += "; members of " + F.orgs[org][2] + " outlined"; }
    return text + ".";
  }

  // --- small DOM helpers: text only -------------------------------------------------------------------------
  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = text; }
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function safeUrl(url) { return /^https?:\/\/[^\s]+$/i.test(url) ? url : null; }
  function link(text, url) {
    var target = safeUrl(url) || (/^generated\/[a-z0-9\/.-]+\.html$/.test(url) ? url : null);
    return target ? el("a", text, {href: target}) : el("span", text);
  }
  function list(items) { var ul = el("ul"); items.forEach(function (i) { var li = el("li"); i.forEach(function (p) { li.appendChild(typeof p === "string" ? document.createTextNode(p) : p); }); ul.appendChild(li); }); return ul; }

  // --- the panel (twin of analysis.maps.panel_html) -----------------------------------------------------------
  function panel(month, org, state) {
    var box = document.createDocumentFragment(), day = monthEnd(month), uk = ukIndex();
    if (org !== null) {
      var o = F.orgs[org], members = membersAt(org, day), ids = Object.keys(members).map(Number);
      box.appendChild(el("h3", o[1] + " (" + o[2] + ")"));
      box.appendChild(el("p", o[3] + "; the UK: " + o[4] + (members[uk] ? "" : " (the UK is not a member at this date)") +
                              ". " + o[5]));
      ids.sort(function (a, b) { return F.states[a][1] < F.states[b][1] ? -1 : 1; });
      box.appendChild(el("p", ids.length + (o[7] ? " members recorded" : " members") + " at the end of " + monthLabel(month) + ":"));
      box.appendChild(list(ids.map(function (s) { return [F.states[s][1] + " (since " + (members[s][0][3] || "a date not recorded") + ")"]; })));
      var p = el("p"); p.appendChild(link("Page of " + o[2], o[6])); box.appendChild(p);
    }
    if (state !== null) {
      var st = F.states[state];
      box.appendChild(el("h3", st[1]));
      if (st[0] !== "GBR") {
        var k = F.partners.indexOf(state), d = depthAt(month), v = d.index[k];
        var rank = 1 + d.index.filter(function (x) { return x > v; }).length;
        box.appendChild(el("p", "Depth index " + v.toFixed(1) + " (rank " + rank + " of " + d.index.length + "): " +
          F.components.map(function (c, i) { return c + " " + d.comp[k][i].toFixed(1); }).join(", ") + "."));
      }
      var mine = {}, ukin = {};
      F.mem.forEach(function (r) {
        if (!active(r[4], r[5], day)) { return; }
        if (r[1] === state) { mine[r[0]] = true; }
        if (r[1] === uk) { ukin[r[0]] = true; }
      });
      var shared = [], without = [];
      Object.keys(mine).forEach(function (o) { (ukin[o] ? shared : without).push(F.orgs[+o][2]); });
      shared.sort(); without.sort();
      box.appendChild(el("p", "With the UK in: " + (shared.join(", ") || "none recorded") + "."));
      box.appendChild(el("p", "In without the UK: " + (without.join(", ") || "none recorded") + "."));
      var listed = F.agr.filter(function (a) { return a[7].indexOf(state) >= 0 && active(a[5], a[6], day); });
      listed.sort(function (a, b) { return a[2] < b[2] ? 1 : a[2] > b[2] ? -1 : 0; });
      var agreements = listed.filter(function (a) { return a[4] !== "announced"; });
      var announced = listed.filter(function (a) { return a[4] === "announced"; });
      var entry = function (a) {
        var parts = [a[2] + ": " + a[0] + " (" + a[1] + "; binding: " + a[3] + "; " + a[4] + "). Source: "];
        a[9].forEach(function (s, i) { if (i) { parts.push("; "); } parts.push(link(s[0], s[1])); });
        return parts;
      };
      box.appendChild(el("p", "Agreements in force or issued by then: " + agreements.length + "."));
      box.appendChild(list(agreements.map(entry)));
      if (announced.length) {
        box.appendChild(el("p", "Announced by then, no signature recorded (not counted): " + announced.length + "."));
        box.appendChild(list(announced.map(entry)));
      }
      var acts = F.act.filter(function (a) { return (a[2] === state || a[3].indexOf(state) >= 0) && active(a[6], a[7], day); });
      box.appendChild(el("p", "UK activities then: " + acts.length + "."));
      box.appendChild(list(acts.map(function (a) { return [a[0] + " (" + a[1] + ", from " + a[4] + ")"]; })));
      var q = el("p"); q.appendChild(link("Full profile of " + st[1], st[2])); box.appendChild(q);
    }
    if (org === null && state === null) {
      box.appendChild(el("p", "Choose an organisation, or click a country, to see its relationship with the UK."));
    }
    return box;
  }

  function legend(mode) {
    var box = document.createDocumentFragment(), swatches = [], b;
    if (mode === "gaps") {
      b = F.gap.breaks;
      var labels = ["below " + b[0], b[0] + " to " + b[1], b[1] + " to " + b[2], b[2] + " to " + b[3], "above " + b[3]];
      F.gap.colours.forEach(function (c, i) { swatches.push([c, labels[i]]); });
      box.appendChild(el("p", "Gap: depth minus what the partner's weight predicts", {"class": "legend-title"}));
    } else {
      b = F.classes.breaks;
      swatches.push([F.classes.zero, "none recorded"]);
      F.classes.colours.forEach(function (c, i) { swatches.push([c, (i ? b[i - 1] : 0).toFixed(1) + " to " + b[i].toFixed(1)]); });
      box.appendChild(el("p", "Depth index (five classes with about equal numbers of partners today)", {"class": "legend-title"}));
    }
    swatches.push([F.classes.uk, "United Kingdom"]);
    var ul = el("ul", null, {"class": "legend-classes"});
    swatches.forEach(function (s) { var li = el("li"); var sw = el("span", null, {"class": "swatch"}); sw.style.background = s[0]; li.appendChild(sw); li.appendChild(document.createTextNode(s[1])); ul.appendChild(li); });
    box.appendChild(ul);
    box.appendChild(el("p", "UK activities (placed in the host state, not at the site)", {"class": "legend-title"}));
    var marks = el("ul", null, {"class": "legend-marks"});
    Object.keys(F.activityColours).forEach(function (k) { var li = el("li"); var dot = el("span", null, {"class": "dot"}); dot.style.background = F.activityColours[k]; li.appendChild(dot); li.appendChild(document.createTextNode(k)); marks.appendChild(li); });
    box.appendChild(marks);
    return box;
  }

  // --- binding ------------------------------------------------------------------------------------------------
  function stateIndex(iso) { for (var i = 0; i < F.states.length; i++) { if (F.states[i][0] === iso) { return i; } } return null; }
  function orgIndex(id) { for (var i = 0; i < F.orgs.length; i++) { if (F.orgs[i][0] === id) { return i; } } return null; }
  function isoOf(path) { var m = /\bcountry-([A-Z]{3})\b/.exec(path.getAttribute("class") || ""); return m ? m[1] : null; }

  function replace(node, content) { while (node.firstChild) { node.removeChild(node.firstChild); } node.appendChild(content); }

  function draw() {
    root.querySelectorAll("path.country").forEach(function (path) {
      var i = stateIndex(isoOf(path));
      if (i === null) { return; }
      var s = countryStyle(i, view.month, view.org, view.mode);
      path.style.fill = s.fillColor; path.style.fillOpacity = s.fillOpacity;
      path.style.stroke = i === view.country ? "#D55E00" : s.color;
      path.style.strokeWidth = i === view.country ? 3 : s.weight;
      path.dataset.fill = s.fillColor;
    });
    var day = monthEnd(view.month);
    root.querySelectorAll("path.act").forEach(function (path, k) {
      var a = F.act[k];
      var on = a && active(a[6], a[7], day);
      path.style.display = on ? "" : "none";
      if (on) { path.style.fill = F.activityColours[a[1]] || "#000000"; path.style.fillOpacity = 1; path.style.strokeOpacity = 1; }
    });
    replace(ui.title, el("p", titleText(view.month, view.org, view.mode)));
    replace(ui.legend, legend(view.mode));
    replace(ui.panel, panel(view.month, view.org, view.country));
    ui.org.selectedIndex = view.org === null ? 0 : view.org + 1;
    ui.year.value = ui.year.querySelector("option") ? optionFor(ui.year, view.month.slice(0, 4)) : ui.year.value;
    ui.month.selectedIndex = +view.month.slice(5, 7) - 1;
    ui.mode.selectedIndex = view.mode === "gaps" ? 1 : 0;
    root.dataset.month = view.month;
    root.dataset.org = view.org === null ? "" : F.orgs[view.org][0];
    root.dataset.country = view.country === null ? "" : F.states[view.country][0];
  }
  function optionFor(select, label) {
    for (var i = 0; i < select.options.length; i++) { if (select.options[i].textContent === label) { return select.options[i].value; } }
    return select.value;
  }

  function toUrl(push) {
    var params = new URLSearchParams();
    if (view.org !== null) { params.set("org", F.orgs[view.org][0]); }
    params.set("date", view.month);
    if (view.country !== null) { params.set("country", F.states[view.country][0]); }
    if (view.mode !== "depth") { params.set("view", view.mode); }
    var url = location.pathname + "?" + params.toString() + location.hash;
    if (push) { history.pushState(null, "", url); } else { history.replaceState(null, "", url); }
  }
  function fromUrl() {
    var params = new URLSearchParams(location.search), last = F.asAt.slice(0, 7);
    var date = params.get("date") || "";
    view.month = /^\d{4}-(0[1-9]|1[0-2])$/.test(date) && date <= last && +date.slice(0, 4) >= F.firstYear ? date : last;
    view.org = orgIndex(params.get("org") || "");
    view.country = stateIndex(params.get("country") || "");
    view.mode = params.get("view") === "gaps" ? "gaps" : "depth";
  }
  function readControls() {
    view.org = ui.org.selectedIndex > 0 ? ui.org.selectedIndex - 1 : null;
    var year = ui.year.options[ui.year.selectedIndex].textContent.trim();
    var month = ("0" + (ui.month.selectedIndex + 1)).slice(-2);
    view.month = (year + "-" + month) <= F.asAt.slice(0, 7) ? year + "-" + month : F.asAt.slice(0, 7);
    view.mode = ui.mode.selectedIndex === 1 ? "gaps" : "depth";
  }

  var tip = null;
  function tooltip(event, path) {
    var i = stateIndex(isoOf(path));
    if (i === null) { return; }
    if (!tip) { tip = el("div", null, {"class": "map-tooltip", role: "tooltip"}); document.body.appendChild(tip); }
    var text = F.states[i][1];
    if (F.states[i][0] === "GBR") { text += ": the United Kingdom"; }
    else if (view.mode === "gaps") { text += ": gap " + F.gap.values[F.partners.indexOf(i)].toFixed(1); }
    else { text += ": depth index " + depthAt(view.month).index[F.partners.indexOf(i)].toFixed(1) + " (" + monthLabel(view.month) + ")"; }
    tip.textContent = text;
    tip.hidden = false;
    tip.style.left = (event.pageX + 12) + "px";
    tip.style.top = (event.pageY + 12) + "px";
  }

  function bind() {
    var selects = root.querySelectorAll("select");
    function content(cls) {  // an HTML widget's content box (its outer box is a flex row)
      var outer = root.querySelector(cls);
      return outer.querySelector(".widget-html-content") || outer;
    }
    ui = {org: selects[0], year: selects[1], month: selects[2], mode: selects[3],
          title: content(".explorer-title"), panel: content(".explorer-panel"), legend: content(".explorer-legend")};
    var outerPanel = root.querySelector(".explorer-panel");
    outerPanel.setAttribute("aria-live", "polite");
    outerPanel.setAttribute("role", "region");
    outerPanel.setAttribute("aria-label", "Relationship with the UK");
    [ui.org, ui.year, ui.month, ui.mode].forEach(function (s) {
      s.addEventListener("change", function () { readControls(); draw(); toUrl(true); });
    });
    var map = root.querySelector(".leaflet-container");
    map.setAttribute("role", "region");
    map.setAttribute("aria-label", "Map of the UK's defence and security relationships in Europe; the panel and the table below give the same information");
    root.querySelectorAll("path.country").forEach(function (path) {
      var i = stateIndex(isoOf(path));
      if (i === null) { return; }
      path.setAttribute("tabindex", "0");
      path.setAttribute("role", "button");
      path.setAttribute("aria-label", F.states[i][1] + ": show its relationship with the UK");
      function choose(event) { event.stopPropagation(); view.country = i; draw(); toUrl(true); }
      path.addEventListener("click", choose);
      path.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); choose(event); } });
      path.addEventListener("mousemove", function (event) { tooltip(event, path); });
      path.addEventListener("mouseleave", function () { if (tip) { tip.hidden = true; } });
    });
    window.addEventListener("popstate", function () { fromUrl(); draw(); });
  }

  function start() {
    var island = document.getElementById("explorer-facts");
    root = document.querySelector(".uk-explorer");
    if (!island || !root || root.querySelectorAll("select").length < 4 || !root.querySelector("path.country") ||
        !root.querySelector(".explorer-panel")) { return false; }
    if (root.dataset.bound) { return true; }
    F = JSON.parse(island.textContent);
    root.dataset.bound = "1";
    bind();
    fromUrl();
    draw();
    toUrl(false);
    window.dispatchEvent(new Event("resize"));  // Leaflet re-measures its container
    document.documentElement.dataset.mapReady = "1";
    return true;
  }
  function poll(tries) {
    if (!start() && tries > 0) { window.setTimeout(function () { poll(tries - 1); }, 100); }
  }
  window.addEventListener("load", function () { poll(300); });
})();
