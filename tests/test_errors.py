"""The one error root and the one catch per entry point (:mod:`briefing_builder.errors`).

Every exception class the package defines is a :class:`BriefingError` (a cancelled task
excepted: it is no failure); its message, location and hint are fields that ``str()``
composes and that the command line and the app word each their own way. The command line is
driven as a user drives it — ``python -m briefing_builder`` in a subprocess, on real bad
files — and must answer with a located message and an exit status, never a traceback.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefing_builder
from briefing_builder.cli_errors import CLI_WORDING, cli_message
from briefing_builder.errors import BriefingError, Do, Hint, Location
from briefing_builder.paths import sample_store_dir, templates_dir
from tests.annex.returns import PACK, type_into, where, without_part
from tests.store.conftest import files_of

REPO = Path(briefing_builder.__file__).resolve().parent.parent


def _package_exceptions() -> dict[str, type[BaseException]]:
    """Every exception class defined in a module of the package, by ``module.Class``."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(briefing_builder.__path__, "briefing_builder."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, BaseException):
                found[f"{info.name}.{name}"] = cls
    return found


def test_every_exception_class_of_the_package_is_a_briefing_error_but_a_cancellation() -> None:
    found = _package_exceptions()
    outside = sorted(name for name, cls in found.items() if not issubclass(cls, BriefingError))
    assert outside == ["briefing_builder.ui.task_runner.Cancelled"]  # what the user asked for, not a failure
    named = {"BuildError", "TemplateError", "OutputError", "FolderBusy", "OfficePdfError", "AnnexFileError",
             "UpdateRefused", "StoreWriteError", "StoreConflict", "StoreReadOnly", "StoreNotFound", "YamlError",
             "PackFileError", "PackEditError", "HistoryError", "NotImportable", "DeckFileError", "PdfError"}
    assert named <= {name.rsplit(".", 1)[1] for name in found}


def test_existing_subclass_relations_are_kept() -> None:
    found = {name.rsplit(".", 1)[1]: cls for name, cls in _package_exceptions().items()}
    assert issubclass(found["UpdateRefused"], found["AnnexFileError"])
    assert issubclass(found["StoreConflict"], found["StoreWriteError"])
    assert issubclass(found["StoreReadOnly"], found["StoreWriteError"])
    assert issubclass(found["DateTextError"], ValueError)


def test_message_location_and_hint_are_fields_that_str_composes() -> None:
    error = BriefingError("the cell holds a formula;", Location(Path("annex.xlsx"), cell="Measures!C5"),
                          Hint("type the text instead.", Do.CHOOSE_PACK))
    assert (error.message, error.location.cell, error.hint.text) == (
        "the cell holds a formula;", "Measures!C5", "type the text instead.")
    assert str(error) == "annex.xlsx (Measures!C5): the cell holds a formula; type the text instead."
    assert str(BriefingError("no such folder", Location(Path("x"), 3, 7), "Choose another.")) == \
        "x:3:7: no such folder. Choose another."
    assert str(BriefingError("plain message")) == "plain message"
    assert str(Location(line=4)) == "line 4" and str(Location(cell="Measures!C5")) == "Measures!C5"


def test_each_surface_words_the_hint_its_own_way() -> None:
    from briefing_builder.ui.error_wording import APP_WORDING, app_message

    error = BriefingError("this workbook was made for the pack 'a', not 'b'.", Location(Path("r.xlsx")),
                          Hint("Use it with the pack 'a'.", Do.USE_PACK_MADE_FOR, (("made_for", "a"), ("pack", "b"))))
    assert cli_message(error).endswith("Give --pack a (or leave --pack out for an import); to use it with 'b' "
                                       "anyway, add --force-pack.")
    assert app_message(error) == ("r.xlsx: this workbook was made for the pack 'a', not 'b'. Open the pack 'a' and "
                                  "try again.")
    assert set(CLI_WORDING) == set(APP_WORDING) == set(Do)  # every step has words on both surfaces
    assert not any("--" in words for words in APP_WORDING.values())


