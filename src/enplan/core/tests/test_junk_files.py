"""Generated junk files in every upload of the product's pages never make a page answer
500, and never store anything (property-based, Hypothesis).

The sibling of `test_junk_input.py`: the same walk over the demo's pages, as the users who
may upload there (the coordinator imports relational-coordination answers, a reviewer
uploads a screening round's extracts), finds every form with a file field, fills in the
rest of the form as shown, and sends junk in every file field: random bytes, an empty
file, a known file type under the wrong name, a zip that is no workbook, a workbook that
unzips to 60 MB, garbage CSV. The answer may be a form with a Danish message or a
refusal, never a server error, and no row of the product's tables changes.
"""

import io
import os
import zipfile
from urllib.parse import urljoin

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from enplan.core.models import User
from enplan.core.tests.test_junk_input import _Demo, _targets
from enplan.core.tests.test_write_matrix import FormReader, snapshot

pytestmark = [pytest.mark.django_db(transaction=True)]


def _workbook(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb(unpacked_mb=60) -> bytes:
    """A real workbook whose sheet carries megabytes of blank space (deflates ~1000:1)."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([["a", "b"], [1, 2]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item, data)
                continue
            head, tail = data.split(b"</sheetData>")
            with archive.open(item.filename, "w") as member:
                member.write(head)
                for _ in range(unpacked_mb):
                    member.write(b" " * (1024 * 1024))
                member.write(b"</sheetData>" + tail)
    return buffer.getvalue()


def _zip_of(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, data)
    return buffer.getvalue()


BOMB = _bomb()
KNOWN_BAD = [
    ("tom.xlsx", b""),
    ("tom.csv", b""),
    ("svar.xlsx", os.urandom(2048)),
    ("svar.csv", os.urandom(2048)),
    ("svar.xlsx", b"respondent;score\nP1;4\n"),  # a CSV under a workbook's name
    ("svar.csv", _workbook([["respondent", "score"], ["P1", 4]])),  # and the other way
    ("svar.xlsx", _zip_of("hello.txt", b"no workbook here")),
    ("svar.xlsx", BOMB),
    ("svar.csv", b'"unterminated;\x00\xff\xfe;;;\n' * 50),
    ("svar.csv", "æøå;€;\u202e;🙂\n".encode("utf-16")),
    ("svar.exe", b"MZ\x90\x00" + os.urandom(200)),
    ("../../etc/passwd", b"root:x:0:0"),
]

JUNK_FILE = st.tuples(
    st.sampled_from(["svar.xlsx", "svar.csv", "udtræk.csv", "fil", "a" * 200 + ".xlsx"]),
    st.binary(max_size=4096),
)


def _upload_forms(client, url, user):
    """The forms on the page at `url` that carry a file field, as (target, fields, files)."""
    client.force_login(user)
    page = client.get(url)
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return []
    reader = FormReader()
    reader.feed(page.content.decode())
    found = []
    for (action, fields), files in zip(reader.forms, reader.file_fields, strict=True):
        if files:
            fields.pop("csrfmiddlewaretoken", None)
            found.append((urljoin(url, action) if action else url, fields, files))
    return found


def _throw_junk_files(client, name, user, target, fields, files):
    @settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(JUNK_FILE, min_size=len(files), max_size=len(files)))
    def junk(generated):
        _post(generated)

    def _post(chosen):
        client.force_login(user)
        before = snapshot()
        data = dict(fields)
        for field, (file_name, content) in zip(files, chosen, strict=True):
            data[field] = SimpleUploadedFile(file_name, content)
        response = client.post(target, data)
        assert response.status_code < 500, f"POST {name} with {chosen[0][0]}: 500"
        changed = {k for k, v in snapshot().items() if before.get(k) != v}
        assert not changed, f"junk files to {name} ({chosen[0][0]}) changed {changed}"

    for bad in KNOWN_BAD:
        _post([bad] * len(files))
    junk()


def test_junk_files_in_any_upload_never_answer_500_or_store_anything(demo):
    world = _Demo()
    # The reviewer of the demo's screening round uploads its extracts.
    reviewer = User.objects.get(username="fagperson")
    client = Client()
    uploads, names = set(), set()
    for name, url, user in _targets(world):
        for who in {user, reviewer}:
            for target, fields, files in _upload_forms(client, url, who):
                if (target, who.pk) in uploads:
                    continue
                uploads.add((target, who.pk))
                names.add(name)
                _throw_junk_files(client, name, who, target, fields, files)
    # The relational coordination's import and the screening round's upload, at least.
    assert {"coordination:import", "targeting:round_upload"} <= names, names
