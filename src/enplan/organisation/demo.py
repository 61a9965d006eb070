"""The demo municipality's organisation: five areas, their departments, and the people.

Bøgeby Kommune does not exist; nor does anyone in it.
"""

from django.contrib.auth.hashers import make_password

from enplan.core.demo import DEMO_MUNICIPALITY_CODE, DEMO_PASSWORD, Demo
from enplan.core.models import Municipality, Role, User
from enplan.organisation.models import Area, Department, Legislation, Profession, Professional
from enplan.organisation.services import legislation_load_defaults

AREAS = {
    "education": (
        "Center for Uddannelse og Pædagogik",
        False,
        {
            "school": "Bøgeby Skole",
            "ppr": "Pædagogisk Psykologisk Rådgivning (PPR)",
            "daycare": "Dagtilbud Bøgeby",
            "uu": "Ungdommens Uddannelsesvejledning",
        },
    ),
    "work": (
        "Center for Arbejdsmarked",
        False,
        {
            "jobcenter": "Jobcenter – kontanthjælp og uddannelseshjælp",
            "resource": "Jobcenter – ressourceforløb og jobafklaring",
            "youth": "Ungeindsatsen",
        },
    ),
    "social": (
        "Center for Sociale Indsatser",
        False,
        {
            "coordination": "Den Koordinerende Enhed",
            "family": "Familierådgivningen",
            "family_treatment": "Familiebehandlingen",
            "psychiatry": "Socialpsykiatrien",
            "addiction": "Rusmiddelcentret",
        },
    ),
    "health": (
        "Center for Sundhed og Omsorg",
        False,
        {
            "health_visitor": "Sundhedsplejen",
            "prevention": "Forebyggelse og Sundhedsfremme",
        },
    ),
    "region": (
        "Region: sygehus og psykiatri",
        True,
        {
            "adult_psychiatry": "Psykiatrisk Center Bøgeby",
            "child_psychiatry": "Børne- og Ungdomspsykiatrien",
            "hospital": "Bøgeby Sygehus",
        },
    ),
}

PROFESSIONS = [
    "Socialrådgiver",
    "Jobkonsulent",
    "Lærer",
    "Pædagog",
    "Psykolog",
    "Sundhedsplejerske",
    "Familiebehandler",
    "Læge",
    "Sygeplejerske",
    "Vejleder",
    "Mentor",
    "Leder",
    "Politibetjent",
]

# key, username (None: external, no login), name, profession, title, department key
PEOPLE = [
    (
        "koordinator",
        "koordinator",
        "Mette Lund",
        "Socialrådgiver",
        "Koordinerende sagsbehandler",
        "coordination",
    ),
    (
        "fagperson",
        "fagperson",
        "Lars Holm",
        "Jobkonsulent",
        "Sagsbehandler, kontanthjælp",
        "jobcenter",
    ),
    ("udenfor", "udenfor", "Sofie Dahl", "Sygeplejerske", "Forebyggelseskonsulent", "prevention"),
    (
        "coordinator2",
        "jonas.krogh",
        "Jonas Krogh",
        "Socialrådgiver",
        "Koordinerende sagsbehandler",
        "coordination",
    ),
    ("mentor", "anne.berg", "Anne Berg", "Mentor", "Mentor", "jobcenter"),
    (
        "jobconsultant",
        "kim.vestergaard",
        "Kim Vestergaard",
        "Jobkonsulent",
        "Virksomhedskonsulent",
        "jobcenter",
    ),
    (
        "resource",
        "hanne.skov",
        "Hanne Skov",
        "Socialrådgiver",
        "Sagsbehandler, ressourceforløb",
        "resource",
    ),
    ("youth", "ali.hassan", "Ali Hassan", "Vejleder", "Ungevejleder", "youth"),
    (
        "child_worker_emma",
        "camilla.friis",
        "Camilla Friis",
        "Socialrådgiver",
        "Børnesagsbehandler",
        "family",
    ),
    (
        "child_worker_oliver",
        "thomas.bech",
        "Thomas Bech",
        "Socialrådgiver",
        "Børnesagsbehandler",
        "family",
    ),
    (
        "family_therapist",
        "louise.winther",
        "Louise Winther",
        "Familiebehandler",
        "Familiebehandler",
        "family_treatment",
    ),
    (
        "contact_person",
        "mads.juhl",
        "Mads Juhl",
        "Pædagog",
        "Støttekontaktperson",
        "family_treatment",
    ),
    ("home_support", "pia.moeller", "Pia Møller", "Pædagog", "Bostøttemedarbejder", "psychiatry"),
    ("addiction", "rasmus.toft", "Rasmus Toft", "Sygeplejerske", "Behandler", "addiction"),
    (
        "teacher_emma",
        "birgitte.lauridsen",
        "Birgitte Lauridsen",
        "Lærer",
        "Klasselærer, 8. b",
        "school",
    ),
    ("teacher_oliver", "henrik.due", "Henrik Due", "Lærer", "Klasselærer, 6. a", "school"),
    (
        "school_social",
        "nadia.ravn",
        "Nadia Ravn",
        "Socialrådgiver",
        "Skolesocialrådgiver",
        "school",
    ),
    ("ppr", "julie.brandt", "Julie Brandt", "Psykolog", "Skolepsykolog", "ppr"),
    ("uu", "mikkel.storm", "Mikkel Storm", "Vejleder", "UU-vejleder", "uu"),
    ("daycare", "rikke.hviid", "Rikke Hviid", "Pædagog", "Pædagog, vuggestuen Myretuen", "daycare"),
    (
        "health_visitor",
        "lene.munk",
        "Lene Munk",
        "Sundhedsplejerske",
        "Sundhedsplejerske",
        "health_visitor",
    ),
    ("psychiatrist", None, "Karen Vinther", "Læge", "Overlæge", "adult_psychiatry"),
    ("child_psychiatrist", None, "Peter Aagaard", "Læge", "Afdelingslæge", "child_psychiatry"),
    (
        "psychiatric_nurse",
        None,
        "Ida Nielsen",
        "Sygeplejerske",
        "Kontaktsygeplejerske",
        "adult_psychiatry",
    ),
]

