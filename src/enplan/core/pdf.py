"""PDF documents rendered with WeasyPrint from the same templates as the pages.

Every document is PDF/UA-1: tagged, with its language and title, so a screen reader can
read it aloud (the citizen's plan, the invitation letter, the DPIA annex).
"""

from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML


def render_pdf(request: HttpRequest, template: str, context: dict) -> bytes:
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=request.build_absolute_uri("/"))
    return document.write_pdf(pdf_variant="pdf/ua-1")
