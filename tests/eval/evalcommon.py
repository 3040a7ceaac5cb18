"""Shared helpers of the tests/eval scripts (standard library only).

Nothing here holds gold data: every gold file is read from ../shared at run
time (or from the directory named by SHARED / --shared).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# Event types that ../shared/eval scores as violent (docs/extraction.md).
VIOLENT_TYPES = {"air_strike", "shelling", "bombing", "chemical_attack", "armed_clash",
                 "attack", "territory_change", "abduction"}


def base_args(description, default_lib=False):
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", default=os.environ.get("SHARED", os.path.join(REPO, "..", "shared")),
                    help="the shared directory (default: $SHARED, else <repo>/../shared)")
    ap.add_argument("--conflictev", default=os.environ.get("CONFLICTEV",
                                                           os.path.join(REPO, "build", "conflictev")),
                    help="the command-line tool (default: $CONFLICTEV, else build/conflictev)")
    ap.add_argument("--json", action="store_true", help="print the report as one JSON object")
    ap.add_argument("--show-misses", action="store_true",
                    help="list every miss (record id, sentence, gold vs predicted)")
    ap.add_argument("--min", action="append", default=[], metavar="KEY=X",
                    help="exit 1 when the report value KEY (a dotted path into the --json "
                         "report, e.g. detection_strict.f1) is below X; repeatable")
    return ap


def finish(rep, args):
    """Exit status of a report: 1 when a --min threshold is not met."""
    status = 0
    for spec in args.min:
        key, _, want = spec.partition("=")
        v = rep
        for part in key.split("."):
            v = v.get(part) if isinstance(v, dict) else None
        if not isinstance(v, (int, float)):
            print(f"--min {spec}: no number at {key} in the report", file=sys.stderr)
            status = 1
        elif v < float(want):
            print(f"below threshold: {key} = {v} < {want}", file=sys.stderr)
            status = 1
    return status


def need(path, what):
    """Exit 2 with a clear message when a data file is absent."""
    if not os.path.exists(path):
        sys.stderr.write("%s: %s not found at %s (set SHARED or --shared to the shared "
                         "directory)\n" % (os.path.basename(sys.argv[0]), what, path))
        sys.exit(2)
    return path


def need_tool(path):
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        sys.stderr.write("%s: no conflictev tool at %s (build it, or set CONFLICTEV / "
                         "--conflictev)\n" % (os.path.basename(sys.argv[0]), path))
        sys.exit(2)
    return path


def run_extract(tool, records):
    """records: list of (key, text, published 'YYYY-MM-DD' or None).
    Runs `conflictev extract --json --manifest` once over all of them (one file
    per record) and returns {key: [event dict, ...]} in output order."""
    out = {k: [] for k, _, _ in records}
    with tempfile.TemporaryDirectory(prefix="cev-eval-") as d:
        names, manifest = [], []
        for i, (key, text, published) in enumerate(records):
            name = "r%05d.txt" % i
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text if text.endswith("\n") else text + "\n")
            names.append(name)
            if published:
                manifest.append("%s\t%s\n" % (name, published))
        with open(os.path.join(d, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
            f.writelines(manifest)
        by_name = {n: records[i][0] for i, n in enumerate(names)}
        p = subprocess.run([os.path.abspath(tool), "extract", "--json", "--manifest", "MANIFEST.tsv"]
                           + names, cwd=d, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0 and not p.stdout:
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
            sys.stderr.write("%s: conflictev extract failed (exit %d)\n"
                             % (os.path.basename(sys.argv[0]), p.returncode))
            sys.exit(1)
        for line in p.stdout.decode("utf-8").splitlines():
            if not line.strip():
                continue
            ev = json.loads(line)
            key = by_name.get(ev.get("article"))
            if key is not None:
                out[key].append(ev)
        errors = p.stderr.decode("utf-8", "replace").strip()
    return out, errors


def violent_events(events):
    return [e for e in events if e.get("type") in VIOLENT_TYPES]


def main_event(events):
    """The one predicted event scored for a record: the violent event with
    the highest confidence (first on ties), else None."""
    best = None
    for e in violent_events(events):
        if best is None or (e.get("confidence") or 0) > (best.get("confidence") or 0):
            best = e
    return best


# ---------------------------------------------------------------------------
# Text normalization and matching

_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "and", "its", "his", "her", "their",
         "s", "from", "by", "with", "for", "some", "two", "three"}
# Words that name no one in particular: sharing only these is no match.
_GENERIC = {"forces", "force", "troops", "soldiers", "soldier", "army", "military", "police",
            "policemen", "security", "officials", "official", "government", "authorities",
            "people", "civilians", "civilian", "men", "gunmen", "militants", "militant", "rebels",
            "rebel", "fighters", "guerrillas", "guerrilla", "guerillas", "group", "groups",
            "militia", "militias", "militiamen", "town", "city", "village", "province", "region",
            "capital", "area", "areas", "northern", "southern", "eastern", "western", "north",
            "south", "east", "west", "central", "leader", "leaders", "president", "minister",
            "prime", "former", "senior", "members", "member", "positions", "targets", "ethnic",
            "residents", "personnel", "units", "unit", "state", "national"}


def norm(s):
    """Lower case, no diacritics, punctuation as space, dots in
    abbreviations dropped ("U.S." -> "us"), collapsed spaces."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.lower().replace("\u2019", "'")
    s = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", s)  # u.s. -> us.
    s = re.sub(r"\b([a-z])\.(?=\s|$)", r"\1", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return " ".join(s.split())


def tokens(s):
    return [t for t in norm(s).split() if t not in _STOP]


def text_overlap(a, b):
    """True when two names overlap after normalization: they are equal, or
    they share a token that is not generic ("Israeli army" ~ "Israeli
    soldiers", "U.S." ~ "US Predator"; not "Serb forces" ~ "Israeli forces",
    nor "rebels" ~ "Ugandan rebels": generic words alone say too little)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    return bool((set(ta) & set(tb)) - _GENERIC)


def load_iso3(shared):
    """ISO alpha-2 -> alpha-3 from geonames/countryInfo.txt (read at run
    time), or {} when the file is absent."""
    path = os.path.join(shared, "data", "geonames", "countryInfo.txt")
    m = {}
    if not os.path.exists(path):
        return m
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            c = line.split("\t")
            if len(c) > 1 and len(c[0]) == 2 and len(c[1]) == 3:
                m[c[0]] = c[1]
    return m


def actor_codes(actor, iso3):
    """Country-level codes of one predicted actor: the first three letters
    of its alias-table id (USAMIL -> USA) and the alpha-3 of its country."""
    codes = set()
    if not actor:
        return codes
    aid = actor.get("id")
    if aid and re.match(r"^[A-Z]{3}", aid):
        codes.add(aid[:3])
    cc = actor.get("country")
    if cc and cc in iso3:
        codes.add(iso3[cc])
    return codes


def actor_texts(actor):
    if not actor:
        return []
    return [x for x in (actor.get("text"), actor.get("name"), actor.get("id")) if x]


def count_detection(det, gold_violent, gold_ambiguous, predicted_violent):
    """Add one record to det = {"strict": [tp, fp, fn], "broad": [...]}:
    strict leaves ambiguous records out, broad counts them as violent."""
    for mode, pos in (("strict", gold_violent), ("broad", gold_violent or gold_ambiguous)):
        if mode == "strict" and gold_ambiguous:
            continue
        if pos and predicted_violent:
            det[mode][0] += 1
        elif predicted_violent:
            det[mode][1] += 1
        elif pos:
            det[mode][2] += 1


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def ratio(num, den):
    return {"correct": num, "of": den, "accuracy": round(num / den, 4) if den else None}


def fmt_ratio(r):
    if r["of"] == 0:
        return "n/a (0 records)"
    return "%.3f (%d/%d)" % (r["accuracy"], r["correct"], r["of"])


def fmt_prf(m):
    return "P %.3f  R %.3f  F1 %.3f  (tp %d, fp %d, fn %d)" % (
        m["precision"], m["recall"], m["f1"], m["tp"], m["fp"], m["fn"])


def brief_event(e):
    if not e:
        return "-"
    def a(x):
        if not x:
            return "null"
        return "%s[%s]" % (x.get("text"), x.get("id") or "")
    loc = e.get("location") or {}
    k = e.get("killed") or {}
    i = e.get("injured") or {}
    return "%s actor=%s target=%s loc=%s killed=%s injured=%s trigger=%r" % (
        e.get("type"), a(e.get("actor")), a(e.get("target")), loc.get("name"),
        k.get("min"), i.get("min"), e.get("trigger"))


def group_misses(misses):
    """One entry per record: the kinds of miss joined, in first-seen order."""
    out, at = [], {}
    for m in misses:
        if m["id"] in at:
            out[at[m["id"]]]["kinds"].append(m["kind"])
            continue
        at[m["id"]] = len(out)
        d = dict(m)
        d["kinds"] = [d.pop("kind")]
        out.append(d)
    return out


def print_misses(misses):
    g = group_misses(misses)
    print("\nMISSES (%d records)" % len(g))
    for m in g:
        print("- %s  [%s]\n    %s\n    gold: %s\n    pred: %s" % (
            m["id"], "; ".join(m["kinds"]), m["sentence"], m["gold"], m["predicted"]))
