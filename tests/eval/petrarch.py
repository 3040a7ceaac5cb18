#!/usr/bin/env python3
"""Score conflictev on the PETRARCH-2 validation records (PETR2_GSR_validation.xml).

    python3 tests/eval/petrarch.py [--conflictev build/conflictev] [--json] [--show-misses]

Reads ../shared/data/gold_standard/petrarch/PETR2_GSR_validation.xml at run
time.  The file is not well-formed XML as published (each <Sentence .../> is
self-closed and later closed again), so it is read with regular expressions:
a record runs from one <Sentence ...> tag to the next.  A record whose <Text>
is empty gets its text back from the CoNLL-U <Parse> (FORM column, SpaceAfter=No
honoured).  Every sentence is extracted on its own (published = the record's
date).  Metrics and matching rules: tests/eval/README.md.
Exit status: 0, 1 when the tool failed, 2 when the data or tool is absent.
"""

import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcommon as ec  # noqa: E402

# CAMEO roots 18 (assault), 19 (fight), 20 (unconventional mass violence).
VIOLENT_ROOTS = ("18", "19", "20")
# 145 (violent protest, riot) and 175 (violent repression) are physical
# violence, but by crowds and by the state's control apparatus: conflictev
# types riots as `protest` and crackdowns as `arrest`/`attack` depending on
# wording, and ../shared/eval does not score riots.  A sentence whose only
# violent-ish coding is 145 or 175 is left out of the strict score and
# counted as violent in the broad one.
AMBIGUOUS_CODES = ("145", "175")


def attrs(s):
    return dict(re.findall(r'(\w+)\s*=\s*"([^"]*)"', s))


def text_from_parse(parse):
    out = []
    for line in parse.splitlines():
        c = line.split("\t")
        if len(c) < 10 or not c[0].isdigit():
            continue
        out.append(c[1])
        if "SpaceAfter=No" not in c[9]:
            out.append(" ")
    return "".join(out).strip()


