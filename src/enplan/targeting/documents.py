"""PDF documents: the invitation letter and the DPIA annex, rendered with WeasyPrint from
the same templates as the pages."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from weasyprint import HTML


def _pdf(request, template: str, context: dict) -> bytes:
    html = render_to_string(template, context, request=request)
    document = HTML(string=html, base_url=request.build_absolute_uri("/"))
    try:
        # A tagged PDF can be read aloud by a screen reader.
        return document.write_pdf(pdf_tags=True)
    except TypeError:  # an older WeasyPrint without tagging
        return document.write_pdf()


def invitation_letter(request, invitation) -> bytes:
    """The letter is written to the citizen, so it is in Danish whatever language the
    professional has chosen for the interface."""
    people = list(invitation.people.all())
    handler = getattr(request.user, "professional", None)
    with translation.override("da"):
        return _pdf(
            request,
            "targeting/letter.html",
            {
                "invitation": invitation,
                "addressee": people[0] if people else None,
                "others": people[1:],
                "handler": handler,
                "today": timezone.localdate(),
                "municipality": invitation.municipality,
                "rules_url": request.build_absolute_uri(
                    reverse("targeting:public_rules", args=[invitation.municipality.code])
                ),
            },
        )


def annex(request, annex) -> bytes:
    return _pdf(request, "targeting/annex_pdf.html", {"annex": annex, "round": annex.round})
