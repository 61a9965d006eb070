"""The product's pages are valid HTML: the Nu Html Checker (vnu, the W3C's own checker)
reports no error on any page a user opens.

The pages are those of the write matrix's walk (every GET route outside the
administration and the API, filled in with the demo's objects), each opened by the first
role it is a page for, plus what that walk cannot reach on its own: the plan's section
pages (from the overview's menu) and the citizen's evaluation behind a real one-time link.
Every page is rendered once into a file, and the checker runs once over all of them, as
starting Java is the slow part. `make test-tools` installs the checker (npm `vnu-jar`) into
`.tools/`, and Java where it is missing.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from enplan.core.tests.test_write_matrix import demo_once, get_routes, path_for

__all__ = ["demo_once"]

ROOT = Path(__file__).resolve().parents[4]
VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Who opens each app's pages first; the next role is tried when a page is not theirs.
FIRST_ROLES = {
    "citizen": ("citizen", "anonymous"),
    "progress": ("leader", "coordinator"),
    "targeting": ("admin", "key_holder", "leader", "coordinator"),
    "coordination": ("coordinator", "admin"),
}
ROLES = ("coordinator", "professional", "admin", "leader", "key_holder", "citizen", "anonymous")


# Files, not pages: downloads, images, calendars, the metrics and the health check.
FILES = re.compile(r"\.[a-z<>:]+$|^(metrics|healthz)$")


def _open(objects, path, roles) -> str | None:
    """The page's HTML for the first role it is shown to, when it is a whole page (not a
    fragment or a redirect)."""
    for role in roles:
        client = Client(raise_request_exception=False)
        if objects["users"][role] is not None:
            client.force_login(objects["users"][role])
        response = client.get(path)
        if response.status_code == 200:
            html = response.content.decode()
            whole = html.lstrip()[:15].lower() == "<!doctype html>"
            return html if whole and "text/html" in response["Content-Type"] else None
    return None


def _pages(objects) -> dict[str, str]:
    """path -> HTML of every page the walk reaches."""
    pages = {}
    for name, route in sorted(get_routes().items()):
        if FILES.search(route):
            continue
        path = path_for(name, route, objects)
        app = name.split(":")[0] if ":" in name else ""
        roles = FIRST_ROLES.get(app, ()) + ROLES
        if (html := _open(objects, path, dict.fromkeys(roles))) is not None:
            pages[path] = html
    plan = objects["plan"]
    overview = pages[f"/plans/{plan.pk}/"]
    for key in sorted(set(re.findall(rf'href="/plans/{plan.pk}/([a-z-]+)/"', overview))):
        path = f"/plans/{plan.pk}/{key}/"
        if path not in pages and (html := _open(objects, path, ["coordinator"])) is not None:
            pages[path] = html
    pages.update(_evaluation_page(objects))
    return pages


def _evaluation_page(objects) -> dict[str, str]:
    from django.core.exceptions import PermissionDenied, ValidationError

    from enplan.meetings import services
    from enplan.meetings.models import Meeting

    # The first of the demo's meetings a member of the plan has yet to evaluate.
    for meeting in Meeting.objects.filter(plan=objects["plan"]).order_by("-starts_at"):
        for member in objects["plan"].members.order_by("pk"):
            try:
                _, token = services.evaluation_link_create(
                    user=objects["users"]["coordinator"], meeting=meeting, member=member
                )
            except (ValidationError, PermissionDenied):
                continue
            path = f"/meetings/e/{token}/"
            return {path: _open(objects, path, ["anonymous"])}
    raise AssertionError("the demo has no meeting left to evaluate")
    return {path: _open(objects, path, ["anonymous"])}


def _check(files: list[Path]) -> list[dict]:
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # vnu writes its JSON report on stderr, and exits 1 when it found errors.
    return json.loads(result.stderr or result.stdout)["messages"]


@pytest.mark.skipif(shutil.which("java") is None, reason="the HTML checker runs on Java")
def test_every_page_is_valid_html(demo_once, db, tmp_path):
    assert VNU.exists(), f"no HTML checker at {VNU}: run `make test-tools`"
    pages = _pages(demo_once)
    assert len(pages) > 90, sorted(pages)
    files = {}
    for number, (path, html) in enumerate(sorted(pages.items())):
        file = tmp_path / f"{number:03}.html"
        file.write_text(html, encoding="utf-8")
        files[file] = path
    by_url = {file.as_uri(): path for file, path in files.items()}
    errors = [
        f"{by_url.get(m.get('url', '').replace('file:/', 'file:///', 1), m.get('url'))}"
        f" line {m.get('lastLine')}: {m['message']}  [{' '.join(m.get('extract', '').split())}]"
        for m in _check(list(files))
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
