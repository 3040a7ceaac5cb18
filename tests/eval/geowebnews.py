#!/usr/bin/env python3
"""Score the conflictev gazetteer on GeoWebNews toponyms (GWN.xml).

    python3 tests/eval/geowebnews.py [--lib build/libconflictev.so] [--json] [--show-misses]

Reads ../shared/data/gold_standard/geowebnews/GWN.xml at run time (GPL-3.0:
never copied into the repository).  Each gold toponym that has coordinates is
looked up by its text as written (`extractedName`) with cev_context_lookup
through the Python binding (python/conflictev), without a country hint, and
the point found is compared with the gold latitude/longitude.  Two
configurations: the built-in alias table and gazetteer, and the built-ins plus
GeoNames cities15000 + admin1 + countryInfo from ../shared/data/geonames
(skipped when those files are absent, or with --no-geonames).

Toponym recognition (finding the place names in the article text) is not
measured: the library exposes no mention API (include/conflictev.h has the
document API for blocks, sentences and tokens only), and places only surface
as the location of an extracted event.

Metrics and matching rules: tests/eval/README.md.
Exit status: 0, 2 when the data or the library is absent.
"""

import json
import math
import os
import statistics
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcommon as ec  # noqa: E402

PRIMARY = ("Literal", "Metonymic")
# Every type of GeoWebNews that carries coordinates (Gritta et al.'s
# geocoding set).
ALL_TYPES = ("Literal", "Metonymic", "Mixed", "Literal_Modifier", "Non_Literal_Modifier",
             "Embedded_Literal", "Embedded_Non_Lit", "Coercion")
PLACE_KINDS = {"country", "admin1", "admin2", "city", "town", "village", "neighbourhood",
               "landmark", "border_area", "region"}
KM = 161.0
# A country or first-level unit has no one point: gazetteers put it at
# different centroids (GeoNames has Russia at 60N 100E, the built-in table at
# 61.5N 105.3E, 335 km apart).  The lenient score accepts those within 1000 km.
AREA_KINDS = {"country", "admin1"}
AREA_KM = 1000.0


def haversine(lat1, lon1, lat2, lon2):
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def read_gold(path):
    root = ET.parse(path).getroot()
    out = []
    for art in root.findall("article"):
        aid = art.get("file")
        for i, t in enumerate(art.find("toponyms") or []):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            out.append({"article": aid, "n": i, "name": (t.findtext("extractedName") or "").strip(),
                        "type": t.findtext("type"), "lat": float(lat), "lon": float(lon),
                        "geonamesID": t.findtext("geonamesID") or None,
                        "start": t.findtext("start"), "end": t.findtext("end")})
    return out


def resolve(ctx, name):
    """(status, entry): 'resolved' with a point, 'no_coords' (found, no
    point), 'not_place' (an actor, not a place) or 'not_found'.  A country
    entity (USA) is taken as its country place (US), which has a point."""
    e = ctx.lookup(name)
    if e is None:
        return "not_found", None
    if e.kind == "country" and e.lat is None and e.country:
        e = ctx.get(e.country) or e
    if e.kind not in PLACE_KINDS:
        return "not_place", e
    if e.lat is None:
        return "no_coords", e
    return "resolved", e


