"""Tests of the ctypes binding, run by CTest against the fresh build:

    CONFLICTEV_LIB=build/libconflictev.so PYTHONPATH=python \
        python3 -m unittest discover -s python/tests -v

Only the standard library is used (no pytest).
"""
import ctypes
import gc
import io
import json
import os
import re
import tempfile
import threading
import unittest

import conflictev
from conflictev import ConflictevError

# A fixture sentence in wire style, published on Sunday 11 June 2017:
# "Saturday" is 10 June.
FIXTURE = "A US air strike killed at least 14 people in Raqqa on Saturday."
PUBLISHED = "2017-06-11"


class VersionTest(unittest.TestCase):
    def test_version_string(self):
        self.assertRegex(conflictev.version, r"^\d+\.\d+\.\d+$")
        self.assertEqual(conflictev.__version__, conflictev.version)

    def test_version_number_agrees(self):
        major, minor, patch = (int(x) for x in conflictev.version.split("."))
        self.assertEqual(conflictev.version_number, major * 10000 + minor * 100 + patch)

    def test_version_is_the_build(self):
        # CTest passes the project version; the library loaded must be it.
        want = os.environ.get("CEV_EXPECT_VERSION")
        if want:
            self.assertEqual(conflictev.version, want)
        lib = os.environ.get("CONFLICTEV_LIB")
        if lib:
            self.assertEqual(conflictev.library_path, lib)

    def test_every_function_declared(self):
        # The parser side of the API must all be there; the store may lag.
        for name in ("cev_parse", "cev_parser_new", "cev_context_new",
                     "cev_context_lookup", "cev_event_to_json", "cev_utf8_validate"):
            self.assertNotIn(name, conflictev.missing_functions)


class ErrorTest(unittest.TestCase):
    def test_error_list_from_library(self):
        self.assertEqual(conflictev.CEV_OK, 0)
        self.assertEqual(conflictev.CEV_ERR_UTF8, -4)
        self.assertEqual(conflictev.errors["CEV_ERR_NOT_FOUND"], -11)
        self.assertEqual(conflictev.error_name(-4), "CEV_ERR_UTF8")
        self.assertIsNone(conflictev.error_name(-9999))
        self.assertEqual(conflictev.strerror(-4), "invalid UTF-8")
        self.assertEqual(conflictev.event_types[1], "air_strike")
        self.assertTrue(conflictev.is_violent("air_strike"))
        self.assertFalse(conflictev.is_violent("statement"))

    def test_invalid_utf8_has_code_and_offset(self):
        with self.assertRaises(ConflictevError) as cm:
            conflictev.parse(b"abc\xff")
        e = cm.exception
        self.assertEqual(e.code, conflictev.CEV_ERR_UTF8)
        self.assertEqual(e.name, "CEV_ERR_UTF8")
        self.assertEqual(e.offset, 3)
        self.assertTrue(e.message)
        self.assertIn("CEV_ERR_UTF8", str(e))

    def test_offset_is_in_original_bytes(self):
        text = "Clashes in \u1e24ama \u2014 officials said\n".encode("utf-8")
        bad = text + b"\xc3(" + b" more text"
        with conflictev.Parser() as p:
            with self.assertRaises(ConflictevError) as cm:
                p.parse(bad)
            self.assertEqual(cm.exception.offset, len(text))
            # The same is kept on the handle until the next call.
            self.assertEqual(p.errcode, conflictev.CEV_ERR_UTF8)
            self.assertEqual(p.error_offset, len(text))
            self.assertTrue(p.errmsg)

    def test_repair_option(self):
        with conflictev.Parser(repair_utf8=True) as p:
            self.assertEqual(p.get(conflictev.OPT_REPAIR_UTF8), 1)
            p.parse(b"abc\xff def")  # no exception

    def test_nul_byte(self):
        with self.assertRaises(ConflictevError) as cm:
            conflictev.parse(b"ab\x00cd")
        self.assertEqual(cm.exception.code, conflictev.CEV_ERR_NUL)
        self.assertEqual(cm.exception.offset, 2)

    def test_utf8_validate(self):
        conflictev.utf8_validate("caf\u00e9")
        with self.assertRaises(ConflictevError) as cm:
            conflictev.utf8_validate(b"ok \xe2\x82")
        self.assertEqual(cm.exception.code, conflictev.CEV_ERR_UTF8)
        self.assertEqual(cm.exception.offset, 3)

    def test_bad_publication_date(self):
        with self.assertRaises(ConflictevError) as cm:
            conflictev.parse(FIXTURE, published="2017-13-45")
        self.assertEqual(cm.exception.code, conflictev.CEV_ERR_DATE)
        self.assertIsNone(cm.exception.offset)

    def test_bad_option(self):
        with conflictev.Parser() as p:
            with self.assertRaises(ConflictevError) as cm:
                p.set(conflictev.OPT_MIN_CONFIDENCE, 5000)
            self.assertEqual(cm.exception.code, conflictev.CEV_ERR_INVALID)
            self.assertIn("confidence", cm.exception.message)

    def test_typed_handles(self):
        # A parser is not a result: ctypes refuses it before C sees it.
        with conflictev.Parser() as p:
            with self.assertRaises(ctypes.ArgumentError):
                conflictev._lib.cev_result_count(p._h)


