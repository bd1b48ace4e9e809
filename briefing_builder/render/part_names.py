"""Allocate new part names in constant time.

python-pptx's ``Package.next_partname`` walks every relationship of the whole package for
each new part (chart, embedded workbook, notes slide), so a deck's build time grows with
the square of its size — about two thirds of a 1,000-slide build. The allocator scans the
package once, then hands out free names from a per-template counter. It is installed on
one package instance only; python-pptx itself is not patched.
"""

from __future__ import annotations

from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI


class PartNameAllocator:
    """Hands out unused part names for printf-style templates like ``/ppt/charts/chart%d.xml``."""

    def __init__(self, package: OpcPackage) -> None:
        self._used = {str(part.partname) for part in package.iter_parts()}
        self._next: dict[str, int] = {}

    def next_partname(self, tmpl: str) -> PackURI:
        """The lowest free name for the template ``tmpl`` not handed out before."""
        number = self._next.get(tmpl, 1)
        while tmpl % number in self._used:
            number += 1
        name = tmpl % number
        self._used.add(name)
        self._next[tmpl] = number + 1
        return PackURI(name)


def install_allocator(package: OpcPackage) -> PartNameAllocator:
    """Make ``package`` use a :class:`PartNameAllocator` for every new part name."""
    allocator = PartNameAllocator(package)
    package.next_partname = allocator.next_partname  # type: ignore[method-assign]  # replaced on purpose (see module doc)
    return allocator
