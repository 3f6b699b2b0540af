/* The linked views of the timeline page (timeline/render.py writes the data this reads).
 *
 * State: filters (text, date range, kinds, actor, document, minimum confidence), the lane mode and
 * the selected event; kept in the page address (#from=2017-01-01&actor=o1...) so a link shows the
 * same view. Every view is redrawn from the events that pass the filters: the timeline (events one
 * by one with collision-free labels, or events per month per lane when too many are in view), the
 * story (the chronology), the network and the detail of the selected event.
 * Hooks for tests and embedding: window.timelineSelectEntity(id), timelineShowEvent(id),
 * timelineSearch(text), timelineSetFilters(obj), timelineReset(), timelineExport(format, download),
 * timelineState(), timelineData().
 */
(function () {
  "use strict";
  // The data: JSON, or for a large page gzip-compressed JSON in base64 (data-encoding="gzip").
  function loadData() {
    var node = document.getElementById("timeline-data");
    if (node.getAttribute("data-encoding") !== "gzip") return Promise.resolve(JSON.parse(node.textContent));
    return fetch("data:application/octet-stream;base64," + node.textContent.trim()).then(function (r) {
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).text();
    }).then(JSON.parse);
  }
  loadData().then(main);

  function main(DATA) {
    var FONT = 'system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
    var CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"],
                   toImageButtonOptions: { filename: "timeline" } };
    var DAY = 86400000;
    var ROW_H = 24, MAX_ROWS = 6, MAX_LANES = 10, LABEL_MAX = 400, LABEL_CHARS = 14, STORY_PAGE = 150;
    var GL_FROM = DATA.gl_from;
    var CLS = DATA.classes;   // none, point, approx, span, period, after, before

    // ---- the data, one object an event ---------------------------------------------------
    var C = DATA.ev, N = C.id.length, ENTS = DATA.ents, DOCS = DATA.docs;
    var EVENTS = new Array(N), byId = {}, entIndex = {}, docIndex = {};
    ENTS.id.forEach(function (id, i) { entIndex[id] = i; });
    DOCS.id.forEach(function (id, i) { docIndex[id] = i; });
    function ms(d) { return d === null || d === undefined ? null : d * DAY; }
    for (var i = 0; i < N; i++) {
      var parts = C.parts[i], ents = [];
      for (var j = 0; j < parts.length; j += 2) if (ents.indexOf(parts[j]) < 0) ents.push(parts[j]);
      var t = C.title[i], cls = CLS[C.cls[i]], x0 = ms(C.x0[i]), x1 = ms(C.x1[i]), g = C.gran[i];
      // the marker's place, as timeline.render.placement: the middle of a day or of a month or
      // year, the start of a time, a range or a period, the known end of a half-open interval
      var at = x0 === null ? null : cls === "approx" ? (x0 + x1) / 2 : cls === "before" ? x1
        : cls === "point" && x1 - x0 === DAY ? x0 + DAY / 2 : x0;
      var e = { i: i, id: C.id[i], doc: C.doc[i], kind: C.kind[i], title: Array.isArray(t) ? C.src[i].slice(t[0], t[1]) : t,
                written: C.written[i], value: C.value[i], mod: C.mod[i], gran: typeof g === "number" ? DATA.grans[g] : g,
                cls: cls, x0: x0, x1: x1, at: at, conf: C.conf[i] / 100, parts: parts, ents: ents, search: null };
      EVENTS[i] = e;
      byId[e.id] = e;
    }
    var KINDS = DATA.kinds;
    // WebGL markers when plotly.js has the scattergl trace (the page's gl bundle) and the browser a WebGL context.
    var hasGL = typeof Plotly === "object" && !!DATA.webgl && (function () {
      try {
        var c = document.createElement("canvas");
        return !!(c.getContext("webgl") || c.getContext("experimental-webgl"));
      } catch (err) { return false; }
    })();

    var DEFAULTS = { q: "", from: "", to: "", kinds: [], actor: "", doc: "", conf: 0, lanes: DATA.lane_mode, event: "" };
    var state = copy(DEFAULTS);
    var storyShown = STORY_PAGE;
    function copy(o) { var r = {}; Object.keys(o).forEach(function (k) { r[k] = Array.isArray(o[k]) ? o[k].slice() : o[k]; }); return r; }

    // ---- small helpers ---------------------------------------------------------------------
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
    // Rough width in pixels of a label at 12px: CJK and other wide characters count double.
    function textWidth(t, size) {
      var w = 0, k = (size || 12) / 12;
      for (var i = 0; i < t.length; i++) w += t.charCodeAt(i) >= 0x2E80 ? 12.5 : 6.8;
      return w * k;
    }
    function shortTitle(t) {
      t = String(t).replace(/\s+/g, " ").trim();
      var out = "", w = 0;
      for (var i = 0; i < t.length; i++) {
        w += t.charCodeAt(i) >= 0x2E80 ? 1 : 0.55;
        if (w > LABEL_CHARS) return out + "…";
        out += t[i];
      }
      return out;
    }
    function isoDay(m) { return new Date(m).toISOString().slice(0, 10); }
    function isoMs(m) {
      var s = new Date(m).toISOString();
      return s.slice(11, 19) === "00:00:00" ? s.slice(0, 10) : s.slice(0, 10) + " " + s.slice(11, 19);
    }
    function dayMs(s) { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || ""); return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : null; }
    function entName(k) { return ENTS.name[k]; }
    function kindOf(e) { return KINDS[e.kind]; }
    function dateLine(e) {
      var v = e.value || "undated";
      return (e.written ? e.written + " → " : "") + v + (e.mod ? " (" + e.mod + ")" : "");
    }
    function precision(e) {
      if (e.cls === "approx") return e.gran + " precision: " + isoDay(e.x0) + " – " + isoDay(e.x1 - DAY);
      if (e.cls === "span") return "range: " + isoDay(e.x0) + " – " + isoDay(e.x1 - DAY);
      if (e.cls === "period") return "duration counted back from the document date: " + isoDay(e.x0) + " – " + isoDay(e.x1 - DAY);
      if (e.cls === "after") return "from " + isoDay(e.x0) + " on";
      if (e.cls === "before") return "until " + isoDay(e.x1);
      if (e.cls === "point") return e.gran === "time" ? isoMs(e.at) : isoDay(e.x0);
      return "not on the time axis";
    }
    function searchText(e) {
      if (e.search === null) {
        var bits = [e.title, C.src[e.i], e.written, e.value, kindOf(e).name, DOCS.title[e.doc]];
        e.ents.forEach(function (k) { bits.push(ENTS.name[k]); bits = bits.concat(ENTS.aliases[k]); });
        e.search = bits.join(" ").toLowerCase();
      }
      return e.search;
    }

    // ---- filters ------------------------------------------------------------------------
    function filterFn() {
      var q = state.q.trim().toLowerCase(), lo = dayMs(state.from), hi = dayMs(state.to);
      if (hi !== null) hi += DAY;
      var kinds = null;
      if (state.kinds.length) { kinds = {}; state.kinds.forEach(function (k) { kinds[k] = true; }); }
      var actor = state.actor in entIndex ? entIndex[state.actor] : -1;
      var doc = state.doc in docIndex ? docIndex[state.doc] : -1;
      var conf = state.conf;
      return function (e) {
        if (conf && e.conf < conf - 1e-9) return false;
        if (kinds && !kinds[kindOf(e).name]) return false;
        if (doc >= 0 && e.doc !== doc) return false;
        if (actor >= 0 && e.ents.indexOf(actor) < 0) return false;
        if (lo !== null || hi !== null) {
          if (e.x0 === null) return false;
          var a = e.x0, b = e.x1 === null ? e.x0 : Math.max(e.x1, e.x0 + 1);
          if (lo !== null && b <= lo) return false;
          if (hi !== null && a >= hi) return false;
        }
        if (q && searchText(e).indexOf(q) < 0) return false;
        return true;
      };
    }
    function visibleEvents() { return EVENTS.filter(filterFn()); }

    // ---- the address keeps the state ----------------------------------------------------------
    function toHash() {
      var bits = [];
      Object.keys(DEFAULTS).forEach(function (k) {
        var v = state[k], d = DEFAULTS[k];
        if (Array.isArray(v) ? v.length === 0 : v === d) return;
        bits.push(k + "=" + encodeURIComponent(Array.isArray(v) ? v.join(",") : String(v)));
      });
      return bits.length ? "#" + bits.join("&") : "";
    }
    function fromHash(h) {
      var s = copy(DEFAULTS);
      (h || "").replace(/^#/, "").split("&").forEach(function (kv) {
        if (!kv) return;
        var i = kv.indexOf("="), k = i < 0 ? kv : kv.slice(0, i), v = i < 0 ? "" : decodeURIComponent(kv.slice(i + 1));
        if (!(k in DEFAULTS)) return;
        if (k === "kinds") s.kinds = v ? v.split(",") : [];
        else if (k === "conf") s.conf = Math.min(1, Math.max(0, parseFloat(v) || 0));
        else if (k === "lanes") s.lanes = ["organisation", "person", "document", "kind"].indexOf(v) >= 0 ? v : DEFAULTS.lanes;
        else if (k === "from" || k === "to") s[k] = dayMs(v) === null ? "" : v;
        else s[k] = v;
      });
      return s;
    }
    function saveHash() {
      var h = toHash();
      if (h === location.hash || (!h && !location.hash)) return;
      try { history.replaceState(null, "", h || location.pathname + location.search); }
      catch (err) { location.hash = h; }
    }

    // ---- lanes ----------------------------------------------------------------------------
    function laneAssign(events, mode) {
      // Returns {names: [...], of: Map event index -> lane}; the MAX_LANES most frequent keys
      // (among the events given) have a lane each, the rest share one, events without one another.
      var count = {}, keyOf = [], i;
      function keys(e) {
        if (mode === "document") return [e.doc];
        if (mode === "kind") return [e.kind];
        var want = mode === "person" ? "PER" : "ORG", out = [];
        e.ents.forEach(function (k) { if (ENTS.type[k] === want) out.push(k); });
        return out;
      }
      for (i = 0; i < events.length; i++) {
        var ks = keys(events[i]);
        keyOf.push(ks);
        ks.forEach(function (k) { count[k] = (count[k] || 0) + 1; });
      }
      var label = function (k) {
        return mode === "document" ? DOCS.title[k] : mode === "kind" ? KINDS[k].name : ENTS.name[k];
      };
      // Lanes chosen greedily: the key in most events not yet in a lane, then again (so no lane is
      // left empty by the events of a busier one), MAX_LANES times: linear in the events.
      var top = [], rank = {}, taken = new Array(events.length);
      for (var round = 0; round < MAX_LANES + 1; round++) {
        var cnt = {}, best = null;
        for (i = 0; i < events.length; i++) {
          if (taken[i]) continue;
          keyOf[i].forEach(function (k) { cnt[k] = (cnt[k] || 0) + 1; });
        }
        Object.keys(cnt).forEach(function (k) {
          k = +k;
          if (best === null || cnt[k] > cnt[best] || (cnt[k] === cnt[best] && (label(k) < label(best) || (label(k) === label(best) && k < best)))) best = k;
        });
        if (best === null) break;
        var left = 0;
        Object.keys(cnt).forEach(function (k) { if (+k !== best) left++; });
        if (round === MAX_LANES && left) break;        // an eleventh lane only when it is the last key
        rank[best] = top.length;
        top.push(best);
        for (i = 0; i < events.length; i++) if (!taken[i] && keyOf[i].indexOf(best) >= 0) taken[i] = true;
      }
      var names = top.map(label), keysOut = top.map(function (k) { return k; });
      var rest = { organisation: "other organisations", person: "other people", document: "other documents", kind: "other kinds" }[mode];
      var none = mode === "person" ? "no person named" : "no organisation named";
      var otherLane = -1, noneLane = -1, of = new Array(events.length);
      for (i = 0; i < events.length; i++) {
        var best = -1;
        keyOf[i].forEach(function (k) { if (k in rank && (best < 0 || rank[k] < best)) best = rank[k]; });
        if (best < 0 && keyOf[i].length) {
          if (otherLane < 0) { otherLane = names.length; names.push(rest); keysOut.push(null); }
          best = otherLane;
        } else if (best < 0) {
          if (noneLane < 0) { noneLane = -2; }
          best = -2;
        }
        of[i] = best;
      }
      if (noneLane === -2) {
        noneLane = names.length; names.push(none); keysOut.push(null);
        for (i = 0; i < of.length; i++) if (of[i] === -2) of[i] = noneLane;
      }
      return { names: names, keys: keysOut, of: of };
    }

    // ---- timeline ---------------------------------------------------------------------------
    function xRangeOf(dated) {
      var lo = dayMs(state.from), hi = dayMs(state.to);
      if (lo !== null && hi !== null) return [lo, hi + DAY];
      var a = Infinity, b = -Infinity;
      dated.forEach(function (e) { a = Math.min(a, e.x0); b = Math.max(b, e.x1 === null ? e.x0 : e.x1); });
      if (dated.length >= 50) {        // a few far-off dates (a typo, a plan for 2099) do not squash the rest
        var at = dated.map(function (e) { return e.at; }).sort(function (p, q) { return p - q; });
        var lo1 = at[Math.floor(at.length * 0.01)], hi1 = at[Math.ceil(at.length * 0.99) - 1];
        if (hi1 > lo1 && (b - a) > 3 * (hi1 - lo1)) { a = lo1; b = hi1; }
      }
      if (!dated.length) { var now = Date.UTC(2000, 0, 1); a = now; b = now + 365 * DAY; }
      var pad = Math.max((b - a) * 0.03, 20 * DAY);
      return [lo !== null ? lo : a - pad, hi !== null ? hi + DAY : b + pad * 4];
    }

    function plotWidth(marginL) {
      var box = document.getElementById("timeline");
      return Math.max(300, (box.clientWidth || 900) - marginL - 20);
    }

    function hoverOf(e) {
      var names = [];
      e.ents.forEach(function (k) { names.push(ENTS.name[k]); });
      var src = C.src[e.i];
      var lines = ["<b>" + plain(e.title.length > 60 ? e.title.slice(0, 59) + "…" : e.title) + "</b>",
                   plain(dateLine(e)) + " · " + plain(kindOf(e).name),
                   plain(precision(e))];
      if (names.length) lines.push("participants: " + plain(names.join("、").slice(0, 80)));
      for (var i = 0; i < Math.min(src.length, 136); i += 34) lines.push("<i>" + plain(src.slice(i, i + 34)) + "</i>");
      lines.push("<span style='font-size:11px'>" + plain(DOCS.title[e.doc]) + "</span>");
      return lines.join("<br>");
    }

    var lastTimeline = { mode: "detail" };

    function drawTimeline(events) {
      var dated = events.filter(function (e) { return e.x0 !== null; });
      var range = xRangeOf(dated);
      var inView = dated.filter(function (e) { return (e.x1 === null ? e.x0 : e.x1) >= range[0] && e.x0 <= range[1]; });
      if (inView.length > DATA.detail_max) return drawAggregate(inView, range);
      return drawEvents(inView, range);
    }

    function baseLayout(range, height, marginL, ticks, labels, shapes) {
      return {
        font: { family: FONT, size: 12 }, height: height, showlegend: false,
        margin: { l: marginL, r: 20, t: 34, b: 36 },
        xaxis: { type: "date", showgrid: true, gridcolor: "#eef1f5", zeroline: false, range: [range[0], range[1]] },
        yaxis: { tickvals: ticks, ticktext: labels, showgrid: false, zeroline: false, fixedrange: true },
        shapes: shapes, hovermode: "closest", hoverlabel: { align: "left", font: { family: FONT } },
        legend: { orientation: "h", y: 1.0, yanchor: "bottom", x: 0, itemclick: false, itemdoubleclick: false,
                  font: { size: 11 } },
        annotations: [], dragmode: "zoom"
      };
    }

    function laneLabels(names) {
      return names.map(function (n) {
        var t = n;
        while (textWidth(t) > 180 && t.length > 2) t = t.slice(0, -1);
        return plain(t === n ? n : t.slice(0, -1) + "…");
      });
    }

    function drawEvents(inView, range) {
      var periods = inView.filter(function (e) { return e.cls === "period"; });
      var main = inView.filter(function (e) { return e.cls !== "period"; });
      var lanes = laneAssign(main, state.lanes);
      var names = lanes.names.slice();
      if (periods.length) names.push("periods (durations)");
      var labels = laneLabels(names);
      var marginL = 24 + Math.min(200, Math.max.apply(null, labels.map(function (l) { return textWidth(l); }).concat([60])));
      var W = plotWidth(marginL);
      function pack(range) {
        var span = range[1] - range[0];
        function px(m) { return (m - range[0]) / span * W; }
        // Items by lane, by position; rows packed in pixels so that labels never overlap.
        var byLane = names.map(function () { return []; });
        main.forEach(function (e, k) { byLane[lanes.of[k]].push(e); });
        if (periods.length) byLane[names.length - 1] = periods;
        var rowOf = {}, labelOn = {}, nLabels = 0, y = 0, ticks = [], shapes = [], laneTop = [], maxEnd = 0;
        byLane.forEach(function (items, lane) {
          items.sort(function (a, b) { return a.at - b.at || a.x0 - b.x0 || (a.id < b.id ? -1 : 1); });
          var ends = [];
          items.forEach(function (e) {
            var m = px(e.at), lo = Math.min(px(e.x0), m - 7), hi = Math.max(e.x1 === null ? m : px(e.x1), m + 7);
            var lab = e.cls === "period" ? shortTitle((e.written ? e.written + " " : "") + e.title) : shortTitle(e.title);
            var labEnd = Math.max(hi, m + 10 + textWidth(lab));
            var r, placed = -1;
            if (nLabels < LABEL_MAX) {
              for (r = 0; r < Math.min(ends.length + 1, MAX_ROWS); r++) {
                if (r === ends.length || ends[r] + 6 <= lo) { placed = r; break; }
              }
            }
            if (placed >= 0) { ends[placed] = labEnd; labelOn[e.id] = lab; nLabels++; maxEnd = Math.max(maxEnd, labEnd); }
            else {
              for (r = 0; r < ends.length; r++) if (ends[r] + 2 <= lo) { placed = r; break; }
              if (placed < 0) {
                placed = 0;
                for (r = 1; r < ends.length; r++) if (ends[r] < ends[placed]) placed = r;
              }
              ends[placed] = Math.max(ends[placed] || 0, hi);
            }
            rowOf[e.id] = y + placed;
          });
          var rows = Math.max(ends.length, 1);
          laneTop.push(y);
          ticks.push(y + (rows - 1) / 2);
          y += rows;
          shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, y0: y - 0.5, y1: y - 0.5, line: { color: "#d9dee6", width: 1 } });
        });
        shapes.pop();
        return { rowOf: rowOf, labelOn: labelOn, y: y, ticks: ticks, shapes: shapes, maxEnd: maxEnd };
      }
      var packed = pack(range);
      if (packed.maxEnd > W && !state.to) {          // room on the right for the last labels
        range = [range[0], range[0] + (range[1] - range[0]) * (packed.maxEnd + 8) / W];
        packed = pack(range);
      }
      var rowOf = packed.rowOf, labelOn = packed.labelOn, y = packed.y, ticks = packed.ticks, shapes = packed.shapes;
      var useGL = hasGL && inView.length > GL_FROM;
      var traces = [];
      // bands (precision of a month or year; a range) under the markers, one trace a kind
      KINDS.forEach(function (kind, ki) {
        var bx = [], by = [], sx = [], sy = [];
        inView.forEach(function (e) {
          if (e.kind !== ki) return;
          if (e.cls === "approx") { bx.push(e.x0, e.x1, null); by.push(rowOf[e.id], rowOf[e.id], null); }
          if (e.cls === "span") { sx.push(e.x0, e.x1, null); sy.push(rowOf[e.id], rowOf[e.id], null); }
        });
        if (bx.length) traces.push({ type: useGL ? "scattergl" : "scatter", mode: "lines", x: bx, y: by, hoverinfo: "skip", showlegend: false,
                                     name: "band", line: { color: kind.colour, width: 7 }, opacity: 0.28 });
        if (sx.length) traces.push({ type: useGL ? "scattergl" : "scatter", mode: "lines", x: sx, y: sy, hoverinfo: "skip", showlegend: false,
                                     name: "range", line: { color: kind.colour, width: 11 }, opacity: 0.6 });
      });
      // periods: an outlined bracket in their own track
      var px0 = [], py = [];
      periods.forEach(function (e) { px0.push(e.x0, e.x1, null); py.push(rowOf[e.id], rowOf[e.id], null); });
      if (px0.length) traces.push({ type: "scatter", mode: "lines+markers", x: px0, y: py, hoverinfo: "skip", showlegend: false,
                                    name: "period", line: { color: "#6b7280", width: 1.5, dash: "dot" },
                                    marker: { symbol: "line-ns-open", size: 12, color: "#6b7280", line: { width: 2 } } });
      if (periods.length) {
        traces.push({ type: "scatter", mode: "markers", name: "periods", showlegend: false,
                      x: periods.map(function (e) { return e.at; }), y: periods.map(function (e) { return rowOf[e.id]; }),
                      customdata: periods.map(function (e) { return e.id; }), hovertext: periods.map(hoverOf), hoverinfo: "text",
                      marker: { color: periods.map(function (e) { return kindOf(e).colour; }), size: 9, symbol: "square-open",
                                line: { width: 2 } } });
      }
      var SYMBOL = { point: "diamond", approx: "circle", span: "square", period: "line-ns-open", after: "triangle-right", before: "triangle-left" };
      KINDS.forEach(function (kind, ki) {
        var mine = inView.filter(function (e) { return e.kind === ki && e.cls !== "period"; });
        if (!mine.length) return;
        var gl = useGL;
        traces.push({ type: "scatter", mode: "markers", x: [null], y: [null], name: plain(kind.name), legendgroup: kind.name,
                      hoverinfo: "skip", marker: { color: kind.colour, size: 10, symbol: "circle" } });
        traces.push({
          type: gl ? "scattergl" : "scatter", mode: "markers", name: plain(kind.name), showlegend: false,
          legendgroup: kind.name, x: mine.map(function (e) { return e.at; }), y: mine.map(function (e) { return rowOf[e.id]; }),
          customdata: mine.map(function (e) { return e.id; }), hovertext: mine.map(hoverOf), hoverinfo: "text",
          marker: { color: mine.map(function (e) { return e.cls === "period" ? "#6b7280" : kind.colour; }), size: 12,
                    symbol: mine.map(function (e) { return SYMBOL[e.cls] || "diamond"; }),
                    opacity: mine.map(function (e) { return 0.45 + 0.55 * e.conf; }),
                    line: { color: "#ffffff", width: 1 } }
        });
      });
      // labels: short titles right of their marker, only where they fit (rows were packed for them)
      var lx = [], ly = [], lt = [], lid = [];
      inView.forEach(function (e) {
        if (!(e.id in labelOn)) return;
        lx.push(e.at); ly.push(rowOf[e.id]); lt.push(plain("\u2002" + labelOn[e.id])); lid.push(e.id);
      });
      traces.push({ type: "scatter", mode: "text", x: lx, y: ly, text: lt, textposition: "middle right", name: "labels",
                    customdata: lid, hoverinfo: "skip", showlegend: false, cliponaxis: true,
                    textfont: { size: 12, family: FONT, color: "#1d2430" } });
      var sel = state.event && byId[state.event];
      if (sel && sel.id in rowOf) {
        traces.push({ type: "scatter", mode: "markers", x: [sel.at], y: [rowOf[sel.id]], hoverinfo: "skip", showlegend: false,
                      name: "selected", marker: { size: 22, color: "rgba(0,0,0,0)", line: { color: "#111", width: 2 } } });
      }
      DATA.dcts.forEach(function (d, k) {
        if (k < 3 && ms(d) >= range[0] && ms(d) <= range[1]) {
          shapes.push({ type: "line", x0: ms(d), x1: ms(d), yref: "paper", y0: 0, y1: 1, line: { color: "#888", width: 1, dash: "dot" } });
        }
      });
      var layout = baseLayout(range, 90 + Math.max(y, 1) * ROW_H, marginL, ticks, labels, shapes);
      layout.yaxis.range = [Math.max(y, 1) - 0.5, -0.5];
      if (!inView.length) {
        layout.annotations.push({ text: "No dated event matches.", xref: "paper", yref: "paper", x: 0.5, y: 0.5,
                                  showarrow: false, font: { color: "#5b6472" } });
      }
      lastTimeline = { mode: "detail", gl: useGL, labels: lid.length, range: range, lanes: names };
      return Plotly.react("timeline", traces, layout, CONFIG);
    }

    function drawAggregate(inView, range) {
      var lanes = laneAssign(inView, state.lanes), names = lanes.names;
      var years = (range[1] - range[0]) / (365.25 * DAY), byYear = years > 40;
      function binStart(m) { var d = new Date(m); return Date.UTC(d.getUTCFullYear(), byYear ? 0 : d.getUTCMonth(), 1); }
      function binEnd(s) { var d = new Date(s); return Date.UTC(d.getUTCFullYear() + (byYear ? 1 : 0), d.getUTCMonth() + (byYear ? 0 : 1), 1); }
      var cells = {};
      inView.forEach(function (e, k) {
        var key = lanes.of[k] + "|" + binStart(e.at);
        cells[key] = (cells[key] || 0) + 1;
      });
      var keys = Object.keys(cells).sort();
      var base = [], x = [], yy = [], z = [], hover = [], ids = [];
      keys.forEach(function (key) {
        var bar = key.indexOf("|"), lane = +key.slice(0, bar), s = +key.slice(bar + 1), n = cells[key];
        base.push(s); x.push(binEnd(s) - s); yy.push(lane); z.push(n);
        hover.push("<b>" + plain(names[lane]) + "</b><br>" + (byYear ? isoDay(s).slice(0, 4) : isoDay(s).slice(0, 7)) +
                   ": " + n + " event" + (n === 1 ? "" : "s") + "<br><i>click to see them</i>");
        ids.push("cell:" + lane + ":" + s + ":" + binEnd(s));
      });
      var labels = laneLabels(names);
      var marginL = 24 + Math.min(200, Math.max.apply(null, labels.map(function (l) { return textWidth(l); }).concat([60])));
      var traces = [{
        type: "bar", orientation: "h", base: base, x: x, y: yy, width: 0.8, customdata: ids, hovertext: hover,
        hoverinfo: "text", name: "events per " + (byYear ? "year" : "month"), showlegend: false,
        marker: { color: z, colorscale: [[0, "#deebf7"], [0.35, "#6baed6"], [1, "#08306b"]], cmin: 0,
                  colorbar: { title: { text: "events" }, thickness: 12, len: 0.8 } }
      }];
      var layout = baseLayout(range, 110 + Math.max(names.length, 1) * 30, marginL,
                              names.map(function (_, k) { return k; }), labels, []);
      layout.yaxis.range = [names.length - 0.5, -0.5];
      layout.showlegend = false;
      layout.annotations.push({ text: inView.length + " events in view: events per " + (byYear ? "year" : "month") +
                                " per lane; zoom in or filter to " + DATA.detail_max + " or fewer to see each",
                                xref: "paper", yref: "paper", x: 0, y: 1.02, xanchor: "left", yanchor: "bottom",
                                showarrow: false, font: { size: 12, color: "#5b6472" } });
      lastTimeline = { mode: "aggregate", keys: lanes.keys, range: range, lanes: names };
      return Plotly.react("timeline", traces, layout, CONFIG);
    }

    // ---- network ------------------------------------------------------------------------------
    var NET = DATA.network;
    var typeOrder = ["ORG", "PER", "LOC", "EVENT"];

    function egoNetwork(k, events) {
      // An actor outside the drawn network: it in the middle, the actors it shares events with around it.
      var w = {};
      events.forEach(function (e) {
        if (e.ents.indexOf(k) < 0) return;
        e.ents.forEach(function (o) { if (o !== k) w[o] = (w[o] || 0) + 1; });
      });
      var others = Object.keys(w).map(Number).sort(function (a, b) { return w[b] - w[a] || a - b; }).slice(0, 40);
      var nodes = [{ id: ENTS.id[k], label: ENTS.name[k], type: ENTS.type[k], colour: DATA.type_colours[ENTS.type[k]] || "#888",
                     size: 22, degree: others.length, x: 0, y: 0, labelled: true,
                     hover: "<b>" + plain(ENTS.name[k]) + "</b><br>" + ENTS.n[k] + " events" }];
      others.forEach(function (o, i) {
        var a = 2 * Math.PI * i / Math.max(others.length, 1);
        nodes.push({ id: ENTS.id[o], label: ENTS.name[o], type: ENTS.type[o], colour: DATA.type_colours[ENTS.type[o]] || "#888",
                     size: 8 + 4 * Math.sqrt(w[o]), degree: w[o], x: 0.85 * Math.cos(a), y: 0.85 * Math.sin(a), labelled: true,
                     hover: "<b>" + plain(ENTS.name[o]) + "</b><br>" + w[o] + " shared events" });
      });
      return { nodes: nodes, edges: others.map(function (_, i) { return [0, i + 1]; }), ego: true };
    }

    // Labels of the network that do not overlap: candidates by importance, each kept when its box
    // (above its node, in screen pixels) meets no box already kept.
    function placeNetLabels(nodes, show, size, xr, yr) {
      var W = size[0], H = size[1], boxes = [], out = {};
      var cand = nodes.filter(function (n) { return show(n); });
      cand.sort(function (a, b) { return (b.degree - a.degree) || (a.label < b.label ? -1 : 1); });
      cand.forEach(function (n) {
        var x = (n.x - xr[0]) / (xr[1] - xr[0]) * W, y = (yr[1] - n.y) / (yr[1] - yr[0]) * H;
        var text = n.label.length > 12 ? n.label.slice(0, 11) + "…" : n.label, w = textWidth(text, 11);
        var pos = "top center", left = x - w / 2 - 2;
        if (left < 0) { pos = "top right"; left = x - 2; }                 // at the edge: written inwards
        else if (left + w + 4 > W) { pos = "top left"; left = x - w - 2; }
        var b = [left, y - n.size / 2 - 16, left + w + 4, y - n.size / 2 - 1];
        if (b[0] < 0 || b[2] > W || b[1] < 0) return;
        for (var i = 0; i < boxes.length; i++) {
          var o = boxes[i];
          if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) return;
        }
        boxes.push(b);
        out[n.id] = [text, pos];
      });
      return out;
    }

    function drawNetwork(events) {
      var active = {};
      events.forEach(function (e) { active[e.id] = true; e.ents.forEach(function (k) { active[ENTS.id[k]] = true; }); });
      var filtering = toHash() !== "" && (state.q || state.from || state.to || state.kinds.length || state.actor || state.doc || state.conf);
      var net = NET, inNet = {};
      NET.nodes.forEach(function (n) { inNet[n.id] = true; });
      if (state.actor && !inNet[state.actor] && state.actor in entIndex) net = egoNetwork(entIndex[state.actor], EVENTS);
      var box = document.getElementById("network");
      var xr = [-1.12, 1.12], yr = [-1.15, 1.2], size = [Math.max(200, (box.clientWidth || 600) - 10), 520 - 33];
      var gd = box._fullLayout ? box._fullLayout : null;
      if (gd && gd.xaxis && Array.isArray(gd.xaxis.range) && Array.isArray(gd.yaxis.range) && !net.ego && lastNetEgo === false) {
        xr = gd.xaxis.range.slice(); yr = gd.yaxis.range.slice();   // labels for the network as zoomed
      }
      lastNetEgo = !!net.ego;
      var labels = placeNetLabels(net.nodes, function (n) {
        return n.type !== "EVENT" && (filtering && !net.ego ? active[n.id] : n.labelled);
      }, size, xr, yr);
      var ex = [], ey = [];
      net.edges.forEach(function (pair) {
        var a = net.nodes[pair[0]], b = net.nodes[pair[1]];
        if (filtering && !net.ego && !(active[a.id] && active[b.id])) return;
        ex.push(a.x, b.x, null); ey.push(a.y, b.y, null);
      });
      var traces = [{ type: "scatter", mode: "lines", x: ex, y: ey, hoverinfo: "skip", showlegend: false,
                      line: { color: "#b8c0cc", width: 1 }, name: "edges" }];
      var types = [];
      net.nodes.forEach(function (n) { if (types.indexOf(n.type) < 0) types.push(n.type); });
      types.sort(function (a, b) {
        var ia = typeOrder.indexOf(a), ib = typeOrder.indexOf(b);
        return (ia < 0 ? 9 : ia) - (ib < 0 ? 9 : ib) || (a < b ? -1 : a > b ? 1 : 0);
      });
      types.forEach(function (t) {
        var ns = net.nodes.filter(function (n) { return n.type === t; });
        var isEvent = t === "EVENT";
        traces.push({
          type: "scatter", mode: isEvent ? "markers" : "markers+text", name: plain(DATA.type_labels[t] || t.toLowerCase()),
          x: ns.map(function (n) { return n.x; }), y: ns.map(function (n) { return n.y; }),
          text: ns.map(function (n) { return n.id in labels ? plain(labels[n.id][0]) : ""; }),
          textposition: ns.map(function (n) { return n.id in labels ? labels[n.id][1] : "top center"; }),
          textfont: { size: 11, family: FONT },
          customdata: ns.map(function (n) { return n.id; }),
          hovertext: ns.map(function (n) { return n.hover; }), hoverinfo: "text",
          marker: {
            size: ns.map(function (n) { return n.size; }), color: ns[0] ? ns[0].colour : "#888",
            symbol: isEvent ? "diamond" : "circle",
            opacity: ns.map(function (n) { return !filtering || net.ego || active[n.id] ? 0.95 : 0.12; }),
            line: { color: ns.map(function (n) { return n.id === state.actor || n.id === state.event ? "#111" : "#fff"; }),
                    width: ns.map(function (n) { return n.id === state.actor || n.id === state.event ? 3 : 1; }) }
          }
        });
      });
      var title = net.ego ? "around " + ENTS.name[entIndex[state.actor]] + " (not among the top actors drawn)"
        : NET.aggregated ? "the " + NET.nodes.length + " actors in most events and the events they share" : "";
      var layout = { font: { family: FONT, size: 12 }, margin: { l: 5, r: 5, t: 28, b: 5 }, height: 520,
                     xaxis: { visible: false, range: xr }, yaxis: { visible: false, range: yr },
                     hovermode: "closest", legend: { orientation: "h", y: 1.0, yanchor: "bottom", x: 0 },
                     hoverlabel: { align: "left", font: { family: FONT } }, dragmode: "pan",
                     annotations: title ? [{ text: plain(title), xref: "paper", yref: "paper", x: 1, y: 1.0, xanchor: "right",
                                             yanchor: "bottom", showarrow: false, font: { size: 11, color: "#5b6472" } }] : [] };
      return Plotly.react("network", traces, layout, CONFIG);
    }
    var lastNetEgo = false;

    // ---- lists ------------------------------------------------------------------------------
    function entityButton(k, label) {
      var b = el("button", { type: "button", "class": "link", "data-entity": ENTS.id[k] }, label);
      b.addEventListener("click", function (ev) { ev.stopPropagation(); selectEntity(ENTS.id[k]); });
      return b;
    }

    function drawActors() {
      var ul = document.getElementById("actor-list");
      ul.textContent = "";
      var lastType = null, perType = {};
      for (var k = 0; k < ENTS.id.length; k++) {
        var t = ENTS.type[k];
        perType[t] = (perType[t] || 0) + 1;
        if (perType[t] > 60 && ENTS.id[k] !== state.actor) continue;
        if (t !== lastType) {
          ul.appendChild(el("li", { "class": "group" }, DATA.type_labels[t] || t));
          lastType = t;
        }
        var li = el("li");
        var b = el("button", { type: "button", "data-entity": ENTS.id[k], title: [ENTS.name[k]].concat(ENTS.aliases[k]).join(" / ") });
        if (state.actor === ENTS.id[k]) b.className = "selected";
        var chip = el("span", { "class": "chip" });
        chip.style.background = DATA.type_colours[t] || "#888";
        b.appendChild(chip);
        b.appendChild(el("span", { "class": "name" }, ENTS.name[k]));
        b.appendChild(el("span", { "class": "count" }, String(ENTS.n[k])));
        (function (id) { b.addEventListener("click", function () { selectEntity(state.actor === id ? null : id); }); })(ENTS.id[k]);
        li.appendChild(b);
        ul.appendChild(li);
      }
      Object.keys(perType).forEach(function (t) {
        if (perType[t] > 60) ul.appendChild(el("li", { "class": "muted" }, (perType[t] - 60) + " more " + (DATA.type_labels[t] || t) + "s: type a name in Actor"));
      });
      if (!ENTS.id.length) ul.appendChild(el("li", { "class": "muted" }, "No organisation takes part in an event."));
    }

    function fillOptions() {
      var dl = document.getElementById("actor-options");
      var order = ENTS.id.map(function (_, k) { return k; }).sort(function (a, b) { return ENTS.n[b] - ENTS.n[a] || a - b; });
      order.slice(0, 1500).forEach(function (k) { dl.appendChild(el("option", { value: ENTS.name[k] }, DATA.type_labels[ENTS.type[k]] || "")); });
      var dd = document.getElementById("doc-options");
      DOCS.id.slice(0, 1500).forEach(function (id, k) { dd.appendChild(el("option", { value: DOCS.title[k] }, DOCS.path[k] || id)); });
    }
    function entityByName(name) {
      for (var k = 0; k < ENTS.id.length; k++) if (ENTS.name[k] === name || ENTS.id[k] === name) return ENTS.id[k];
      for (k = 0; k < ENTS.id.length; k++) if (ENTS.aliases[k].indexOf(name) >= 0) return ENTS.id[k];
      return null;
    }
    function docByTitle(name) {
      for (var k = 0; k < DOCS.id.length; k++) if (DOCS.title[k] === name || DOCS.id[k] === name || DOCS.path[k] === name) return DOCS.id[k];
      return null;
    }

    function drawKinds(events) {
      var box = document.getElementById("kinds"), shown = {};
      events.forEach(function (e) { shown[e.kind] = (shown[e.kind] || 0) + 1; });
      box.textContent = "";
      box.appendChild(el("span", { "class": "muted" }, "Kinds: "));
      KINDS.forEach(function (kind, ki) {
        var on = !state.kinds.length || state.kinds.indexOf(kind.name) >= 0;
        var b = el("button", { type: "button", "class": "kind" + (on ? "" : " off"), "data-kind": kind.name,
                               title: on ? "Click to show only the kinds chosen" : "Click to show this kind too" });
        var dot = el("span", { "class": "kind-dot" });
        dot.style.background = kind.colour;
        b.appendChild(dot);
        b.appendChild(document.createTextNode(kind.name + " " + (shown[ki] || 0)));
        b.addEventListener("click", function () { toggleKind(kind.name); });
        box.appendChild(b);
      });
    }
    function toggleKind(name) {
      var i = state.kinds.indexOf(name);
      if (i >= 0) state.kinds.splice(i, 1); else state.kinds.push(name);
      if (state.kinds.length === KINDS.length) state.kinds = [];
      return update();
    }

    function sourceLink(e) {
      var td = el("td", { "class": "src" });
      var link = DOCS.link[e.doc];
      var a = link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, DOCS.title[e.doc])
        : el("span", null, DOCS.title[e.doc]);
      td.appendChild(a);
      var more = C.more[e.i];
      if (more && more.length) td.appendChild(el("span", { "class": "muted" }, " +" + more.length + " more"));
      return td;
    }

    function chrono(a, b) { return a.x0 - b.x0 || a.at - b.at || a.x1 - b.x1 || a.i - b.i; }

    function drawStory(events) {
      var tbody = document.querySelector("#story tbody");
      tbody.textContent = "";
      var dated = events.filter(function (e) { return e.x0 !== null && e.cls !== "period"; }).sort(chrono);
      var shown = dated.slice(0, storyShown);
      if (state.event && byId[state.event] && shown.indexOf(byId[state.event]) < 0 && dated.indexOf(byId[state.event]) >= 0) {
        storyShown = dated.indexOf(byId[state.event]) + 20;
        shown = dated.slice(0, storyShown);
      }
      shown.forEach(function (e) {
        var tr = el("tr", { "class": "event-row" + (state.event === e.id ? " selected" : ""), "data-event": e.id });
        var td = el("td", { "class": "when" });
        td.appendChild(el("span", null, e.written || "—"));
        td.appendChild(document.createTextNode(" → "));
        td.appendChild(el("span", { "class": "value" }, e.value + (e.mod ? " (" + e.mod + ")" : "")));
        if (e.cls !== "point") td.appendChild(el("span", { "class": "badge badge-" + e.cls, title: precision(e) }, e.cls === "approx" ? e.gran : e.cls));
        tr.appendChild(td);
        var tt = el("td");
        var dot = el("span", { "class": "kind-dot", title: kindOf(e).name });
        dot.style.background = kindOf(e).colour;
        tt.appendChild(dot);
        tt.appendChild(el("span", { "class": "title" }, e.title));
        if (e.conf < 1) tt.appendChild(el("span", { "class": "muted" }, " · confidence " + e.conf.toFixed(2)));
        tr.appendChild(tt);
        var pc = el("td");
        e.ents.forEach(function (k, i) {
          if (i) pc.appendChild(document.createTextNode("、"));
          pc.appendChild(entityButton(k, ENTS.name[k]));
        });
        tr.appendChild(pc);
        tr.appendChild(sourceLink(e));
        tr.addEventListener("click", function (ev) { if (ev.target.tagName !== "A" && ev.target.tagName !== "BUTTON") showEvent(e.id); });
        tbody.appendChild(tr);
      });
      var more = document.getElementById("story-more");
      more.hidden = dated.length <= shown.length;
      more.textContent = "Show more (" + (dated.length - shown.length) + " of " + dated.length + " left)";
      document.getElementById("story-heading").textContent = "Story: " + dated.length + " dated event" + (dated.length === 1 ? "" : "s") + ", in order";

      function list(id, heading, items, text) {
        var ul = document.getElementById(id);
        ul.textContent = "";
        items.slice(0, 500).forEach(function (e) {
          var li = el("li", { "data-event": e.id }, text(e));
          li.addEventListener("click", function () { showEvent(e.id); });
          ul.appendChild(li);
        });
        if (items.length > 500) ul.appendChild(el("li", { "class": "muted" }, (items.length - 500) + " more"));
        document.getElementById(heading).style.display = items.length ? "" : "none";
      }
      list("periods-list", "periods-heading", events.filter(function (e) { return e.cls === "period"; }).sort(chrono), function (e) {
        return e.title + " — " + dateLine(e) + ", " + isoDay(e.x0) + " – " + isoDay(e.x1 - DAY);
      });
      list("undated-list", "undated-heading", events.filter(function (e) { return e.x0 === null; }), function (e) {
        return e.title + " — " + dateLine(e);
      });
    }

    function drawPane() {
      var box = document.getElementById("detail");
      var e = state.event && byId[state.event];
      if (!e) {
        box.innerHTML = '<p class="hint">Click an event to read its source; click an organisation or person to filter everything by it.</p>';
        return;
      }
      box.textContent = "";
      box.appendChild(el("h2", null, e.title));
      var p = el("p");
      p.appendChild(el("mark", { "class": "timex" }, e.written || "(no time expression)"));
      p.appendChild(document.createTextNode(" → " + (e.value || "undated") + (e.mod ? " (" + e.mod + ")" : "") + " · " + kindOf(e).name));
      box.appendChild(p);
      box.appendChild(el("p", { "class": "muted" }, precision(e) + (e.conf < 1 ? " · confidence " + e.conf.toFixed(2) : "")));
      var src = el("p", { "class": "source" }), text = C.src[e.i], marks = C.marks[e.i], at = 0;
      for (var i = 0; i < marks.length; i += 3) {
        if (marks[i] > at) src.appendChild(document.createTextNode(text.slice(at, marks[i])));
        src.appendChild(el("mark", { "class": DATA.marks[marks[i + 2]] }, text.slice(marks[i], marks[i + 1])));
        at = marks[i + 1];
      }
      if (at < text.length) src.appendChild(document.createTextNode(text.slice(at)));
      box.appendChild(src);
      var parts = el("p");
      parts.appendChild(document.createTextNode("participants: "));
      for (var j = 0; j < e.parts.length; j += 2) {
        if (j) parts.appendChild(document.createTextNode("、"));
        parts.appendChild(entityButton(e.parts[j], ENTS.name[e.parts[j]]));
        parts.appendChild(el("span", { "class": "muted" }, " (" + DATA.roles[e.parts[j + 1]] + ")"));
      }
      if (!e.parts.length) parts.appendChild(el("span", { "class": "muted" }, "none"));
      box.appendChild(parts);
      var keys = el("p", { "class": "legend-marks" });
      [["timex", "time expression"], ["trigger", "trigger"], ["participant", "participant"]].forEach(function (k) {
        keys.appendChild(el("mark", { "class": k[0] }, k[1]));
      });
      box.appendChild(keys);
      var where = el("p", { "class": "where" });
      var link = DOCS.link[e.doc];
      where.appendChild(link ? el("a", { href: link, target: "_blank", rel: "noopener noreferrer" }, DOCS.title[e.doc])
        : el("span", null, DOCS.title[e.doc]));
      where.appendChild(document.createTextNode(" · characters " + C.span[e.i][0] + "–" + C.span[e.i][1]));
      box.appendChild(where);
      var more = C.more[e.i];
      if (more && more.length) {
        var ul = el("ul", { "class": "sources" });
        box.appendChild(el("p", { "class": "muted" }, "Also reported in:"));
        more.forEach(function (m) {
          var li = el("li");
          var l = DOCS.link[m[0]];
          li.appendChild(l ? el("a", { href: l, target: "_blank", rel: "noopener noreferrer" }, DOCS.title[m[0]]) : el("span", null, DOCS.title[m[0]]));
          li.appendChild(document.createTextNode(" · characters " + m[1] + "–" + m[2]));
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
    }

    function drawNote(events) {
      var bits = [];
      if (state.q.trim()) bits.push("text “" + state.q.trim() + "”");
      if (state.from || state.to) bits.push("dates " + (state.from || "…") + " – " + (state.to || "…"));
      if (state.kinds.length) bits.push("kinds " + state.kinds.join(", "));
      if (state.actor) bits.push("actor " + (state.actor in entIndex ? ENTS.name[entIndex[state.actor]] : state.actor));
      if (state.doc) bits.push("document " + (state.doc in docIndex ? DOCS.title[docIndex[state.doc]] : state.doc));
      if (state.conf) bits.push("confidence ≥ " + state.conf.toFixed(2));
      document.getElementById("filter-note").textContent =
        (bits.length ? "Showing " + events.length + " of " + N + " events · " + bits.join(" · ") : "");
    }

    function syncControls() {
      document.getElementById("search").value = state.q;
      document.getElementById("date-from").value = state.from;
      document.getElementById("date-to").value = state.to;
      document.getElementById("actor").value = state.actor in entIndex ? ENTS.name[entIndex[state.actor]] : state.actor;
      document.getElementById("doc").value = state.doc in docIndex ? DOCS.title[docIndex[state.doc]] : state.doc;
      document.getElementById("conf").value = String(Math.round(state.conf * 100));
      document.getElementById("conf-value").textContent = state.conf.toFixed(2);
      document.getElementById("lane-mode").value = state.lanes;
    }

    // ---- update loop -------------------------------------------------------------------------
    var current = [];
    function update() {
      var events = visibleEvents();
      current = events;
      if (state.event && !byId[state.event]) state.event = "";
      syncControls();
      saveHash();
      drawActors();
      drawKinds(events);
      drawStory(events);
      drawNote(events);
      drawPane();
      return Promise.all([drawTimeline(events), drawNetwork(events)]);
    }

    function selectEntity(id) { state.actor = id || ""; storyShown = STORY_PAGE; return update(); }
    function showEvent(id) {
      if (!byId[id]) return Promise.resolve();
      state.event = id;
      return update().then(function () {
        var row = document.querySelector('#story tr[data-event="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
        if (row && row.scrollIntoView) row.scrollIntoView({ block: "nearest" });
      });
    }
    var searchTimer = null;
    function setFilters(obj) {
      clearTimeout(searchTimer);
      Object.keys(obj || {}).forEach(function (k) { if (k in DEFAULTS) state[k] = Array.isArray(obj[k]) ? obj[k].slice() : obj[k]; });
      storyShown = STORY_PAGE;
      return update();
    }
    function reset() {
      clearTimeout(searchTimer);  // a search typed just before must not come back after the reset
      state = copy(DEFAULTS);
      storyShown = STORY_PAGE;
      return update();
    }

    // ---- exports of what is shown -------------------------------------------------------------
    var COLUMNS = ["id", "date_written", "date_value", "date_mod", "time", "start", "end", "granularity", "kind",
                   "title", "participants", "document", "source_link", "confidence", "source_text"];
    function record(e) {
      var names = [];
      for (var j = 0; j < e.parts.length; j += 2) names.push(ENTS.name[e.parts[j]] + " (" + DATA.roles[e.parts[j + 1]] + ")");
      return { id: e.id, date_written: e.written, date_value: e.value, date_mod: e.mod || "", time: e.cls,
               start: e.x0 === null ? "" : isoMs(e.x0), end: e.x1 === null ? "" : isoMs(e.x1), granularity: e.gran,
               kind: kindOf(e).name, title: e.title, participants: names.join("; "), document: DOCS.title[e.doc],
               source_link: DOCS.link[e.doc] || DOCS.path[e.doc] || "", confidence: e.conf, source_text: C.src[e.i] };
    }
    function csvCell(v) {
      var s = String(v === null || v === undefined ? "" : v);
      if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;          // a spreadsheet must not run it as a formula
      return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    function exportText(fmt) {
      var rows = current.slice().sort(function (a, b) {
        return (a.x0 === null) - (b.x0 === null) || (a.x0 === null ? a.i - b.i : chrono(a, b));
      }).map(record);
      if (fmt === "json") return JSON.stringify({ title: DATA.title, filters: toHash(), events: rows }, null, 2) + "\n";
      var lines = [COLUMNS.join(",")];
      rows.forEach(function (r) { lines.push(COLUMNS.map(function (c) { return csvCell(r[c]); }).join(",")); });
      return "\ufeff" + lines.join("\r\n") + "\r\n";
    }
    function download(name, text, type) {
      var a = el("a", { download: name });
      a.href = URL.createObjectURL(new Blob([text], { type: type }));
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }
    function exportAs(fmt, doDownload) {
      if (fmt === "csv" || fmt === "json") {
        var text = exportText(fmt);
        if (doDownload !== false) download("timeline-events." + fmt, text, fmt === "csv" ? "text/csv;charset=utf-8" : "application/json");
        return Promise.resolve(text);
      }
      // The chart as drawn, with its labels, and the legend of kinds the page shows as buttons.
      var gd = document.getElementById("timeline");
      var layout = Object.assign({}, gd.layout, { showlegend: lastTimeline.mode === "detail",
                                                  title: { text: plain(DATA.title), x: 0.01, font: { size: 14 } } });
      layout.margin = Object.assign({}, layout.margin, { t: 90 });
      layout.legend = Object.assign({}, layout.legend, { y: 1.02 });
      var opts = { format: fmt, width: gd.clientWidth || 1200, height: (gd._fullLayout ? gd._fullLayout.height : 600) + 56 };
      return Plotly.toImage({ data: gd.data, layout: layout, config: CONFIG }, opts).then(function (url) {
        if (doDownload !== false) {
          var a = el("a", { download: "timeline." + fmt, href: url });
          document.body.appendChild(a);
          a.click();
          a.remove();
        }
        return url;
      });
    }

    // ---- events of the page ------------------------------------------------------------------
    function onFigureClick(ev) {
      if (!ev || !ev.points || !ev.points.length) return;
      var id = ev.points[0].customdata;
      if (id === undefined || id === null) return;
      if (typeof id === "string" && id.indexOf("cell:") === 0) {       // a month of a lane: see its events
        var p = id.split(":"), lane = +p[1], key = lastTimeline.keys ? lastTimeline.keys[lane] : null, f = {
          from: isoDay(+p[2]), to: isoDay(+p[3] - DAY) };
        if (key !== null && key !== undefined) {
          if (state.lanes === "organisation" || state.lanes === "person") f.actor = ENTS.id[key];
          else if (state.lanes === "document") f.doc = DOCS.id[key];
          else f.kinds = [KINDS[key].name];
        }
        setFilters(f);
      } else if (byId[id]) showEvent(id);
      else if (id in entIndex) selectEntity(state.actor === id ? null : id);
    }
    var relayoutBusy = false;
    function onTimelineZoom(ev) {
      if (relayoutBusy || !ev) return;
      var a = ev["xaxis.range[0]"], b = ev["xaxis.range[1]"];
      if (ev["xaxis.range"]) { a = ev["xaxis.range"][0]; b = ev["xaxis.range"][1]; }
      if (ev["xaxis.autorange"]) { setFilters({ from: "", to: "" }); return; }
      if (a === undefined || b === undefined) return;
      var lo = typeof a === "number" ? a : Date.parse(String(a).replace(" ", "T") + (String(a).length <= 10 ? "T00:00:00Z" : "Z"));
      var hi = typeof b === "number" ? b : Date.parse(String(b).replace(" ", "T") + (String(b).length <= 10 ? "T00:00:00Z" : "Z"));
      if (isNaN(lo) || isNaN(hi)) return;
      setFilters({ from: isoDay(lo), to: isoDay(Math.max(lo, hi - DAY)) });
    }

    window.timelineSelectEntity = selectEntity;
    window.timelineShowEvent = showEvent;
    window.timelineSearch = function (text) { return setFilters({ q: text || "" }); };
    window.timelineSetFilters = setFilters;
    window.timelineReset = reset;
    window.timelineExport = exportAs;
    window.timelineData = function () { return DATA; };
    window.timelineState = function () {
      var tl = document.getElementById("timeline"), shown = [];
      (tl.data || []).forEach(function (t) {
        if (t.name !== "selected" && t.name !== "labels" && t.mode !== "lines" && t.type !== "bar") (t.customdata || []).forEach(function (id) { shown.push(id); });
      });
      var labels = [];
      (tl.data || []).forEach(function (t) { if (t.name === "labels") labels = t.customdata.slice(); });
      return { q: state.q, from: state.from, to: state.to, kinds: state.kinds.slice(), actor: state.actor, doc: state.doc,
               conf: state.conf, lanes: state.lanes, event: state.event, entity: state.actor || null, query: state.q,
               visible: current.map(function (e) { return e.id; }), drawn: shown, labelled: labels,
               mode: lastTimeline.mode, gl: !!lastTimeline.gl, hash: toHash() };
    };

    function on(id, type, fn) { document.getElementById(id).addEventListener(type, fn); }
    on("search", "input", function (ev) {
      clearTimeout(searchTimer);
      var value = ev.target.value;
      searchTimer = setTimeout(function () { state.q = value; storyShown = STORY_PAGE; update(); }, 150);
    });
    on("date-from", "change", function (ev) { setFilters({ from: ev.target.value || "" }); });
    on("date-to", "change", function (ev) { setFilters({ to: ev.target.value || "" }); });
    on("actor", "change", function (ev) {
      var v = ev.target.value.trim();
      setFilters({ actor: v ? (entityByName(v) || v) : "" });
    });
    on("doc", "change", function (ev) {
      var v = ev.target.value.trim();
      setFilters({ doc: v ? (docByTitle(v) || v) : "" });
    });
    on("conf", "input", function (ev) { document.getElementById("conf-value").textContent = (ev.target.value / 100).toFixed(2); });
    on("conf", "change", function (ev) { setFilters({ conf: ev.target.value / 100 }); });
    on("lane-mode", "change", function (ev) { setFilters({ lanes: ev.target.value }); });
    on("reset", "click", reset);
    on("share", "click", function () {
      saveHash();
      var url = location.href, b = document.getElementById("share");
      var done = function () { b.textContent = "Link copied"; setTimeout(function () { b.textContent = "Copy link"; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, function () { prompt("Link to this view:", url); });
      else prompt("Link to this view:", url);
    });
    on("story-more", "click", function () { storyShown += STORY_PAGE * 4; drawStory(current); });
    Array.prototype.forEach.call(document.querySelectorAll("[data-export]"), function (b) {
      b.addEventListener("click", function () { exportAs(b.getAttribute("data-export")); });
    });
    window.addEventListener("hashchange", function () {
      if (location.hash !== toHash()) { state = fromHash(location.hash); update(); }
    });

    fillOptions();
    state = fromHash(location.hash);
    window.timelineReady = update().then(function () {
      var tl = document.getElementById("timeline");
      tl.on("plotly_click", onFigureClick);
      tl.on("plotly_relayout", onTimelineZoom);
      document.getElementById("network").on("plotly_click", onFigureClick);
      document.body.setAttribute("data-ready", "1");
    });
  }
})();
