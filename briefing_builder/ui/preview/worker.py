"""Planning the preview off the GUI thread, coalescing edits.

:class:`PreviewWorker` starts a job on its own single-thread ``QThreadPool`` as soon as a pack
changes while it is idle (no waiting: an edit shows within one plan); edits arriving while a
job runs are coalesced into one job started when it ends (an optional debounce delays the
start instead). Only the very first plan waits a moment, so the window paints before the
plan loads python-pptx. The job (:func:`compute_preview`) opens the template
(cached per file and modification time), plans the deck exactly as an export would, and
turns every slide into a :class:`~.scene.SlideScene` (:class:`SceneCache` keeps those of
slides an edit did not change); the GUI thread only paints. Results
of superseded requests are dropped; a change arriving mid-job starts a fresh job when the
current one ends. Exceptions never escape the job: they come back as a readable message.
``shutdown()`` waits for the pool (window closing, test teardown) — no ``QThread`` object
can be garbage-collected while running (PITFALLS 3).

It is not one of the app's :class:`~briefing_builder.ui.task_runner.TaskRunner` tasks on
purpose: those are one user-started task at a time behind a window-modal progress dialog with
Cancel, every outcome delivered; the preview runs unseen on every edit, keeps the caches
between jobs, never blocks the window and drops the results that a newer edit superseded.
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

from briefing_builder.compose.preview_scene import SlideScene
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import Pack

if TYPE_CHECKING:  # pragma: no cover
    from briefing_builder.compose.appearance import TemplateAppearance
    from briefing_builder.compose.geometry import TemplateGeometry
    from briefing_builder.compose.marking_layout import MarkingSurfaces
    from briefing_builder.compose.plan import DeckPlan

DEBOUNCE_MS = 0  # start at once when idle; edits during a job coalesce into the next
FIRST_PLAN_DELAY_MS = 250  # the very first plan waits for the window to paint (it loads python-pptx)


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
        self._items: dict[Path, tuple[float, TemplateGeometry, TemplateAppearance, MarkingSurfaces]] = {}

    def get(self, path: Path) -> tuple[TemplateGeometry, TemplateAppearance]:
        """(TemplateGeometry, TemplateAppearance) of ``path``; raises TemplateError."""
        return self._item(path)[1:3]

    def surfaces(self, path: Path) -> MarkingSurfaces:
        """The template's marking surfaces (see ``render.marking_surfaces``); raises TemplateError."""
        return self._item(path)[3]

    def _item(self, path: Path) -> tuple[float, TemplateGeometry, TemplateAppearance, MarkingSurfaces]:
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


class SceneCache:
    """Scenes of slides already drawn, by slide: an edit redraws only the slides it changed.

    A :class:`SlideSpec` is frozen and compared by value; a hit also needs the very same template
    description objects (a template edited on disk gives new ones). The oldest entries go first."""

    def __init__(self, limit: int = 5000) -> None:
        self.limit = limit
        self._items: dict[Any, tuple[Any, Any, SlideScene]] = {}

    def scene(self, spec: Any, geometry: Any, look: Any) -> SlideScene:
        """The scene of ``spec`` on this template, drawn now or remembered."""
        from briefing_builder.compose.preview_scene import build_scene

        found = self._items.get(spec)
        if found is not None and found[0] is geometry and found[1] is look:
            return found[2]
        drawn = build_scene(spec, geometry, look)
        if len(self._items) >= self.limit:
            self._items.pop(next(iter(self._items)))
        self._items[spec] = (geometry, look, drawn)
        return drawn


def compute_preview(pack: Pack, catalog: Catalog, cache: TemplateCache, generation: int = 0,
                    scenes_cache: SceneCache | None = None) -> PreviewResult:
    """Plan ``pack`` on its template and build every slide's scene (any thread; never raises)."""
    try:
        from briefing_builder.compose.deck_planner import plan_deck
        from briefing_builder.compose.preview_scene import build_scene
        from briefing_builder.pipeline import BuildError, resolve_template
        from briefing_builder.render.template import TemplateError

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
        draw = scenes_cache.scene if scenes_cache is not None else build_scene
        scenes = tuple(draw(slide, geometry, look) for slide in plan.slides)
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
                 signals: _Signals, scenes: SceneCache) -> None:
        super().__init__()
        self.args = (pack, catalog, cache, generation, scenes)
        self.signals = signals

    def run(self) -> None:
        self.signals.done.emit(compute_preview(*self.args))


class PreviewWorker(QObject):
    """Plans the preview on a background thread as the pack changes (see the module docstring)."""

    ready = Signal(object)  # PreviewResult, on the GUI thread
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.cache = TemplateCache()
        self.scenes = SceneCache()  # used by the pool's one thread only
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self._launch)
        self.debounce_ms = debounce_ms
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
        if immediately or (self.generation and not self.debounce_ms):
            self.timer.stop()
            self._launch()
        elif not self.generation:
            if not self.timer.isActive():
                self.timer.start(max(self.debounce_ms, FIRST_PLAN_DELAY_MS))
        else:
            self.timer.start(self.debounce_ms)

    @Slot()
    def _launch(self) -> None:
        if self._wanted is None or self._running or self._closed:
            return
        pack, catalog = self._wanted
        self._wanted = None
        self.generation += 1
        self._running = True
        job = _Job(pack, catalog, self.cache, self.generation, self._signals, self.scenes)
        self.pool.start(job)  # Qt deletes it after run

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