EXTERNAL = [
    ("gp", "Morten Kjeldsen", "Læge", "Praktiserende læge", "Lægehuset ved Torvet"),
    ("police", "Jens Kofoed", "Politibetjent", "SSP-betjent", "Bøgeby Lokalpoliti"),
]


def _mailbox(name: str) -> str:
    """'Peter Aagaard' -> 'peter.aagaard', the way the municipality's own addresses look."""
    folded = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return folded.replace(" ", ".")


def load(demo: Demo) -> None:
    municipality = Municipality.objects.create(name="Bøgeby Kommune", code=DEMO_MUNICIPALITY_CODE)
    demo.municipality = municipality
    legislation_load_defaults(municipality=municipality)
    demo.legislation = {
        entry.short_name: entry for entry in Legislation.objects.filter(municipality=municipality)
    }
    for order, (key, (name, external, departments)) in enumerate(AREAS.items()):
        area = Area.objects.create(
            municipality=municipality, name=name, is_external=external, order=order
        )
        demo.areas[key] = area
        for dep_key, dep_name in departments.items():
            demo.departments[dep_key] = Department.objects.create(
                municipality=municipality, area=area, name=dep_name
            )
    professions = {
        name: Profession.objects.create(municipality=municipality, name=name)
        for name in PROFESSIONS
    }
    # One hash for all demo users: hashing with argon2 is slow by design.
    password = make_password(DEMO_PASSWORD)

    def user(username, first, last, role=Role.PROFESSIONAL, staff=False):
        created = User.objects.create(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@boegeby.example",
            municipality=municipality,
            role=role,
            is_staff=staff,
            password=password,
        )
        demo.users[username] = created
        return created

    for key, username, name, profession, title, department in PEOPLE:
        first, last = name.split(" ", 1)
        account = user(username, first, last) if username else None
        department_obj = demo.departments[department]
        demo.professionals[key] = Professional.objects.create(
            municipality=municipality,
            user=account,
            name=name,
            profession=professions[profession],
            title=title,
            department=department_obj,
            organisation="" if account else department_obj.area.name,
            phone=f"72 00 {10 + len(demo.professionals):02d} {len(name):02d}",
            email=f"{username or _mailbox(name)}@boegeby.example",
        )
    for key, name, profession, title, organisation in EXTERNAL:
        demo.professionals[key] = Professional.objects.create(
            municipality=municipality,
            name=name,
            profession=professions[profession],
            title=title,
            organisation=organisation,
            phone=f"70 10 {20 + len(demo.professionals):02d} 00",
        )
    leader = user("leder", "Birthe", "Nygaard", role=Role.LEADER)
    demo.professionals["leader"] = Professional.objects.create(
        municipality=municipality,
        name="Birthe Nygaard",
        profession=professions["Leder"],
        title="Centerchef",
        department=demo.departments["coordination"],
        user=leader,
    )
    user("admin", "Anders", "Mortensen", role=Role.ADMIN, staff=True)
