"""conflictev - Python binding of libconflictev (ctypes, no compilation).

    import conflictev

    print(conflictev.version)
    for ev in conflictev.parse("A US air strike killed at least 14 people "
                               "in Raqqa on Saturday.", published="2017-06-11"):
        print(ev.type, ev.location and ev.location.name, ev.killed and ev.killed.min)

    with conflictev.Context() as ctx, conflictev.Parser(ctx) as p:
        events = p.parse(open("article.txt", "rb").read(), published="2017-06-11")

    with conflictev.Store("events.db") as db:
        db.add(text, published="2017-06-11", id="article-1")
        for ev in db.query(country="SY", date_from="2017-06-01"):
            print(ev.to_dict())

Where the shared library comes from: the CONFLICTEV_LIB environment variable
(a path), else a libconflictev next to this package (or in the lib directory
of the prefix it is installed under), else ctypes.util.find_library.

Rules of the C library carried over here:

* Every C function is declared once, below, with its argument and result
  types.  Calls that fail raise ConflictevError with the error code, its name,
  the handle's one-line message and (for articles) the byte offset.
* Handles (Context, Parser, Store) are freed through the library: close() them
  or use them as context managers; they are also freed when collected.
* Events are copied into plain Python objects, so they stay valid after the
  parser or store that made them is closed.  Byte offsets (Event.span) point
  into the UTF-8 bytes of the article as given (a str is encoded as UTF-8).
* A Context may be shared by any number of threads once a parser was made
  from it.  A Parser or Store belongs to one thread at a time; this binding
  serializes calls on one Parser or Store with a lock, so sharing one is safe
  but not parallel.  The module-level parse() keeps one parser per thread.
"""

import codecs
import contextlib
import ctypes
import ctypes.util
import datetime as _dt
import io
import os
import sys
import threading
import weakref
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_int,
                    c_int32, c_int64, c_size_t, c_uint, c_uint64, c_void_p)

__all__ = [
    "ConflictevError", "Context", "Parser", "Store", "Event", "Actor", "Location",
    "Date", "Count", "Source", "Entry", "Document", "Segment", "Name", "Bucket",
    "parse", "lookup", "version", "version_number", "library_path",
    "strerror", "error_name", "utf8_validate", "event_types", "kinds",
]

# Major version of the C API this binding was written for.
_API_MAJOR = 0

# ---------------------------------------------------------------------------
# Public structs of conflictev.h, field for field.  Fields are only ever
# appended to these in the C library, so this binding keeps working with a
# newer minor version of it.


class _Span(Structure):
    _fields_ = [("start", c_uint64), ("end", c_uint64)]


class _Actor(Structure):
    _fields_ = [("id", c_char_p), ("name", c_char_p), ("text", c_char_p),
                ("country", c_char_p), ("kind", c_int32), ("reserved", c_int32)]


class _Location(Structure):
    _fields_ = [("id", c_char_p), ("name", c_char_p), ("admin1", c_char_p),
                ("country", c_char_p), ("text", c_char_p), ("lat", c_double),
                ("lon", c_double), ("has_coords", c_int32), ("precision", c_int32),
                ("kind", c_int32), ("reserved", c_int32)]


class _Date(Structure):
    _fields_ = [("start", c_int32), ("end", c_int32), ("precision", c_int32),
                ("reserved", c_int32), ("text", c_char_p)]


class _Count(Structure):
    _fields_ = [("min", c_int64), ("max", c_int64), ("text", c_char_p)]


class _Source(Structure):
    _fields_ = [("id", c_char_p), ("name", c_char_p), ("text", c_char_p)]


class _Event(Structure):
    _fields_ = [("type", c_int32), ("reserved0", c_int32), ("actor", _Actor),
                ("target", _Actor), ("location", _Location), ("date", _Date),
                ("killed", _Count), ("injured", _Count), ("abducted", _Count),
                ("source", _Source), ("span", _Span), ("spans", POINTER(_Span)),
                ("n_spans", c_size_t), ("sentence", c_char_p), ("trigger", c_char_p),
                ("article_id", c_char_p), ("confidence", c_double)]


class _Entry(Structure):
    _fields_ = [("id", c_char_p), ("name", c_char_p), ("country", c_char_p),
                ("admin1", c_char_p), ("affiliation", c_char_p), ("kind", c_int32),
                ("has_coords", c_int32), ("lat", c_double), ("lon", c_double),
                ("population", c_int64), ("valid_from", c_int32), ("valid_to", c_int32)]


_ARTICLE_VERSION = 1


class _Article(Structure):
    _fields_ = [("version", c_uint), ("text", c_char_p), ("len", c_size_t),
                ("id", c_char_p), ("published", c_char_p), ("outlet", c_char_p),
                ("url", c_char_p)]


_QUERY_VERSION = 1


class _Query(Structure):
    _fields_ = [("version", c_uint), ("date_from", c_int32), ("date_to", c_int32),
                ("type", c_int32), ("actor", c_char_p), ("target", c_char_p),
                ("place", c_char_p), ("admin1", c_char_p), ("country", c_char_p),
                ("has_bbox", c_int32), ("min_lat", c_double), ("min_lon", c_double),
                ("max_lat", c_double), ("max_lon", c_double), ("min_killed", c_int64),
                ("article_id", c_char_p), ("limit", c_int64)]


class _Segment(Structure):
    _fields_ = [("src", _Span), ("norm_start", c_size_t), ("norm_end", c_size_t),
                ("kind", c_int32), ("story", c_int32)]


class _DocName(Structure):
    _fields_ = [("src", _Span), ("norm_start", c_size_t), ("norm_end", c_size_t),
                ("sentence", c_size_t), ("has_actor", c_int32), ("has_place", c_int32),
                ("actor", _Entry), ("place", _Entry)]


