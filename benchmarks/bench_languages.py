"""Language benchmark: a 5,000-record store localised for a pack, the first time and again.

The planners localise the catalog on every plan (the preview plans on every edit); each
record is walked once per language and kept. Figures: the first French localisation of a
synthetic 5,000-record English store (every record falls back), the same again (kept), and
an English pack on that store (no translations: nothing to walk).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.synthetic import make_store
from benchmarks.timing import median_time


def language_figures() -> dict[str, tuple[float, str]]:
    """Medians (s) of localising a 5,000-record store: French first time, French again, English."""
    from briefing_builder.store import load_store
    from briefing_builder.store.localise import _KEPT, localised

    with tempfile.TemporaryDirectory() as folder:
        catalog = load_store(make_store(Path(folder) / "store", 5_000))

        def first() -> object:
            _KEPT.clear()
            return localised(catalog, "fr")

        first_s = median_time(first, 5)
        again_s = median_time(lambda: localised(catalog, "fr"), 9)
        english_s = median_time(lambda: localised(catalog, "en"), 9)
    return {
        "localise_fr_first_s": (first_s, f"French catalog of a 5,000-record store, first time: {first_s:.3f} s"),
        "localise_fr_again_s": (again_s, (f"  again (records kept): {again_s * 1000:.2f} ms "
                                          f"({first_s / max(again_s, 1e-9):.0f}x faster)")),
        "localise_en_s": (english_s, f"  English pack, store without translations: {english_s * 1e6:.0f} µs"),
    }


if __name__ == "__main__":  # pragma: no cover
    for _, text in language_figures().values():
        print(text)
