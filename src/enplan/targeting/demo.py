"""Demo data for finding the citizens: a visitation team, a few nominations, a published
point system in two versions, and a screening round whose gate is passed on fictional
papers, with two small pseudonymised extracts ready to be scored.

Everyone here is fictional. The CPR numbers fail the modulus-11 check (see core/demo.py),
and the demo key below is public: it pseudonymises nothing real.
"""

import csv
import io
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from enplan.core.demo import DEMO_PASSWORD, Demo, days_ago, demo_cpr
from enplan.core.models import Role, User
from enplan.targeting import engine, pseudonyms, services
from enplan.targeting.models import (
    Extract,
    Indicator,
    IndicatorUse,
    NominationHandler,
    RuleSet,
    ScreeningRound,
)

# Public on purpose: the demo's extracts are pseudonymised with it, and the demo key
# holder types it to re-identify. A real key is secret and held by the key holder alone.
DEMO_PSEUDONYM_KEY = "boegeby-demo-key-fictional-not-secret-0001"

INDICATORS = [
    ("years_on_benefits", "År på offentlig forsørgelse", False, IndicatorUse.SCORING),
    ("open_cases", "Antal afdelinger med en åben sag", False, IndicatorUse.SCORING),
    ("children_with_measures", "Børn med foranstaltninger", False, IndicatorUse.SCORING),
    ("school_absence_pct", "Skolefravær i procent", False, IndicatorUse.SCORING),
    ("psychiatric_contacts", "Kontakter til psykiatrien", True, IndicatorUse.SCORING),
    ("age_18_29", "18-29 år (kun til tjek af overrepræsentation)", False, IndicatorUse.GROUP),
]

RULES_V1 = """\
[[rule]]
name = "Mindst 3 år på offentlig forsørgelse"
indicator = "years_on_benefits"
min = 3
points = 500

[[rule]]
name = "Sager i mindst 3 afdelinger"
indicator = "open_cases"
min = 3
points = 400

[[rule]]
name = "Børn med foranstaltninger"
indicator = "children_with_measures"
min = 1
points = 600

[selection]
min_points = 1500
"""

RULES_V2 = """\
[[rule]]
name = "Mindst 3 år på offentlig forsørgelse"
indicator = "years_on_benefits"
min = 3
points = 500

[[rule]]
name = "Mindst 8 år på offentlig forsørgelse"
indicator = "years_on_benefits"
min = 8
points = 300

[[rule]]
name = "Sager i mindst 3 afdelinger"
indicator = "open_cases"
min = 3
points = 400

[[rule]]
name = "Børn med foranstaltninger"
indicator = "children_with_measures"
min = 1
points = 600

[[rule]]
name = "Skolefravær på 15 % eller mere"
indicator = "school_absence_pct"
min = 15
points = 300

[selection]
min_points = 1500
"""

# Households as the departments know them. Per person: first name, last name, birth date,
# years on benefits, open cases, children with measures, school absence (None: not known).
# The first person is the household's reference person.
Person = tuple[str, str, date, int | None, int | None, int | None, int | None]
HOUSEHOLDS: list[list[Person]] = [
    [
        ("Amira", "Said", date(1985, 3, 14), 9, 4, 3, None),
        ("Omar", "Said", date(1982, 6, 2), 4, 1, None, None),
        ("Yusuf", "Said", date(2011, 9, 20), None, None, None, 22),
        ("Lina", "Said", date(2014, 2, 11), None, None, None, 18),
        ("Adam", "Said", date(2018, 5, 5), None, None, None, 2),
    ],
    [
        ("Tina", "Larsen", date(1991, 4, 8), 6, 3, 1, None),
        ("Mikkel", "Larsen", date(2013, 10, 30), None, None, None, 30),
    ],
    [("Jan", "Østergaard", date(1974, 8, 19), 12, 5, None, None)],
    [
        ("Maria", "Poulsen", date(1998, 12, 3), 2, 2, 1, None),
        ("Kasper", "Poulsen", date(1995, 7, 7), 3, 1, None, None),
    ],
    [
        ("Susanne", "Andersen", date(1979, 1, 25), 10, 3, 1, None),
        ("Nikolaj", "Andersen", date(2009, 3, 3), None, None, None, 40),
    ],
    [
        ("Rikke", "Jakobsen", date(1988, 5, 16), 5, 4, 2, None),
        ("Brian", "Jakobsen", date(1986, 11, 21), 8, 2, None, None),
        ("Sofia", "Jakobsen", date(2016, 6, 9), None, None, None, 16),
        ("Noah", "Jakobsen", date(2012, 4, 27), None, None, None, 25),
    ],
    [("Dennis", "Karlsen", date(2000, 2, 14), 3, 3, None, None)],
    [("Helle", "Christensen", date(1968, 10, 10), 15, 6, None, None)],
    [
        ("Pia", "Nielsen", date(1993, 3, 30), 4, 2, 1, None),
        ("Oscar", "Nielsen", date(2017, 8, 8), None, None, None, 20),
    ],
    [
        ("Henrik", "Rasmussen", date(1981, 9, 1), 1, 1, None, None),
        ("Dorte", "Rasmussen", date(1983, 12, 12), 0, 1, None, None),
    ],
    [
        ("Fatma", "Ibrahim", date(1990, 7, 19), 7, 3, 2, None),
        ("Ali", "Ibrahim", date(2010, 1, 15), None, None, None, 35),
        ("Sara", "Ibrahim", date(2015, 11, 2), None, None, None, 12),
    ],
    [("Jesper", "Sørensen", date(2003, 5, 23), 2, 3, None, None)],
    [("Lone", "Madsen", date(1965, 6, 6), 20, 2, None, None)],
    [
        ("Julie", "Vinther", date(1999, 9, 9), 3, 4, 1, None),
        ("Alfred", "Vinther", date(2020, 3, 17), None, None, None, 0),
    ],
]


