"""Country boundaries for the maps: Natural Earth 1:50m, from the npm package ``world-atlas``.

``python -m analysis geometry`` rebuilds ``data/geometry/europe.geojson`` from
``node_modules/world-atlas/countries-50m.json`` (installed by ``npm ci`` at the
version pinned in package-lock.json): it decodes the TopoJSON, keeps the
states in scope, clips them to Europe, simplifies them for the web and writes
a GeoJSON with coordinates rounded to 0.01°. Natural Earth is in the public
domain. The choices made (which territories are drawn with which state) are
listed in :data:`MERGE` and in ``data/geometry/PROVENANCE.md``.
"""
from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.ops import unary_union

#: Natural Earth names that differ from ours, and territories drawn with a state.
NE_NAMES = {
    "Bosnia and Herz.": "BIH", "Macedonia": "MKD", "Turkey": "TUR", "Vatican": "VAT", "Czechia": "CZE",
    "Moldova": "MDA", "Russia": "RUS", "United Kingdom": "GBR", "Kosovo": "XKX",
}
MERGE = {
    "N. Cyprus": "CYP",  # drawn within the internationally recognised borders of the Republic of Cyprus
    "Åland": "FIN",
    "Faeroe Is.": "DNK",
    "Guernsey": "GBR", "Jersey": "GBR", "Isle of Man": "GBR",  # Crown Dependencies: the UK answers for their defence
}
#: Polygons Natural Earth draws with one state that the UK (and the UN General Assembly) recognise as another's:
#: (from, to, window). Crimea is drawn with Ukraine.
REASSIGN = [("RUS", "UKR", box(32.0, 44.2, 36.7, 46.3))]
CLIP = box(-40.0, 25.0, 100.0, 82.0)  # lon/lat window: wide enough that Russia and Türkiye run off the map's view
CONTEXT_TOLERANCE = 0.1  # the land around the states in scope is drawn coarser: it carries no data
TOLERANCE = 0.04  # degrees (about 4 km): simplified until size stops mattering at the map's zoom levels
MICROSTATE_AREA = 0.05  # square degrees: below this a polygon is kept unsimplified
DIGITS = 2


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    return points


def _geometry(obj: dict, arcs):
    if obj["type"] == "Polygon":
        return Polygon(_ring(obj["arcs"][0], arcs), [_ring(r, arcs) for r in obj["arcs"][1:]])
    if obj["type"] == "MultiPolygon":
        return MultiPolygon([Polygon(_ring(p[0], arcs), [_ring(r, arcs) for r in p[1:]]) for p in obj["arcs"]])
    return None


def _unwrap(geom):
    """A polygon that crosses the antimeridian (Russia's Chukotka) comes with its western longitudes negative, so
    that clipping it draws a band across the whole map: move them east of 180° first (then the clip drops them)."""
    from shapely.ops import transform
    polys = list(getattr(geom, "geoms", [geom]))
    out = []
    for poly in polys:
        minx, _, maxx, _ = poly.bounds
        if maxx - minx > 180:
            poly = transform(lambda x, y, z=None: ([v + 360 if v < 0 else v for v in x], y), poly).buffer(0)
        out.append(poly)
    return unary_union(out)


def _round(geom):
    def ring(coords):
        return [[round(x, DIGITS), round(y, DIGITS)] for x, y in coords]
    polys = [geom] if geom.geom_type == "Polygon" else list(geom.geoms)
    out = [[ring(p.exterior.coords)] + [ring(i.coords) for i in p.interiors] for p in polys if not p.is_empty]
    return {"type": "Polygon", "coordinates": out[0]} if len(out) == 1 else {"type": "MultiPolygon", "coordinates": out}


def build(topojson: Path, countries: dict[str, str]) -> dict:
    """A GeoJSON FeatureCollection of the states in ``countries`` (iso3 → name), simplified and clipped."""
    topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    by_name = {name: iso for iso, name in countries.items()}
    parts: dict[str, list] = {}
    for obj in topology["objects"]["countries"]["geometries"]:
        name = obj.get("properties", {}).get("name", "")
        iso = NE_NAMES.get(name) or MERGE.get(name) or by_name.get(name)
        if iso in countries:
            geom = _geometry(obj, arcs)
            if geom is not None:
                parts.setdefault(iso, []).append(_unwrap(geom.buffer(0)))
    for source, target, window in REASSIGN:
        if source in parts and target in parts:
            pieces = [g for geom in parts[source] for g in getattr(geom, "geoms", [geom])]
            moved = [g for g in pieces if window.contains(g.representative_point())]
            parts[source] = [g for g in pieces if g not in moved]
            parts[target] = parts[target] + moved
    features = []
    for iso in countries:
        if iso not in parts:
            raise ValueError(f"no Natural Earth polygon for {iso} ({countries[iso]})")
        geom = unary_union(parts[iso]).intersection(CLIP)
        if geom.area > MICROSTATE_AREA:
            geom = geom.simplify(TOLERANCE, preserve_topology=True)
        features.append({"type": "Feature", "id": iso,
                         "properties": {"iso3": iso, "name": countries[iso]},
                         "geometry": _round(geom)})
    return {"type": "FeatureCollection", "features": features}


def build_context(topojson: Path, countries: dict[str, str]) -> dict:
    """The land of every other country inside the window, as one feature with no data: it sets land apart from
    sea around the states in scope."""
    topology = json.loads(Path(topojson).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    by_name = {name: iso for iso, name in countries.items()}
    others = []
    for obj in topology["objects"]["countries"]["geometries"]:
        name = obj.get("properties", {}).get("name", "")
        if (NE_NAMES.get(name) or MERGE.get(name) or by_name.get(name)) in countries:
            continue
        geom = _geometry(obj, arcs)
        if geom is not None:
            geom = _unwrap(geom.buffer(0))
            if geom.intersects(CLIP):
                others.append(geom.intersection(CLIP))
    land = unary_union(others).simplify(CONTEXT_TOLERANCE, preserve_topology=True)
    land = MultiPolygon([g for g in getattr(land, "geoms", [land]) if g.geom_type == "Polygon" and g.area > 0.05])
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "id": "context",
                                                        "properties": {}, "geometry": _round(land)}]}


def write(topojson: Path, countries_csv: Path, out: Path) -> Path:
    """Write the states' geometry to ``out`` and the surrounding land to ``context.geojson`` beside it."""
    import csv
    with open(countries_csv, encoding="utf-8") as fh:
        countries = {r["iso3"]: r["name"] for r in csv.DictReader(fh)}
    out.parent.mkdir(parents=True, exist_ok=True)
    for target, collection in ((out, build(topojson, countries)),
                               (out.parent / "context.geojson", build_context(topojson, countries))):
        target.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    return out


def load_geometry(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def centroids(collection: dict) -> dict[str, tuple[float, float]]:
    """A point inside each state's largest polygon (lat, lon), for markers and labels."""
    out = {}
    for feature in collection["features"]:
        geom = shape(feature["geometry"])
        largest = max(geom.geoms, key=lambda g: g.area) if geom.geom_type == "MultiPolygon" else geom
        point = largest.representative_point()
        out[feature["id"]] = (round(point.y, 3), round(point.x, 3))
    return out
