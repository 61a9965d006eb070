"""The product's pages are valid HTML: the Nu Html Checker (vnu, the W3C's own checker)
reports no error on any page a user opens (`page_walk`: every GET route on the demo, the
plan's section pages, the citizen's evaluation). Every page is rendered once into a file,
and the checker runs once over all of them, as starting Java is the slow part.
`make test-tools` installs the checker (npm `vnu-jar`) into `.tools/`, and Java where it
is missing.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from enplan.core.tests.page_walk import all_pages
from enplan.core.tests.test_write_matrix import demo_once

__all__ = ["demo_once"]

ROOT = Path(__file__).resolve().parents[4]
VNU = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


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
    pages = all_pages(demo_once)
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
