"""Where the bundled resources live, in a source checkout and in an installed wheel.

The wheel carries ``sample_data/``, ``templates/`` and ``assets/`` under
``briefing_builder/_bundled/``; a checkout has them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

#: The pack of the bundled store the app opens first and ``run`` builds where there is no display.
REFERENCE_PACK = "jha-counsellors-2026-01-12"

_PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE_DIR / "_bundled"
_CHECKOUT = _PACKAGE_DIR.parent


def _resource(name: str) -> Path:
    bundled = _BUNDLED / name
    if bundled.exists():
        return bundled
    return _CHECKOUT / name


def sample_store_dir() -> Path:
    """The bundled strategy store (the default store)."""
    return _resource("sample_data")


def is_sample_store(path: Path) -> bool:
    """True for the sample store shipped with the app and for every file and folder inside it.

    The one answer to "is this the bundled store?": the bundled store is part of the
    installation and read-only (``Catalog.read_only``; the store writer refuses to write there).
    Links are followed, so a link from elsewhere into the bundled store counts as inside it."""
    try:
        target, bundled = Path(path).resolve(), sample_store_dir().resolve()
    except (OSError, RuntimeError):  # a loop of links
        return False
    return target == bundled or bundled in target.parents


def labels_dir() -> Path:
    """The label catalogues, one YAML file per language (``en.yaml``, ``fr.yaml``…)."""
    return _resource("assets") / "labels"


def templates_dir() -> Path:
    """The folder of bundled brand templates."""
    return _resource("templates")


def fonts_dir() -> Path:
    """The folder of open-licence fonts used to measure and preview text."""
    return _resource("assets") / "fonts"
