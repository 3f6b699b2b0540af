// Run timeline's page.js outside a browser: a do-nothing DOM, and a Plotly that records its calls.
"use strict";
const fs = require("fs");
const [dataPath, jsPath] = process.argv.slice(2);
const data = fs.readFileSync(dataPath, "utf8");
function inert() {
  const target = function () {};
  const proxy = new Proxy(target, {
    get(t, key) {
      if (key === Symbol.toPrimitive) return () => "";
      if (key === "then") return undefined;
      if (key === "style") return {};
      return proxy;
    },
    set() { return true; },
    apply() { return proxy; },
  });
  return proxy;
}
const any = inert();
const calls = [];
global.window = { addEventListener() {} };
global.location = { hash: "", pathname: "/timeline.html", search: "", href: "file:///timeline.html" };
global.history = { replaceState() {} };
global.document = {
  getElementById(id) { return id === "timeline-data" ? { textContent: data, getAttribute() { return null; } } : any; },
  createElement() { return any; }, createTextNode() { return any; }, querySelector() { return any; },
  querySelectorAll() { return []; }, body: any,
};
global.Plotly = { react(div, traces, layout) { calls.push({ div, traces, layout }); return Promise.resolve(); } };
new Function(fs.readFileSync(jsPath, "utf8"))();
Promise.resolve(window.timelineReady).then(() => process.stdout.write(JSON.stringify(calls)));