class _Bucket(Structure):
    _fields_ = [("key", c_char_p), ("events", c_int64), ("killed", c_int64)]


# Opaque handles: each is a pointer to its own incomplete struct, so that a
# parser can never be passed where a store is expected.
class _ContextS(Structure):
    pass


class _ParserS(Structure):
    pass


class _ResultS(Structure):
    pass


class _StoreS(Structure):
    pass


class _DocumentS(Structure):
    pass


class _BucketsS(Structure):
    pass


_ContextP = POINTER(_ContextS)
_ParserP = POINTER(_ParserS)
_ResultP = POINTER(_ResultS)
_StoreP = POINTER(_StoreS)
_DocumentP = POINTER(_DocumentS)
_BucketsP = POINTER(_BucketsS)

# int (*cev_write_fn)(void *userdata, const char *data, size_t len)
_WRITE_FN = CFUNCTYPE(c_int, c_void_p, POINTER(c_char), c_size_t)

# Parser options (cev_option).
OPT_REPAIR_UTF8 = 1
OPT_MAX_INPUT = 2
OPT_NONVIOLENT = 3
OPT_MIN_CONFIDENCE = 4

CONTEXT_NO_BUILTIN = 0x1
STORE_READONLY = 0x1
STORE_NO_CREATE = 0x2

_FORMATS = {"tsv": 1, "geonames": 2, "geonames_admin1": 3, "geonames_countries": 4,
            "phoenix": 5}
_EXPORT_FORMATS = {"jsonl": 1, "csv": 2, "geojson": 3}
_GROUP_BY = {"day": 1, "place": 2}
CEV_OK = 0

# ---------------------------------------------------------------------------
# Finding and loading the library


def _candidates():
    env = os.environ.get("CONFLICTEV_LIB")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    if sys.platform == "darwin":
        names = ["libconflictev.dylib", "libconflictev.0.dylib"]
    elif sys.platform == "win32":
        names = ["conflictev.dll", "libconflictev.dll"]
    else:
        names = ["libconflictev.so.0", "libconflictev.so"]
    # Next to the package, beside it, and for an installed copy
    # (PREFIX/share/conflictev/python/conflictev) in PREFIX/lib*.
    dirs = [here, os.path.dirname(here)]
    prefix = os.path.normpath(os.path.join(here, "..", "..", "..", ".."))
    for libdir in ("lib", "lib64", os.path.join("lib", "x86_64-linux-gnu"),
                   os.path.join("lib", "aarch64-linux-gnu"), "bin"):
        dirs.append(os.path.join(prefix, libdir))
    for d in dirs:
        for n in names:
            p = os.path.join(d, n)
            if os.path.exists(p):
                yield p
    found = ctypes.util.find_library("conflictev")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    where = "; ".join(tried) if tried else "nowhere (set CONFLICTEV_LIB)"
    raise ImportError("conflictev: cannot load libconflictev: tried " + where)


_lib, library_path = _load()

# ---------------------------------------------------------------------------
# Errors


class ConflictevError(Exception):
    """A libconflictev call failed.

    code     negative cev_error code (e.g. -4)
    name     its name ("CEV_ERR_UTF8"), None for an unknown code
    message  the handle's one-line message, or the generic text of the code
    offset   byte offset in the article the error is about, or None
    """

    def __init__(self, code, name, message, offset=None):
        self.code = code
        self.name = name
        self.message = message
        self.offset = offset
        text = "%s: %s" % (name or code, message)
        if offset is not None and ("offset %d" % offset) not in message:
            text += " (at byte %d)" % offset
        super().__init__(text)


def _s(b):
    """A C string as str (None stays None)."""
    return None if b is None else b.decode("utf-8", "replace")


def _raise(code, message=None, offset=None):
    name = _s(_lib.cev_error_name(code))
    if not message:
        message = _s(_lib.cev_strerror(code))
    if offset is not None and offset < 0:
        offset = None
    raise ConflictevError(code, name, message, offset)


def _misuse(message):
    _raise(-3, message)  # CEV_ERR_MISUSE


# Error checks.  ctypes calls them with the result, the function and the
# arguments as passed; a negative result becomes a ConflictevError with the
# message and offset of the handle the call was about.

def _check_plain(rc, func, args):
    if rc < 0:
        _raise(rc)
    return rc


def _check_parser(i):
    def check(rc, func, args):
        if rc < 0:
            p = args[i]
            if p and _lib.cev_parser_errcode(p) == rc:
                _raise(rc, _s(_lib.cev_parser_errmsg(p)), _lib.cev_parser_error_offset(p))
            _raise(rc)
        return rc
    return check


def _check_store(i):
    def check(rc, func, args):
        if rc < 0:
            st = args[i]
            if st and _lib.cev_store_errcode(st) == rc:
                _raise(rc, _s(_lib.cev_store_errmsg(st)))
            _raise(rc)
        return rc
    return check


def _check_context(i):
    def check(rc, func, args):
        if rc < 0:
            ctx = args[i]
            _raise(rc, _s(_lib.cev_context_errmsg(ctx)) if ctx else None)
        return rc
    return check


def _check_context_new(rc, func, args):
    # On failure the context may still have been made, to say why.
    if rc < 0:
        out = args[0].contents
        msg = None
        if out:
            msg = _s(_lib.cev_context_errmsg(out))
            _lib.cev_context_free(out)
        _raise(rc, msg)
    return rc


