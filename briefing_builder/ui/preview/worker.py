"""Planning the preview off the GUI thread, debounced.

:class:`PreviewWorker` collects pack changes; 250 ms after the last one it starts one job on
its own single-thread ``QThreadPool``. The job (:func:`compute_preview`) opens the template
(cached per file and modification time), plans the deck exactly as an export would, and
turns every slide into a :class:`~.scene.SlideScene`; the GUI thread only paints. Results
of superseded requests are dropped; a change arriving mid-job starts a fresh job when the
current one ends. Exceptions never escape the job: they come back as a readable message.
``shutdown()`` waits for the pool (window closing, test teardown) — no ``QThread`` object
can be garbage-collected while running (PITFALLS 3).
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack
from briefing_builder.ui.preview.scene import SlideScene

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.compose.geometry import TemplateGeometry
    from briefing_builder.compose.plan import DeckPlan

DEBOUNCE_MS = 250


@dataclass(frozen=True)
class PreviewResult:
    """A planned deck ready to paint, or why it could not be planned (``error``)."""

    generation: int
    plan: DeckPlan | None = None
    geometry: TemplateGeometry | None = None
    scenes: tuple[SlideScene, ...] = ()
    template: Path | None = None
    error: str | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)


class TemplateCache:
    """Opened templates' geometry and look, kept per path and modification time (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[Path, tuple[float, Any, Any]] = {}

    def get(self, path: Path) -> tuple[Any, Any]:
        """(TemplateGeometry, TemplateAppearance) of ``path``; raises TemplateError."""
        return self._item(path)[1:3]

    def surfaces(self, path: Path) -> Any:
        """The template's marking surfaces (see ``render.marking_surfaces``); raises TemplateError."""
        return self._item(path)[3]

    def _item(self, path: Path) -> tuple[Any, ...]:
        from briefing_builder.render.appearance import read_appearance
        from briefing_builder.render.marking_surfaces import read_surfaces
        from briefing_builder.render.template import open_template

        stamp = path.stat().st_mtime
        with self._lock:
            found = self._items.get(path)
            if found is not None and found[0] == stamp:
                return found
            opened = open_template(path)
            item = (stamp, opened.geometry, read_appearance(opened), read_surfaces(opened))
            self._items[path] = item
            return item


def compute_preview(pack: Pack, catalog: Catalog, cache: TemplateCache, generation: int = 0) -> PreviewResult:
    """Plan ``pack`` on its template and build every slide's scene (any thread; never raises)."""
    try:
        from briefing_builder.compose.deck_planner import plan_deck
        from briefing_builder.pipeline import BuildError, resolve_template
        from briefing_builder.render.template import TemplateError
        from briefing_builder.ui.preview.scene import build_scene

        started = time.perf_counter()
        try:
            path = resolve_template(pack.meeting.template, catalog)
            geometry, look = cache.get(path)
            surfaces = cache.surfaces(path)
        except (BuildError, TemplateError, OSError) as exc:
            return PreviewResult(generation, error=str(exc))
        opened = time.perf_counter()
        plan = plan_deck(pack, catalog, geometry, surfaces)
        planned = time.perf_counter()
        scenes = tuple(build_scene(slide, geometry, look) for slide in plan.slides)
        done = time.perf_counter()
        timings = {"template": (opened - started) * 1000, "plan": (planned - opened) * 1000,
                   "scenes": (done - planned) * 1000}
        return PreviewResult(generation, plan, geometry, scenes, path, None, timings)
    except Exception as exc:  # the preview must never take the window down
        traceback.print_exc(file=sys.stderr)
        return PreviewResult(generation, error=f"The preview could not be drawn ({type(exc).__name__}: {exc}).")


class _Signals(QObject):
    done = Signal(object)


class _Job(QRunnable):
    def __init__(self, pack: Pack, catalog: Catalog, cache: TemplateCache, generation: int,
                 signals: _Signals) -> None:
        super().__init__()
        self.args = (pack, catalog, cache, generation)
        self.signals = signals

    def run(self) -> None:
        self.signals.done.emit(compute_preview(*self.args))


class PreviewWorker(QObject):
    """Debounces pack changes and plans the preview on a background thread."""

    ready = Signal(object)  # PreviewResult, on the GUI thread
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.cache = TemplateCache()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self._launch)
        self.generation = 0
        self.latest: PreviewResult | None = None
        self._wanted: tuple[Pack, Catalog] | None = None
        self._running = False
        self._closed = False
        # One signals object for every job, owned here: a job never holds its last reference.
        self._signals = _Signals(self)
        self._signals.done.connect(self._finished)

    @property
    def busy(self) -> bool:
        """True while a request waits for its debounce or a job runs."""
        return self.timer.isActive() or self._running

    def request(self, pack: Pack, catalog: Catalog, immediately: bool = False) -> None:
        """Plan ``pack`` soon (after the debounce; at once with ``immediately``)."""
        if self._closed:
            return
        self._wanted = (pack, catalog)
        self.busyChanged.emit(True)
        if immediately:
            self.timer.stop()
            self._launch()
        else:
            self.timer.start()

    @Slot()
    def _launch(self) -> None:
        if self._wanted is None or self._running or self._closed:
            return
        pack, catalog = self._wanted
        self._wanted = None
        self.generation += 1
        self._running = True
        self.pool.start(_Job(pack, catalog, self.cache, self.generation, self._signals))  # Qt deletes it after run

    @Slot(object)
    def _finished(self, result: PreviewResult) -> None:
        self._running = False
        if self._closed:
            return
        if self._wanted is not None:  # changed meanwhile: this result is already stale
            if not self.timer.isActive():
                self._launch()
            return
        self.latest = result
        self.busyChanged.emit(False)
        self.ready.emit(result)

    def shutdown(self, timeout_ms: int = 30_000) -> None:
        """Stop planning and wait for a running job (the window is closing)."""
        self._closed = True
        self.timer.stop()
        self.pool.clear()
        self.pool.waitForDone(timeout_ms)
