"""The README's architecture section names every package and module, and only real ones."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "briefing_builder"


def architecture_section() -> str:
    """The text of the README's "## Architecture" section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Architecture")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def modules() -> list[Path]:
    """Every module of the package with code of its own (not `__init__`/`__main__`)."""
    return sorted(path for path in PACKAGE.rglob("*.py")
                  if path.name not in {"__init__.py", "__main__.py"} and "_bundled" not in path.parts)


def test_every_package_is_named() -> None:
    section = architecture_section()
    packages = sorted({path.parent.relative_to(PACKAGE).as_posix() for path in modules()} - {"."})
    missing = [name for name in packages if f"{name.split('/')[-1]}/" not in section]
    assert not missing, f"packages the README's architecture section does not name: {missing}"


def test_every_module_is_named() -> None:
    section = architecture_section()
    missing = [path.relative_to(PACKAGE).as_posix() for path in modules() if path.name not in section]
    assert not missing, f"modules the README's architecture section does not name: {missing}"


def test_every_named_module_exists() -> None:
    named = set(re.findall(r"\b([a-z_][a-z0-9_]*\.py)\b", architecture_section()))
    existing = {path.name for path in modules()}
    assert not named - existing, f"the README names modules that do not exist: {sorted(named - existing)}"