def _check_store_open(rc, func, args):
    # On failure *out is still set when a handle could be made; close it.
    if rc < 0:
        out = args[0].contents
        msg = None
        if out:
            msg = _s(_lib.cev_store_errmsg(out))
            _lib.cev_store_close(out)
        _raise(rc, msg)
    return rc


def _check_utf8(rc, func, args):
    if rc < 0:
        _raise(rc, None, args[2].contents.value)
    return rc


# ---------------------------------------------------------------------------
# Every C function, declared once: name, result type, argument types, check.

_ENTRY_P = POINTER(_Entry)
_SIZE_P = POINTER(c_size_t)
_QUERY_P = POINTER(_Query)

_DECLARATIONS = [
    # version and errors
    ("cev_version_string", c_char_p, [], None),
    ("cev_version_number", c_int, [], None),
    ("cev_strerror", c_char_p, [c_int], None),
    ("cev_error_name", c_char_p, [c_int], None),
    ("cev_free", None, [c_void_p], None),
    # names of enumerations
    ("cev_event_type_name", c_char_p, [c_int], None),
    ("cev_event_type_from_name", c_int, [c_char_p], None),
    ("cev_event_type_is_violent", c_int, [c_int], None),
    ("cev_kind_name", c_char_p, [c_int], None),
    ("cev_kind_from_name", c_int, [c_char_p], None),
    ("cev_kind_is_place", c_int, [c_int], None),
    ("cev_date_precision_name", c_char_p, [c_int], None),
    ("cev_geo_precision_name", c_char_p, [c_int], None),
    ("cev_block_kind_name", c_char_p, [c_int], None),
    # results
    ("cev_result_count", c_size_t, [_ResultP], None),
    ("cev_result_event", POINTER(_Event), [_ResultP, c_size_t], None),
    ("cev_result_free", None, [_ResultP], None),
    ("cev_event_to_json", c_int, [POINTER(c_void_p), POINTER(_Event)], _check_plain),
    # context
    ("cev_context_new", c_int, [POINTER(_ContextP), c_uint], _check_context_new),
    ("cev_context_free", None, [_ContextP], None),
    ("cev_context_errmsg", c_char_p, [_ContextP], None),
    ("cev_context_load_file", c_int, [_ContextP, c_char_p, c_int], _check_context(0)),
    ("cev_context_load_buffer", c_int, [_ContextP, c_char_p, c_size_t, c_int, c_char_p],
     _check_context(0)),
    ("cev_context_lookup", c_int, [_ContextP, c_char_p, c_char_p, _ENTRY_P], _check_plain),
    ("cev_context_get", c_int, [_ContextP, c_char_p, _ENTRY_P], _check_plain),
    ("cev_context_stats", None, [_ContextP, _SIZE_P, _SIZE_P, _SIZE_P], None),
    # parser
    ("cev_parser_new", c_int, [POINTER(_ParserP), _ContextP], _check_plain),
    ("cev_parser_free", None, [_ParserP], None),
    ("cev_parser_set_int", c_int, [_ParserP, c_int, c_int64], _check_parser(0)),
    ("cev_parser_get_int", c_int, [_ParserP, c_int, POINTER(c_int64)], _check_parser(0)),
    ("cev_parser_errcode", c_int, [_ParserP], None),
    ("cev_parser_errmsg", c_char_p, [_ParserP], None),
    ("cev_parser_error_offset", c_int64, [_ParserP], None),
    ("cev_parse", c_int, [POINTER(_ResultP), _ParserP, POINTER(_Article)], _check_parser(1)),
    # text layer
    ("cev_utf8_validate", c_int, [c_char_p, c_size_t, _SIZE_P], _check_utf8),
    ("cev_document_new", c_int, [POINTER(_DocumentP), _ParserP, c_char_p, c_size_t],
     _check_parser(1)),
    ("cev_document_free", None, [_DocumentP], None),
    ("cev_document_text", c_void_p, [_DocumentP, _SIZE_P], None),
    ("cev_document_source_offset", c_uint64, [_DocumentP, c_size_t], None),
    ("cev_document_block_count", c_size_t, [_DocumentP], None),
    ("cev_document_sentence_count", c_size_t, [_DocumentP], None),
    ("cev_document_token_count", c_size_t, [_DocumentP], None),
    ("cev_document_block", c_int, [_DocumentP, c_size_t, POINTER(_Segment)], _check_plain),
    ("cev_document_sentence", c_int, [_DocumentP, c_size_t, POINTER(_Segment)],
     _check_plain),
    ("cev_document_token", c_int, [_DocumentP, c_size_t, POINTER(_Segment)], _check_plain),
    ("cev_document_names", c_int, [POINTER(POINTER(_DocName)), _SIZE_P, _ParserP, _DocumentP],
     _check_parser(2)),
    # store
    ("cev_store_open", c_int, [POINTER(_StoreP), c_char_p, c_uint], _check_store_open),
    ("cev_store_close", None, [_StoreP], None),
    ("cev_store_errmsg", c_char_p, [_StoreP], None),
    ("cev_store_errcode", c_int, [_StoreP], None),
    ("cev_store_schema_version", c_int, [_StoreP], None),
    ("cev_store_add", c_int, [_StoreP, POINTER(_Article), _ResultP, POINTER(c_int)],
     _check_store(0)),
    ("cev_store_delete_article", c_int, [_StoreP, c_char_p], _check_store(0)),
    ("cev_store_begin_batch", c_int, [_StoreP], _check_store(0)),
    ("cev_store_end_batch", c_int, [_StoreP, c_int], _check_store(0)),
    ("cev_store_query", c_int, [POINTER(_ResultP), _StoreP, _QUERY_P], _check_store(1)),
    ("cev_store_count", c_int, [POINTER(_BucketsP), _StoreP, _QUERY_P, c_int],
     _check_store(1)),
    ("cev_buckets_count", c_size_t, [_BucketsP], None),
    ("cev_buckets_get", POINTER(_Bucket), [_BucketsP, c_size_t], None),
    ("cev_buckets_free", None, [_BucketsP], None),
    ("cev_store_export", c_int, [_StoreP, _QUERY_P, c_int, _WRITE_FN, c_void_p],
     _check_store(0)),
    ("cev_store_export_incidents", c_int, [_StoreP, _QUERY_P, c_int, _WRITE_FN, c_void_p],
     _check_store(0)),
    ("cev_store_save_aliases", c_int, [_StoreP, _ContextP], _check_store(0)),
    ("cev_store_load_aliases", c_int, [_StoreP, _ContextP], _check_store(0)),
]