def _raised_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """The string parts of every ``raise X(...)`` in ``tree``, with their line."""
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            texts += [(part.lineno, part.value) for part in ast.walk(node.exc)
                      if isinstance(part, ast.Constant) and isinstance(part.value, str)]
    return texts


def test_domain_messages_do_not_speak_of_the_command_lines_pack_and_store_options() -> None:
    """Outside the command line, no raised message writes ``--pack``, ``--store`` or ``--force-pack``:
    that advice is a hint each surface words (the app used to patch such messages by string replacement)."""
    offenders = []
    for path in sorted((REPO / "briefing_builder").rglob("*.py")):
        if path.name.startswith("cli") or (path.parent.name == "briefing_builder" and path.name == "__main__.py"):
            continue
        for line, text in _raised_texts(ast.parse(path.read_text(encoding="utf-8"))):
            if any(option in text for option in ("--pack", "--store", "--force-pack")):
                offenders.append(f"{path.relative_to(REPO)}:{line}: {text}")
    assert offenders == []


# ---------------------------------------------------------------------------- the command line, as a user runs it


def _cli(*args: str, cwd: Path, pythonpath: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(cwd)}
    return subprocess.run([sys.executable, "-m", "briefing_builder", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300)


def _refused(result: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    """The one-line message of a refused command, checked for its status, its words and no traceback."""
    assert result.returncode == status, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("briefing-builder: ")
    for word in words:
        assert word in message, message
    return message


@pytest.fixture(scope="module")
def returned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A delegation's return of the reference pack's annex with a proposal and a comment typed in."""
    work = tmp_path_factory.mktemp("returned")
    built = _cli("build", PACK, "--out", str(work), "--no-history", cwd=work)
    assert built.returncode == 0, built.stderr
    annex = work / f"{PACK}-annex.xlsx"
    measure = where(annex, "Measures", "new-eibm-strategy", "Measure")
    comment = where(annex, "Measures", "new-eibm-strategy", "Delegation comments")
    type_into(annex, "Measures", {measure: "New EIBM Strategy in 2028!", comment: "NL: fine"})
    return annex


def test_a_missing_store_is_a_located_message_with_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "no-store"
    message = _refused(_cli("validate", "--store", str(missing), cwd=tmp_path), 2, str(missing), "no such folder",
                       "Point --store at a folder that holds a store.yaml.")
    assert message == f"briefing-builder: {missing}: no such folder. Point --store at a folder that holds a store.yaml."


def test_build_with_a_template_that_is_no_template(tmp_path: Path) -> None:
    bad = tmp_path / "house.pptx"
    bad.write_text("not a presentation", encoding="utf-8")
    _refused(_cli("build", PACK, "--template", str(bad), "--out", str(tmp_path / "out"), "--no-history",
                  cwd=tmp_path), 1, "house.pptx", "not a PowerPoint file")
    assert not (tmp_path / "out" / f"{PACK}.pptx").exists()


def test_template_inspect_of_a_file_that_is_no_template(tmp_path: Path) -> None:
    bad = tmp_path / "house.potx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    _refused(_cli("template", "inspect", str(bad), cwd=tmp_path), 1, "house.potx")


def test_annex_import_of_a_workbook_that_lost_its_pack_says_to_give_the_pack(returned: Path, tmp_path: Path) -> None:
    lost = without_part(returned, "docProps/custom.xml", tmp_path / "lost-pack.xlsx")
    message = _refused(_cli("annex", "import", str(lost), cwd=tmp_path), 1, str(lost),
                       "does not say which pack it was made for", "give the pack with --pack.")
    assert message.count(str(lost)) == 1


def test_annex_import_of_a_file_that_is_no_workbook(tmp_path: Path) -> None:
    bad = tmp_path / "return.xlsx"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    _refused(_cli("annex", "import", str(bad), cwd=tmp_path), 1, "return.xlsx", "not an Excel .xlsx file")


def test_annex_update_for_another_pack_names_the_options(returned: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.xlsx"
    shutil.copyfile(returned, copy)
    _refused(_cli("annex", "update", str(copy), "--pack", "strategy-partners-briefing", cwd=tmp_path), 1,
             f"was made for the pack '{PACK}', not 'strategy-partners-briefing'", f"Give --pack {PACK}",
             "add --force-pack")


def test_deck_import_of_a_file_that_is_no_deck(tmp_path: Path) -> None:
    bad = tmp_path / "deck.pptx"
    bad.write_text("slides", encoding="utf-8")
    _refused(_cli("deck", "import", str(bad), cwd=tmp_path), 1, "deck.pptx", "not a PowerPoint deck")


def test_changes_on_a_store_without_history_is_a_message(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    _refused(_cli("changes", PACK, "--store", str(store), cwd=tmp_path), 1, str(store))


def _damaged_history(store: Path, tmp_path: Path) -> None:
    assert _cli("save", "--store", str(store), cwd=tmp_path).returncode == 0
    (store / ".git" / "packed-refs").write_text("deadbeef\n", encoding="utf-8")


def test_annex_import_reads_a_return_in_a_store_whose_history_is_damaged(returned: Path, tmp_path: Path) -> None:
    """The history is only a fallback for a baseline the workbook lost: a damaged one must not stop the import
    (it ended in a traceback from the git library)."""
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    _damaged_history(store, tmp_path)
    import openpyxl

    book = openpyxl.load_workbook(returned)
    del book["Annex baseline"]  # a re-save that dropped the hidden sheet
    resaved = tmp_path / "resaved.xlsx"
    book.save(resaved)
    result = _cli("annex", "import", str(resaved), "--store", str(store), cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 0, result.stderr
    assert "Delegation comments and positions kept in" in result.stdout


def test_an_unforeseen_failure_is_one_sentence_and_a_log_not_a_traceback(tmp_path: Path) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_store_dir(), store)
    _damaged_history(store, tmp_path)
    message = _refused(_cli("history", "--store", str(store), cwd=tmp_path), 1, "an unexpected problem",
                       "fault in Briefing Builder", "briefing-builder-crash.log")
    assert "PackedRefsException" not in message
    assert "Traceback" in (tmp_path / "briefing-builder-crash.log").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- the bundled store is read-only


@pytest.fixture
def installation(tmp_path: Path) -> Path:
    """A copy of the installed program with its bundled store, so a failing write damages only the copy."""
    root = tmp_path / "installation"
    shutil.copytree(REPO / "briefing_builder", root / "briefing_builder",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for resource in ("sample_data", "assets"):
        shutil.copytree(REPO / resource, root / resource)
    shutil.copytree(templates_dir(), root / "templates")
    return root


def test_annex_import_apply_without_store_refuses_to_write_into_the_bundled_store(
        returned: Path, installation: Path, tmp_path: Path) -> None:
    bundled = installation / "sample_data"
    before = files_of(bundled)
    message = _refused(_cli("annex", "import", str(returned), "--apply", cwd=tmp_path, pythonpath=installation), 1,
                       "bundled sample store", "read-only", f"Copy the folder {bundled}", "--store")
    assert "nothing was written" in message
    assert files_of(bundled) == before


def test_deck_import_apply_without_store_refuses_to_write_into_the_bundled_store(
        installation: Path, tmp_path: Path) -> None:
    bundled = installation / "sample_data"
    built = _cli("build", PACK, "--out", str(tmp_path), "--no-history", "--no-annex", cwd=tmp_path,
                 pythonpath=installation)
    assert built.returncode == 0, built.stderr
    before = files_of(bundled)
    _refused(_cli("deck", "import", str(tmp_path / f"{PACK}.pptx"), "--apply", cwd=tmp_path,
                  pythonpath=installation), 1, "read-only", f"Copy the folder {bundled}")
    assert files_of(bundled) == before


def test_the_copy_the_message_asks_for_takes_the_edit(returned: Path, installation: Path, tmp_path: Path) -> None:
    copy = tmp_path / "jha-store"
    shutil.copytree(installation / "sample_data", copy)
    result = _cli("annex", "import", str(returned), "--apply", "--store", str(copy), cwd=tmp_path,
                  pythonpath=installation)
    assert result.returncode == 0, result.stderr
    assert "New EIBM Strategy in 2028!" in (copy / "areas" / "02-strong-borders.yaml").read_text(encoding="utf-8")
