// The dashboard's map and timeline: read the same filters as the page (from its URL) through the JSON API.
(function () {
  "use strict";
  var COLOURS = {
    "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
    "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d", "Other events": "#95a5a6"
  };
  function colour(type) { return COLOURS[type] || "#34495e"; }

  document.querySelectorAll(".dot[data-type]").forEach(function (el) {
    el.style.background = colour(el.getAttribute("data-type"));
  });

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + " " + r.status); } return r.json(); });
  }

  var mapEl = document.getElementById("map");
  if (mapEl && window.L) {
    var map = L.map(mapEl, { maxZoom: 18, minZoom: 2 }).setView([6.5, -73.5], 5);
    var tiles = mapEl.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18, attribution: mapEl.getAttribute("data-attribution") || "" }).addTo(map);
    } else {
      mapEl.classList.add("no-tiles");
      var note = document.createElement("p");
      note.className = "muted";
      note.textContent = mapEl.getAttribute("data-no-tiles");
      mapEl.parentNode.appendChild(note);
    }
    var cluster = L.markerClusterGroup();
    var query = mapEl.getAttribute("data-query");
    getJSON("/api/incidents?limit=500" + (query ? "&" + query : "")).then(function (body) {
      var bounds = [];
      body.incidents.forEach(function (inc) {
        if (inc.lat === null || inc.lon === null) { return; }
        var m = L.circleMarker([inc.lat, inc.lon], {
          radius: 7, color: "#222", weight: 1, fillColor: colour(inc.event_type), fillOpacity: 0.85
        });
        var box = document.createElement("div");
        var link = document.createElement("a");
        link.href = "/incidents/" + encodeURIComponent(inc.id);
        link.textContent = (inc.date || "") + " " + inc.sub_event_type;
        var where = document.createElement("div");
        where.textContent = [inc.admin2, inc.admin1, inc.country].filter(Boolean).join(", ");
        box.appendChild(link);
        box.appendChild(where);
        m.bindPopup(box);
        cluster.addLayer(m);
        bounds.push([inc.lat, inc.lon]);
      });
      map.addLayer(cluster);
      if (bounds.length) { map.fitBounds(bounds, { maxZoom: 9, padding: [20, 20] }); }
      mapEl.setAttribute("data-markers", String(bounds.length));
    }).catch(function (err) { mapEl.setAttribute("data-error", String(err)); });
  }

  var timeEl = document.getElementById("timeline");
  if (timeEl && window.uPlot) {
    var tq = timeEl.getAttribute("data-query");
    getJSON("/api/aggregates?every=week&by=type" + (tq ? "&" + tq : "")).then(function (body) {
      var perWeek = {};
      body.counts.forEach(function (c) {
        if (c.period.indexOf("-W") < 0) { return; }
        perWeek[c.period] = (perWeek[c.period] || 0) + c.count;
      });
      var weeks = Object.keys(perWeek).sort();
      var xs = weeks.map(function (w) { return weekStart(w) / 1000; });
      var ys = weeks.map(function (w) { return perWeek[w]; });
      var width = Math.max(300, timeEl.clientWidth || 500);
      var week = 7 * 86400;
      var lo = xs.length ? xs[0] - week : 0, hi = xs.length ? xs[xs.length - 1] + week : week;
      var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined;
      new uPlot({
        width: width, height: 220,
        series: [{}, { label: timeEl.getAttribute("data-label") || "events", stroke: "#c0392b",
                       fill: "rgba(192,57,43,0.35)", paths: bars, points: { show: false } }],
        axes: [{}, { size: 40 }],
        scales: { x: { time: true, range: function () { return [lo, hi]; } },
                  y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } }
      }, [xs, ys], timeEl);
      timeEl.setAttribute("data-points", String(xs.length));
    }).catch(function (err) { timeEl.setAttribute("data-error", String(err)); });
  }

  function weekStart(isoWeek) {
    // Monday of ISO week "YYYY-Www".
    var y = parseInt(isoWeek.slice(0, 4), 10), w = parseInt(isoWeek.slice(6), 10);
    var jan4 = new Date(Date.UTC(y, 0, 4));
    var day = jan4.getUTCDay() || 7;
    return Date.UTC(y, 0, 4 - day + 1 + (w - 1) * 7);
  }
})();