def score(ctx, gold, types):
    rows = [g for g in gold if g["type"] in types]
    st = {"not_found": 0, "no_coords": 0, "not_place": 0, "resolved": 0}
    errs, within, misses = [], 0, []
    area = [0, 0, 0]  # resolved to a country/admin1: n, within 161 km, within 1000 km
    for g in rows:
        s, e = resolve(ctx, g["name"])
        st[s] += 1
        if s == "resolved":
            d = haversine(g["lat"], g["lon"], e.lat, e.lon)
            errs.append(d)
            if e.kind in AREA_KINDS:
                area[0] += 1
                area[1] += d <= KM
                area[2] += d <= AREA_KM
            if d <= KM:
                within += 1
                continue
            why = "far (%.0f km): %s [%s] %.2f,%.2f" % (d, e.name, e.id, e.lat, e.lon)
        elif s == "not_found":
            why = "not found"
        else:
            why = "%s: %s [%s, %s]" % (s.replace("_", " "), e.name, e.id, e.kind)
        misses.append({"id": "GWN %s #%d" % (g["article"], g["n"]), "kind": why,
                       "sentence": g["name"], "gold": "%s %.3f,%.3f geonames %s" % (
                           g["type"], g["lat"], g["lon"], g["geonamesID"]),
                       "predicted": why})
    n = len(rows)
    return {"toponyms": n,
            "found": st["resolved"] + st["no_coords"] + st["not_place"],
            "found_share": round((n - st["not_found"]) / n, 4) if n else None,
            "resolved_with_point": st["resolved"],
            "status": st,
            "acc161": round(within / n, 4) if n else None,
            "acc161_on_resolved": round(within / len(errs), 4) if errs else None,
            "median_error_km_on_resolved": round(statistics.median(errs), 1) if errs else None,
            "resolved_to_country_or_admin1": area[0],
            "country_or_admin1_within_161km": area[1],
            "country_or_admin1_within_1000km": area[2],
            "acc161_area_lenient": round((within + area[2] - area[1]) / n, 4) if n else None,
            "mean_error_km_on_resolved": round(statistics.mean(errs), 1) if errs else None,
            "_misses": misses}