class _Missing:
    """Stands for a function the loaded library does not export."""

    def __init__(self, name):
        self.name = name

    def __call__(self, *args):
        raise NotImplementedError("%s does not export %s" % (library_path, self.name))


def _declare(lib):
    missing = []
    for name, restype, argtypes, check in _DECLARATIONS:
        try:
            f = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            setattr(lib, name, _Missing(name))
            continue
        f.restype = restype
        f.argtypes = argtypes
        if check is not None:
            f.errcheck = check
    return missing


# Functions the loaded library lacks (an older or partial build).
missing_functions = _declare(_lib)

for _required in ("cev_version_string", "cev_version_number", "cev_strerror",
                  "cev_error_name", "cev_free"):
    if _required in missing_functions:
        raise ImportError("conflictev: %s is not libconflictev (no %s)"
                          % (library_path, _required))

version = _s(_lib.cev_version_string())
version_number = _lib.cev_version_number()
__version__ = version
if version_number // 10000 != _API_MAJOR:
    raise ImportError("conflictev: this binding is for libconflictev %d.x, %s is %s"
                      % (_API_MAJOR, library_path, version))


def strerror(code):
    """English text of an error code."""
    return _s(_lib.cev_strerror(code))


def error_name(code):
    """Name of an error code ("CEV_ERR_UTF8"), None if unknown."""
    return _s(_lib.cev_error_name(code))


def _names(fn, limit):
    out = {}
    for i in range(limit):
        n = fn(i)
        if n is None:
            break
        out[i] = _s(n)
    return out


# The lists come from the library itself, so they are never out of date.
errors = {}
for _code in range(0, -256, -1):
    _n = _lib.cev_error_name(_code)
    if _n is None:
        break
    errors[_s(_n)] = _code
    globals()[_s(_n)] = _code  # CEV_ERR_UTF8 = -4, ...
event_types = _names(_lib.cev_event_type_name, 256)  # {1: "air_strike", ...}
kinds = _names(_lib.cev_kind_name, 256)
_EVENT_TYPE_CODES = {v: k for k, v in event_types.items()}


def is_violent(event_type):
    """True for the violent event types (air_strike .. abduction)."""
    if isinstance(event_type, str):
        event_type = _EVENT_TYPE_CODES.get(event_type, -1)
    return bool(_lib.cev_event_type_is_violent(event_type))


# ---------------------------------------------------------------------------
# Conversions


def _text_bytes(text):
    if isinstance(text, str):
        return text.encode("utf-8", "surrogateescape")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


def _cstr(s, what="argument"):
    """str/bytes/None -> bytes/None for a borrowed `const char *`."""
    if s is None:
        return None
    if isinstance(s, str):
        b = s.encode("utf-8")
    elif isinstance(s, (bytes, bytearray)):
        b = bytes(s)
    elif isinstance(s, os.PathLike):
        b = os.fsencode(s)
    else:
        raise TypeError("%s must be str or bytes, not %s" % (what, type(s).__name__))
    if b"\0" in b:
        raise ValueError("%s contains a NUL byte" % what)
    return b


def _iso_date(d, what="date"):
    if d is None:
        return None
    if isinstance(d, _dt.datetime):
        d = d.date()
    if isinstance(d, _dt.date):
        return d.isoformat().encode("ascii")
    return _cstr(d, what)


def _ymd_int(d, what="date"):
    """None / 'YYYY-MM-DD' / date / 20170610 -> yyyymmdd int (0 = open)."""
    if d is None:
        return 0
    if isinstance(d, int):
        return d
    if isinstance(d, _dt.datetime):
        d = d.date()
    if isinstance(d, str):
        try:
            d = _dt.date.fromisoformat(d)
        except ValueError:
            raise ValueError("%s must be YYYY-MM-DD, not %r" % (what, d)) from None
    if isinstance(d, _dt.date):
        return d.year * 10000 + d.month * 100 + d.day
    raise TypeError("%s must be a date, 'YYYY-MM-DD' or yyyymmdd" % what)


