// The book's widget manager for static pages: renders the widget state myst-nb embeds, with no kernel.
//
// It replaces the HTML manager's 3.6 MB bundle (ipywidgets 7 and 8, the output widget, JupyterLab's rendermime,
// a JSON-schema validator, two icon fonts) with what the book's pages use: ipywidgets 8 base and controls,
// and modules such as jupyter-leaflet loaded through require.js from the book's own _static folder (no CDN).
// Bundled by build.js (webpack, from the npm packages pinned in package-lock.json).
import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";
import { ManagerBase } from "@jupyter-widgets/base-manager";
import { MessageLoop } from "@lumino/messaging";
import { Widget } from "@lumino/widgets";
import "@lumino/widgets/style/index.css";
import "@jupyter-widgets/controls/css/widgets-base.css";

const BUILT_IN = { "@jupyter-widgets/base": base, "@jupyter-widgets/controls": controls };

// Other AMD bundles (jupyter-leaflet) ask require.js for the same base module the manager uses.
Object.keys(BUILT_IN).forEach((name) => window.define(name, [], () => BUILT_IN[name]));

function requireModule(name) {
  return new Promise((resolve, reject) => window.requirejs([name], resolve, reject));
}

export class StaticManager extends ManagerBase {
  constructor() {
    super();
    this.views = new Set();
    window.addEventListener("resize", () => {
      this.views.forEach((view) => MessageLoop.postMessage(view.luminoWidget, Widget.ResizeMessage.UnknownSize));
    });
  }

  async display_view(view, el) {
    const shown = await view;
    Widget.attach(shown.luminoWidget, el);
    this.views.add(shown);
    shown.once("remove", () => this.views.delete(shown));
  }

  _get_comm_info() {
    return Promise.resolve({});
  }

  _create_comm() {
    return Promise.resolve({ on_close() {}, on_msg() {}, close() {} });
  }

  async loadClass(className, moduleName, moduleVersion) {
    const module = BUILT_IN[moduleName] || (await requireModule(moduleName));
    if (!module[className]) {
      throw new Error(`Class ${className} not found in module ${moduleName}@${moduleVersion}`);
    }
    return module[className];
  }
}

// Each widget-state island gets a manager; each view island that names one of its models becomes that view.
export async function renderWidgets(element = document.documentElement) {
  if (getComputedStyle(document.documentElement).getPropertyValue("--jp-layout-color0") === "") {
    require("@jupyter-widgets/controls/css/labvariables.css");
  }
  const states = element.querySelectorAll('script[type="application/vnd.jupyter.widget-state+json"]');
  const views = Array.from(element.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]'));
  await Promise.all(Array.from(states).map(async (island) => {
    const manager = new StaticManager();
    const models = await manager.set_state(JSON.parse(island.textContent));
    await Promise.all(views.map(async (tag) => {
      const wanted = JSON.parse(tag.textContent).model_id;
      const model = models.find((item) => item.model_id === wanted);
      if (model === undefined || tag.parentElement === null) {
        return;
      }
      const area = document.createElement("div");
      area.className = "widget-subarea";
      tag.parentElement.insertBefore(area, tag);
      await manager.display_view(manager.create_view(model), area);
    }));
  }));
}

function start() {
  renderWidgets().catch((error) => {
    document.documentElement.dataset.widgetError = String(error);
    console.error("The page's widgets could not be shown:", error);
  });
}

if (document.readyState === "complete") {
  start();
} else {
  window.addEventListener("load", start);
}
