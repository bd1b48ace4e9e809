"""No message shown to a user carries Python's internals: object reprs, ``sys.`` advice,
tracebacks, exception or class names.

The first test reads what the whole suite produced (every diagnostic, plan note and
user-facing error recorded by :mod:`tests.message_audit`; ``conftest.py`` runs it last).
The second makes its own messages from a corpus of hostile stores and templates, so that
it checks the same even when run alone.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_builder.cli import main
from briefing_builder.paths import templates_dir
from briefing_builder.render.template import TemplateError, open_template
from briefing_builder.store import load_store
from tests import message_audit
from tests.reliability.helpers import copy_store
from tests.reliability.test_validate_agrees_with_build import _ten_thousand_layouts, _word_document_named_pptx
from tests.zip_parts import rewrite_file

TUNISIA = "countries/tunisia.yaml"

#: (file, text replaced, replacement): hostile edits of the bundled store.
EDITS = [
    (TUNISIA, "    value: 20\n", "    value: " + "9" * 5000 + "\n"),
    (TUNISIA, "    value: 20\n", "    value: .nan\n"),
    (TUNISIA, '{label: "2022", value: 60}', '{label: "2022", value: .inf}'),
    (TUNISIA, "iso_code: TN", "iso_code: NO"),
    (TUNISIA, 'region: "North Africa"', "region: 2026-01-12"),
    (TUNISIA, 'region: "North Africa"\n', 'region: "North Africa"\nregion: "Maghreb"\n'),
    (TUNISIA, "last_reviewed: 2026-01-12", "last_reviewed: 2026-02-30"),
    (TUNISIA, "last_reviewed: 2026-01-12", "last_reviewed: [2026]"),
    (TUNISIA, "id: tunisia", "id: {a: 1}"),
    (TUNISIA, "key_figures:", "key_figures: !!binary aGVsbG8=\nx:"),
    (TUNISIA, "key_figures:", "key_figures: !!set {a, b}\nx:"),
    (TUNISIA, "key_figures:", "? [a, b]\n: 1\nkey_figures:"),
    ("milestones.yaml", 'period: "2028–2034"', "period: 2028-01-01"),
    ("milestones.yaml", 'period: "2028–2034"', 'period: "0000"'),
]


def test_no_message_the_suite_made_shows_python_internals() -> None:
    assert len(message_audit.RECORDED) > 0
    assert message_audit.offending() == []


def _messages(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    main(list(args))
    captured = capsys.readouterr()
    return captured.out + captured.err


@pytest.mark.parametrize("rel, old, new", EDITS, ids=[new.strip()[:30] for _, _, new in EDITS])
def test_hostile_store_messages_are_plain(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          rel: str, old: str, new: str) -> None:
    root = copy_store(tmp_path / "store")
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    shown = _messages(capsys, "validate", "--store", str(root))
    shown += _messages(capsys, "build", "strategy-partners-briefing", "--store", str(root),
                       "--out", str(tmp_path / "o"))
    assert "error" in shown
    assert message_audit.internals(shown) == [], shown
    assert all(message_audit.internals(d.message) == [] for d in load_store(root).diagnostics)


@pytest.mark.parametrize("data", [
    "text".encode("utf-16-le"), "x: [1".encode("utf-16"), b"\x00" * 10, b"- a\n- b\n", b"42\n", b"2026-01-12\n",
    b"!!binary aGVsbG8=\n", b"? [a]\n: b\n"])
def test_hostile_country_file_messages_are_plain(tmp_path: Path, data: bytes) -> None:
    root = copy_store(tmp_path / "store")
    (root / "countries" / "zz.yaml").write_bytes(data)
    diagnostics = [d for d in load_store(root).diagnostics if d.path.name == "zz.yaml"]
    assert diagnostics
    assert [message_audit.internals(d.message) for d in diagnostics] == [[]] * len(diagnostics)


@pytest.mark.parametrize("make", [_word_document_named_pptx, _ten_thousand_layouts])
def test_unusable_template_messages_are_plain(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    with pytest.raises(TemplateError) as info:
        open_template(make(tmp_path))
    assert message_audit.internals(str(info.value)) == []


def test_a_template_with_a_broken_part_is_described_without_class_names(tmp_path: Path) -> None:
    path = rewrite_file(templates_dir() / "briefing-16x9.pptx", tmp_path / "broken.pptx", {
        "ppt/presentation.xml": lambda data: data.replace(
            b"<p:sldMasterIdLst>", b'<p:sldMasterIdLst><p:sldMasterId id="1" r:id="rId999"/>')})
    # the master listed but missing is left out with a note naming the part (not refused with a library's words)
    notes = [w for w in open_template(path).geometry.warnings if "rId999" in w]
    assert len(notes) == 1 and "ppt/presentation.xml" in notes[0] and "a slide master" in notes[0]
    assert message_audit.internals(notes[0]) == [], notes[0]
