"""The fixed words people read, from gettext message catalogues (English is the source).

Messages are written in English where they are used (Python and the report templates) and
marked for extraction: ``_("...")`` on a :class:`Translator`, ``N_("...")`` for a message
kept in a table and translated later, ``NP_("context", "...")`` where one English text needs
two translations, ``NN_("{n} file", "{n} files")`` for a table entry with plural forms
(translated with ``text(msg, n=...)``). A text built in one place and said in another (the
table reader's refusals: English in errors.csv, the operator's language on the terminal) is a
``Said``: a str holding the English, with its message and values to say it in any language.
Each language has one catalogue,
``sme_assess/locale/<lang>/LC_MESSAGES/sme_assess.po``, compiled to ``.mo`` by the build
(``hatch_build.py``) and installed in the wheel. More catalogue folders (a translator's work,
a test's third language) are named in ``SME_ASSESS_LOCALE_PATH`` (separated like PATH) and
searched first. A message a catalogue lacks is shown in English. Pack texts (questions,
options, solutions) stay in the pack.

``make messages`` extracts the messages into ``sme_assess/locale/sme_assess.pot`` and merges
them into every language's ``.po``; a test fails while a message is untranslated.
"""

from __future__ import annotations

import gettext as _gettext
import locale
import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import SmeAssessError

DOMAIN = "sme_assess"
LOCALE_ENV = "SME_ASSESS_LOCALE_PATH"
LANG_ENV = "SME_ASSESS_LANG"
SOURCE_LANGUAGE = "en"
PACKAGE_LOCALE = Path(__file__).parent / "locale"


# A message with a context: NP_("report heading", "Stage") (what a table keeps).
class Plural:
    """A table entry with a singular and a plural form, chosen by ``n`` when translated."""

    __slots__ = ("plural", "singular")

    def __init__(self, singular: str, plural: str) -> None:
        self.singular = singular
        self.plural = plural


Message = str | tuple[str, str] | Plural


def N_(message: str) -> str:
    """Mark ``message`` for extraction; translate it later with :meth:`Translator.text`."""
    return message


def NP_(context: str, message: str) -> tuple[str, str]:
    """Mark a message that needs a context (one English text, two meanings)."""
    return (context, message)


def NN_(singular: str, plural: str) -> Plural:
    """Mark a table entry with plural forms; ``text(msg, n=...)`` picks the form for ``n``."""
    return Plural(singular, plural)


def locale_dirs() -> list[Path]:
    """The catalogue folders, searched in order: ``SME_ASSESS_LOCALE_PATH``, then the tool's."""
    extra = [Path(p) for p in os.environ.get(LOCALE_ENV, "").split(os.pathsep) if p]
    return [*extra, PACKAGE_LOCALE]


def base_language(lang: str) -> str:
    """``zh`` for ``zh-CN``, ``zh_CN`` or ``ZH``."""
    return lang.replace("_", "-").split("-")[0].lower()


def _catalogue_languages(suffix: str) -> set[str]:
    found: set[str] = set()
    for folder in locale_dirs():
        if folder.is_dir():
            found.update(
                p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{DOMAIN}{suffix}")
            )
    return found


def available_languages() -> list[str]:
    """Languages the tool's own words can be shown in: English and every compiled catalogue."""
    return sorted({SOURCE_LANGUAGE} | _catalogue_languages(".mo"))


def has_catalogue(lang: str) -> bool:
    """Whether ``lang`` (or its base language) has words of its own (English always has)."""
    langs = set(available_languages())
    return lang in langs or base_language(lang) in langs


def is_source_language(lang: str) -> bool:
    """Whether ``lang`` is English, the language the messages are written in."""
    return base_language(lang) == SOURCE_LANGUAGE


class CatalogueMissing(SmeAssessError):
    """A shipped language's catalogue was never compiled (a broken or partial install)."""


class Translator:
    """The words of one language. ``_ = translator(lang)``, then ``_("Stage {n}", n=2)``."""

    def __init__(self, lang: str, catalogue: _gettext.NullTranslations) -> None:
        self.lang = lang
        self._catalogue = catalogue

    def gettext(self, message: str, **values: Any) -> str:
        """``message`` in this language, ``{placeholders}`` filled in when values are given."""
        text = self._catalogue.gettext(message)
        return text.format(**values) if values else text

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """The form for ``n`` (``{n}`` is filled in too)."""
        text = self._catalogue.ngettext(singular, plural, n)
        return text.format(n=n, **values)

    def pgettext(self, context: str, message: str, **values: Any) -> str:
        """``message`` as meant in ``context``."""
        text = self._catalogue.pgettext(context, message)
        return text.format(**values) if values else text

    def text(self, message: Message, **values: Any) -> str:
        """A message kept in a table (``N_``, ``NP_`` or ``NN_``), translated; an ``NN_``
        entry needs ``n``."""
        if isinstance(message, Plural):
            return self.ngettext(message.singular, message.plural, **values)
        if isinstance(message, tuple):
            return self.pgettext(message[0], message[1], **values)
        return self.gettext(message, **values)

    def jinja_callables(self) -> dict[str, Callable[..., str]]:
        """Untouched gettext functions for Jinja2's i18n extension (it fills %(name)s itself)."""
        c = self._catalogue
        return {
            "gettext": c.gettext,
            "ngettext": c.ngettext,
            "pgettext": c.pgettext,
            "npgettext": c.npgettext,
        }