def _date_of(ymd):
    if not ymd:
        return None
    try:
        return _dt.date(ymd // 10000, ymd // 100 % 100, ymd % 100)
    except ValueError:
        return None


class _Record:
    """Plain value object: attributes, equality, repr and to_dict()."""
    __slots__ = ()

    def __eq__(self, other):
        return type(self) is type(other) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            "%s=%r" % (k, getattr(self, k)) for k in self.__slots__
            if getattr(self, k) is not None))

    def _set(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


class Actor(_Record):
    """An actor, target: id and name from the alias table (None when the words
    were not found there), text as written, country (ISO alpha-2), kind."""
    __slots__ = ("id", "name", "text", "country", "kind")

    def __init__(self, **kw):
        self._set(**kw)

    def to_dict(self):
        return {"name": self.name if self.name is not None else self.text, "id": self.id,
                "kind": self.kind if self.id is not None else None,
                "country": self.country, "text": self.text}


class Location(_Record):
    __slots__ = ("id", "name", "admin1", "country", "text", "lat", "lon", "precision",
                 "kind")

    def __init__(self, **kw):
        self._set(**kw)

    def to_dict(self):
        return {"name": self.name if self.name is not None else self.text, "id": self.id,
                "admin1": self.admin1, "country": self.country, "lat": self.lat,
                "lon": self.lon, "precision": self.precision, "text": self.text}


class Date(_Record):
    """A range of days, inclusive: start and end are datetime.date."""
    __slots__ = ("start", "end", "precision", "text")

    def __init__(self, **kw):
        self._set(**kw)

    def to_dict(self):
        return {"start": self.start and self.start.isoformat(),
                "end": self.end and self.end.isoformat(),
                "precision": self.precision, "text": self.text}


class Count(_Record):
    """A casualty figure: min, max (None when open: "at least 50"), text."""
    __slots__ = ("min", "max", "text")

    def __init__(self, **kw):
        self._set(**kw)

    def to_dict(self):
        return {"min": self.min, "max": self.max, "text": self.text}


class Source(_Record):
    __slots__ = ("id", "name", "text")

    def __init__(self, **kw):
        self._set(**kw)

    def to_dict(self):
        return {"name": self.name if self.name is not None else self.text, "id": self.id,
                "text": self.text}


class Event(_Record):
    """One event.  Absent parts are None.  span and spans are (start, end)
    byte offsets into the article's UTF-8 bytes."""
    __slots__ = ("type", "actor", "target", "location", "date", "killed", "injured",
                 "abducted", "source", "span", "spans", "sentence", "trigger",
                 "article_id", "confidence")

    def __init__(self, **kw):
        self._set(**kw)

    @property
    def violent(self):
        return is_violent(self.type)

    def to_dict(self):
        """The event as a dict in the JSON format of docs/json.md (the one
        cev_event_to_json writes)."""
        def d(x):
            return None if x is None else x.to_dict()
        return {"article": self.article_id, "type": self.type, "actor": d(self.actor),
                "target": d(self.target), "location": d(self.location),
                "date": d(self.date), "killed": d(self.killed),
                "injured": d(self.injured), "abducted": d(self.abducted),
                "source": d(self.source), "span": list(self.span),
                "spans": [list(s) for s in self.spans], "trigger": self.trigger,
                "confidence": self.confidence, "sentence": self.sentence}

    def __getitem__(self, key):
        return self.to_dict()[key]


def _actor(a):
    if a.text is None:
        return None
    return Actor(id=_s(a.id), name=_s(a.name), text=_s(a.text), country=_s(a.country),
                 kind=kinds.get(a.kind))


def _count(c):
    if c.text is None:
        return None
    return Count(min=c.min, max=None if c.max < 0 else c.max, text=_s(c.text))


def _event(e):
    loc = e.location
    location = None
    if loc.text is not None:
        location = Location(
            id=_s(loc.id), name=_s(loc.name), admin1=_s(loc.admin1),
            country=_s(loc.country), text=_s(loc.text),
            lat=loc.lat if loc.has_coords else None,
            lon=loc.lon if loc.has_coords else None,
            precision=_s(_lib.cev_geo_precision_name(loc.precision)),
            kind=kinds.get(loc.kind))
    date = None
    if e.date.precision != 0:
        date = Date(start=_date_of(e.date.start), end=_date_of(e.date.end),
                    precision=_s(_lib.cev_date_precision_name(e.date.precision)),
                    text=_s(e.date.text))
    source = None
    if e.source.text is not None:
        source = Source(id=_s(e.source.id), name=_s(e.source.name), text=_s(e.source.text))
    spans = [(e.spans[i].start, e.spans[i].end) for i in range(e.n_spans)] \
        if e.spans else []
    return Event(type=event_types.get(e.type, str(e.type)), actor=_actor(e.actor),
                 target=_actor(e.target), location=location, date=date,
                 killed=_count(e.killed), injured=_count(e.injured),
                 abducted=_count(e.abducted), source=source,
                 span=(e.span.start, e.span.end), spans=spans,
                 sentence=_s(e.sentence), trigger=_s(e.trigger),
                 article_id=_s(e.article_id), confidence=e.confidence)


def _events(result, with_json=False):
    """Copy the events of a cev_result into Python objects (or JSON text)."""
    out = []
    for i in range(_lib.cev_result_count(result)):
        p = _lib.cev_result_event(result, i)
        if not p:
            _raise(-20, "cev_result_event returned NULL for an index in range")
        if with_json:
            buf = c_void_p()
            _lib.cev_event_to_json(ctypes.byref(buf), p)
            try:
                out.append(ctypes.string_at(buf.value).decode("utf-8"))
            finally:
                _lib.cev_free(buf)
        else:
            out.append(_event(p.contents))
    return out


class Entry(_Record):
    """One alias-table or gazetteer record."""
    __slots__ = ("id", "name", "country", "admin1", "affiliation", "kind", "lat", "lon",
                 "population", "valid_from", "valid_to")

    def __init__(self, **kw):
        self._set(**kw)

    def to_dict(self):
        return {k: getattr(self, k) for k in self.__slots__}


def _entry(e):
    return Entry(id=_s(e.id), name=_s(e.name), country=_s(e.country),
                 admin1=_s(e.admin1), affiliation=_s(e.affiliation),
                 kind=kinds.get(e.kind), lat=e.lat if e.has_coords else None,
                 lon=e.lon if e.has_coords else None,
                 population=None if e.population < 0 else e.population,
                 valid_from=_date_of(e.valid_from), valid_to=_date_of(e.valid_to))


def utf8_validate(data):
    """Raise ConflictevError (CEV_ERR_UTF8 / CEV_ERR_NUL, with the offset of
    the first bad byte) unless `data` is valid UTF-8 without NUL bytes."""
    b = _text_bytes(data)
    bad = c_size_t(0)
    _lib.cev_utf8_validate(b, len(b), ctypes.pointer(bad))


# ---------------------------------------------------------------------------
# Handles


class _Handle:
    """Owns one C handle, freed exactly once through the library."""
    _free = None  # name of the C destructor
    _what = "handle"

    def __init__(self):
        self._h = None
        self._lock = threading.RLock()

    def _handle(self):
        h = self._h
        if not h:
            _misuse("%s is closed" % self._what)
        return h

    @property
    def closed(self):
        return not self._h

    def close(self):
        """Free the C object (again: no effect)."""
        h, self._h = self._h, None
        if h:
            getattr(_lib, self._free)(h)

    def __enter__(self):
        self._handle()
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class Context(_Handle):
    """The alias table and gazetteer (cev_context).

    Load extra data before the first Parser is made from it; after that it is
    frozen (read-only) and may be shared by threads.  Closing a context closes
    the parsers made from it first.
    """
    _free = "cev_context_free"
    _what = "context"

    def __init__(self, builtin=True, aliases=()):
        super().__init__()
        self._parsers = weakref.WeakSet()
        h = _ContextP()
        _lib.cev_context_new(ctypes.pointer(h), 0 if builtin else CONTEXT_NO_BUILTIN)
        self._h = h
        for path in aliases:
            self.load_file(path)

    def close(self):
        for p in list(self._parsers):
            p.close()
        super().close()

    def load_file(self, path, format="tsv"):
        """Add the records of a data file (all or nothing)."""
        with self._lock:
            _lib.cev_context_load_file(self._handle(), _cstr(path, "path"),
                                       _format_code(format, _FORMATS))

    def load_buffer(self, data, format="tsv", name="<buffer>"):
        """The same from memory; `name` is used in error messages."""
        b = _text_bytes(data)
        with self._lock:
            _lib.cev_context_load_buffer(self._handle(), b, len(b),
                                         _format_code(format, _FORMATS), _cstr(name, "name"))

    def lookup(self, name, country=None):
        """The best record for a name in any spelling, or None."""
        e = _Entry()
        try:
            _lib.cev_context_lookup(self._handle(), _cstr(name, "name"),
                                    _cstr(country, "country"), ctypes.byref(e))
        except ConflictevError as err:
            if err.code == -11:  # CEV_ERR_NOT_FOUND
                return None
            raise
        return _entry(e)

    def get(self, id):
        """The record with exactly this id, or None."""
        e = _Entry()
        try:
            _lib.cev_context_get(self._handle(), _cstr(id, "id"), ctypes.byref(e))
        except ConflictevError as err:
            if err.code == -11:
                return None
            raise
        return _entry(e)

    def stats(self):
        """(entities, places, aliases) held."""
        a, b, c = c_size_t(), c_size_t(), c_size_t()
        _lib.cev_context_stats(self._handle(), ctypes.byref(a), ctypes.byref(b),
                               ctypes.byref(c))
        return a.value, b.value, c.value


def _format_code(fmt, table):
    if isinstance(fmt, int):
        return fmt
    try:
        return table[fmt]
    except KeyError:
        raise ValueError("unknown format %r (one of %s)" % (fmt, ", ".join(table))) from None


def _article(text, published, id, outlet=None, url=None):
    b = _text_bytes(text)
    a = _Article()
    a.version = _ARTICLE_VERSION
    a.text = b  # the struct keeps a reference to the bytes
    a.len = len(b)
    a.id = _cstr(id, "id")
    a.published = _iso_date(published, "published")
    a.outlet = _cstr(outlet, "outlet")
    a.url = _cstr(url, "url")
    return a


class Document(_Record):
    """A normalized, segmented article: text (normalized) and lists of
    Segment for blocks, sentences and tokens."""
    __slots__ = ("text", "blocks", "sentences", "tokens")

    def __init__(self, **kw):
        self._set(**kw)


class Name(_Record):
    """A name of the alias table found in a text: src (start, end) in the
    original bytes, text (the words as written), sentence (index), actor and
    place (Entry or None: "Syria" has both)."""
    __slots__ = ("src", "text", "sentence", "actor", "place")

    def __init__(self, **kw):
        self._set(**kw)


class Segment(_Record):
    """src: (start, end) in the original bytes; norm: (start, end) in the
    normalized text's bytes; kind: block kind; story: story index."""
    __slots__ = ("src", "norm", "kind", "story")

    def __init__(self, **kw):
        self._set(**kw)


class Parser(_Handle):
    """Extracts events from articles (cev_parser).  One thread at a time:
    calls on one Parser are serialized by a lock."""
    _free = "cev_parser_free"
    _what = "parser"

    def __init__(self, context=None, repair_utf8=None, max_input=None, nonviolent=None,
                 min_confidence=None):
        super().__init__()
        if context is None:
            context = _default_context()
        self.context = context  # the context must outlive the parser
        h = _ParserP()
        _lib.cev_parser_new(ctypes.byref(h), context._handle())
        self._h = h
        context._parsers.add(self)
        for opt, v in ((OPT_REPAIR_UTF8, repair_utf8), (OPT_MAX_INPUT, max_input),
                       (OPT_NONVIOLENT, nonviolent),
                       (OPT_MIN_CONFIDENCE, None if min_confidence is None
                        else round(min_confidence * 1000))):
            if v is not None:
                self.set(opt, int(v))

    def set(self, option, value):
        """Set an option by number (OPT_REPAIR_UTF8, ...)."""
        with self._lock:
            _lib.cev_parser_set_int(self._handle(), option, value)

    def get(self, option):
        v = c_int64()
        with self._lock:
            _lib.cev_parser_get_int(self._handle(), option, ctypes.byref(v))
        return v.value

    @property
    def errcode(self):
        return _lib.cev_parser_errcode(self._handle())

    @property
    def errmsg(self):
        return _s(_lib.cev_parser_errmsg(self._handle()))

    @property
    def error_offset(self):
        return _lib.cev_parser_error_offset(self._handle())

    def _parse(self, article):
        """cev_parse: a cev_result the caller frees with cev_result_free."""
        out = _ResultP()
        with self._lock:
            _lib.cev_parse(ctypes.byref(out), self._handle(), ctypes.byref(article))
        return out

    def parse(self, text, published=None, id=None, outlet=None, url=None):
        """The events of one article (str or UTF-8 bytes) as a list of Event.
        published: 'YYYY-MM-DD' or datetime.date; id is copied into events."""
        r = self._parse(_article(text, published, id, outlet, url))
        try:
            return _events(r)
        finally:
            _lib.cev_result_free(r)

    def parse_json(self, text, published=None, id=None, outlet=None, url=None):
        """The same as JSON strings written by the library (cev_event_to_json)."""
        r = self._parse(_article(text, published, id, outlet, url))
        try:
            return _events(r, with_json=True)
        finally:
            _lib.cev_result_free(r)

    def names(self, text):
        """The alias-table names in `text`, in text order, as list of Name
        (cev_document_names: actors, generic forces and victims, places)."""
        b = _text_bytes(text)
        doc = _DocumentP()
        arr = POINTER(_DocName)()
        n = c_size_t()
        with self._lock:
            _lib.cev_document_new(ctypes.byref(doc), self._handle(), b, len(b))
            try:
                _lib.cev_document_names(ctypes.byref(arr), ctypes.byref(n), self._handle(), doc)
            finally:
                _lib.cev_document_free(doc)
        try:
            return [Name(src=(x.src.start, x.src.end),
                         text=b[x.src.start:x.src.end].decode("utf-8", "replace"),
                         sentence=x.sentence,
                         actor=_entry(x.actor) if x.has_actor else None,
                         place=_entry(x.place) if x.has_place else None)
                    for x in (arr[i] for i in range(n.value))]
        finally:
            _lib.cev_free(arr)

    def document(self, text):
        """Normalize and segment `text` (cev_document_*)."""
        b = _text_bytes(text)
        doc = _DocumentP()
        with self._lock:
            _lib.cev_document_new(ctypes.byref(doc), self._handle(), b, len(b))
        try:
            n = c_size_t()
            p = _lib.cev_document_text(doc, ctypes.byref(n))
            norm = ctypes.string_at(p, n.value).decode("utf-8", "replace") if p else ""

            def segs(count, get):
                out = []
                for i in range(count(doc)):
                    s = _Segment()
                    get(doc, i, ctypes.byref(s))
                    out.append(Segment(src=(s.src.start, s.src.end),
                                       norm=(s.norm_start, s.norm_end),
                                       kind=_s(_lib.cev_block_kind_name(s.kind)),
                                       story=s.story))
                return out
            return Document(text=norm,
                            blocks=segs(_lib.cev_document_block_count, _lib.cev_document_block),
                            sentences=segs(_lib.cev_document_sentence_count,
                                           _lib.cev_document_sentence),
                            tokens=segs(_lib.cev_document_token_count,
                                        _lib.cev_document_token))
        finally:
            _lib.cev_document_free(doc)


class Bucket(_Record):
    __slots__ = ("key", "events", "killed")

    def __init__(self, **kw):
        self._set(**kw)


def _query(keep, date_from=None, date_to=None, type=None, actor=None, target=None,
           place=None, admin1=None, country=None, bbox=None, min_killed=None,
           article_id=None, limit=None):
    """Build a cev_query; `keep` collects the bytes it borrows."""
    q = _Query()
    q.version = _QUERY_VERSION
    q.date_from = _ymd_int(date_from, "date_from")
    q.date_to = _ymd_int(date_to, "date_to")
    if type is None:
        q.type = -1
    elif isinstance(type, str):
        code = _EVENT_TYPE_CODES.get(type)
        if code is None:
            raise ValueError("unknown event type %r" % type)
        q.type = code
    else:
        q.type = type
    for field, value in (("actor", actor), ("target", target), ("place", place),
                         ("admin1", admin1), ("country", country),
                         ("article_id", article_id)):
        b = _cstr(value, field)
        keep.append(b)
        setattr(q, field, b)
    if bbox is not None:
        q.has_bbox = 1
        q.min_lat, q.min_lon, q.max_lat, q.max_lon = (float(x) for x in bbox)
    q.min_killed = -1 if min_killed is None else min_killed
    q.limit = 0 if limit is None else limit
    return q


class Store(_Handle):
    """An SQLite database of articles, events and incidents (cev_store).
    One thread at a time: calls on one Store are serialized by a lock.

    Query filters (keywords of query/count/export): date_from, date_to
    ('YYYY-MM-DD', datetime.date or yyyymmdd), type (name or code), actor,
    target, place, admin1, country, bbox=(min_lat, min_lon, max_lat, max_lon),
    min_killed, article_id, limit.
    """
    _free = "cev_store_close"
    _what = "store"

    def __init__(self, path, readonly=False, create=True):
        super().__init__()
        flags = (STORE_READONLY if readonly else 0) | (0 if create else STORE_NO_CREATE)
        h = _StoreP()
        _lib.cev_store_open(ctypes.pointer(h), _cstr(path, "path"), flags)
        self._h = h
        self.path = path

    @property
    def schema_version(self):
        return _lib.cev_store_schema_version(self._handle())

    def add(self, text, published=None, id=None, outlet=None, url=None, parser=None):
        """Parse an article and store it with its events in one transaction.
        Returns True when it was added, False when the same content was there.
        `parser` defaults to this thread's module-level parser."""
        if parser is None:
            parser = _thread_parser()
        a = _article(text, published, id, outlet, url)
        r = parser._parse(a)
        try:
            added = c_int(0)
            with self._lock:
                _lib.cev_store_add(self._handle(), ctypes.byref(a), r, ctypes.byref(added))
            return bool(added.value)
        finally:
            _lib.cev_result_free(r)

    @contextlib.contextmanager
    def batch(self):
        """Bulk loading: every add/delete inside the `with` block runs in one
        transaction, committed at the end (several times faster than one
        transaction per article).  An exception in the block, or a failed
        add, discards the whole batch.

            with db.batch():
                for path in paths:
                    db.add(open(path).read(), id=path)
        """
        with self._lock:
            _lib.cev_store_begin_batch(self._handle())
        try:
            yield self
        except BaseException:
            with self._lock:
                try:
                    _lib.cev_store_end_batch(self._handle(), 0)
                except ConflictevError:
                    pass  # the batch is discarded either way
            raise
        with self._lock:
            _lib.cev_store_end_batch(self._handle(), 1)

    def delete(self, article_id):
        """Delete an article and its events."""
        with self._lock:
            _lib.cev_store_delete_article(self._handle(), _cstr(article_id, "article_id"))

    def query(self, **filters):
        """The stored events matching the filters, as a list of Event."""
        keep = []
        q = _query(keep, **filters)
        out = _ResultP()
        with self._lock:
            _lib.cev_store_query(ctypes.byref(out), self._handle(), ctypes.byref(q))
        try:
            return _events(out)
        finally:
            _lib.cev_result_free(out)

    def count(self, group_by="day", **filters):
        """Events and deaths per day ("YYYY-MM-DD") or per place: list of Bucket."""
        keep = []
        q = _query(keep, **filters)
        out = _BucketsP()
        with self._lock:
            _lib.cev_store_count(ctypes.byref(out), self._handle(), ctypes.byref(q),
                                 _format_code(group_by, _GROUP_BY))
        try:
            res = []
            for i in range(_lib.cev_buckets_count(out)):
                b = _lib.cev_buckets_get(out, i).contents
                res.append(Bucket(key=_s(b.key), events=b.events, killed=b.killed))
            return res
        finally:
            _lib.cev_buckets_free(out)

    def _export(self, cfunc, file, format, filters):
        keep = []
        q = _query(keep, **filters)
        chunks = []
        failure = []
        text_file = file is not None and isinstance(getattr(file, "encoding", None), str) \
            or isinstance(file, io.TextIOBase)
        # The library may cut a chunk inside a UTF-8 sequence.
        decoder = codecs.getincrementaldecoder("utf-8")()

        def write(_userdata, data, n):
            try:
                piece = ctypes.string_at(data, n)
                if file is None:
                    chunks.append(piece)
                elif text_file:
                    file.write(decoder.decode(piece))
                else:
                    file.write(piece)
                return 0
            except BaseException as e:  # stop the export, re-raise below
                failure.append(e)
                return 1

        cb = _WRITE_FN(write)  # kept alive for the whole call
        try:
            with self._lock:
                cfunc(self._handle(), ctypes.byref(q), _format_code(format, _EXPORT_FORMATS),
                      cb, None)
        except ConflictevError:
            if failure:
                raise failure[0]
            raise
        if failure:
            raise failure[0]
        if text_file:
            file.write(decoder.decode(b"", final=True))
        if file is None:
            return b"".join(chunks).decode("utf-8")
        return None

    def export(self, file=None, format="jsonl", **filters):
        """Write matching events as "jsonl", "csv" or "geojson" to a file
        object (text or binary), or return them as a str when file is None."""
        return self._export(_lib.cev_store_export, file, format, filters)

    def export_incidents(self, file=None, format="jsonl", **filters):
        """The incidents whose events match (a report no other joined is its own), as "jsonl" or "csv"."""
        return self._export(_lib.cev_store_export_incidents, file, format, filters)

    def save_aliases(self, context):
        with self._lock:
            _lib.cev_store_save_aliases(self._handle(), context._handle())

    def load_aliases(self, context):
        with self._lock:
            _lib.cev_store_load_aliases(self._handle(), context._handle())


# ---------------------------------------------------------------------------
# Module-level convenience: one shared context, one parser per thread.

_default_lock = threading.Lock()
_default = {"context": None}
_local = threading.local()


def _default_context():
    with _default_lock:
        ctx = _default["context"]
        if ctx is None or ctx.closed:
            ctx = _default["context"] = Context()
        return ctx


def _thread_parser():
    p = getattr(_local, "parser", None)
    if p is None or p.closed:
        p = _local.parser = Parser(_default_context())
    return p


def parse(text, published=None, id=None, outlet=None, url=None):
    """The events of one article with the built-in tables (see Parser.parse)."""
    return _thread_parser().parse(text, published=published, id=id, outlet=outlet,
                                  url=url)


def lookup(name, country=None):
    """Look a name up in the built-in alias table and gazetteer; None if unknown."""
    return _default_context().lookup(name, country)