def screening_people() -> list[dict]:
    """Every person in the demo screening with a fixed fictional CPR number."""
    people = []
    for h, household in enumerate(HOUSEHOLDS):
        reference = None
        for m, (first, last, born_on, years, cases, children, absence) in enumerate(household):
            number = demo_cpr(born_on, 7000 + 37 * h + 5 * m)
            reference = reference or number
            people.append(
                {
                    "cpr": number,
                    "household_cpr": reference,
                    "first_name": first,
                    "last_name": last,
                    "born_on": born_on,
                    "years_on_benefits": years,
                    "open_cases": cases,
                    "children_with_measures": children,
                    "school_absence_pct": absence,
                }
            )
    return people


def department_list_csv() -> str:
    """The list a department would hand the key holder: CPR numbers and names."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["cpr", "first_name", "last_name"])
    for person in screening_people():
        writer.writerow([person["cpr"], person["first_name"], person["last_name"]])
    return out.getvalue()


def _extract_rows(indicators: tuple[str, ...], *, age_group=False) -> list[tuple]:
    key = DEMO_PSEUDONYM_KEY.encode()
    rows = []
    for person in screening_people():
        pseudonym = pseudonyms.pseudonym(key, person["cpr"])
        household = pseudonyms.pseudonym(key, person["household_cpr"])
        for indicator in indicators:
            if person[indicator] is not None:
                rows.append((pseudonym, household, indicator, str(person[indicator])))
        if age_group and person["years_on_benefits"] is not None:
            age = timezone.localdate().year - person["born_on"].year
            rows.append((pseudonym, household, "age_18_29", "1" if 18 <= age <= 29 else "0"))
    return rows


def _store_extract(demo, screening_round, department, rows, name) -> None:
    with tempfile.TemporaryDirectory(prefix="enplan-demo-") as directory:
        path = Path(directory) / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["person", "household", "indicator", "value"])
            writer.writerows(rows)
        checked = engine.check_extract(path, services.catalogue_of(screening_round))
    Extract.objects.create(
        municipality=demo.municipality,
        round=screening_round,
        department=department,
        file_name=name,
        data=checked.parquet,
        rows=checked.rows,
        persons=checked.persons,
        households=checked.households,
        per_indicator=checked.per_indicator,
        uploaded_by=demo.users["admin"],
        uploaded_at=demo_time(3),
    )


def demo_time(days: int):
    return timezone.make_aware(datetime.combine(days_ago(days), time(10, 0)))


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with a line of text: the demo's fictional DPIA."""
    stream = f"BT /F1 14 Tf 60 780 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def load(demo: Demo) -> None:
    municipality = demo.municipality
    p = demo.professionals
    for key in ("koordinator", "coordinator2"):
        NominationHandler.objects.create(municipality=municipality, professional=p[key])
    key_holder = User.objects.create(
        username="noegleholder",
        first_name="Ida",
        last_name="Nørregaard",
        email="noegleholder@boegeby.example",
        municipality=municipality,
        role=Role.KEY_HOLDER,
        password=make_password(DEMO_PASSWORD),
    )
    demo.users["noegleholder"] = key_holder
    _nominations(demo)
    _screening(demo)


