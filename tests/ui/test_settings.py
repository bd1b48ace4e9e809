"""The app's settings read back whatever another version or tool left in them, never crashing the start."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from briefing_builder.ui.settings import AppSettings


def _settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_a_recent_list_of_another_type_reads_as_empty(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.qsettings.setValue("recent/packs", 5)  # e.g. a number left in the registry
    assert settings.recent_packs() == []


def test_a_single_recent_pack_and_a_list_both_read(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("id: x\n", encoding="utf-8")
    settings = _settings(tmp_path)
    settings.qsettings.setValue("recent/packs", str(pack))
    assert settings.recent_packs() == [pack.resolve()]
    settings.add_recent_pack(pack)
    settings.qsettings.sync()
    assert _settings(tmp_path).recent_packs() == [pack.resolve()]


def test_a_folder_setting_of_another_type_reads_as_unset(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    settings.qsettings.setValue("store/last", 5)
    assert settings.last_store is None