def recognition(parser, path):
    """Toponym recognition over the article texts: the names with a place
    reading that cev_document_names finds, against the gold toponyms of
    ALL_TYPES (character offsets).  A prediction is right when it overlaps a
    gold toponym (a Demonym counts as neither right nor wrong); a gold
    toponym is found when a prediction overlaps it."""
    root = ET.parse(path).getroot()
    tp_pred = fp = found = n_gold = 0
    for art in root.findall("article"):
        text = art.findtext("text") or ""
        gold, neutral = [], []
        for t in art.find("toponyms") or []:
            try:
                span = (int(t.findtext("start")), int(t.findtext("end")))
            except (TypeError, ValueError):
                continue
            if t.findtext("type") in ALL_TYPES:
                gold.append(span)
            elif t.findtext("type") == "Demonym":
                neutral.append(span)
        raw = text.encode("utf-8")
        # byte offset -> character offset
        char_of = {}
        b = 0
        for i, ch in enumerate(text):
            char_of[b] = i
            b += len(ch.encode("utf-8"))
        char_of[b] = len(text)
        pred = [(char_of.get(x.src[0]), char_of.get(x.src[1]))
                for x in parser.names(raw) if x.place is not None]
        pred = [p for p in pred if p[0] is not None and p[1] is not None]

        def hit(p, spans):
            return any(p[0] < s[1] and s[0] < p[1] for s in spans)
        for p in pred:
            if hit(p, gold):
                tp_pred += 1
            elif not hit(p, neutral):
                fp += 1
        n_gold += len(gold)
        found += sum(1 for g in gold if hit(g, pred))
    p = tp_pred / (tp_pred + fp) if tp_pred + fp else 0.0
    r = found / n_gold if n_gold else 0.0
    return {"gold_toponyms": n_gold, "predicted_places": tp_pred + fp, "right": tp_pred,
            "wrong": fp, "gold_found": found, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def main():
    ap = ec.base_args(__doc__.split("\n")[1])
    ap.add_argument("--lib", default=os.environ.get("CONFLICTEV_LIB",
                                                    os.path.join(ec.REPO, "build", "libconflictev.so")),
                    help="libconflictev.so (default: $CONFLICTEV_LIB, else build/libconflictev.so)")
    ap.add_argument("--no-geonames", action="store_true",
                    help="only the built-in gazetteer")
    ap.add_argument("--all-types", action="store_true",
                    help="--show-misses over every type with coordinates, not only Literal+Metonymic")
    args = ap.parse_args()
    path = ec.need(os.path.join(args.shared, "data", "gold_standard", "geowebnews", "GWN.xml"),
                   "the GeoWebNews gold standard")
    if not os.path.isfile(args.lib):
        sys.stderr.write("geowebnews.py: no libconflictev at %s (build it, or set "
                         "CONFLICTEV_LIB / --lib)\n" % args.lib)
        return 2
    os.environ["CONFLICTEV_LIB"] = os.path.abspath(args.lib)
    sys.path.insert(0, os.path.join(ec.REPO, "python"))
    import conflictev  # noqa: E402

    gold = read_gold(path)
    geo = os.path.join(args.shared, "data", "geonames")
    geo_files = [(os.path.join(geo, "cities15000.txt"), "geonames"),
                 (os.path.join(geo, "admin1CodesASCII.txt"), "geonames_admin1"),
                 (os.path.join(geo, "countryInfo.txt"), "geonames_countries")]
    configs = [("builtin", [])]
    if not args.no_geonames and all(os.path.exists(p) for p, _ in geo_files):
        configs.append(("builtin+geonames", geo_files))

    rep = {"articles": len({g["article"] for g in gold}), "toponyms_with_coords": len(gold),
           "configs": {}}
    with conflictev.Parser() as parser:
        rep["recognition_builtin"] = recognition(parser, path)
    miss_rows = None
    for name, files in configs:
        with conflictev.Context() as ctx:
            for p, fmt in files:
                ctx.load_file(p, fmt)
            prim = score(ctx, gold, PRIMARY)
            allt = score(ctx, gold, ALL_TYPES)
            if miss_rows is None:
                miss_rows = (allt if args.all_types else prim)["_misses"]
            for x in (prim, allt):
                x.pop("_misses")
            rep["configs"][name] = {"literal_metonymic": prim, "all_types": allt}
    if args.json:
        if args.show_misses:
            rep["misses_builtin"] = miss_rows
        print(json.dumps(rep, indent=1))
        return ec.finish(rep, args)
    print("GeoWebNews (%s): %d articles, %d toponyms with coordinates" % (
        os.path.relpath(path), rep["articles"], len(gold)))
    r = rep["recognition_builtin"]
    print("recognition (built-in, cev_document_names places vs %d gold toponyms): "
          "P %.3f  R %.3f  F1 %.3f  (%d right, %d wrong)" % (
              r["gold_toponyms"], r["precision"], r["recall"], r["f1"], r["right"], r["wrong"]))
    for name, c in rep["configs"].items():
        for label, key in (("Literal+Metonymic", "literal_metonymic"), ("all types", "all_types")):
            x = c[key]
            print("%-17s %-17s n=%4d  found %.3f  with point %4d  acc@161km %.3f "
                  "(on resolved %.3f)  median error %s km" % (
                      name, label, x["toponyms"], x["found_share"], x["resolved_with_point"],
                      x["acc161"], x["acc161_on_resolved"] or 0,
                      x["median_error_km_on_resolved"]))
            print("%-17s %-17s        area-lenient acc %.3f (country/admin1 results: %d, "
                  "%d within 161 km, %d within 1000 km)" % (
                      "", "", x["acc161_area_lenient"], x["resolved_to_country_or_admin1"],
                      x["country_or_admin1_within_161km"], x["country_or_admin1_within_1000km"]))
    if args.show_misses:
        print("\nMISSES of the built-in gazetteer (%s; one line per toponym)" % (
            "all types" if args.all_types else "Literal+Metonymic"))
        for m in miss_rows:
            print("- %s  %r  gold %s  -> %s" % (m["id"], m["sentence"], m["gold"], m["predicted"]))
    return ec.finish(rep, args)


if __name__ == "__main__":
    sys.exit(main())