def _nominations(demo: Demo) -> None:
    d = demo.departments
    a = demo.areas
    nadia = demo_cpr(date(1994, 4, 12), 8101)
    first = services.nomination_create(
        user=demo.users["fagperson"],
        cpr_number=nadia,
        first_name="Nadia",
        last_name="Holt",
        department=d["jobcenter"],
        reason=(
            "Nadia vil gerne i uddannelse, men har møder hos os, i socialpsykiatrien og hos "
            "sin søns sagsbehandler hver uge. Hun siger selv, at hun mister overblikket."
        ),
        areas=[a["work"], a["social"]],
        whole_household=True,
    )
    services.nomination_create(
        user=demo.users["camilla.friis"],
        cpr_number=nadia,
        first_name="Nadia",
        last_name="Holt",
        department=d["family"],
        reason="Mor til Villads (9). Mange aktører omkring familien, og mor ønsker én kontakt.",
        areas=[a["social"], a["education"]],
    )
    services.nomination_create(
        user=demo.users["anne.berg"],
        cpr_number=demo_cpr(date(1987, 10, 3), 8201),
        first_name="Yasmin",
        last_name="Hansen",
        department=d["jobcenter"],
        reason="Yasmin har været i ressourceforløb i to år og har sager i fire afdelinger.",
        areas=[a["work"], a["health"]],
    )
    declined = services.nomination_create(
        user=demo.users["udenfor"],
        cpr_number=demo_cpr(date(1960, 2, 28), 8301),
        first_name="Martin",
        last_name="Olsen",
        department=d["prevention"],
        reason="Martin har brug for hjælp til at stoppe med at ryge.",
        areas=[a["health"]],
    )
    services.nomination_decline(
        user=demo.users["koordinator"],
        nomination=declined,
        version=declined.version,
        reason=(
            "Martin har kun kontakt med én afdeling, så én plan vil ikke gøre det lettere for "
            "ham. Forebyggelse kan hjælpe ham direkte med rygestop."
        ),
    )
    accepted = services.nomination_create(
        user=demo.users["thomas.bech"],
        cpr_number=demo_cpr(date(1989, 7, 15), 8401),
        first_name="Louise",
        last_name="Kirk",
        department=d["family"],
        reason="Louise og hendes to børn har hjælp fra fem afdelinger. Hun vil gerne have ro.",
        areas=[a["social"], a["education"], a["work"]],
        whole_household=True,
    )
    services.nomination_accept(
        user=demo.users["jonas.krogh"],
        nomination=accepted,
        version=accepted.version,
        reason="Klart behov for koordinering.",
    )
    demo.extra["nomination"] = first


def _screening(demo: Demo) -> None:
    municipality = demo.municipality
    indicators = {
        key: Indicator.objects.create(
            municipality=municipality, key=key, name=name, is_health=health, use=use
        )
        for key, name, health, use in INDICATORS
    }
    rule_set = RuleSet.objects.create(
        municipality=municipality,
        name="Bøgeby pointsystem",
        description=(
            "Pointsystemet finder husstande, der har hjælp fra mange afdelinger på én gang, "
            "så vi kan tilbyde dem én plan."
        ),
    )
    admin = demo.users["admin"]
    services.rule_version_add(user=admin, rule_set=rule_set, source=RULES_V1, note="Første udgave.")
    version = services.rule_version_add(
        user=admin,
        rule_set=rule_set,
        source=RULES_V2,
        note="Lang tid på forsørgelse og skolefravær giver nu også point.",
    )
    screening_round = ScreeningRound.objects.create(
        municipality=municipality,
        name="Screening efterår",
        purpose=(
            "At finde husstande med hjælp fra mange afdelinger på én gang, så de kan få "
            "tilbudt én plan og én koordinator. Ingen får en afgørelse ud fra screeningen."
        ),
        rule_version=version,
        public_task_basis=True,
        national_legal_basis=(
            "Fiktivt eksempel til demo: den lovbestemmelse, der pålægger kommunen opgaven "
            "med en helhedsorienteret indsats."
        ),
        dpia_file_name="fiktiv-dpia.pdf",
        dpia_file=minimal_pdf("Fiktiv konsekvensanalyse (DPIA) - kun til demo"),
        dpia_approved_on=days_ago(20),
        dpo_name="Per Dahl (fiktiv DPO)",
        dpo_signed_on=days_ago(18),
    )
    screening_round.indicators.set(
        [indicators[k] for k in indicators if k != "psychiatric_contacts"]
    )
    d = demo.departments
    screening_round.departments.set([d["jobcenter"], d["family"]])
    screening_round.reviewers.set(
        [demo.professionals["fagperson"], demo.professionals["child_worker_emma"]]
    )
    _store_extract(
        demo,
        screening_round,
        d["jobcenter"],
        _extract_rows(("years_on_benefits", "open_cases"), age_group=True),
        "jobcenter-udtraek.csv",
    )
    _store_extract(
        demo,
        screening_round,
        d["family"],
        _extract_rows(("children_with_measures", "school_absence_pct")),
        "familieraadgivningen-udtraek.csv",
    )
    demo.extra["screening_round"] = screening_round
