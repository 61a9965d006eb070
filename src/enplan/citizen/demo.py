"""The citizen's side of the demo: whom the Bak family contacts about their data, and a
planned network meeting they can put in their calendar. Everything here is fictional."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from enplan.citizen.models import PrivacyContact
from enplan.core.demo import Demo, days_ahead
from enplan.meetings.models import Meeting, MeetingKind


def load(demo: Demo) -> None:
    PrivacyContact.objects.create(
        municipality=demo.municipality,
        controller="Bøgeby Kommune",
        address="Rådhuspladsen 1, 9990 Bøgeby",
        phone="72 00 00 00",
        email="kommunen@boegeby.example",
        dpo_name="Databeskyttelsesrådgiveren",
        dpo_email="dpo@boegeby.example",
        retention=(
            "Så længe din plan er åben. Når den lukkes, gemmer vi den i 5 år. Så sletter vi den."
        ),
        accessibility_contact="web@boegeby.example",
    )
    plan = demo.plans["household"]
    if not Meeting.objects.filter(plan=plan, starts_at__gte=timezone.now()).exists():
        starts = datetime.combine(
            days_ahead(9), time(10, 0), tzinfo=timezone.get_current_timezone()
        )
        Meeting.objects.create(
            municipality=demo.municipality,
            plan=plan,
            kind=MeetingKind.NETWORK,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1, minutes=30),
            place="Rådhuset, mødelokale 2",
            created_by=demo.users["koordinator"],
        )
