"""The product's pages, opened on the demo: the write matrix's walk of every GET route
(outside the administration and the API), each page opened by the first role it is a page
for, plus what the walk cannot reach on its own: the plan's section pages (from the
overview's menu), the citizen's evaluation behind a real one-time link, and the page for a
plan that is not there.

Used with the write matrix's `demo_once` fixture, by the HTML checker's test and the
plain-Danish test of the citizen's pages."""

import re

from django.test import Client

from enplan.core.tests.test_write_matrix import get_routes, path_for

# Files, not pages: downloads, images, calendars, the metrics and the health check.
FILES = re.compile(r"\.[a-z<>:]+$|^(metrics|healthz)$")

# Who opens each app's pages first; the next role is tried when a page is not theirs.
FIRST_ROLES = {
    "citizen": ("citizen", "anonymous"),
    "progress": ("leader", "coordinator"),
    "targeting": ("admin", "key_holder", "leader", "coordinator"),
    "coordination": ("coordinator", "admin"),
}
ROLES = ("coordinator", "professional", "admin", "leader", "key_holder", "citizen", "anonymous")


def client_for(objects, role) -> Client:
    client = Client(raise_request_exception=False)
    if objects["users"][role] is not None:
        client.force_login(objects["users"][role])
    return client


def open_page(objects, path, roles) -> str | None:
    """The page's HTML for the first role it is shown to, when it is a whole page (not a
    fragment, a file or a redirect)."""
    for role in roles:
        response = client_for(objects, role).get(path)
        if response.status_code == 200:
            html = response.content.decode()
            whole = html.lstrip()[:15].lower() == "<!doctype html>"
            return html if whole and "text/html" in response["Content-Type"] else None
    return None


def route_pages(objects, apps=None) -> dict[str, str]:
    """path -> HTML of every page of the URLconf's walk (of the named apps only, if given)."""
    pages = {}
    for name, route in sorted(get_routes().items()):
        app = name.split(":")[0] if ":" in name else ""
        if FILES.search(route) or (apps is not None and app not in apps):
            continue
        path = path_for(name, route, objects)
        roles = FIRST_ROLES.get(app, ()) + ROLES
        if (html := open_page(objects, path, dict.fromkeys(roles))) is not None:
            pages[path] = html
    return pages


def section_pages(objects, overview: str) -> dict[str, str]:
    """path -> HTML of each section page the plan overview's menu links to."""
    plan = objects["plan"]
    pages = {}
    for key in sorted(set(re.findall(rf'href="/plans/{plan.pk}/([a-z-]+)/"', overview))):
        path = f"/plans/{plan.pk}/{key}/"
        if (html := open_page(objects, path, ["coordinator"])) is not None:
            pages[path] = html
    return pages


def meeting_to_evaluate(objects):
    """The latest of the demo plan's meetings with a member yet to evaluate it, and a new
    one-time link for them: (meeting, member, token)."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from enplan.meetings import services
    from enplan.meetings.models import Meeting

    for meeting in Meeting.objects.filter(plan=objects["plan"]).order_by("-starts_at"):
        for member in objects["plan"].members.order_by("pk"):
            try:
                _, token = services.evaluation_link_create(
                    user=objects["users"]["coordinator"], meeting=meeting, member=member
                )
            except (ValidationError, PermissionDenied):
                continue
            return meeting, member, token
    raise AssertionError("the demo has no meeting left to evaluate")


def all_pages(objects) -> dict[str, str]:
    pages = route_pages(objects)
    overview = pages[f"/plans/{objects['plan'].pk}/"]
    pages |= {p: h for p, h in section_pages(objects, overview).items() if p not in pages}
    meeting, _, token = meeting_to_evaluate(objects)
    for path, role in (
        (f"/meetings/e/{token}/", "anonymous"),
        (f"/meetings/{meeting.pk}/evaluation/", "coordinator"),
    ):
        pages[path] = open_page(objects, path, [role])
    # The page a user meets where there is nothing for them, logged in and not.
    for role in ("coordinator", "citizen", "anonymous"):
        response = client_for(objects, role).get("/plans/999999/")
        assert response.status_code in (302, 404), response.status_code
        if response.status_code == 404:
            pages[f"404 as {role}"] = response.content.decode()
    return pages
