"""Every POST route, posted to by every role: generated from the table in docs/access.md.

The URLconf is walked for every route that takes a POST (its view says which methods it
takes; a view that does not say is counted as taking one). Each must have a row in the
table, which names the roles that may post to it. Everyone else is refused (403, 404, 405
or sent to a login page) and no row of any table changes; a role that may post is not
refused. Refusal comes before the form is read, so the posts carry no form data: a page
that answered a refused user with the form's own messages would tell them what it holds.

For the routes it can fill in (`EFFECTS`), it also opens the form as each allowed role,
sends it back with a few typed values and checks that the post succeeded and changed the
row it is about; the other routes with allowed roles are listed with why (`NOT_GENERATED`).

The demo is loaded once for the module; each post runs in a savepoint rolled back after it.
"""

import io
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = (
    "coordinator",
    "professional",
    "outsider",
    "leader",
    "admin",
    "key_holder",
    "citizen",
    "stranger",
    "anonymous",
)
TABLE = Path(__file__).resolve().parents[4] / "docs" / "access.md"
# The administration has Django's own permissions (docs/access.md, "The administration"),
# the API its OAuth scopes and its own tests (api/tests/test_visibility.py).
OUTSIDE_THE_MATRIX = ("admin/", "api/")
# What a post may change without changing anything of the product's: the audit trail of
# the refusal itself, the session and the rate limiter's counters.
NOT_COUNTED = {
    "core.auditevent",
    "core.formsubmission",
    "sessions.session",
    "meetings.publicrequest",
}


def _methods(view) -> set[str] | None:
    """The methods a view is declared to take (`require_http_methods`), or None."""
    seen = 0
    while view is not None and seen < 10:
        seen += 1
        for cell in getattr(view, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:
                continue
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(m, str) and m.isupper() for m in value)
            ):
                return set(value)
        view = getattr(view, "__wrapped__", None)
    return None


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


def post_routes() -> dict[str, str]:
    """url name -> route of every route outside the administration and the API that takes POST."""
    routes = {}
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(OUTSIDE_THE_MATRIX):
            continue
        view = get_resolver().resolve(_example_path(route)).func
        methods = _methods(view)
        if methods is None or "POST" in methods:
            routes[name] = route
    return routes


def _example_path(route: str) -> str:
    path = re.sub(r"<int:[a-z_]+>", "1", route)
    path = re.sub(r"<(str|slug):[a-z_]+>", "x", path)
    return "/" + path


def table() -> dict[str, set[str]]:
    """docs/access.md's write table: url name -> the roles that may post to it. A row names
    the route in backticks, then the object, the action and the roles (— for none)."""
    rows = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`") and cells[0].endswith("`"):
            roles = {r.strip() for r in cells[3].split(",")} - {"", "—"}
            rows[cells[0].strip("`")] = roles
    return rows


def test_every_post_route_is_in_the_table():
    missing = sorted(set(post_routes()) - set(table()))
    assert not missing, f"POST routes without a row in docs/access.md: {missing}"


def test_the_table_names_only_roles_and_routes_that_exist():
    rows = table()
    assert set().union(*rows.values()) <= set(ROLES)
    assert not set(rows) - set(post_routes()), "rows for routes that are gone"


