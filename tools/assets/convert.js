// The map's world outline: world-atlas's Natural Earth 1:110m countries
// (public domain), from TopoJSON to one ring per line, "lon,lat lon,lat ...",
// rounded to 0.1 degree, as crates/serve/assets/world.txt.
"use strict";
const fs = require("fs");
const path = require("path");
const topojson = require("topojson-client");

const topo = require("world-atlas/countries-110m.json");
const geo = topojson.feature(topo, topo.objects.countries);
const lines = [];
for (const f of geo.features) {
  const g = f.geometry;
  if (!g) continue;
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      const pts = [];
      let last = "";
      for (const [lon, lat] of ring) {
        const p = `${lon.toFixed(1)},${lat.toFixed(1)}`;
        if (p !== last) pts.push(p);
        last = p;
      }
      if (pts.length >= 3) lines.push(pts.join(" "));
    }
  }
}
const out = path.join(__dirname, "../../crates/serve/assets/world.txt");
fs.writeFileSync(
  out,
  "# Natural Earth 1:110m country outlines (public domain), via npm world-atlas 2.0.2;\n" +
    "# built by tools/assets/build.sh. One ring a line: lon,lat pairs.\n" +
    lines.join("\n") + "\n"
);
console.log(`${out}: ${lines.length} rings`);
