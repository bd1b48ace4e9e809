"""The Excel annex round trip: plan, write, update, read back and apply a pack's annex.

Everything that touches an annex workbook lives here; callers (the CLI, the app, the
export pipeline, the benchmarks) go through :mod:`.service` only:

* :mod:`.plan`, :mod:`.planner`, :mod:`.rows` — pack → :class:`~.plan.AnnexPlan` (no I/O);
* :mod:`.writer`, :mod:`.xlsx_rich`, :mod:`.xlsx_safety` — AnnexPlan → a new .xlsx;
* :mod:`.baseline` — what was sent (every cell of our columns per row id, and a
  fingerprint per row), kept inside the workbook and in a sidecar next to the pack;
* :mod:`.merge` — the three-way comparison sent × returned × store now;
* :mod:`.package`, :mod:`.workbook`, :mod:`.cells`, :mod:`.checks` — safe XML-level
  reading and editing of workbooks that come from elsewhere;
* :mod:`.update` — a returned workbook brought up to date, losing nothing;
* :mod:`.changes` — the change set of a returned workbook (proposals, conflicts,
  delegation input, rows that cannot be matched), the user's choice and the safe apply;
* :mod:`.feedback` — each delegation's positions and comments kept in the store;
* :mod:`.compile` — all the returns of a meeting read at once into a compilation workbook;
* :mod:`.service` — the one API of all of the above;
* :mod:`.cli` — the ``annex`` commands.
"""