# The demo, and who is who on it --------------------------------------------------------


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            objects = _objects()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield objects
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _objects() -> dict:
    from enplan.citizen.tests.factories import with_login
    from enplan.coordination.models import AnswerImport, SurveyRound
    from enplan.core.models import Role, User
    from enplan.core.tests.factories import MunicipalityFactory, UserFactory
    from enplan.meetings.models import Meeting, MeetingKind
    from enplan.network.models import DevelopmentPoint
    from enplan.organisation.tests.factories import DepartmentFactory, ProfessionalFactory
    from enplan.plans.models import Actor, Consent, Goal, Intervention, Plan
    from enplan.progress.models import StepRegistration
    from enplan.targeting.models import (
        Candidate,
        Invitation,
        Nomination,
        RuleVersion,
        ScreeningRound,
    )

    plan = Plan.objects.get(title="Familien Bak")
    sanne = plan.members.select_related("citizen").get(citizen__first_name="Sanne")
    users = {u.username: u for u in User.objects.all()}
    stranger_municipality = MunicipalityFactory()
    stranger = ProfessionalFactory(
        department=DepartmentFactory(area__municipality=stranger_municipality),
        municipality=stranger_municipality,
    ).user
    key_holder = users.get("noegleholder") or UserFactory(
        municipality=plan.municipality, role=Role.KEY_HOLDER
    )
    meeting = Meeting.objects.filter(plan=plan, kind=MeetingKind.NETWORK).order_by("starts_at")
    survey = SurveyRound.objects.filter(municipality=plan.municipality).order_by("pk").first()
    screening = ScreeningRound.objects.filter(municipality=plan.municipality).order_by("pk")
    nomination = Nomination.objects.filter(municipality=plan.municipality).order_by("pk").first()
    candidate = Candidate.objects.filter(round__in=screening).order_by("pk").first()
    return {
        "users": {
            "coordinator": users["koordinator"],
            "professional": users["fagperson"],
            "outsider": users["udenfor"],
            "leader": users["leder"],
            "admin": users["admin"],
            "key_holder": key_holder,
            "citizen": with_login(sanne),
            "stranger": stranger,
            "anonymous": None,
        },
        "plan": plan,
        "member": sanne,
        "goal": Goal.objects.filter(plan=plan, member__isnull=True).order_by("pk").first()
        or Goal.objects.filter(plan=plan).order_by("pk").first(),
        # Another department's effort than the professional's: theirs to read, not to change.
        "intervention": Intervention.objects.filter(plan=plan)
        .exclude(department__professionals__user__username="fagperson")
        .order_by("pk")
        .first(),
        "actor": Actor.objects.filter(plan=plan, professional__isnull=False, ended_on=None)
        .exclude(professional=plan.coordinator)
        .order_by("pk")
        .first(),
        "consent": Consent.objects.filter(plan=plan, withdrawn_on=None).order_by("pk").first(),
        "point": DevelopmentPoint.objects.filter(plan=plan).order_by("pk").first(),
        "registration": StepRegistration.objects.filter(plan=plan).order_by("-pk").first(),
        "meeting": meeting.filter(ends_at__lt=_now()).last() or meeting.last(),
        "survey": survey,
        "import": AnswerImport.objects.filter(round=survey).first() if survey else None,
        "nomination": nomination,
        "invitation": Invitation.objects.filter(municipality=plan.municipality)
        .order_by("pk")
        .first(),
        "screening": screening.first(),
        "candidate": candidate,
        "rule_version": RuleVersion.objects.filter(rule_set__municipality=plan.municipality)
        .order_by("pk")
        .first(),
    }


def _now():
    from django.utils import timezone

    return timezone.now()


def _pk(obj):
    return obj.pk if obj is not None else 999999


def path_for(name: str, route: str, objects: dict) -> str:
    """The route filled in with the demo's objects the table's rights are about."""
    app = name.split(":")[0] if ":" in name else ""
    owner = {
        "plans": objects["plan"],
        "network": objects["plan"],
        "progress": objects["plan"],
        "citizen": objects["plan"],
        "meetings": objects["meeting"],
        "coordination": objects["survey"],
    }.get(app)
    if app == "targeting":
        owner = {
            "nomination": objects["nomination"],
            "invitation": objects["invitation"],
            "round": objects["screening"],
        }.get(name.split(":")[1].split("_")[0])
        if "/nominations/" in route:
            owner = objects["nomination"]
        elif "/invitations/" in route:
            owner = objects["invitation"]
        elif "/rounds/" in route:
            owner = objects["screening"]
    values = {
        "pk": _pk(owner),
        "plan_pk": _pk(objects["plan"]),
        "member_pk": _pk(objects["member"]),
        "goal_pk": _pk(objects["goal"]),
        "intervention_pk": _pk(objects["intervention"]),
        "actor_pk": _pk(objects["actor"]),
        "consent_pk": _pk(objects["consent"]),
        "point_pk": _pk(objects["point"]),
        "registration_pk": _pk(objects["registration"]),
        "import_pk": _pk(objects["import"]),
        "candidate_pk": _pk(objects["candidate"]),
        "department_pk": _pk(objects["plan"].coordinator.department),
        "action": "give",
        "token": "x" * 43,
        "meeting_pk": _pk(objects["meeting"]),
        "code": objects["plan"].municipality.code,
        "rule_set_pk": _pk(objects["rule_version"].rule_set if objects["rule_version"] else None),
        "number": objects["rule_version"].number if objects["rule_version"] else 1,
        "table": "all",
        "fmt": "xlsx",
        "kind": "app",
        "slug": "x",
        "key": "interventions",
        "topic_pk": 999999,  # the demo's citizens have written no topic yet
    }

    def fill(match):
        return str(values[match.group(2)])

    return "/" + re.sub(r"<(int|str|slug):([a-z_]+)>", fill, route)


