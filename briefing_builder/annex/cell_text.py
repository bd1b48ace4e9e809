"""Store text as the annex's cells show it: cross-references named, links with their address.

**Cross-references.** The annex has no slide numbers, so ``[slide {n}](#record)`` cannot
keep its wording. A cross-reference whose text contains ``{n}`` (or is empty) is replaced
by the *name* of its target — "4. Return and readmission" for an area of the pack (agenda
number and title), a country's name, a milestone's or consultation's title — so
"Return and readmission (see [slide {n}](#return-readmission))" reads
"Return and readmission (see 4. Return and readmission)". A cross-reference with its own
text ("see [the readmission slide](#…)") keeps that text. A target the store does not know
is named by its id. Hyperlinks keep their text, followed by the address in brackets.

Store text is untrusted: control characters are removed here (line breaks only where the
planner puts them); the writer stores every string as text, never as a formula.
"""

from __future__ import annotations

import re
from dataclasses import replace

from briefing_builder.annex.plan import RichText
from briefing_builder.markup import Run, clean_text, parse_markup
from briefing_builder.store.catalog import Catalog
from briefing_builder.store.schema import AreaSection, Pack, SubPoint

_N = re.compile(r"\{n\}")
_SPACES = re.compile(r"[ ]{2,}")


class CellText:
    """What text conversion needs: names of cross-reference targets, agenda numbers."""

    def __init__(self, pack: Pack, catalog: Catalog) -> None:
        self.pack = pack
        self.catalog = catalog
        self.numbers: dict[str, int] = {}
        for section in pack.sections:
            if isinstance(section, AreaSection) and section.area not in self.numbers:
                self.numbers[section.area] = len(self.numbers) + 1
        self.names: dict[str, str] = {}
        for area in catalog.areas.values():
            self.names[area.id] = self.area_label(area.id)
        for card in catalog.countries.values():
            self.names[card.id] = card.name
        for consultation in catalog.consultations.values():
            self.names[consultation.id] = consultation.title
        for milestone in catalog.milestones.values():
            self.names[milestone.id] = milestone.title
        for section in pack.sections:
            if section.id is None:
                continue
            target = getattr(section, "area", None) or getattr(section, "country", None) \
                or getattr(section, "consultation", None)
            title = getattr(section, "title", None)
            self.names[section.id] = self.names.get(target or "", None) or clean_text(title or section.id)

    def area_label(self, area_id: str) -> str:
        """Agenda number and title ("4. Return and readmission"); the title alone if not in the pack."""
        area = self.catalog.areas.get(area_id)
        title = clean_text(area.title) if area else area_id
        number = self.numbers.get(area_id)
        return f"{number}. {title}" if number else title

    def rich(self, text: str | None) -> RichText:
        """Markup → runs, with cross-references and hyperlinks made readable (see module doc)."""
        if not text:
            return ()
        out: list[Run] = []
        for run in parse_markup(text):
            if run.ref is not None:
                label = run.text
                if not label or "{n}" in label:
                    label = self.names.get(run.ref, run.ref)
                out.append(replace(run, text=_SPACES.sub(" ", _N.sub("", label)), ref=None))
            elif run.link:
                out.append(run)
                if run.text.strip() != run.link:
                    out.append(Run(f" ({run.link})", run.bold, run.italic, run.strike))
            else:
                out.append(run)
        return tuple(r for r in out if r.text)

    def sub_point_lines(self, points: list[SubPoint], level: int = 1) -> list[RichText]:
        """A measure's sub-points, one line each ("– …"), deeper levels indented."""
        lines: list[RichText] = []
        for point in points:
            indent = "    " * (level - 1)
            lines.append((Run(f"{indent}– "),) + self.rich(point.text))
            lines.extend(self.sub_point_lines(point.sub_points, level + 1))
        return lines


def joined_lines(parts: list[RichText]) -> RichText:
    """Rich texts joined with line breaks (one per line in the cell); empty ones left out."""
    out: list[Run] = []
    for index, part in enumerate(p for p in parts if p):
        if index:
            out.append(Run("\n"))
        out.extend(part)
    return tuple(out)


def plain_lines(values: list[str]) -> str | None:
    """Plain texts one per line, each once, blank ones left out; ``None`` when none is left."""
    lines = [clean_text(v) for v in values if v and clean_text(v).strip()]
    return "\n".join(dict.fromkeys(lines)) or None
