"""Each placeholder of a layout or master given an idx of its own.

A slide's placeholder takes its place and style from the layout's placeholder of the same
``idx``. When a template's layout has two with one idx (a body copied and given the slide
number's idx 12), renderers pick either: LibreOffice draws the slide number with the body's
bullet ("• 3"). All but the first of such placeholders get a fresh idx here, before any slide
is made, so every slide box names one layout box. Placeholders without idx (0, as LibreOffice
saves them, told apart by type) are left as they are.
"""

from __future__ import annotations

from pptx.opc.package import OpcPackage
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from briefing_builder.ooxml.namespaces import NS
from briefing_builder.ooxml.pptx_internals import element_of


def unique_placeholder_ids(package: OpcPackage) -> None:
    """Give every placeholder sharing a nonzero idx with an earlier one of its layout or master a fresh idx."""
    for part in package.iter_parts():
        if isinstance(part, SlideLayoutPart | SlideMasterPart):
            placeholders = list(element_of(part).iter(f"{{{NS['p']}}}ph"))
            numbers = [int(ph.get("idx", "0")) for ph in placeholders if ph.get("idx", "0").isdigit()]
            fresh = max(numbers, default=0) + 1
            seen: set[str] = set()
            for ph in placeholders:
                idx = ph.get("idx", "0")
                if idx in ("0", ""):
                    continue
                if idx in seen:
                    ph.set("idx", str(fresh))
                    fresh += 1
                else:
                    seen.add(idx)