class Said(str):
    """A message kept in a table (``N_``, ``NP_``, ``NN_``) said with its values: as a str it
    is the English (what errors.csv and summary.csv keep, exact for scripts); :meth:`in_`
    says it in a translator's language, its values that are themselves ``Said`` in turn. It
    keeps its message and values through pickling (a worker process sends it back), so a
    text is translated by its key, never by matching the English it was built into."""

    message: Message
    values: dict[str, Any]

    def __new__(cls, message: Message, **values: Any) -> Said:
        self = super().__new__(cls, _ENGLISH.text(message, **values))
        self.message = message
        self.values = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (_said_again, (self.message, self.values))

    def in_(self, _: Translator) -> str:
        """The message in ``_``'s language (the English when that is the source language)."""
        if is_source_language(_.lang):
            return str(self)
        values = {k: v.in_(_) if isinstance(v, Said) else v for k, v in self.values.items()}
        return _.text(self.message, **values)

    def messages(self) -> list[Message]:
        """This message and those of the values it holds (what a test checks is covered)."""
        inner = [m for v in self.values.values() if isinstance(v, Said) for m in v.messages()]
        return [self.message, *inner]


def _said_again(message: Message, values: dict[str, Any]) -> Said:
    return Said(message, **values)


_ENGLISH = Translator(SOURCE_LANGUAGE, _gettext.NullTranslations())


class _Entries:
    """A ``.mo`` file's messages as ``GNUTranslations`` keeps them in ``_catalog`` (a message,
    ``context\x04message``, or ``(singular, form)`` for plural forms, each to its text), each
    decoded when first asked for. Nothing else of the catalogue is decoded."""

    def __init__(self, buf: bytes, places: dict[bytes, tuple[int, int]]) -> None:
        self._buf = buf
        self._places = places
        self._plurals: dict[bytes, bytes] | None = None  # singular -> key, when first asked
        self._said: dict[Any, str] = {}
        self.charset = "ascii"

    def _plural(self, singular: bytes) -> bytes | None:
        if self._plurals is None:
            with_plural = (k for k in self._places if b"\x00" in k)
            self._plurals = {k.split(b"\x00")[0]: k for k in with_plural}
        return self._plurals.get(singular)

    def _text(self, key: bytes) -> bytes | None:
        place = self._places.get(key)
        return None if place is None else self._buf[place[1] : place[1] + place[0]]

    def _find(self, key: Any) -> str | None:
        try:
            if isinstance(key, tuple):
                singular, form = key
                whole = self._plural(singular.encode(self.charset))
                forms = (self._text(whole) or b"").split(b"\x00") if whole else []
                return str(forms[form], self.charset) if 0 <= form < len(forms) else None
            raw = key.encode(self.charset)
        except UnicodeEncodeError:  # not a message of this catalogue's charset
            return None
        found = None if b"\x00" in raw else self._text(raw)
        return None if found is None else str(found, self.charset)

    def get(self, key: Any, default: Any = None) -> Any:
        said = self._said.get(key)
        if said is None:
            said = self._find(key)
            if said is None:
                return default
            self._said[key] = said
        return said

    def __getitem__(self, key: Any) -> str:
        missing = object()
        found = self.get(key, missing)
        if found is missing:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]


