"""The few words the app writes itself, in the pack's language, and dates.

The words come from the label catalogues, one YAML file per language in ``assets/labels/``
(``en.yaml`` is complete; a key another language lacks is taken from it), so no label is
written in code. Dates use Babel's CLDR data, so "12 January 2026" comes out right in every
EU language.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache


@cache
def _catalogue(lang: str) -> dict[str, str]:
    """The labels of ``lang`` (``assets/labels/<lang>.yaml``), empty when there is no file for it."""
    import yaml

    from briefing_builder.paths import labels_dir

    path = labels_dir() / f"{lang}.yaml"
    if not lang.isalpha() or not path.is_file():
        return {}
    return {str(k): str(v) for k, v in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items()}


def catalogue(lang: str) -> dict[str, str]:
    """Every label of the language ``lang`` (``en``, ``fr``…) as its file has them (empty: no file)."""
    return dict(_catalogue(_lang(lang)))


@cache
def catalogue_languages() -> tuple[str, ...]:
    """The languages that have a label catalogue."""
    from briefing_builder.paths import labels_dir

    return tuple(sorted(p.stem for p in labels_dir().glob("*.yaml") if p.stem.isalpha()))


def missing_labels(language: str) -> tuple[str, ...]:
    """The keys of the English catalogue's words that ``language``'s catalogue lacks (all of them: no
    catalogue), in the English file's order; the language tag ``locale`` is not a word and not counted."""
    own = _catalogue(_lang(language))
    return tuple(key for key in _catalogue("en") if key != "locale" and key not in own)


def optional_label(key: str, language: str) -> str | None:
    """The label ``key`` in ``language``, else in English, else ``None`` (a key no catalogue has)."""
    return _catalogue(_lang(language)).get(key) or _catalogue("en").get(key)


@cache
def label_openings(*keys: str) -> tuple[str, ...]:
    """How the labels ``keys`` begin (their text before the first ``{``) in every catalogue's language:
    a note written by any language's annex is recognised by them."""
    openings = {text.split("{")[0] for language in catalogue_languages() for key in keys
                if (text := _catalogue(language).get(key)) and text.split("{")[0].strip()}
    return tuple(sorted(openings))


def _lang(language: str) -> str:
    return (language or "en").split("-")[0].split("_")[0].lower()


def label(key: str, language: str) -> str:
    """The label ``key`` (e.g. ``main_goals``) in ``language``, English when not translated."""
    return _catalogue(_lang(language)).get(key) or _catalogue("en")[key]


def slide_reference(language: str) -> str:
    """Default wording of a cross-reference, with ``{n}`` for the slide number."""
    return label("slide_reference", language)


def reference_wording(written: str, language: str) -> str:
    """A cross-reference's words in ``language``, ``{n}`` for the slide number: the default wording as any
    catalogue writes it ("slide {n}", "diapositive {n}", "Folie {n}", in any case; or nothing) becomes
    ``language``'s, with the capitals the writer added ("Slide {n}" → "Diapositive {n}"); words of one's
    own are kept as written."""
    own = _reference_wordings().get(written.casefold()) if written else ""
    if own is None:
        return written
    wording = slide_reference(language)
    if written.replace("{n}", "").isupper():
        return wording.upper().replace("{N}", "{n}")
    if written[:1].isupper() and not own[:1].isupper():
        return wording[:1].upper() + wording[1:]
    return wording


@cache
def _reference_wordings() -> dict[str, str]:
    """Every catalogue's default cross-reference wording, case-folded → as written."""
    return {text.casefold(): text for language in catalogue_languages()
            if (text := _catalogue(language).get("slide_reference"))}


def continued(language: str, index: int = 1) -> str:
    """The suffix marking a continuation slide's title (``index`` > 1: numbered, "(cont. 2)")."""
    return label("continued", language) if index <= 1 else label("continued_n", language).format(n=index)


def locale_tag(language: str) -> str:
    """The language tag text runs carry: ``fr`` → ``fr-BE``, ``en`` → ``en-GB``; a full tag is kept."""
    if "-" in (language or "") or "_" in (language or ""):
        return language.replace("_", "-")
    return label("locale", language)


@lru_cache(maxsize=256)
def long_date(day: dt.date, language: str) -> str:
    """``12 January 2026`` in ``language`` (CLDR long date without weekday)."""
    from babel.core import UnknownLocaleError
    from babel.dates import format_date

    lang = _lang(language)
    locale = "en_IE" if lang == "en" else lang  # EU English: day month year
    try:
        return format_date(day, format="long", locale=locale)
    except (UnknownLocaleError, ValueError):
        return format_date(day, format="long", locale="en_IE")
