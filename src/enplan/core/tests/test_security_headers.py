"""Every page a staff user or a citizen opens carries the security headers: a strict
Content Security Policy with a nonce and no framing, no sniffing, a same-origin referrer,
no browser features, and `no-store` so that a shared computer keeps no copy of it.
Static files keep being cached."""

import re

import pytest
from django.urls import reverse

from enplan.citizen.tests.factories import make_family, with_login
from enplan.citizen.tests.urls_under_test import READ_ONLY as CITIZEN_READ_ONLY
from enplan.citizen.tests.urls_under_test import furnish as furnish_citizen
from enplan.citizen.tests.urls_under_test import url_for as citizen_url_for
from enplan.plans.tests.urls_under_test import READ_ONLY as PLAN_READ_ONLY
from enplan.plans.tests.urls_under_test import furnish, url_for

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "home",
    "plans:caseload",
    "notifications",
    "meetings:themes",
    "coordination:index",
    "mfa:security",
]
PUBLIC_PAGES = ["login", "citizen:login", "accessibility", "healthz"]


def assert_hardened(response, url):
    assert response.status_code in {200, 302}, (url, response.status_code)
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict(
        ([*part.split(" ", 1), ""])[:2] for part in (p.strip() for p in csp.split(";")) if part
    )
    assert directives.get("default-src") == "'self'", (url, csp)
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9+/=_-]+'|'self'", directives["script-src"])
    assert directives.get("style-src") == "'self'", (url, csp)
    assert directives.get("frame-ancestors") == "'none'", (url, csp)
    assert directives.get("object-src") == "'none'", (url, csp)
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff", url
    assert response.headers["Referrer-Policy"] == "same-origin", url
    assert response.headers["X-Frame-Options"] == "DENY", url
    assert "camera=()" in response.headers["Permissions-Policy"], url
    assert "no-store" in response.headers["Cache-Control"], (url, response.headers)
    assert "private" in response.headers["Cache-Control"], url
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        # No inline script without the page's nonce, no inline style at all.
        nonce = re.search(r"'nonce-([^']+)'", csp)
        for tag in re.findall(r"<script\b[^>]*>", html):
            runs = "application/json" not in tag  # data for a script, never run
            assert not runs or "src=" in tag or (nonce and f'nonce="{nonce.group(1)}"' in tag), (
                url,
                tag,
            )
        assert not re.search(r"<[a-z][^>]*\sstyle=", html), url
        assert "<style" not in html, url
        assert not re.search(r"\son[a-z]+=\"", html), url
        assert '"includeIndicatorStyles": false' in html, url


def test_every_page_of_a_plan_is_hardened_for_its_coordinator(client, world):
    client.force_login(world.coordinator.user)
    objects = furnish(world.plan, world.member, world.department)
    urls = [reverse(name) for name in STAFF_PAGES]
    urls += [url_for(name, objects) for name in sorted(PLAN_READ_ONLY)]
    urls += [
        reverse("network:map", kwargs={"pk": world.plan.pk}),
        reverse("network:map_svg", kwargs={"pk": world.plan.pk}),
        reverse("meetings:plan_meetings", kwargs={"plan_pk": world.plan.pk}),
    ]
    for url in urls:
        assert_hardened(client.get(url), url)


def test_every_page_of_a_citizens_plan_is_hardened(client, world):
    family = make_family(world)
    objects = furnish_citizen(family)
    client.force_login(with_login(family.mother))
    urls = [reverse("citizen:home")]
    urls += [citizen_url_for(name, objects) for name in sorted(CITIZEN_READ_ONLY)]
    for url in urls:
        assert_hardened(client.get(url), url)


def test_the_pages_before_logging_in_are_hardened_too(client, db):
    for name in PUBLIC_PAGES:
        url = reverse(name)
        assert_hardened(client.get(url), url)


def test_a_page_carries_a_fresh_nonce_each_time(client, world):
    client.force_login(world.coordinator.user)
    first = client.get(reverse("plans:caseload"))["Content-Security-Policy"]
    second = client.get(reverse("plans:caseload"))["Content-Security-Policy"]
    assert "'nonce-" in first
    assert first != second


def test_static_files_are_still_cached(client, db):
    response = client.get("/static/enplan/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
