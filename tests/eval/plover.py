#!/usr/bin/env python3
"""Score conflictev on the PLOVER gold-standard records (one sentence each).

    python3 tests/eval/plover.py [--conflictev build/conflictev] [--json] [--show-misses]

Reads ../shared/data/gold_standard/plover/PLOVER_GSR_CAMEO.json at run time
(CC BY-SA 4.0: never copied into the repository).  Every record's `text` is
extracted on its own with `conflictev extract --json` (published = the
record's `date`).  Metrics and matching rules: tests/eval/README.md.
Exit status: 0, 1 when the tool failed, 2 when the data or tool is absent.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcommon as ec  # noqa: E402

VIOLENT = {"ASSAULT", "FIGHT"}
# COERCE is repression, arrests, deportation, blockades, confiscation,
# censorship, cyber, property destruction and detention (PLOVER manual):
# mostly what conflictev calls `arrest` (not violent) or nothing, yet its
# "destroy" and "detain" modes include bombing power lines, arson and
# kidnapping, which conflictev types as violent.  Neither side is wrong there,
# so COERCE records are left out of the strict score and counted as violent in
# the broad one.
AMBIGUOUS = {"COERCE"}


def gold_list(x):
    return [a for a in x if isinstance(a, dict)] if isinstance(x, list) else []


def role_match(gold, pred, iso3):
    """'match', 'partial' (only generic words agree, e.g. 'forces' vs 'Serb
    forces'), 'wrong' or 'missing' (no predicted actor)."""
    if not pred:
        return "missing"
    codes = ec.actor_codes(pred, iso3)
    texts = ec.actor_texts(pred)
    partial = False
    for g in gold:
        gc = (g.get("code") or "")[:3].upper()
        if gc and gc in codes:
            return "match"
        for t in texts:
            if ec.text_overlap(g.get("actorText", ""), t):
                return "match"
            gt, pt = ec.tokens(g.get("actorText", "")), ec.tokens(t)
            if gt and pt and (set(gt) & set(pt)):
                partial = True
    return "partial" if partial else "wrong"


def count_min(c):
    return c.get("min") if isinstance(c, dict) else None


def main():
    ap = ec.base_args(__doc__.split("\n")[1])
    args = ap.parse_args()
    path = ec.need(os.path.join(args.shared, "data", "gold_standard", "plover",
                                "PLOVER_GSR_CAMEO.json"), "the PLOVER gold standard")
    ec.need_tool(args.conflictev)
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    recs, seen = [], {}
    for r in data:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        rid = r["id"]
        seen[rid] = seen.get(rid, 0) + 1
        if seen[rid] > 1:  # the file repeats a few ids
            rid = "%s~%d" % (rid, seen[rid])
        r["_key"] = rid
        recs.append(r)
    iso3 = ec.load_iso3(args.shared)
    pred, errors = ec.run_extract(args.conflictev,
                                  [(r["_key"], r["text"], r.get("date")) for r in recs])

    det = {"strict": [0, 0, 0], "broad": [0, 0, 0]}  # tp fp fn
    roles = {"actor": {}, "target": {}}
    roles_n = {"actor": 0, "target": 0}
    killed = [0, 0, 0]   # correct on detected, detected with gold, all with gold
    injured = [0, 0, 0]
    loc = [0, 0, 0]      # name match, records with an event, all with eventLoc
    loc_cc = [0, 0]      # country agrees, records with an event and a gold country
    multi = 0
    misses = []
    by_class = {}

    for r in recs:
        k = r["_key"]
        evs = pred[k]
        gv = r["event"] in VIOLENT
        ga = r["event"] in AMBIGUOUS
        pv = bool(ec.violent_events(evs))
        main_ev = ec.main_event(evs)
        if len(ec.violent_events(evs)) > 1:
            multi += 1
        cls = "violent" if gv else ("ambiguous" if ga else "other")
        c = by_class.setdefault(cls, {"records": 0, "predicted_violent": 0})
        c["records"] += 1
        c["predicted_violent"] += pv
        ec.count_detection(det, gv, ga, pv)
        gold_s = "%s src=%s tgt=%s loc=%s dead=%s injured=%s" % (
            r["event"], [(a.get("actorText"), a.get("code")) for a in gold_list(r.get("source"))],
            [(a.get("actorText"), a.get("code")) for a in gold_list(r.get("target"))],
            (r.get("eventLoc") or {}).get("name"), r.get("dead"), r.get("injured"))
        pred_s = " || ".join(ec.brief_event(e) for e in evs) or "(no event)"

        def miss(kind):
            misses.append({"id": k, "kind": kind, "sentence": r["text"], "gold": gold_s,
                           "predicted": pred_s})

        if gv and not pv:
            miss("violent event missed")
        elif pv and not gv and not ga:
            miss("violent event on a non-violent record")
        elif ga and not pv:
            miss("no violent event on a COERCE record (not scored in strict)")
        if gv and pv:
            for role, field in (("actor", "source"), ("target", "target")):
                g = gold_list(r.get(field))
                if not g:
                    continue
                roles_n[role] += 1
                m = role_match(g, main_ev.get(role), iso3)
                roles[role][m] = roles[role].get(m, 0) + 1
                if m != "match":
                    miss("%s %s" % (role, m))
        for gfield, pfield, acc, label in (("dead", "killed", killed, "killed"),
                                           ("injured", "injured", injured, "injured")):
            if r.get(gfield) is None:
                continue
            gnum = int(r[gfield])
            acc[2] += 1
            if gv and pv:
                acc[1] += 1
            got = count_min(main_ev.get(pfield)) if main_ev else None
            if got == gnum:
                acc[0] += 1
            elif gv or main_ev:
                miss("%s %s (gold %d)" % (label, "missing" if got is None else "wrong", gnum))
        gl = r.get("eventLoc")
        if isinstance(gl, dict) and gl.get("name"):
            loc[2] += 1
            ev = main_ev or max(evs, key=lambda e: e.get("confidence") or 0, default=None)
            if ev:
                loc[1] += 1
                pl = ev.get("location") or {}
                if any(ec.text_overlap(gl["name"], t) for t in (pl.get("name"), pl.get("text")) if t):
                    loc[0] += 1
                else:
                    miss("location %s" % ("missing" if not pl else "wrong"))
                gcc = gl.get("country code")
                if gcc:
                    loc_cc[1] += 1
                    loc_cc[0] += (pl.get("country") == gcc)

    # on detected: gold ASSAULT/FIGHT records with a figure and a violent prediction
    def killed_on_detected(gfield):
        n = 0
        for r in recs:
            if r.get(gfield) is None or r["event"] not in VIOLENT:
                continue
            m = ec.main_event(pred[r["_key"]])
            if m and count_min(m.get("killed" if gfield == "dead" else "injured")) == int(r[gfield]):
                n += 1
        return n

    rep = {
        "records": len(recs),
        "classes": by_class,
        "detection_strict": ec.prf(*det["strict"]),
        "detection_broad": ec.prf(*det["broad"]),
        "records_with_several_violent_events": multi,
        "actor": dict(roles["actor"], scored=roles_n["actor"],
                      accuracy=round(roles["actor"].get("match", 0) / roles_n["actor"], 4)
                      if roles_n["actor"] else None),
        "target": dict(roles["target"], scored=roles_n["target"],
                       accuracy=round(roles["target"].get("match", 0) / roles_n["target"], 4)
                       if roles_n["target"] else None),
        "killed_on_detected": ec.ratio(killed_on_detected("dead"), killed[1]),
        "killed_end_to_end": ec.ratio(killed[0], killed[2]),
        "injured_on_detected": ec.ratio(killed_on_detected("injured"), injured[1]),
        "injured_end_to_end": ec.ratio(injured[0], injured[2]),
        "location_on_records_with_event": ec.ratio(loc[0], loc[1]),
        "location_end_to_end": ec.ratio(loc[0], loc[2]),
        "location_country_on_records_with_event": ec.ratio(loc_cc[0], loc_cc[1]),
        "extractor_errors": errors.count("\n") + 1 if errors else 0,
    }
    if args.json:
        if args.show_misses:
            rep["misses"] = ec.group_misses(misses)
        print(json.dumps(rep, indent=1))
        return ec.finish(rep, args)
    print("PLOVER GSR (%s): %d records" % (os.path.relpath(path), len(recs)))
    for cls in ("violent", "ambiguous", "other"):
        c = by_class.get(cls, {"records": 0, "predicted_violent": 0})
        print("  gold %-9s %3d records, %3d with a violent prediction" % (
            cls, c["records"], c["predicted_violent"]))
    print("violent detection, strict (ASSAULT+FIGHT vs rest, COERCE left out):")
    print("  " + ec.fmt_prf(rep["detection_strict"]))
    print("violent detection, broad (ASSAULT+FIGHT+COERCE vs rest):")
    print("  " + ec.fmt_prf(rep["detection_broad"]))
    for role in ("actor", "target"):
        x = rep[role]
        print("%-6s on detected violent records: %s   (match %d, partial %d, wrong %d, "
              "missing %d)" % (role, "n/a" if not x["scored"] else "%.3f" % x["accuracy"],
                               x.get("match", 0), x.get("partial", 0), x.get("wrong", 0),
                               x.get("missing", 0)))
    print("killed exact: on detected %s; end to end %s" % (
        ec.fmt_ratio(rep["killed_on_detected"]), ec.fmt_ratio(rep["killed_end_to_end"])))
    print("injured exact: on detected %s; end to end %s" % (
        ec.fmt_ratio(rep["injured_on_detected"]), ec.fmt_ratio(rep["injured_end_to_end"])))
    print("location name: on records with an event %s; end to end %s; country %s" % (
        ec.fmt_ratio(rep["location_on_records_with_event"]),
        ec.fmt_ratio(rep["location_end_to_end"]),
        ec.fmt_ratio(rep["location_country_on_records_with_event"])))
    if rep["extractor_errors"]:
        print("extractor errors: %d (first: %s)" % (rep["extractor_errors"], errors.splitlines()[0]))
    if args.show_misses:
        ec.print_misses(misses)
    return ec.finish(rep, args)


if __name__ == "__main__":
    sys.exit(main())
