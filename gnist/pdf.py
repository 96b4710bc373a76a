"""Every PDF is an HTML template rendered by WeasyPrint through one function.

Every PDF is a tagged PDF/UA-1 document: WeasyPrint writes the structure tree
(headings, paragraphs, tables, lists in reading order), the document title from
the template's ``<title>`` and the language from ``<html lang>``, so a screen
reader can follow it.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

PDF_VARIANT = "pdf/ua-1"


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    """Render ``templates/<app>/pdf/<name>.html`` to PDF bytes.

    Static files (fonts, logo, CSS) are resolved from the project's static folder,
    so rendering needs neither a web server nor the network.
    """
    with translation.override(language or translation.get_language() or "nb"):
        html = render_to_string(template, {"site_url": settings.SITE_URL, **context})
    base_url = str(settings.BASE_DIR / "static") + "/"
    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