class ParseTest(unittest.TestCase):
    def test_parse_returns_events(self):
        events = conflictev.parse(FIXTURE, published=PUBLISHED, id="fixture")
        self.assertIsInstance(events, list)
        self.assertTrue(events, "no event extracted from: " + FIXTURE)
        raw = FIXTURE.encode("utf-8")
        for ev in events:
            self.assertIsInstance(ev, conflictev.Event)
            self.assertIn(ev.type, conflictev.event_types.values())
            self.assertEqual(ev.article_id, "fixture")
            start, end = ev.span
            self.assertTrue(0 <= start < end <= len(raw), ev.span)
            self.assertTrue(0.0 <= ev.confidence <= 1.0)

    def test_parse_fields(self):
        events = conflictev.parse(FIXTURE, published=PUBLISHED)
        strikes = [e for e in events if e.type == "air_strike"]
        self.assertTrue(strikes, "no air_strike in %r" % events)
        ev = strikes[0]
        self.assertIsNotNone(ev.killed)
        self.assertEqual(ev.killed.min, 14)
        self.assertIsNone(ev.killed.max)  # "at least": open range
        self.assertIsNotNone(ev.location)
        self.assertIn("Raqqa", ev.location.text)
        self.assertIsNotNone(ev.date)
        self.assertEqual(ev.date.start.isoformat(), "2017-06-10")
        self.assertEqual(ev.date.end.isoformat(), "2017-06-10")
        d = ev.to_dict()
        self.assertEqual(d["type"], "air_strike")
        self.assertEqual(d["date"]["start"], "2017-06-10")
        self.assertEqual(d["killed"]["min"], 14)
        self.assertEqual(ev["type"], "air_strike")  # events index like dicts

    def test_python_objects_match_library_json(self):
        # The Python structs mirror the C layout: the dict built from them
        # equals the JSON the library writes for the same events.
        with conflictev.Parser() as p:
            objs = p.parse(FIXTURE, published=PUBLISHED, id="x")
            texts = p.parse_json(FIXTURE, published=PUBLISHED, id="x")
        self.assertEqual(len(objs), len(texts))
        for ev, text in zip(objs, texts):
            want = json.loads(text)
            got = ev.to_dict()
            self.assertAlmostEqual(got.pop("confidence"), want.pop("confidence"), places=3)
            for part in ("location",):
                if want.get(part) and want[part].get("lat") is not None:
                    for k in ("lat", "lon"):
                        self.assertAlmostEqual(got[part].pop(k), want[part].pop(k), places=4)
            for k in set(want) - set(got):  # fields added to the JSON later
                want.pop(k)
            self.assertEqual(got, want)

    def test_empty_and_plain_text(self):
        self.assertEqual(conflictev.parse("The weather was mild and sunny all week."), [])

    def test_str_and_bytes_agree(self):
        text = "Shelling hit Aleppo on Monday, killing three civilians, the ministry said."
        a = conflictev.parse(text, published=PUBLISHED)
        b = conflictev.parse(text.encode("utf-8"), published=PUBLISHED)
        self.assertEqual(a, b)

    def test_events_outlive_parser(self):
        p = conflictev.Parser()
        events = p.parse(FIXTURE, published=PUBLISHED)
        p.close()
        del p
        gc.collect()
        for ev in events:
            repr(ev)
            json.dumps(ev.to_dict())

    def test_document(self):
        with conflictev.Parser() as p:
            doc = p.document("First sentence here. Second one follows.")
        self.assertEqual(len(doc.sentences), 2)
        self.assertEqual(doc.sentences[1].src[0], 21)

    def test_names(self):
        text = "\u201cTurkish forces\u201d shelled Afrin in Syria. Let us see."
        with conflictev.Parser() as p:
            names = p.names(text)
        by_text = {n.text: n for n in names}
        self.assertEqual(by_text["Turkish forces"].actor.country, "TR")
        self.assertEqual(by_text["Afrin"].place.country, "SY")
        self.assertIsNotNone(by_text["Afrin"].place.lat)
        self.assertEqual(by_text["Syria"].place.kind, "country")
        self.assertNotIn("us", by_text)
        raw = text.encode("utf-8")
        for n in names:
            self.assertEqual(raw[n.src[0]:n.src[1]].decode("utf-8"), n.text)
        with conflictev.Parser() as p:
            self.assertEqual(p.names(""), [])

    def test_threads_share_a_context(self):
        texts = [FIXTURE, "Clashes near Idlib killed five fighters on Friday.",
                 "Nothing happened today."] * 3
        with conflictev.Context() as ctx:
            with conflictev.Parser(ctx) as p:
                want = [p.parse(t, published=PUBLISHED) for t in texts]
            got = [None] * 4
            errors = []

            def work(i):
                try:
                    with conflictev.Parser(ctx) as tp:
                        got[i] = [tp.parse(t, published=PUBLISHED) for _ in range(5)
                                  for t in texts][-len(texts):]
                except Exception as e:  # reported below
                    errors.append(e)

            threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        self.assertEqual(errors, [])
        for g in got:
            self.assertEqual(g, want)


