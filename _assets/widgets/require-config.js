// Point require.js at the jupyter-leaflet bundle the book serves itself (no CDN).
(function () {
  var src = document.currentScript && document.currentScript.src;
  var base = src ? src.substring(0, src.lastIndexOf("/") + 1) : "";
  window.require.config({ paths: { "jupyter-leaflet": base + "jupyter-leaflet/index" } });
})();
