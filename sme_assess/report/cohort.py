"""The cohort overview of a batch: HTML (Jinja2, autoescaped, sandboxed) and PDF (WeasyPrint,
fetching nothing outside the template folder), with the report's environment and fonts check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .. import __version__
from ..batch.cohort import CohortStats
from ..errors import InputError, UsageError
from ..i18n import N_, translator

COHORT_TEMPLATE = "cohort.html.j2"

# Words a caller outside the template needs (batch/finish: a sector or size not given).
WORDS = {"not_given": N_("not given")}


def cohort_string(key: str, lang: str, **values: Any) -> str:
    return translator(lang).text(WORDS[key], **values)


@dataclass(frozen=True)
class CohortPage:
    stats: CohortStats
    pack_title: str
    pack_id: str
    pack_version: str
    date: str
    version: str = __version__
    progress: Any = None  # batch --id-column: a batch.progress.CohortProgress

    @property
    def lang(self) -> str:
        return self.stats.lang

    @property
    def html_lang(self) -> str:
        from ..wording.language import html_lang

        return html_lang(self.lang)


def render_cohort_html(page: CohortPage) -> str:
    from jinja2 import TemplateError

    from .render import environment, template_dirs

    env = environment(template_dirs(None), markdown=False, lang=page.lang)
    try:
        return str(env.get_template(COHORT_TEMPLATE).render(ctx=page))
    except TemplateError as exc:
        raise UsageError(f"cohort template error: {exc}") from None


def render_cohort_pdf(html: str, lang: str) -> bytes:
    """The PDF of the cohort page. Raises InputError when no font can show the language."""
    from weasyprint import HTML

    from .fonts import require_fonts_for
    from .render import make_fetcher, template_dirs

    require_fonts_for(lang, (html,))  # the firms' names may be Chinese in an English page
    dirs = template_dirs(None)
    document = HTML(string=html, base_url=str(dirs[0]) + "/", url_fetcher=make_fetcher(dirs))
    pdf = document.write_pdf()
    if pdf is None:  # pragma: no cover
        raise InputError("the PDF could not be written")
    return bytes(pdf)


def today() -> str:
    return dt.date.today().isoformat()
