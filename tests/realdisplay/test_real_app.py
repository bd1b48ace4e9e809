"""The real app on a real X display (Xvfb + the xcb platform): the user's paths, end to end.

Each test starts a private Xvfb at a given size, runs the app in its own process on the xcb
platform with :mod:`tests.realdisplay.driver` playing a scenario, and fails on an error box,
a widget outside the screen, a traceback on the error output, a crash or a process that
does not end. Skipped where Xvfb or the xcb libraries are missing (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_builder.paths import sample_store_dir

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 300
SCREENS = {"1280x720": ("1280x720", "1"), "1080p-scale-2": ("1920x1080", "2")}
SMALL_SCREENS = {**SCREENS, "720p-scale-2": ("1280x720", "2")}  # 640×360 points: the smallest tried


def _missing() -> str | None:
    if not sys.platform.startswith("linux"):
        return "real-display tests run on Linux"
    if shutil.which("xvfb-run") is None or shutil.which("Xvfb") is None:
        return "Xvfb is not installed (apt-get install xvfb xauth)"
    from briefing_builder.ui.platform_check import xcb_problems

    problems = xcb_problems()
    return f"the xcb platform cannot load: {'; '.join(p.sentence() for p in problems)}" if problems else None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


def run_scenario(name: str, tmp_path: Path, screen: str, scale: str) -> tuple[dict, subprocess.CompletedProcess]:
    """Play scenario ``name`` on the real app in a private Xvfb of size ``screen`` (a second run in
    ``tmp_path`` starts again on the store and home the first one left)."""
    home = tmp_path / "home"
    if not home.is_dir():
        shutil.copytree(sample_store_dir(), tmp_path / "store")
        home.mkdir()
    (tmp_path / "result.json").unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local"), PYTHONPATH=str(ROOT), PYTHONFAULTHANDLER="1")
    command = ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24 -nolisten tcp",
               sys.executable, "-m", "tests.realdisplay.driver", name, str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, env=env, cwd=ROOT)
    result_file = tmp_path / "result.json"
    result = json.loads(result_file.read_text(encoding="utf-8")) if result_file.is_file() else {}
    return result, done


def assert_clean(result: dict, done: subprocess.CompletedProcess) -> None:
    """No failure seen by the driver, no traceback, a normal exit."""
    report = f"\nlog: {result.get('log')}\nstderr: {done.stderr[-4000:]}"
    assert result, f"the driver wrote no result (exit {done.returncode}){report}"
    assert result["failures"] == [], f"{result['failures']}{report}"
    assert "Traceback" not in done.stderr and "already deleted" not in done.stderr, report
    assert "Fatal Python error" not in done.stderr and "Segmentation fault" not in done.stderr, report
    assert done.returncode == 0, f"exit code {done.returncode}{report}"
    assert result["finished"], report


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_export_three_times_then_quit_discarding(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("export_three_times", tmp_path, *SCREENS[screen])
    assert_clean(result, done)
    assert (tmp_path / "out" / "jha-counsellors-2026-01-12.pptx").is_file()


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_update_an_annex_and_import_comments(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("annex_round_trip", tmp_path, *SCREENS[screen])
    assert_clean(result, done)


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_import_edits_from_a_deck_review_and_apply(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("deck_round_trip", tmp_path, *SCREENS[screen])
    assert_clean(result, done)


def test_shortcuts_fire_from_focused_widgets_on_x11(tmp_path: Path) -> None:
    """The shortcut test again on xcb: X11's key bindings give a line edit Ctrl+E, Ctrl+K… (offscreen has none)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("QT_")}
    env.update(QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / ".config"))
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x720x24 -nolisten tcp", sys.executable, "-m",
                           "pytest", "-q", "-p", "no:cacheprovider", "tests/ui/test_shortcuts.py"],
                          capture_output=True, text=True, timeout=TIMEOUT_S, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_record_form_fits_the_screen(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("edit_a_record", tmp_path, *SCREENS[screen])
    assert_clean(result, done)


def test_a_new_pack_exported_twice_keeps_both(tmp_path: Path) -> None:
    result, done = run_scenario("new_pack_keep_both", tmp_path, *SCREENS["1280x720"])
    assert_clean(result, done)
    assert len(list((tmp_path / "out").glob("scifa-briefing-*.pptx"))) == 2


def test_the_problems_dock_opens_small_and_closes_itself_once_fixed(tmp_path: Path) -> None:
    result, done = run_scenario("broken_store_then_fixed", tmp_path, *SCREENS["1280x720"])
    assert_clean(result, done)


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_status_bar_elides_and_an_invalid_date_refuses_the_export(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("status_bar_and_invalid_date", tmp_path, *SCREENS[screen])
    assert_clean(result, done)
    assert not (tmp_path / "out").exists() and not list(tmp_path.glob("**/*.pptx"))


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_template_report_opens_from_the_picker_and_fits_the_screen(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("template_report", tmp_path, *SCREENS[screen])
    assert_clean(result, done)
    assert (tmp_path / "template-report.png").stat().st_size > 10_000
    assert any("warning(s): ⚠ Template 'a4-wide-layouts.pptx'" in line for line in result.get("log", [])), result


XDOTOOL_SESSION = r"""
visible() {  # the id of the first visible window named $1, trying $2 times, 0.2 s apart
  for _ in $(seq 1 "$2"); do
    found=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1)
    [ -n "$found" ] && { echo "$found"; return 0; }
    sleep 0.2
  done
  return 1
}
"$PYTHON" -m briefing_builder run --store "$STORE" > "$WORK/app.out" 2> "$WORK/app.err" &
app=$!
window=$(visible "Briefing Builder" 100) || { echo "no window"; kill $app; exit 10; }
sleep 2
xdotool windowfocus --sync "$window"
xdotool key ctrl+e
visible "Export deck and annex to folder" 50 >/dev/null \
    || { echo "Ctrl+E opened no folder dialog"; kill $app; exit 11; }
xdotool key Escape
sleep 1
xdotool windowfocus --sync "$window"
xdotool key ctrl+q
for _ in $(seq 1 50); do kill -0 $app 2>/dev/null || break; sleep 0.2; done
if kill -0 $app 2>/dev/null; then echo "Ctrl+Q did not end the app"; kill $app; exit 12; fi
wait $app
"""


@pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed (apt-get install xdotool)")
def test_keys_typed_on_the_x_server_reach_the_window_shortcuts(tmp_path: Path) -> None:
    """Real X key events (xdotool): Ctrl+E from the start-up focus opens the folder dialog, Ctrl+Q quits."""
    shutil.copytree(sample_store_dir(), tmp_path / "store")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("QT_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / ".config"),
               PYTHON=sys.executable, STORE=str(tmp_path / "store"), WORK=str(tmp_path))
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x720x24 -nolisten tcp", "bash", "-c",
                           XDOTOOL_SESSION], capture_output=True, text=True, timeout=TIMEOUT_S, env=env, cwd=ROOT)
    errors = (tmp_path / "app.err").read_text(encoding="utf-8") if (tmp_path / "app.err").is_file() else ""
    assert done.returncode == 0, done.stdout + done.stderr + errors[-3000:]
    assert "Traceback" not in errors, errors


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_sync_conflict_is_resolved_in_the_review_dialog(screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("sync_conflict_review", tmp_path, *SCREENS[screen])
    assert_clean(result, done)
    assert "Frontex: Ben's wording" in (tmp_path / "ben" / "milestones.yaml").read_text(encoding="utf-8")


def test_the_app_syncs_before_it_closes_when_asked_to(tmp_path: Path) -> None:
    from briefing_builder.cli import main

    result, done = run_scenario("sync_when_closing", tmp_path, *SCREENS["1280x720"])
    assert_clean(result, done)
    assert main(["clone", str(tmp_path / "share" / "jha-store.git"), str(tmp_path / "check")]) == 0
    assert "value: 16" in (tmp_path / "check" / "countries" / "egypt.yaml").read_text(encoding="utf-8")
    assert "Frontex: Ben's wording" in (tmp_path / "store" / "milestones.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_a_sub_point_typed_on_the_french_tab_is_saved_under_fr_without_touching_the_english(
        screen: str, tmp_path: Path) -> None:
    from briefing_builder.store import load_store
    from tests.realdisplay.scenarios import FRENCH_SUB_POINT, MEASURE

    area = "areas/04-return-readmission.yaml"
    before = (sample_store_dir() / area).read_text(encoding="utf-8")
    result, done = run_scenario("translate_a_sub_point", tmp_path, *SCREENS[screen])
    assert_clean(result, done)
    after = (tmp_path / "store" / area).read_text(encoding="utf-8")
    measure = next(m for m in load_store(tmp_path / "store").areas["return-readmission"].measures if m.id == MEASURE)
    first = measure.sub_points[0].text
    assert first.translations == {"en": str(first), "fr": FRENCH_SUB_POINT}
    old = next(m for m in load_store(sample_store_dir()).areas["return-readmission"].measures if m.id == MEASURE)
    assert [str(p.text) for p in measure.sub_points] == [str(p.text) for p in old.sub_points]  # the English as it was
    assert [p.text for p in measure.sub_points[1:]] == [p.text for p in old.sub_points[1:]]
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert len(removed) == 1 and str(first) in removed[0]  # only the first sub-point's line became a mapping
    assert (tmp_path / "french-tab-screen.png").is_file()


@pytest.mark.parametrize("scenario", ["typed_venue_then_quit", "typed_venue_saved_with_ctrl_s",
                                      "typed_venue_saved_from_toolbar"])
def test_a_field_still_being_typed_in_is_saved_or_asked_about(scenario: str, tmp_path: Path) -> None:
    """Type the venue, then Ctrl+Q / Ctrl+S / the toolbar's Save without Tab: asked, or saved as shown."""
    result, done = run_scenario(scenario, tmp_path, *SCREENS["1280x720"])
    assert_clean(result, done)
    if scenario != "typed_venue_then_quit":
        pack = tmp_path / "store" / "packs" / "jha-counsellors-2026-01-12.yaml"
        assert "Bruxelles, Justus Lipsius" in pack.read_text(encoding="utf-8")


def test_a_french_pack_takes_4_mars_2026_and_shows_a_date_problem_in_full(tmp_path: Path) -> None:
    result, done = run_scenario("french_date_typed_the_french_way", tmp_path, *SCREENS["1280x720"])
    assert_clean(result, done)
    assert (tmp_path / "french-date.png").stat().st_size > 10_000


@pytest.mark.parametrize("screen", sorted(SMALL_SCREENS))
def test_the_window_fits_a_small_screen_and_the_marking_list_shows_every_marking_whole(
        screen: str, tmp_path: Path) -> None:
    result, done = run_scenario("marking_list_on_a_small_screen", tmp_path, *SMALL_SCREENS[screen])
    assert_clean(result, done)
    assert (tmp_path / "marking-list.png").stat().st_size > 10_000


def test_one_edit_then_a_kill_is_offered_back_at_the_next_start(tmp_path: Path) -> None:
    """Type the venue (one edit), kill -9 once autosaved: the next start offers it back and restores it."""
    result, done = run_scenario("typed_venue_then_killed", tmp_path, *SCREENS["1280x720"])
    assert result.get("failures") == [] and result.get("finished"), f"{result}\n{done.stderr[-3000:]}"
    assert done.returncode != 0  # killed, not quit
    result, done = run_scenario("restored_after_the_kill", tmp_path, *SCREENS["1280x720"])
    assert_clean(result, done)