class LookupTest(unittest.TestCase):
    def test_lookup_place(self):
        e = conflictev.lookup("Raqqa")
        self.assertIsNotNone(e, "Raqqa not found in the built-in gazetteer")
        self.assertEqual(e.id, "SY:raqqa")
        self.assertEqual(e.country, "SY")
        self.assertEqual(e.kind, "city")
        self.assertAlmostEqual(e.lat, 35.95, places=1)
        # Any spelling.
        self.assertEqual(conflictev.lookup("Ar-Raqqah").id, "SY:raqqa")

    def test_lookup_entity(self):
        e = conflictev.lookup("United States")
        self.assertIsNotNone(e)
        # A country is both an entity (ISO alpha-3 id) and a place (alpha-2).
        self.assertIn(e.id, ("USA", "US"))
        self.assertEqual(e.kind, "country")
        self.assertEqual(e.country, "US")
        with conflictev.Context() as ctx:
            self.assertEqual(ctx.get("USA").name, "United States")

    def test_lookup_unknown_is_none(self):
        self.assertIsNone(conflictev.lookup("Xyzzy Plugh Nowhere"))

    def test_get_by_id(self):
        with conflictev.Context() as ctx:
            self.assertEqual(ctx.get("SY:raqqa").name, "Raqqa")
            self.assertIsNone(ctx.get("NO:such:id"))
            n_entities, n_places, n_aliases = ctx.stats()
            self.assertGreater(n_entities, 0)
            self.assertGreater(n_places, 0)
            self.assertGreaterEqual(n_aliases, n_entities + n_places)

    def test_load_buffer_and_frozen_context(self):
        tsv = ("id\tkind\tcountry\taffiliation\tfrom\tto\tname\taliases\n"
               "TSTGRP\tarmed_group\tSY\t-\t-\t-\tTest Brigade\tabbr:TB|the Testers\n")
        ctx = conflictev.Context(builtin=False)
        ctx.load_buffer(tsv, name="test.tsv")
        self.assertEqual(ctx.lookup("the Testers").id, "TSTGRP")
        with self.assertRaises(ConflictevError) as cm:
            ctx.load_buffer("id\tkind\nbroken line without columns\n", name="bad.tsv")
        self.assertEqual(cm.exception.code, conflictev.CEV_ERR_FORMAT)
        self.assertIn("bad.tsv", cm.exception.message)
        p = conflictev.Parser(ctx)  # freezes the context
        with self.assertRaises(ConflictevError) as cm:
            ctx.load_buffer(tsv, name="late.tsv")
        self.assertEqual(cm.exception.code, conflictev.CEV_ERR_MISUSE)
        ctx.close()
        self.assertTrue(p.closed)  # closing a context closes its parsers first


class ContextManagerTest(unittest.TestCase):
    def test_parser_closes(self):
        with conflictev.Parser() as p:
            self.assertFalse(p.closed)
        self.assertTrue(p.closed)
        with self.assertRaises(ConflictevError) as cm:
            p.parse(FIXTURE)
        self.assertEqual(cm.exception.code, conflictev.CEV_ERR_MISUSE)
        p.close()  # twice is harmless

    def test_context_closes(self):
        with conflictev.Context() as ctx:
            pass
        self.assertTrue(ctx.closed)
        with self.assertRaises(ConflictevError):
            conflictev.Parser(ctx)

    def test_closes_on_exception(self):
        try:
            with conflictev.Parser() as p:
                raise KeyError("boom")
        except KeyError:
            pass
        self.assertTrue(p.closed)

    def test_store_closes(self):
        with tempfile.TemporaryDirectory() as d:
            with conflictev.Store(os.path.join(d, "cm.db")) as db:
                self.assertFalse(db.closed)
            self.assertTrue(db.closed)
            with self.assertRaises(ConflictevError):
                db.query()


