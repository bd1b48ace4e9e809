"""Text in several languages: a store's text field may be a plain string or a mapping of
language codes (``title: {en: "Returns and readmission", fr: "Retour et réadmission"}``).

A mapping is read as a :class:`LocalText`: a ``str`` holding the English text (the text every
pack falls back to; the first one written when there is no English) that also knows the other
languages. Code that only needs one language treats it as the string it is; the build picks the
pack's language with :func:`text_in`. Written back (``model_dump``) it is the mapping again, so
an edit never loses a translation.
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import SequenceMatcher
from typing import Any, get_args

from pydantic import (
    BaseModel,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapSerializer,
    WrapValidator,
)

#: The language codes a text may be written in: the European Union's official languages.
LANGUAGES: dict[str, str] = {
    "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek", "en": "English",
    "es": "Spanish", "et": "Estonian", "fi": "Finnish", "fr": "French", "ga": "Irish", "hr": "Croatian",
    "hu": "Hungarian", "it": "Italian", "lt": "Lithuanian", "lv": "Latvian", "mt": "Maltese", "nl": "Dutch",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish",
}
#: The language every pack falls back to.
BASE_LANGUAGE = "en"


class LocalText(str):
    """A text with its translations: the ``str`` value is the base text (English when given)."""

    translations: dict[str, str]
    #: How many have been made in this process: a load that made none read no translation.
    made: int = 0

    def __new__(cls, texts: Mapping[str, str]) -> LocalText:
        base = texts.get(BASE_LANGUAGE) or next(iter(texts.values()))
        made = super().__new__(cls, base)
        made.translations = dict(texts)
        LocalText.made += 1
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (LocalText, (self.translations,))

    def as_mapping(self) -> dict[str, str]:
        """The texts by language code, as written in the store."""
        return dict(self.translations)


def language_code(language: str | None) -> str:
    """The two-letter code of a language or tag: ``fr-BE`` → ``fr``; ``None`` → ``en``."""
    return (language or BASE_LANGUAGE).split("-")[0].split("_")[0].strip().lower()


def text_in(value: str, language: str) -> tuple[str, bool]:
    """``value`` in ``language`` and whether it is really in that language.

    A plain string is taken as written (it is in the store's language: the caller decides);
    a :class:`LocalText` without ``language`` gives its base text and ``False``.
    """
    if not isinstance(value, LocalText):
        return str(value), True
    code = language_code(language)
    if code in value.translations:
        return value.translations[code], True
    return str.__str__(value), False


def language_code_problem(code: object) -> str | None:
    """What is wrong with a language code or tag as written (empty, in capitals), else ``None``.

    The one rule for a store's texts (``{en: …, fr: …}``), a pack's and a store's ``language``:
    codes are written in lower case (a tag's region as the writer likes: ``fr-BE``) and never empty.
    Whether the code is one the store knows is for the caller to say.
    """
    if code is None or (isinstance(code, str) and not code.strip()):
        return "a language code is empty: write a two-letter code such as en or fr"
    if not isinstance(code, str):
        return None
    language, _, region = code.strip().replace("_", "-").partition("-")
    if language != language.lower() and language.lower() in LANGUAGES:
        written = language.lower() + (f"-{region.upper()}" if region else "")
        return f"'{code}' is written in capitals: write the language code in lower case, '{written}'"
    return None


def _language_message(code: object) -> str:
    near = "; ".join(sorted(LANGUAGES))
    return (f"'{code}' is not a language code the store knows; write the text's language as one of the "
            f"two-letter codes {near} (e.g. fr: \"Retour et réadmission\")")


def _localised(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """Validate a plain text with ``handler``, or each language's text of a mapping."""
    if not isinstance(value, dict):
        return handler(value)
    if not value:
        raise ValueError("this text is an empty mapping of languages; write the text, e.g. "
                         "{en: \"Returns and readmission\", fr: \"Retour et réadmission\"}")
    texts: dict[str, str] = {}
    for code, text in value.items():
        problem = language_code_problem(code)
        if problem:
            raise ValueError(problem)
        if not isinstance(code, str) or code not in LANGUAGES:
            raise ValueError(_language_message(code))
        try:
            texts[code] = handler(text)
        except ValidationError as exc:
            reason = str(exc.errors()[0].get("msg", "not a valid text")).removeprefix("Value error, ")
            raise ValueError(f"its {LANGUAGES[code]} ('{code}') text: {reason}") from None
    return LocalText(texts)


def is_localised(model: type[BaseModel], name: str) -> bool:
    """True when the field ``name`` of ``model`` is one text that may be written in several languages."""
    field = model.model_fields.get(name)
    if field is None:
        return False
    metadata = [*field.metadata, *(m for arg in get_args(field.annotation) for m in getattr(arg, "__metadata__", ()))]
    return any(isinstance(m, WrapValidator) and m.func is _localised for m in metadata)


def _as_written(value: Any, handler: SerializerFunctionWrapHandler) -> Any:
    return value.as_mapping() if isinstance(value, LocalText) else handler(value)


#: Add to a text type's ``Annotated[...]`` (last) to accept a mapping of languages too.
LOCALISED = (WrapValidator(_localised), WrapSerializer(_as_written))


def keep_translations(old: Any, new: Any) -> Any:
    """``new`` (a form's value: texts in the base language) with ``old``'s translations kept.

    A text that had translations becomes the mapping again with its base text replaced, so
    editing the English never drops the French; lists go item by item, records field by field.
    """
    if isinstance(old, LocalText) and isinstance(new, str) and not isinstance(new, LocalText):
        base = BASE_LANGUAGE if BASE_LANGUAGE in old.translations else next(iter(old.translations))
        return {**old.translations, base: new}
    if isinstance(new, list) and isinstance(old, list):
        return [keep_translations(before, item) for before, item in zip(paired_items(old, new), new)]
    if isinstance(new, dict) and isinstance(old, BaseModel):
        return {key: keep_translations(getattr(old, key, None), value) for key, value in new.items()}
    text = getattr(old, "text", None) if isinstance(old, BaseModel) else None
    if isinstance(new, str) and isinstance(text, str):
        return keep_translations(text, new)  # a bare sub-point: its text
    return new


def _item_text(item: Any) -> str:
    """The base text a list item is recognised by: itself, or its ``text`` (a sub-point)."""
    text = item.get("text") if isinstance(item, dict) else getattr(item, "text", item)
    return str.__str__(text) if isinstance(text, str) else repr(text)


def paired_items(old: list[Any], new: list[Any]) -> list[Any | None]:
    """For each item of ``new`` (a list as edited), the item of ``old`` it continues, ``None`` for a new one.

    Items are matched by their base text, not by position, so a sub-point inserted above
    another does not take that one's translations: an unchanged text is the same item; in a run
    of edited items, each pairs with the old one at the same place when the run kept its length,
    else with the most similar old one (at least half alike), in order.
    """
    keys_old = [_item_text(item) for item in old]
    keys_new = [_item_text(item) for item in new]
    pairs: list[Any | None] = [None] * len(new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                pairs[j1 + k] = old[i1 + k]
        elif tag == "replace":
            start = i1
            for j in range(j1, j2):
                ratios = [(SequenceMatcher(None, keys_old[i], keys_new[j]).ratio(), i) for i in range(start, i2)]
                best = max(ratios, default=(0.0, -1))
                if best[0] >= 0.5:
                    pairs[j] = old[best[1]]
                    start = best[1] + 1
    return pairs


def base_key(texts: Mapping[Any, Any]) -> Any | None:
    """The key of the base text of a YAML mapping of languages (``None``: not such a mapping)."""
    if not texts or not all(isinstance(k, str) and k in LANGUAGES for k in texts):
        return None
    return BASE_LANGUAGE if BASE_LANGUAGE in texts else next(iter(texts))