def snapshot() -> dict:
    """Every product table's row count, and the sum of its versions where it has them."""
    parts, labels = [], []
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in NOT_COUNTED or model._meta.proxy or not model._meta.managed:
            continue
        table_name = connection.ops.quote_name(model._meta.db_table)
        names = {f.column for f in model._meta.concrete_fields}
        version = "SUM(version)" if "version" in names else "0"
        stamp = next((c for c in ("updated_at", "changed_at", "modified_at") if c in names), None)
        # As text, so that PostgreSQL's UNION can put a table without one beside the others.
        stamp_sql = f"CAST(MAX({stamp}) AS TEXT)" if stamp else "''"
        parts.append(f"SELECT '{label}', COUNT(*), {version}, {stamp_sql} FROM {table_name}")
        labels.append(label)
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts))
        return {row[0]: tuple(str(v) for v in row[1:]) for row in cursor.fetchall()}


REFUSED = {403, 404, 405}


def refused(response) -> bool:
    if response.status_code in REFUSED:
        return True
    location = response.headers.get("Location", "")
    return response.status_code == 302 and "login" in location and "next=" in location


CASES = [(name, role) for name in sorted(post_routes()) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_posting_as_each_role(demo_once, db, name, role):
    allowed = table().get(name)
    assert allowed is not None, f"{name} has no row in docs/access.md"
    route = post_routes()[name]
    client = Client(raise_request_exception=False)
    user = demo_once["users"][role]
    if user is not None:
        client.force_login(user)
    path = path_for(name, route, demo_once)
    before = snapshot()
    response = client.post(path, {})
    if role in allowed:
        # Logging out sends everyone to the login page; no other refusal is a redirect
        # for a user who is logged in.
        status = response.status_code
        assert status not in REFUSED, f"{role} was refused {path}: {status}"
        assert status < 500
    else:
        assert refused(response), f"{role} was not refused {path}: {response.status_code}"
        changed = {k for k, v in snapshot().items() if before.get(k) != v}
        assert not changed, f"{role}'s refused post to {path} changed {changed}"


# Reading: every page that names a citizen is audited -----------------------------------


def get_routes() -> dict[str, str]:
    """url name -> route of every page outside the administration and the API."""
    routes = {}
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(OUTSIDE_THE_MATRIX):
            continue
        methods = _methods(get_resolver().resolve(_example_path(route)).func)
        if methods is None or "GET" in methods:
            routes[name] = route
    return routes


READ_CASES = [(name, role) for name in sorted(get_routes()) for role in ROLES]


@pytest.mark.parametrize(("name", "role"), READ_CASES, ids=[f"{n}-{r}" for n, r in READ_CASES])
def test_a_page_that_names_a_citizen_is_audited(demo_once, db, name, role):
    from enplan.core.models import AuditEvent
    from enplan.plans.models import Citizen

    client = Client(raise_request_exception=False)
    user = demo_once["users"][role]
    if user is not None:
        client.force_login(user)
    path = path_for(name, get_routes()[name], demo_once)
    before = AuditEvent.objects.count()
    response = client.get(path)
    assert response.status_code < 500, f"{path} as {role}: {response.status_code}"
    if response.status_code != 200 or "text/html" not in response.headers.get("Content-Type", ""):
        return
    text = response.content.decode()
    # A citizen's own name in the header of their own pages is no disclosure.
    own = user.get_full_name() if user is not None else None
    named = [
        full
        for first, last in Citizen.objects.values_list("first_name", "last_name")
        if (full := f"{first} {last}") in text and full != own
    ]
    if named:
        assert AuditEvent.objects.count() > before, (
            f"{path} as {role} names {len(named)} citizens without an audit event"
        )


# An allowed post does what it says ------------------------------------------------------
#
# "Not refused" alone would pass a page that answers an allowed user with an error. For
# each route below the test opens the form as the user would (GET), sends it back with
# what it shows plus a few values a user would type, and checks that the answer is a
# success (a redirect, or 200 for an htmx fragment) and that the row the action is about
# changed. Every other route with allowed roles is listed in NOT_GENERATED with why.


class FormReader(HTMLParser):
    """The fields of the forms on a page, as a browser would send them unchanged."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, dict]] = []
        # The names of each form's file fields, in the order of `forms`.
        self.file_fields: list[list[str]] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {}
            self.forms.append((a.get("action") or "", self._form))
            self.file_fields.append([])
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.setdefault(name, []).append(a.get("value", "on"))
            elif kind == "file":
                self.file_fields[-1].append(name)
            elif kind not in ("submit", "button"):
                self._form[name] = a.get("value") or ""
        elif tag == "select" and name:
            self._select, self._first_option = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._form[self._select] = value
        elif tag == "textarea" and name:
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self._form is not None:
            self._form.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._form = None


def form_as_shown(html: str, path: str) -> dict:
    reader = FormReader()
    reader.feed(html)
    # The page's own form: posted to its own address (or to none), never the language
    # switch or the logout in the layout.
    own = [fields for action, fields in reader.forms if action in ("", path)]
    assert own, f"{path} shows no form of its own"
    data = own[-1]
    data.pop("csrfmiddlewaretoken", None)
    return data


def _errors(response) -> list:
    form = response.context.get("form") if response.context else None
    return dict(form.errors) if form is not None else []


def _a_law(objects) -> int:
    from enplan.organisation.models import Legislation

    return Legislation.objects.filter(municipality=objects["plan"].municipality).first().pk


def _today():
    from django.utils import timezone

    return timezone.localdate().isoformat()


# url name -> (what a user types into the form, the tables whose rows must change)
EFFECTS = {
    "plans:settings": (lambda o, user: {"title": "Familien Bak og børnene"}, {"plans.plan"}),
    "plans:member_wishes": (
        lambda o, user: {"wishes": "At vi kan bo sammen."},
        {"plans.planmember"},
    ),
    "plans:goal_create": (
        lambda o, user: {"title": "Egen bolig", "life_area": "housing", "status": "not_started"},
        {"plans.goal"},
    ),
    "plans:goal_edit": (lambda o, user: {"title": "Egen bolig inden sommer"}, {"plans.goal"}),
    "plans:intervention_create": (
        lambda o, user: {
            "title": "Mentorforløb",
            "status": "planned",
            # Registered for the user's own department: the others' are not theirs.
            "department": user.professional.department_id,
            "legislation": _a_law(o),
        },
        {"plans.intervention"},
    ),
    "plans:intervention_edit": (
        lambda o, user: {"title": "Mentorforløb, 10 timer"},
        {"plans.intervention"},
    ),
    "plans:log_create": (
        lambda o, user: {
            "kind": "note",
            "text": "Talt med Sanne i telefon.",
            "occurred_on": _today(),
        },
        {"plans.logentry"},
    ),
    "plans:actor_edit": (lambda o, user: {"phone": "12345678"}, {"plans.actor"}),
    "plans:actor_end": (lambda o, user: {"ended_on": _today()}, {"plans.actor"}),
    "network:point_create": (
        lambda o, user: {"text": "Sanne og skolen taler sammen hver uge"},
        {"network.developmentpoint"},
    ),
    "citizen:wishes": (lambda o, user: {"wishes": "At vi får ro på."}, {"plans.planmember"}),
    "citizen:goal_comment": (lambda o, user: {"text": "Det går bedre nu."}, {"plans.logentry"}),
    "citizen:topic_add": (lambda o, user: {"text": "Skolen"}, {"citizen.meetingtopic"}),
}

# Routes with allowed roles whose success the matrix does not build, and why. Each is
# covered by its own app's tests.
NOT_GENERATED = {
    "login": "a session, not a row; core/tests/test_login.py",
    "logout": "a session, not a row",
    "set_language": "a session, not a row",
    "sso:logout": "a session, not a row",
    "citizen:logout": "a session, not a row",
    "session": "keeps the session alive, no row",
    "mfa:verify": "needs a code from the user's authenticator app",
    "mfa:add_app": "needs a code from the new authenticator app",
    "mfa:recovery_codes": "needs a confirmed second factor first",
    "otp_webauthn:credential-registration-begin": "a browser's WebAuthn ceremony",
    "otp_webauthn:credential-registration-complete": "a browser's WebAuthn ceremony",
    "otp_webauthn:credential-authentication-begin": "a browser's WebAuthn ceremony",
    "otp_webauthn:credential-authentication-complete": "a browser's WebAuthn ceremony",
    "notifications": "the demo's users have no unread notice to mark",
    "notification_settings": "a choice per kind; core/tests/test_notification_settings.py",
    "plans:create": "needs a CPR number the demo does not hold; plans/tests/test_plan_create.py",
    "plans:handover": "a two-step confirmation; plans/tests/test_handover.py",
    "plans:annul": "a two-step confirmation; plans/tests/test_annul.py",
    "plans:member_correct": "a two-step confirmation; plans/tests/test_correct_citizen.py",
    "plans:member_remove": "a two-step confirmation; plans/tests/test_member_remove.py",
    "plans:member_custody": "Sanne is an adult: custody is a child's; plans/tests/test_members.py",
    "plans:actor_add": "the form changes with the kind chosen; plans/tests",
    "plans:consent_create": "the demo's consent already covers the departments",
    "plans:consent_withdraw": "a confirmation with a reason; plans/tests/test_consent.py",
    "network:actor_add": "the form changes with the kind chosen; network/tests",
    "network:actor_end": "the same actor as plans:actor_end; network/tests",
    "network:rate": "a rating of a relation the form draws; network/tests",
    "network:point_edit": "network/tests",
    "meetings:create": "a time and participants in the future; meetings/tests",
    "meetings:edit": "meetings/tests",
    "meetings:cancel": "meetings/tests",
    "meetings:record": "attendance of a started meeting; meetings/tests",
    "meetings:decision_create": "the form changes with the effect chosen; meetings/tests",
    "meetings:evaluation": "meetings/tests",
    "meetings:evaluation_link_sms": "a one-time link must be made first; "
    "meetings/tests/test_evaluation_link_by_sms.py",
    "meetings:evaluation_leave": "the screen must first be handed over, in the session; "
    "meetings/tests/test_evaluation_focus.py",
    "meetings:evaluation_link": "meetings/tests",
    "meetings:recap": "meetings/tests",
    "citizen:person_add": "citizen/tests",
    "citizen:sharing": "an adult's choice with its own confirmation; citizen/tests",
    "citizen:consent_change": "citizen/tests/test_consent.py",
    "coordination:create": "coordination/tests",
    "coordination:groups": "coordination/tests",
    "coordination:extend": "coordination/tests",
    "coordination:remind": "sends mail; coordination/tests",
    "coordination:close": "coordination/tests",
    "coordination:import": "a file upload; coordination/tests, core/tests/test_junk_files.py",
    "coordination:import_delete": "coordination/tests",
    "coordination:answer": "a one-time answer with its own token; coordination/tests",
    "targeting:nomination_create": "targeting/tests",
    "targeting:nomination_decide": "targeting/tests",
    "targeting:nomination_merge": "a confirmation; targeting/tests",
    "targeting:invitation_accept": "targeting/tests",
    "targeting:invitation_decline": "targeting/tests",
    "targeting:round_upload": "a file upload; targeting/tests",
    "targeting:round_score": "a confirmation; targeting/tests",
    "targeting:round_close": "targeting/tests",
    "progress:step_register": "the demo's member is on the step already; progress/tests",
    "progress:step_withdraw": "progress/tests",
    "progress:step_model_choose": "refused once steps are registered; progress/tests",
}


def test_every_allowed_route_is_generated_or_says_why_not():
    with_roles = {name for name, roles in table().items() if roles}
    assert not set(EFFECTS) & set(NOT_GENERATED)
    missing = sorted(with_roles - set(EFFECTS) - set(NOT_GENERATED))
    assert not missing, f"routes with allowed roles neither generated nor explained: {missing}"
    assert not (set(EFFECTS) | set(NOT_GENERATED)) - with_roles


SUCCESS_CASES = [(name, role) for name in sorted(EFFECTS) for role in sorted(table()[name])]


@pytest.mark.parametrize(
    ("name", "role"), SUCCESS_CASES, ids=[f"{n}-{r}" for n, r in SUCCESS_CASES]
)
def test_an_allowed_post_does_what_it_says(demo_once, db, name, role):
    typed, tables = EFFECTS[name]
    client = Client(raise_request_exception=False)
    user = demo_once["users"][role]
    client.force_login(user)
    path = path_for(name, post_routes()[name], demo_once)
    shown = client.get(path)
    assert shown.status_code == 200, f"{role} could not open {path}: {shown.status_code}"
    data = form_as_shown(shown.content.decode(), path) | typed(demo_once, user)
    before = snapshot()
    response = client.post(path, data)
    assert response.status_code == 302, (
        f"{role}'s post to {path} answered {response.status_code}: {_errors(response)}"
    )
    changed = {k for k, v in snapshot().items() if before.get(k) != v}
    assert tables <= changed, f"{role}'s post to {path} changed {changed}, not {tables}"