ARTICLE = ("BEIRUT (Reuters) - " + FIXTURE + " Clashes between government forces and "
           "rebels near Idlib killed five fighters on Friday, a monitoring group said.\n")


class StoreTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "events.db")

    def tearDown(self):
        self.dir.cleanup()

    def test_round_trip(self):
        parsed = conflictev.parse(ARTICLE, published=PUBLISHED, id="a1")
        self.assertTrue(parsed, "no event extracted from the store fixture")
        with conflictev.Store(self.path) as db:
            self.assertGreaterEqual(db.schema_version, 1)
            self.assertTrue(db.add(ARTICLE, published=PUBLISHED, id="a1"))
            # The same content again changes nothing.
            self.assertFalse(db.add(ARTICLE, published=PUBLISHED, id="a1"))
            got = db.query(article_id="a1")
            self.assertEqual(sorted((e.type, e.span) for e in got),
                             sorted((e.type, e.span) for e in parsed))
            for ev in got:
                self.assertEqual(ev.article_id, "a1")
            self.assertEqual(len(db.query(article_id="a1", limit=1)), 1)
            self.assertEqual(db.query(date_from="2030-01-01"), [])

            lines = db.export(format="jsonl", article_id="a1").splitlines()
            self.assertEqual(len(lines), len(parsed))
            for line in lines:
                self.assertEqual(json.loads(line)["article"], "a1")
            buf = io.BytesIO()
            db.export(buf, format="csv")
            self.assertTrue(buf.getvalue())
            geo = json.loads(db.export(format="geojson"))
            self.assertEqual(geo["type"], "FeatureCollection")

            per_day = db.count(group_by="day")
            self.assertEqual(sum(b.events for b in per_day), len(parsed))
            for b in per_day:
                self.assertRegex(b.key, r"^\d{4}-\d\d-\d\d$")

        # Reopen read-only: still there, writes refused.
        with conflictev.Store(self.path, readonly=True) as db:
            self.assertEqual(len(db.query(article_id="a1")), len(parsed))
            with self.assertRaises(ConflictevError):
                db.add("Another article about shelling in Homs.", id="a2")

        with conflictev.Store(self.path) as db:
            db.delete("a1")
            self.assertEqual(db.query(article_id="a1"), [])

    def test_batch(self):
        with conflictev.Store(self.path) as db:
            with db.batch():
                self.assertTrue(db.add(ARTICLE, published=PUBLISHED, id="b1"))
                self.assertTrue(db.add(ARTICLE + "\nUpdated.", published=PUBLISHED, id="b2"))
            n = len(db.query())
            self.assertGreater(n, 0)
            # An exception inside the block discards everything in it.
            with self.assertRaises(KeyError):
                with db.batch():
                    db.add(ARTICLE + "\nAgain.", published=PUBLISHED, id="b3")
                    raise KeyError("stop")
            self.assertEqual(db.query(article_id="b3"), [])
            self.assertEqual(len(db.query()), n)
            # Nested batches are a usage error.
            with db.batch():
                with self.assertRaises(ConflictevError):
                    with db.batch():
                        pass

    def test_export_callback_error_propagates(self):
        with conflictev.Store(self.path) as db:
            db.add(ARTICLE, published=PUBLISHED, id="a1")

            class Broken(io.RawIOBase):
                def write(self, b):
                    raise OSError("disk on fire")
            with self.assertRaises(OSError):
                db.export(Broken(), format="jsonl")

    def test_not_a_database(self):
        with open(self.path, "wb") as f:
            f.write(b"this is not an SQLite database, just some text\n" * 100)
        with self.assertRaises(ConflictevError) as cm:
            conflictev.Store(self.path)
        self.assertIn(cm.exception.code, (conflictev.CEV_ERR_DB_CORRUPT,
                                          conflictev.CEV_ERR_DB))
        self.assertTrue(cm.exception.message)

    def test_missing_without_create(self):
        with self.assertRaises(ConflictevError):
            conflictev.Store(os.path.join(self.dir.name, "absent.db"), create=False)
        self.assertFalse(os.path.exists(os.path.join(self.dir.name, "absent.db")))


class ReprTest(unittest.TestCase):
    def test_records(self):
        c = conflictev.Count(min=14, max=None, text="at least 14")
        self.assertEqual(c.to_dict(), {"min": 14, "max": None, "text": "at least 14"})
        self.assertTrue(re.match(r"Count\(min=14, text='at least 14'\)", repr(c)))
        self.assertEqual(c, conflictev.Count(min=14, max=None, text="at least 14"))


if __name__ == "__main__":
    unittest.main()
