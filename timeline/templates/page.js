/* The linked views of the timeline page (timeline/render.py writes the data this reads).
 *
 * State: one selected entity (or none) and a search text. Every view is redrawn from the events
 * that pass both filters. Hooks for tests and embedding: window.timelineSelectEntity(id),
 * timelineShowEvent(id), timelineSearch(text), timelineReset(), timelineState().
 */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("timeline-data").textContent);
  var FONT = 'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
  var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] };
  var DAY_MS = 86400000;
  var byId = {};
  DATA.events.forEach(function (e) { byId[e.id] = e; });
  var entById = {};
  DATA.entities.forEach(function (e) { entById[e.id] = e; });
  var state = { entity: null, query: "", event: null, lanes: DATA.lane_mode };

  // Text for Plotly's labels, which read a pseudo-HTML (<b>, <br>, <a href>): a name such as
  // "<a href=...>" must stay text. Plotly turns &amp; &lt; &gt; back into characters.
  function plain(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function visibleEvents() {
    var q = state.query.trim().toLowerCase();
    return DATA.events.filter(function (e) {
      if (state.entity && e.entities.indexOf(state.entity) < 0) return false;
      if (q && e.search.indexOf(q) < 0) return false;
      return true;
    });
  }

  function parseDate(s) {  // "2014-01-01" or "2014-01-01 12:00:00", read as UTC like Plotly does
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
    return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0), +(m[6] || 0));
  }

  // Rough width in pixels of a label at 13px: CJK and other wide characters count double.
  function textWidth(t) {
    var w = 0;
    for (var i = 0; i < t.length; i++) w += t.charCodeAt(i) >= 0x2E80 ? 14 : 7.5;
    return w;
  }

  function clip(t, px) {
    var out = "";
    for (var i = 0; i < t.length && textWidth(out + t[i]) <= px - 14; i++) out += t[i];
    return out + "…";
  }

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  // The x range of the visible events, padded by 4% and at least 30 days on each side.
  function xRange(dated) {
    if (!dated.length) return undefined;
    var lo = Infinity, hi = -Infinity;
    dated.forEach(function (e) { lo = Math.min(lo, parseDate(e.x0)); hi = Math.max(hi, parseDate(e.x1)); });
    var pad = Math.max((hi - lo) * 0.04, 30 * DAY_MS);
    return [isoDay(lo - pad), isoDay(hi + pad)];
  }

  // ---- timeline ------------------------------------------------------------------------
  function drawTimeline(events) {
    var mode = state.lanes, lanes = DATA.lanes[mode] || [];
    var dated = events.filter(function (e) { return e.shape !== "none"; });
    // Keep only lanes and rows with a visible event (rows keep their order, so items of one row
    // still never overlap); stack the lanes one under the other.
    var usedRows = {}, offset = {}, rowOf = {}, y = 0, ticks = [], labels = [], shapes = [];
    dated.forEach(function (e) {
      var l = e.lane[mode][0];
      (usedRows[l] = usedRows[l] || {})[e.lane[mode][1]] = true;
    });
    lanes.forEach(function (lane, i) {
      if (!usedRows[i]) return;
      var rows = Object.keys(usedRows[i]).map(Number).sort(function (a, b) { return a - b; });
      rowOf[i] = {};
      rows.forEach(function (r, k) { rowOf[i][r] = k; });
      offset[i] = y;
      ticks.push(y + (rows.length - 1) / 2);
      labels.push(plain(textWidth(lane.name) > 190 ? clip(lane.name, 190) : lane.name));
      y += rows.length;
      shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, y0: y - 0.5, y1: y - 0.5,
                    line: { color: "#d9dee6", width: 1 } });
    });
    shapes.pop();
    var traces = [], seen = {};
    DATA.kinds.forEach(function (kind) {
      var mine = dated.filter(function (e) { return e.kind === kind.name; });
      if (!mine.length) return;
      var bands = mine.filter(function (e) { return e.shape === "band"; });
      var points = mine.filter(function (e) { return e.shape === "point"; });
      function rowY(e) { var l = e.lane[mode][0]; return offset[l] + rowOf[l][e.lane[mode][1]]; }
      if (bands.length) {
        traces.push({
          type: "bar", orientation: "h", name: plain(kind.name), legendgroup: kind.name,
          showlegend: !seen[kind.name], base: bands.map(function (e) { return e.x0; }),
          x: bands.map(function (e) { return parseDate(e.x1) - parseDate(e.x0); }),
          y: bands.map(rowY), width: 0.62, customdata: bands.map(function (e) { return e.id; }),
          hovertext: bands.map(function (e) { return e.hover; }), hoverinfo: "text",
          marker: { color: kind.colour, opacity: 0.6, line: { color: "#fff", width: 1.5 } }
        });
        seen[kind.name] = true;
      }
      if (points.length) {
        traces.push({
          type: "scatter", mode: "markers", name: plain(kind.name), legendgroup: kind.name,
          showlegend: !seen[kind.name], x: points.map(function (e) { return e.at; }),
          y: points.map(rowY), customdata: points.map(function (e) { return e.id; }),
          hovertext: points.map(function (e) { return e.hover; }), hoverinfo: "text",
          marker: { color: kind.colour, size: 13, line: { color: "#fff", width: 1 },
                    symbol: points.map(function (e) {
                      return e.open === "after" ? "triangle-right" : e.open === "before" ? "triangle-left" : "diamond";
                    }) }
        });
        seen[kind.name] = true;
      }
    });
    // Selected event: an outline around its item.
    var sel = state.event && byId[state.event];
    if (sel && sel.shape !== "none" && dated.indexOf(sel) >= 0) {
      var sy = offset[sel.lane[mode][0]] + rowOf[sel.lane[mode][0]][sel.lane[mode][1]];
      traces.push({ type: "scatter", mode: "markers", x: [sel.at || sel.x0], y: [sy], hoverinfo: "skip",
                    showlegend: false, name: "selected",
                    marker: { size: 22, color: "rgba(0,0,0,0)", line: { color: "#111", width: 2 } } });
      if (sel.shape === "band") {
        shapes.push({ type: "rect", x0: sel.x0, x1: sel.x1, y0: sy - 0.4, y1: sy + 0.4,
                      line: { color: "#111", width: 2 }, fillcolor: "rgba(0,0,0,0)" });
        traces.pop();
      }
    }
    var range = xRange(dated);
    var dcts = DATA.dcts.filter(function (d) { return range && d >= range[0] && d <= range[1]; }).slice(0, 3);
    dcts.forEach(function (d) {
      shapes.push({ type: "line", x0: d, x1: d, yref: "paper", y0: 0, y1: 1,
                    line: { color: "#888", width: 1, dash: "dot" } });
    });
    var layout = {
      font: { family: FONT, size: 13 }, barmode: "overlay", bargap: 0,
      height: 120 + Math.max(y, 1) * 32,
      margin: { l: 24 + Math.max.apply(null, labels.map(textWidth).concat([40])),
                r: 20, t: 30, b: 40 },
      xaxis: { type: "date", showgrid: true, gridcolor: "#eef1f5", zeroline: false, range: range },
      yaxis: { tickvals: ticks, ticktext: labels, showgrid: false, zeroline: false,
               range: [Math.max(y, 1) - 0.5, -0.5], fixedrange: true },
      shapes: shapes, hovermode: "closest", hoverlabel: { align: "left", font: { family: FONT } },
      legend: { orientation: "h", y: 1.02, yanchor: "bottom", x: 0, title: { text: "kind " } },
      annotations: dated.length ? [] : [{ text: "No dated event matches.", xref: "paper", yref: "paper",
                                          x: 0.5, y: 0.5, showarrow: false, font: { color: "#5b6472" } }]
    };
    if (dcts.length) {
      layout.annotations.push({ x: dcts[0], y: 1, yref: "paper", text: "DCT", showarrow: false,
                                yanchor: "bottom", font: { size: 10, color: "#888" } });
    }
    return Plotly.react("timeline", traces, layout, CONFIG);
  }

  // ---- network -------------------------------------------------------------------------
  var net = DATA.network;
  var netTypes = [];
  net.nodes.forEach(function (n) { if (netTypes.indexOf(n.type) < 0) netTypes.push(n.type); });
  var typeOrder = ["ORG", "PER", "LOC", "EVENT"];
  netTypes.sort(function (a, b) {
    var ia = typeOrder.indexOf(a), ib = typeOrder.indexOf(b);
    return (ia < 0 ? 9 : ia) - (ib < 0 ? 9 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });

  function networkTraces(events) {
    var active = {};
    events.forEach(function (e) {
      active[e.id] = true;
      e.entities.forEach(function (id) { active[id] = true; });
    });
    var filtering = state.entity || state.query.trim();
    var ex = [], ey = [];
    net.edges.forEach(function (pair) {
      var a = net.nodes[pair[0]], b = net.nodes[pair[1]];
      if (filtering && !(active[a.id] && active[b.id])) return;
      ex.push(a.x, b.x, null);
      ey.push(a.y, b.y, null);
    });
    var traces = [{ type: "scatter", mode: "lines", x: ex, y: ey, hoverinfo: "skip", showlegend: false,
                    line: { color: "#b8c0cc", width: 1 }, name: "edges" }];
    netTypes.forEach(function (t) {
      var ns = net.nodes.filter(function (n) { return n.type === t; });
      var isEvent = t === "EVENT";
      traces.push({
        type: "scatter", mode: isEvent ? "markers" : "markers+text", name: plain(DATA.type_labels[t] || t.toLowerCase()),
        x: ns.map(function (n) { return n.x; }), y: ns.map(function (n) { return n.y; }),
        text: ns.map(function (n) {
          var show = !isEvent && (filtering ? active[n.id] : n.labelled);
          return show ? plain(n.label.length > 12 ? n.label.slice(0, 11) + "…" : n.label) : "";
        }),
        textposition: "top center", textfont: { size: 11, family: FONT },
        customdata: ns.map(function (n) { return n.id; }),
        hovertext: ns.map(function (n) { return n.hover; }), hoverinfo: "text",
        marker: {
          size: ns.map(function (n) { return n.size; }), color: ns[0] ? ns[0].colour : "#888",
          symbol: isEvent ? "diamond" : "circle",
          opacity: ns.map(function (n) { return !filtering || active[n.id] ? 0.95 : 0.12; }),
          line: { color: ns.map(function (n) { return n.id === state.entity || n.id === state.event ? "#111" : "#fff"; }),
                  width: ns.map(function (n) { return n.id === state.entity || n.id === state.event ? 3 : 1; }) }
        }
      });
    });
    return traces;
  }

  function drawNetwork(events) {
    var axis = { visible: false, range: [-1.12, 1.12], fixedrange: false };
    var layout = { font: { family: FONT, size: 12 }, margin: { l: 5, r: 5, t: 28, b: 5 }, height: 520,
                   xaxis: axis, yaxis: Object.assign({}, axis, { range: [-1.15, 1.2] }), hovermode: "closest",
                   legend: { orientation: "h", y: 1.0, yanchor: "bottom", x: 0 },
                   hoverlabel: { align: "left", font: { family: FONT } }, dragmode: "pan" };
    return Plotly.react("network", networkTraces(events), layout, CONFIG);
  }

  // ---- lists -----------------------------------------------------------------------------
  function entityButton(id, label) {
    var b = el("button", { type: "button", "class": "link", "data-entity": id }, label);
    b.addEventListener("click", function (ev) { ev.stopPropagation(); selectEntity(id); });
    return b;
  }

  function drawActors() {
    var ul = document.getElementById("actor-list");
    ul.textContent = "";
    var lastType = null;
    DATA.entities.forEach(function (ent) {
      if (ent.type !== lastType) {
        ul.appendChild(el("li", { "class": "group" }, DATA.type_labels[ent.type] || ent.type));
        lastType = ent.type;
      }
      var li = el("li");
      var b = el("button", { type: "button", "data-entity": ent.id, title: [ent.name].concat(ent.aliases).join(" / ") });
      if (state.entity === ent.id) b.className = "selected";
      var chip = el("span", { "class": "chip" });
      chip.style.background = ent.colour;
      b.appendChild(chip);
      b.appendChild(el("span", { "class": "name" }, ent.name));
      b.appendChild(el("span", { "class": "count" }, String(ent.events)));
      b.addEventListener("click", function () { selectEntity(state.entity === ent.id ? null : ent.id); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    if (!DATA.entities.length) ul.appendChild(el("li", { "class": "muted" }, "No organisation takes part in an event."));
  }

  function participantsCell(e) {
    var td = el("td");
    e.participants.forEach(function (p, i) {
      if (i) td.appendChild(document.createTextNode("、"));
      td.appendChild(entityButton(p.id, p.name));
    });
    return td;
  }

  function drawTable(events) {
    var tbody = document.querySelector("#event-table tbody");
    tbody.textContent = "";
    var dated = events.filter(function (e) { return e.shape !== "none"; });
    dated.sort(function (a, b) { return a.x0 < b.x0 ? -1 : a.x0 > b.x0 ? 1 : (a.x1 < b.x1 ? -1 : a.x1 > b.x1 ? 1 : 0); });
    dated.forEach(function (e) {
      var tr = el("tr", { "class": "event-row" + (state.event === e.id ? " selected" : ""), "data-event": e.id });
      tr.appendChild(el("td", null, e.written || "—"));
      tr.appendChild(el("td", null, e.value + (e.mod ? " (" + e.mod + ")" : "")));
      var td = el("td");
      var dot = el("span", { "class": "kind-dot", title: e.kind });
      dot.style.background = e.colour;
      td.appendChild(dot);
      td.appendChild(document.createTextNode(e.title));
      tr.appendChild(td);
      tr.appendChild(participantsCell(e));
      tr.addEventListener("click", function () { showEvent(e.id); });
      tbody.appendChild(tr);
    });
    var ul = document.getElementById("undated-list");
    ul.textContent = "";
    var undated = events.filter(function (e) { return e.shape === "none"; });
    undated.forEach(function (e) {
      var li = el("li", { "data-event": e.id }, e.title + " — " + (e.written ? e.written + " → " : "") + (e.value || "undated"));
      li.addEventListener("click", function () { showEvent(e.id); });
      ul.appendChild(li);
    });
    document.getElementById("undated-heading").style.display = undated.length ? "" : "none";
  }

  function drawDetail() {
    var box = document.getElementById("detail");
    var e = state.event && byId[state.event];
    if (!e) return;
    box.textContent = "";
    box.appendChild(el("h2", null, e.title));
    var p = el("p");
    p.appendChild(el("mark", { "class": "timex" }, e.written || "(no time expression)"));
    p.appendChild(document.createTextNode(" → " + (e.value || "undated") + (e.mod ? " (" + e.mod + ")" : "") +
                                          " · " + e.granularity + " · " + e.kind));
    box.appendChild(p);
    var src = el("p", { "class": "source" });
    e.source.forEach(function (run) {
      src.appendChild(run[1] ? el("mark", { "class": run[1] }, run[0]) : document.createTextNode(run[0]));
    });
    box.appendChild(src);
    var parts = el("p");
    parts.appendChild(document.createTextNode("participants: "));
    e.participants.forEach(function (pt, i) {
      if (i) parts.appendChild(document.createTextNode("、"));
      parts.appendChild(entityButton(pt.id, pt.name));
      parts.appendChild(el("span", { "class": "muted" }, " (" + pt.role + ")"));
    });
    if (!e.participants.length) parts.appendChild(el("span", { "class": "muted" }, "none"));
    box.appendChild(parts);
    var keys = el("p", { "class": "legend-marks" });
    [["timex", "time expression"], ["trigger", "trigger"], ["participant", "participant"]].forEach(function (k) {
      keys.appendChild(el("mark", { "class": k[0] }, k[1]));
    });
    box.appendChild(keys);
    box.appendChild(el("p", { "class": "where" }, e.where));
  }

  function drawNote(events) {
    var note = document.getElementById("filter-note");
    var bits = [];
    if (state.entity) bits.push("actor: " + (entById[state.entity] ? entById[state.entity].name : state.entity));
    if (state.query.trim()) bits.push("text: “" + state.query.trim() + "”");
    note.textContent = bits.length ? "Showing " + events.length + " of " + DATA.events.length + " events · " + bits.join(" · ") : "";
  }

  // ---- update loop -------------------------------------------------------------------------
  function update() {
    var events = visibleEvents();
    drawActors();
    drawTable(events);
    drawNote(events);
    drawDetail();
    return Promise.all([drawTimeline(events), drawNetwork(events)]);
  }

  function selectEntity(id) {
    state.entity = id || null;
    return update();
  }

  function showEvent(id) {
    if (!byId[id]) return Promise.resolve();
    state.event = id;
    return update();
  }

  var searchTimer = null;

  function reset() {
    clearTimeout(searchTimer);  // a search typed just before must not come back after the reset
    state.entity = null;
    state.query = "";
    state.event = null;
    state.lanes = DATA.lane_mode;
    document.getElementById("search").value = "";
    document.getElementById("lane-mode").value = state.lanes;
    document.getElementById("detail").innerHTML =
      '<p class="hint">Click an event to read its source; click an organisation to filter the timeline.</p>';
    return update();
  }

  function onFigureClick(ev) {
    if (!ev || !ev.points || !ev.points.length) return;
    var id = ev.points[0].customdata;
    if (id === undefined || id === null) return;
    if (byId[id]) showEvent(id);
    else if (entById[id]) selectEntity(state.entity === id ? null : id);
  }

  window.timelineSelectEntity = selectEntity;
  window.timelineShowEvent = showEvent;
  window.timelineSearch = function (text) {
    clearTimeout(searchTimer);
    state.query = text || "";
    document.getElementById("search").value = state.query;
    return update();
  };
  window.timelineReset = reset;
  window.timelineState = function () {
    var tl = document.getElementById("timeline"), shown = [];
    (tl.data || []).forEach(function (t) { if (t.name !== "selected") (t.customdata || []).forEach(function (id) { shown.push(id); }); });
    return { entity: state.entity, query: state.query, event: state.event, lanes: state.lanes,
             visible: visibleEvents().map(function (e) { return e.id; }), drawn: shown };
  };

  document.getElementById("search").addEventListener("input", function (ev) {
    clearTimeout(searchTimer);
    var value = ev.target.value;
    searchTimer = setTimeout(function () { state.query = value; update(); }, 150);
  });
  document.getElementById("lane-mode").value = state.lanes;
  document.getElementById("lane-mode").addEventListener("change", function (ev) {
    state.lanes = ev.target.value;
    update();
  });
  document.getElementById("reset").addEventListener("click", reset);

  window.timelineReady = update().then(function () {
    document.getElementById("timeline").on("plotly_click", onFigureClick);
    document.getElementById("network").on("plotly_click", onFigureClick);
    document.body.setAttribute("data-ready", "1");
  });
})();
