"""PDF documents of finding the citizens: the invitation letter and the DPIA annex."""

from django.urls import reverse
from django.utils import timezone, translation

from enplan.core.pdf import render_pdf


def invitation_letter(request, invitation) -> bytes:
    """The letter is written to the citizen, so it is in Danish whatever language the
    professional has chosen for the interface."""
    people = list(invitation.people.all())
    handler = getattr(request.user, "professional", None)
    with translation.override("da"):
        return render_pdf(
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
    return render_pdf(request, "targeting/annex_pdf.html", {"annex": annex, "round": annex.round})
