"""Report context -> HTML (Jinja2, autoescaped), Markdown, and PDF (WeasyPrint, no fetching).

Templates come from the bundled ``report_templates/`` and, with ``--template DIR``, from a
consultancy's folder whose ``report.html.j2`` may ``{% extends "base/report.html.j2" %}``
and override blocks (checked first by ``check_template_dir``). Templates and assets
are read only from inside those folders (``templates.confined``), and the PDF renderer
resolves URLs only to files inside them (and ``data:`` URIs); anything else, network or
``file:``, is refused.
"""

from __future__ import annotations

import base64
import mimetypes
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from markupsafe import Markup, escape

from ..errors import InputError, UsageError, Where, display_path
from ..i18n import SOURCE_LANGUAGE, translator
from ..resources import data_dir
from ..terminal_text import visible
from ..wording.typography import glue
from .context import ReportContext
from .peer_view import score_text
from .printing import chart_image, inline_variables
from .templates import (
    HTML_TEMPLATE,
    MAX_ASSET_BYTES,
    MD_TEMPLATE,
    check_no_cycle,
    confined,
    confined_loader,
    read_asset,
)

RECURSION = "the templates include each other without end"


def template_dirs(custom: Path | None) -> list[Path]:
    base = data_dir("report_templates")
    if custom is None:
        return [base]
    if not custom.is_dir():
        raise UsageError(f"--template {display_path(custom)}: not a folder")
    return [custom.resolve(), base]


# One environment per template folders, kind and language (with the catalogue it was
# given), reused by every report a process renders: Jinja compiles a template once per
# environment, and compiling the report's templates cost more than rendering them. The
# loader still checks each template's modification time, so an edited template is reloaded.
_ENVIRONMENTS: dict[tuple[object, ...], Any] = {}


def environment(dirs: list[Path], *, markdown: bool, lang: str = SOURCE_LANGUAGE) -> Any:
    """The sandboxed environment of the report templates, their words in ``lang``."""
    key = (tuple(dirs), markdown, lang, translator(lang))
    env = _ENVIRONMENTS.get(key)
    if env is None:
        if len(_ENVIRONMENTS) >= 16:
            _ENVIRONMENTS.clear()
        env = _ENVIRONMENTS[key] = _new_environment(dirs, markdown=markdown, lang=lang)
    return env


def _new_environment(dirs: list[Path], *, markdown: bool, lang: str) -> Any:
    from jinja2 import ChoiceLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loader = ChoiceLoader(
        [
            *(confined_loader(d) for d in dirs),
            PrefixLoader({"base": confined_loader(dirs[-1])}),
        ]
    )
    # Sandboxed, so that even a consultancy's template cannot reach Python internals.
    env = SandboxedEnvironment(
        loader=loader,
        # HTML is autoescaped; the CSS template holds no data; Markdown escapes with |md.
        autoescape=(lambda name: bool(name) and name.endswith(".html.j2"))
        if not markdown
        else False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_shown if markdown else _shown_in_html,
        extensions=["jinja2.ext.i18n"],
    )
    install_words(env, lang)
    env.filters["md"] = md_escape
    env.filters["score"] = score_text  # one format for every score the report prints
    env.filters["whole"] = glue  # "level 1", "GB/T 39116" (every printed text is glued too)
    env.filters["pct"] = lambda v: f"{v * 100:.0f}%"
    env.filters["in_lang"] = in_lang
    env.globals["asset"] = lambda name: _asset_uri(dirs, name)
    return env


def install_words(env: Any, lang: str) -> None:
    """The templates' ``_()``, ``ngettext()``, ``pgettext()`` (Jinja2's i18n extension,
    newstyle: ``_("Stage %(n)s", n=2)``) in ``lang``. A translation is text like any value:
    escaped in an HTML template, so a catalogue can no more inject markup than an answer."""
    calls = translator(lang).jinja_callables()
    env.install_gettext_callables(
        _as_text(calls["gettext"]),
        _as_text(calls["ngettext"]),
        newstyle=True,
        pgettext=_as_text(calls["pgettext"]),
        npgettext=_as_text(calls["npgettext"]),
    )


def _as_text(func: Callable[..., str]) -> Callable[..., str]:
    from jinja2 import pass_eval_context

    @pass_eval_context
    def call(eval_ctx: Any, *args: Any) -> str:
        text = func(*args)
        # HTML (the PDF): a number keeps its unit on its line ("3 years", "100 %")
        return escape(glue(text)) if eval_ctx.autoescape else text

    return call


