"""Reading PDFs back the way other tools see them: poppler's pdfinfo, pdffonts and pdftotext, and pypdf."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

needs_poppler = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils is not installed")


def run(*command: str) -> str:
    """The standard output of a poppler tool."""
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def info(path: Path) -> dict[str, str]:
    """``pdfinfo``'s fields."""
    fields = (line.partition(":") for line in run("pdfinfo", str(path)).splitlines())
    return {k.strip(): v.strip() for k, _, v in fields}


def page_texts(path: Path) -> list[str]:
    """The text of every page, as ``pdftotext`` reads it."""
    return run("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")[:-1]


def page_lines(path: Path) -> list[list[str]]:
    """The text lines of every page as ``pdftotext -bbox-layout`` groups words into lines."""
    tree = etree.fromstring(run("pdftotext", "-bbox-layout", str(path), "-").encode("utf-8"),
                            etree.XMLParser(recover=True))
    return [[" ".join(w.text or "" for w in line.iter("{*}word")) for line in page.iter("{*}line")]
            for page in tree.iter("{*}page")]


def normalised(text: str) -> str:
    """``text`` with runs of white space as one space."""
    return " ".join(text.split())