class LazyTranslations(_gettext.GNUTranslations):
    """``GNUTranslations`` that decodes a message when it is first asked for, not every
    message of the file when it is opened: the Chinese catalogue's ~1,200 messages cost ~13
    million instructions (~5 ms) of each `score` in Chinese, which asks for ~200 of them. The
    same texts, plural forms and header (charset, Plural-Forms) as ``GNUTranslations``."""

    def _parse(self, fp: Any) -> None:
        import struct  # only with a catalogue: not on --help's way in English

        filename = getattr(fp, "name", "")
        buf = fp.read()
        magic = struct.unpack("<I", buf[:4])[0]
        if magic == self.LE_MAGIC:
            order = "<"
        elif magic == self.BE_MAGIC:
            order = ">"
        else:
            raise OSError(0, "Bad magic number", filename)
        version, count, originals, translations = struct.unpack(f"{order}4I", buf[4:20])
        if version >> 16 not in self.VERSIONS:  # the major version
            raise OSError(0, "Bad version number " + str(version >> 16), filename)
        pair = f"{order}II"  # each message's and each text's (length, offset)
        ids = list(struct.iter_unpack(pair, buf[originals : originals + 8 * count]))
        texts = list(struct.iter_unpack(pair, buf[translations : translations + 8 * count]))
        if max(map(sum, ids + texts), default=0) >= len(buf):
            raise OSError(0, "File is corrupt", filename)
        keys = [buf[at : at + size] for size, at in ids]
        entries = _Entries(buf, dict(zip(keys, texts, strict=True)))
        self._catalog = entries
        self.plural = lambda n: int(n != 1)  # germanic plural by default, as gettext's
        header = entries._text(b"")
        if header is not None:
            self._read_header(header)
            entries.charset = self._charset or "ascii"

    def _read_header(self, header: bytes) -> None:
        """The catalogue's description (msgid ""), read as ``GNUTranslations`` reads it."""
        info: dict[str, str] = self._info  # type: ignore[attr-defined]  # gettext's own
        last = None
        for line in header.split(b"\n"):
            item = line.decode().strip()
            if not item or (item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#")):
                continue
            k = v = None
            if ":" in item:
                k, v = item.split(":", 1)
                k = k.strip().lower()
                v = v.strip()
                info[k] = v
                last = k
            elif last:
                info[last] += "\n" + item
            if k == "content-type" and v is not None:
                self._charset = v.split("charset=")[1]
            elif k == "plural-forms" and v is not None:
                self.plural = _gettext.c2py(v.split(";")[1].split("plural=")[1])


@lru_cache(maxsize=32)
def _translator(lang: str, dirs: tuple[Path, ...]) -> Translator:
    base = base_language(lang)
    if base == SOURCE_LANGUAGE:
        return Translator(lang, _gettext.NullTranslations())
    wanted = [lang.replace("-", "_"), base]
    for folder in dirs:
        found = _gettext.find(DOMAIN, str(folder), wanted)
        if found:
            with open(found, "rb") as f:
                return Translator(lang, LazyTranslations(f))
    if base in _catalogue_languages(".po"):
        raise CatalogueMissing(
            f"the '{base}' message catalogue is not compiled: reinstall the tool "
            "(make install, or pip install .) so the build compiles it"
        )
    return Translator(lang, _gettext.NullTranslations())


def translator(lang: str) -> Translator:
    """The words of ``lang`` (a tag such as zh, zh-CN, en); English where none are found."""
    return _translator(lang, tuple(locale_dirs()))


def system_language() -> str | None:
    """The language the user's environment asks for (LC_ALL, LC_MESSAGES, LANG, LANGUAGE)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(":")[0].split(".")[0].replace("_", "-")
    loc = locale.getlocale()[0]
    return loc.replace("_", "-") if loc else None


def interface_language() -> str:
    """The language of the tool's own words when no answers or option say (``--help``):
    ``SME_ASSESS_LANG``, else the system's language when it has a catalogue, else English."""
    for candidate in (os.environ.get(LANG_ENV), system_language()):
        if candidate and has_catalogue(candidate):
            return candidate
    return SOURCE_LANGUAGE


@lru_cache(maxsize=16)
def patterns(shapes: tuple[Message, ...]) -> list[tuple[re.Pattern[str], Message]]:
    """Each shape (an English message with ``{name}`` placeholders, ``N_`` or ``NP_``) as a
    pattern that matches the whole message built from it (a name used twice matches the
    same text twice)."""
    out = []
    for shape in shapes:
        english = shape[1] if isinstance(shape, tuple) else str(shape)
        parts = re.split(r"\{(\w+)\}", english)
        seen: set[str] = set()
        regex = ""
        for i, part in enumerate(parts):
            if i % 2 == 0:
                regex += re.escape(part)
            elif part in seen:  # a name said twice is the same text both times
                regex += f"(?P={part})"
            else:
                seen.add(part)
                regex += f"(?P<{part}>.+?)"
        out.append((re.compile(regex + r"\Z", re.DOTALL), shape))
    return out


def shaped(
    text: str, shapes: tuple[Message, ...], _: Translator, said: Callable[[str, str], str]
) -> str | None:
    """``text`` in ``_``'s language when it has one of ``shapes`` (``said(name, value)``
    gives each parameter as shown), else None."""
    for pattern, shape in patterns(shapes):
        found = pattern.match(text)
        if found:
            return _.text(shape, **{k: said(k, v) for k, v in found.groupdict().items()})
    return None