def _shown(value: Any) -> Any:
    """Every value a template prints: control characters written out (``\\x1b``), so that a
    report shown in a terminal (``-o -``) cannot drive it. Markup (CSS, charts) is ours."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible(value)
    return value


def _shown_in_html(value: Any) -> Any:
    """:func:`_shown`, and in HTML (the PDF) a number joined to its unit, per cent or currency
    by a no-break space (``wording.typography.glue``): "over 3" | "years" broke there."""
    value = _shown(value)
    if isinstance(value, str) and not isinstance(value, Markup):
        return glue(value)
    return value


def in_lang(value: Any, tag: str) -> Any:
    """``value`` in an element saying its language (``<span lang="zh-CN">``) when ``tag`` is
    given: the pack's Chinese texts in a German report, a Chinese company name in an English
    one. The PDF (Pango) picks the glyphs and the line breaking by it; a screen reader
    switches voice. Printed as every value is (control characters written out, glued)."""
    shown = _shown_in_html(value)
    if not tag or not isinstance(value, str) or isinstance(value, Markup):
        return shown
    return Markup('<span lang="{}">{}</span>').format(tag, shown)


def md_escape(value: Any) -> str:
    """Text for Markdown: no markup, no HTML, no table breaks."""
    text = str(value)
    for ch in "\\`*_{}[]()#+!|<>~":
        text = text.replace(ch, "\\" + ch)
    return text.replace("\n", " ")


def _asset_uri(dirs: list[Path], name: str) -> Markup:
    """A file from the template folders as a data: URI (keeps HTML output self-contained)."""
    path, raw = read_asset(dirs, str(name))
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Markup(f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}")


def _template_error(exc: Exception) -> UsageError:
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "template"
    line = getattr(exc, "lineno", None)
    return UsageError(f"template error: {exc}", Where(str(name), line))


def render_html(ctx: ReportContext, custom: Path | None = None) -> str:
    return _render_html(ctx, custom)[0]


def render_pdf_input(ctx: ReportContext) -> tuple[str, str]:
    """What the built-in templates give WeasyPrint: the HTML and, apart, its stylesheet."""
    return _render_html(ctx, None, for_pdf=True)


def _render_html(
    ctx: ReportContext, custom: Path | None = None, *, for_pdf: bool = False
) -> tuple[str, str]:
    """The HTML and the CSS it uses. ``for_pdf`` (the built-in templates' PDF): the CSS is
    left out of the HTML (WeasyPrint takes it as a stylesheet parsed once per process), the
    charts are SVG images and what only a screen shows is left out (see ``printing``)."""
    from jinja2 import TemplateError

    dirs = template_dirs(custom)
    env = environment(dirs, markdown=False, lang=ctx.lang)
    try:
        template = env.get_template(HTML_TEMPLATE)
        css = env.get_template("report.css.j2").render(ctx=ctx)
        if for_pdf:
            radar, bars = chart_image(ctx.radar_svg), chart_image(ctx.bars_svg)
        else:
            radar, bars = Markup(ctx.radar_svg), Markup(ctx.bars_svg)
        return str(
            template.render(
                ctx=ctx,
                css=Markup("" if for_pdf else css),
                radar=radar,
                bars=bars,
                screen=not for_pdf,
            )
        ), css
    except TemplateError as exc:
        raise _template_error(exc) from None
    except RecursionError:
        raise UsageError(f"template error: {RECURSION}") from None


def render_markdown(ctx: ReportContext, custom: Path | None = None) -> str:
    from jinja2 import TemplateError

    env = environment(template_dirs(custom), markdown=True, lang=ctx.lang)
    try:
        return str(env.get_template(MD_TEMPLATE).render(ctx=ctx))
    except TemplateError as exc:
        raise _template_error(exc) from None
    except RecursionError:
        raise UsageError(f"template error: {RECURSION}") from None


class FetchRefused(Exception):
    """A URL outside the template folders."""


def make_fetcher(dirs: list[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves files inside ``dirs`` and refuses all else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    roots = [d.resolve() for d in dirs]

    class TemplateOnlyFetcher(URLFetcher):  # type: ignore[misc]
        refused: list[str]

        def __init__(self) -> None:
            super().__init__()
            self.refused = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file" and not parsed.netloc:
                path = Path(unquote(parsed.path)).resolve()
                inside = any(path.is_relative_to(root) for root in roots)
                if inside and path.is_file() and os.path.getsize(path) <= MAX_ASSET_BYTES:
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            self.refused.append(url)
            raise FetchRefused(f"refused to fetch {url}")

    return TemplateOnlyFetcher()


# Reused by every report a process renders (a batch --pdf worker renders thousands): one
# font configuration, so @font-face rules and Pango's font map are set up once, and the
# built-in stylesheet parsed once per distinct CSS text (it differs by language only).
_FONTS: list[Any] = []
_SHEETS: dict[str, Any] = {}


def _font_config() -> Any:
    if not _FONTS:
        from weasyprint.text.fonts import FontConfiguration

        _FONTS.append(FontConfiguration())
    return _FONTS[0]


def _stylesheet(css: str, base_url: str, fetcher: Any) -> Any:
    sheet = _SHEETS.get(css)
    if sheet is None:
        from weasyprint import CSS

        sheet = CSS(
            string=inline_variables(css),
            base_url=base_url,
            url_fetcher=fetcher,
            font_config=_font_config(),
        )
        if len(_SHEETS) > 8:
            _SHEETS.clear()
        _SHEETS[css] = sheet
    return sheet


def render_pdf(html: str, ctx: ReportContext, custom: Path | None = None) -> bytes:
    """The PDF of the report's HTML. Raises InputError when no font can show the language."""
    return _write_pdf(html, ctx, custom, None)


def render_pdf_report(ctx: ReportContext, custom: Path | None = None) -> bytes:
    """The report as a PDF. With the built-in templates the stylesheet is parsed once per
    process and the fonts set up once; a custom template's CSS stays inline, where its
    ``extra_css`` block can override it in order."""
    ctx = for_fonts(ctx)
    if custom is not None:
        return render_pdf(render_html(ctx, custom), ctx, custom)
    html, css = render_pdf_input(ctx)
    return _write_pdf(html, ctx, None, css)


def for_fonts(ctx: ReportContext) -> ReportContext:
    """``ctx`` for the fonts installed: where no font can show Chinese, an English report
    prints the pack's citations and notes without their Chinese (the MIIT notice's number
    工信厅企业〔2024〕56号), which showed as boxes. The firm's own text is never changed: a
    Chinese company name or answer with no font to show it is refused (``_write_pdf``)."""
    from dataclasses import replace

    from .fonts import has_cjk_font, without_cjk

    if ctx.font_lang.split("-")[0] in ("zh", "ja", "ko") or has_cjk_font():
        return ctx
    bench = ctx.benchmark
    return replace(
        ctx,
        sources=[without_cjk(s) for s in ctx.sources],
        estimates=[
            replace(
                e, method=without_cjk(e.method), unverified=list(map(without_cjk, e.unverified))
            )
            for e in ctx.estimates
        ],
        benchmark=None
        if bench is None
        else replace(bench, source=without_cjk(bench.source), note=without_cjk(bench.note)),
    )


def _write_pdf(html: str, ctx: ReportContext, custom: Path | None, css: str | None) -> bytes:
    from weasyprint import HTML

    from .fonts import require_fonts, require_fonts_for

    require_fonts(ctx.font_lang)
    require_fonts_for(ctx.lang, (html, ctx.radar_svg, ctx.bars_svg))
    dirs = template_dirs(custom)
    fetcher = make_fetcher(dirs)
    base_url = str(dirs[0]) + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    sheets = [_stylesheet(css, base_url, fetcher)] if css is not None else None
    pdf = document.write_pdf(stylesheets=sheets, font_config=_font_config())
    if pdf is None:  # pragma: no cover - write_pdf without target returns bytes
        raise InputError("the PDF could not be written")
    return bytes(pdf)


def check_template_dir(custom: Path, fmt: str) -> None:
    """Refuse, before work starts, a ``--template`` folder that cannot brand a ``fmt`` report.

    ``fmt`` is a ReportFormat value. Raises UsageError (exit 2) with one line.
    """
    shown = display_path(custom)
    if not custom.is_dir():
        raise UsageError(f"--template {shown}: not a folder")
    if fmt == "json":
        raise UsageError(
            "--template brands PDF, HTML and Markdown reports; a JSON report has no template"
        )
    wanted = MD_TEMPLATE if fmt == "md" else HTML_TEMPLATE
    if confined(custom, wanted) is None:
        what = "Markdown reports" if fmt == "md" else "PDF and HTML reports"
        raise UsageError(
            f"--template {shown}: no {wanted} in the folder ({what} are branded with it; "
            "see README, Branding)"
        )
    env = environment(template_dirs(custom), markdown=fmt == "md")
    check_no_cycle(env, wanted)
