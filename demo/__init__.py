"""Realistic demo data for gentrack, built fast enough for a hundred thousand
commitments: what `python manage.py seed_demo` runs.

Two kinds of data come out of one generator:

- the showcase, written by hand from the localisation dialogue: Kenya and
  Tanzania co-leading the GBV and Economic Justice coalitions, Burkina Faso on
  sexual and reproductive health, Kazakhstan joining three coalitions one after
  the other, the 23 commitment makers of Bosnia and Herzegovina's four local
  coalition chapters and the Asia-Pacific "30 for 2030" youth network, with
  demo users who act for them;
- the bulk: makers of every constituency in every region and their
  commitments, with a review trail and progress reports whose shape follows
  the commitment's age, drawn from a seeded random generator so that two runs
  with the same seed give the same demo.

Speed comes from writing rows in bulk, never one save() at a time: COPY on
PostgreSQL, with the tables' secondary indexes and foreign keys built once
after the load (`indexes_built_after_load`), and bulk_create elsewhere
(SQLite), many-to-many rows included, through their through models. 100,000
commitments, with 750,000 review events and 200,000 progress reports, take
well under two minutes on a 2-core machine.

Bulk writes bypass Model.save(), which has consequences we accept for demo
data: the simple_history tables get rows only for commitments, written in
bulk by `build_history` (the versions their review trail implies, links
included), none for makers and reports; references are either worked out
before the insert (PostgreSQL, where ids are drawn from the sequence first)
or assigned in one UPDATE by `assign_missing_references()` (SQLite); and
auto_now and auto_now_add, which would stamp every row with the moment of
the insert, are switched off around the inserts (`given_timestamps`) while
every timestamp is set explicitly.

The modules:

- `builder`: `DemoBuilder` and `build_demo`, with the builder's steps in the
  mixins of `build_makers`, `build_commitments`, `build_history` and
  `build_reports`;
- `showcase`: the hand-written makers, leaders and commitments;
- `texts`: the words (pledges, reasons, comments, narratives, names);
- `weights`: how often each thing happens;
- `writer`: how rows reach the database;
- `common`: the password, sizes and short names they all share.

The product apps never import this package; it imports them.

The names below are importable from `demo` itself. They are loaded on first
use: Django imports this package while it registers the apps, before any
model can be imported, so the modules behind them cannot be loaded here.
"""

import importlib

_EXPORTS = {
    "BATCH_SIZE": "common",
    "CHUNK_SIZE": "common",
    "DEMO_PASSWORD": "common",
    "MINIMUM_SIZE": "common",
    "DemoRefused": "common",
    "Chooser": "builder",
    "DemoBuilder": "builder",
    "build_demo": "builder",
    "SHOWCASE_LEADERS": "showcase",
    "SHOWCASE_MAKERS": "showcase",
    "RowWriter": "writer",
    "commitment_reference": "writer",
    "given_timestamps": "writer",
    "indexes_built_after_load": "writer",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_EXPORTS})