def read_records(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        t = f.read()
    recs = []
    starts = [m.start() for m in re.finditer(r"<Sentence\s", t)]
    for i, s in enumerate(starts):
        block = t[s:starts[i + 1] if i + 1 < len(starts) else len(t)]
        head = attrs(re.match(r"<Sentence([^>]*)>", block).group(1))
        codings = [attrs(m) for m in re.findall(r"<EventCoding([^>]*)>", block)]
        m = re.search(r"<Text>(.*?)</Text>", block, re.S)
        text = " ".join(m.group(1).split()) if m else ""
        from_parse = False
        if not text:
            p = re.search(r"<Parse>(.*?)</Parse>", block, re.S)
            if p:
                text, from_parse = text_from_parse(p.group(1)), True
        d = head.get("date", "")
        published = "%s-%s-%s" % (d[:4], d[4:6], d[6:8]) if re.match(r"^\d{8}$", d) else None
        recs.append({"id": head.get("id", "#%d" % i), "category": head.get("category"),
                     "published": published, "text": text, "from_parse": from_parse,
                     "codings": [c for c in codings if c.get("eventcode")]})
    return recs


def is_violent(code):
    return code[:2] in VIOLENT_ROOTS


def is_ambiguous(code):
    return code[:3] in AMBIGUOUS_CODES


def code_match(gold_code, pred_actor, iso3):
    """'match', 'wrong', 'missing' (no predicted actor) or 'unscored' (the
    gold code names no country: '---REB', '---')."""
    g = (gold_code or "")[:3].upper()
    if not re.match(r"^[A-Z]{3}$", g):
        return "unscored"
    if not pred_actor:
        return "missing"
    return "match" if g in ec.actor_codes(pred_actor, iso3) else "wrong"


def main():
    ap = ec.base_args(__doc__.split("\n")[1])
    args = ap.parse_args()
    path = ec.need(os.path.join(args.shared, "data", "gold_standard", "petrarch",
                                "PETR2_GSR_validation.xml"), "the PETRARCH-2 validation file")
    ec.need_tool(args.conflictev)
    recs = read_records(path)
    seen = {}
    for r in recs:
        seen[r["id"]] = seen.get(r["id"], 0) + 1
        r["key"] = r["id"] if seen[r["id"]] == 1 else "%s~%d" % (r["id"], seen[r["id"]])
    iso3 = ec.load_iso3(args.shared)
    pred, errors = ec.run_extract(args.conflictev,
                                  [(r["key"], r["text"], r["published"]) for r in recs if r["text"]])

    det = {"strict": [0, 0, 0], "broad": [0, 0, 0]}
    roles = {"source": {}, "target": {}}
    classes = {}
    misses = []
    n_codings = sum(len(r["codings"]) for r in recs)
    for r in recs:
        evs = pred.get(r["key"], [])
        codes = [c["eventcode"] for c in r["codings"]]
        gv = any(is_violent(c) for c in codes)
        ga = not gv and any(is_ambiguous(c) for c in codes)
        pv = bool(ec.violent_events(evs))
        main_ev = ec.main_event(evs)
        cls = "violent" if gv else ("ambiguous" if ga else ("no event" if not codes else "other"))
        c = classes.setdefault(cls, {"records": 0, "predicted_violent": 0})
        c["records"] += 1
        c["predicted_violent"] += pv
        ec.count_detection(det, gv, ga, pv)
        gold_s = "; ".join("%s %s->%s" % (c["eventcode"], c.get("sourcecode"), c.get("targetcode"))
                           for c in r["codings"]) or "no event"
        pred_s = " || ".join(ec.brief_event(e) for e in evs) or "(no event)"

        def miss(kind):
            misses.append({"id": r["key"], "kind": kind, "sentence": r["text"], "gold": gold_s,
                           "predicted": pred_s})

        if gv and not pv:
            miss("violent event missed")
        elif pv and not gv and not ga:
            miss("violent event on a non-violent record")
        elif ga and not pv:
            miss("no violent event on a 145/175 record (not scored in strict)")
        if gv and pv:
            # the violent coding that agrees best with the prediction
            best = None
            for cd in (c for c in r["codings"] if is_violent(c["eventcode"])):
                s = code_match(cd.get("sourcecode"), main_ev.get("actor"), iso3)
                t = code_match(cd.get("targetcode"), main_ev.get("target"), iso3)
                score = (s == "match") + (t == "match")
                if best is None or score > best[0]:
                    best = (score, s, t)
            for role, m in (("source", best[1]), ("target", best[2])):
                roles[role][m] = roles[role].get(m, 0) + 1
                if m in ("wrong", "missing"):
                    miss("%s %s" % (role, m))

    def role_rep(d):
        scored = d.get("match", 0) + d.get("wrong", 0) + d.get("missing", 0)
        return dict(d, scored=scored,
                    accuracy=round(d.get("match", 0) / scored, 4) if scored else None)

    rep = {"records": len(recs), "codings": n_codings,
           "texts_rebuilt_from_parse": sum(r["from_parse"] for r in recs),
           "classes": classes,
           "detection_strict": ec.prf(*det["strict"]),
           "detection_broad": ec.prf(*det["broad"]),
           "source_country": role_rep(roles["source"]),
           "target_country": role_rep(roles["target"]),
           "extractor_errors": errors.count("\n") + 1 if errors else 0}
    if args.json:
        if args.show_misses:
            rep["misses"] = ec.group_misses(misses)
        print(json.dumps(rep, indent=1))
        return ec.finish(rep, args)
    print("PETRARCH-2 GSR (%s): %d sentences, %d event codings (%d texts rebuilt from the parse)"
          % (os.path.relpath(path), len(recs), n_codings, rep["texts_rebuilt_from_parse"]))
    for cls in ("violent", "ambiguous", "other", "no event"):
        c = classes.get(cls, {"records": 0, "predicted_violent": 0})
        print("  gold %-9s %3d sentences, %3d with a violent prediction" % (
            cls, c["records"], c["predicted_violent"]))
    print("violent detection, strict (roots 18/19/20 vs rest, 145/175-only left out):")
    print("  " + ec.fmt_prf(rep["detection_strict"]))
    print("violent detection, broad (18/19/20 + 145 + 175 vs rest):")
    print("  " + ec.fmt_prf(rep["detection_broad"]))
    for role in ("source", "target"):
        x = rep[role + "_country"]
        print("%-6s country code on detected violent sentences: %s   (match %d, wrong %d, "
              "missing %d; %d gold codes without a country not scored)" % (
                  role, "n/a" if not x["scored"] else "%.3f" % x["accuracy"], x.get("match", 0),
                  x.get("wrong", 0), x.get("missing", 0), x.get("unscored", 0)))
    if rep["extractor_errors"]:
        print("extractor errors: %d (first: %s)" % (rep["extractor_errors"], errors.splitlines()[0]))
    if args.show_misses:
        ec.print_misses(misses)
    return ec.finish(rep, args)


if __name__ == "__main__":
    sys.exit(main())
