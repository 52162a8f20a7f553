"""Which language a command speaks: the pack's languages, and (``run``) any language the
tool's message catalogues have, the pack's texts then in its default language."""

from __future__ import annotations

from ..i18n import available_languages, has_catalogue, translator
from ..models import Questionnaire


def pack_language(q: Questionnaire, lang: str) -> str | None:
    """The pack's language for ``lang`` (the same tag, else the same base language)."""
    if lang in q.languages:
        return lang
    base = lang.split("-")[0].split("_")[0]
    return next((have for have in q.languages if have.split("-")[0] == base), None)


def fallback_note(q: Questionnaire, lang: str) -> str | None:
    """In ``lang``, that the pack has no texts in it and shows them in its default language
    (a language only the tool's catalogues have); None when the pack has ``lang``."""
    if pack_language(q, lang) is not None:
        return None
    _ = translator(lang)
    return _(
        "This questionnaire has no texts in this language: its questions and answers are "
        "shown in {language}.",
        language=q.default_language,
    )


def require_language(q: Questionnaire, lang: str | None, any_catalogue: bool = False) -> None:
    """A --lang the pack does not have is a usage error, not a silent switch to another.
    ``any_catalogue`` (run): a language of the tool's catalogues will do too (the pack's
    texts then come in its default language)."""
    if lang is None or pack_language(q, lang) is not None:
        return
    if any_catalogue and has_catalogue(lang):
        return
    from ..errors import UsageError

    message = f"--lang {lang}: the pack '{q.id}' is in {', '.join(q.languages)} only"
    if any_catalogue:
        message += f", the tool's own words in {', '.join(available_languages())}"
    raise UsageError(message)


def pick_language(q: Questionnaire, *wanted: str | None, any_catalogue: bool = False) -> str:
    """The first wanted language the pack has (``any_catalogue``: or the tool's catalogues
    have), else the pack's default."""
    for lang in wanted:
        if not lang:
            continue
        found = pack_language(q, lang)
        if found is not None:
            return found
        if any_catalogue and has_catalogue(lang):
            return lang
    return q.default_language


def is_cjk(lang: str) -> bool:
    """Whether ``lang`` is written in Chinese, Japanese or Korean characters."""
    return lang.replace("_", "-").split("-")[0].lower() in ("zh", "ja", "ko")


def html_lang(lang: str) -> str:
    """The BCP 47 tag a report's ``<html lang>`` (and so its PDF's /Lang) carries for
    ``lang``: Chinese is ``zh-CN`` whatever tag asked for it (the catalogue is Simplified
    Chinese as written in the mainland: fonts pick their SC forms by it), others as given
    with ``-`` (``de``, ``pt-BR``)."""
    tag = lang.replace("_", "-")
    return "zh-CN" if tag.split("-")[0].lower() == "zh" else tag
