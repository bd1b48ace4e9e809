"""The window on screens from 1280×720 to 4K at 200 %: sizes, arrangements, nothing cut off."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMargins, QRect, QSize
from pytestqt.qtbot import QtBot

from briefing_builder.ui.responsive_panels import Arrangement, arrangement_for
from briefing_builder.ui.window_geometry import centred, clamped_geometry, fitted_size, initial_geometry
from briefing_builder.ui.window_layout import frame_margins

if TYPE_CHECKING:
    from briefing_builder.ui.main_window import MainWindow


# logical screen sizes: 1280×720 at 100 %, 1080p at 150 % and at 200 %, 4K at 200 %, 1080p at 100 %
SCREENS = {"1280x720": (1280, 720), "1080p@150%": (1280, 720), "1080p@200%": (960, 540),
           "4K@200%": (1920, 1080), "1080p": (1920, 1080), "720p@200%": (640, 360)}


def test_first_start_takes_most_of_the_screen_and_stays_on_it() -> None:
    for width, height in SCREENS.values():
        screen = QRect(0, 0, width, height)
        geometry = initial_geometry(screen)
        assert screen.contains(geometry)
        assert geometry.width() >= width * 0.9 and geometry.height() >= height * 0.9
    assert initial_geometry(QRect(0, 0, 3840, 2160)).size() == QSize(2400, 1500)  # 4K at 100 %: not a wall


def test_the_first_window_leaves_room_on_the_screen_for_its_title_bar() -> None:
    screen, frame = QRect(0, 0, 640, 360), QMargins(3, 40, 3, 3)
    geometry = initial_geometry(screen, frame=frame)
    assert screen.contains(geometry.marginsAdded(frame))  # the title bar above the window is on the screen
    assert geometry.top() - frame.top() >= 0 and geometry.height() + 43 <= 360


def test_a_remembered_window_from_a_larger_screen_comes_back_onto_this_one() -> None:
    screen = QRect(0, 0, 1280, 720)
    assert clamped_geometry(QRect(1500, 900, 1800, 1000), screen) == screen
    assert clamped_geometry(QRect(-50, 100, 600, 400), screen) == QRect(0, 100, 600, 400)
    assert fitted_size(QSize(1700, 900), QRect(0, 0, 960, 540)) == QSize(912, 513)
    assert QRect(0, 0, 960, 540).contains(centred(QSize(900, 500), QRect(500, 300, 100, 100), QRect(0, 0, 960, 540)))


def test_arrangement_follows_the_width_without_flickering() -> None:
    assert arrangement_for(200) is Arrangement.WIDE
    assert arrangement_for(100) is Arrangement.MEDIUM
    assert arrangement_for(60) is Arrangement.NARROW
    assert arrangement_for(126, Arrangement.WIDE) is Arrangement.WIDE  # within the margin: kept
    assert arrangement_for(126) is Arrangement.MEDIUM


@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_the_first_layout_fits_the_screen_and_every_panel_is_usable(
        window: MainWindow, qtbot: QtBot, screen: str) -> None:
    width, height = SCREENS[screen]
    window.first_layout(QRect(0, 0, width, height))
    qtbot.waitUntil(lambda: window.width() <= width)
    assert window.width() <= width and window.height() <= height
    assert window.minimumSizeHint().width() <= width
    assert window.minimumSizeHint().grownBy(frame_margins(window)).height() <= height  # title bar included
    inspector = window.inspector
    for panel in (window.library, window.outline, inspector):
        window.panels.reveal(panel)
        qtbot.waitUntil(panel.isVisible)
    assert inspector.width() >= inspector.widget().minimumSizeHint().width()  # fields never cut off
    if width >= 1920:
        assert window.panels.arrangement is Arrangement.WIDE  # three panes where there is room
    if width <= 960:
        assert window.panels.arrangement is not Arrangement.WIDE
