"""An import trusts nothing in the file: a workbook that unzips to far more than it
weighs is refused before it is unpacked, a formula is refused with its cell, and a bad
row anywhere stores nothing."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from enplan.coordination.models import Answer, AnswerImport, Respondent
from enplan.core.spreadsheets import SpreadsheetError, xlsx_rows

pytestmark = pytest.mark.django_db

HEADER = ["respondent", "respondent_group", "about_group", "dimension", "score"]


def _workbook(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bomb(group, unpacked_mb=60) -> bytes:
    """A real workbook with one answer whose sheet carries megabytes of blank space
    (which deflates ~1000:1) that an XML parser must read through."""
    source = zipfile.ZipFile(io.BytesIO(_workbook([["P1", group, group, "timely", 4]])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(item, source.read(item))
                continue
            head, tail = source.read(item).split(b"</sheetData>")
            with archive.open(item.filename, "w") as member:
                member.write(head)
                for _ in range(unpacked_mb):
                    member.write(b" " * (1024 * 1024))
                member.write(b"</sheetData>" + tail)
    return buffer.getvalue()


def _post(client, world, plan_round, data, name="svar.xlsx"):
    world.client_for(client, world.coordinator)
    return client.post(
        reverse("coordination:import", args=[plan_round.round.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )


@pytest.fixture
def group(plan_round):
    return plan_round.round.groups.get().name


def test_a_workbook_that_unzips_to_60_mb_is_refused_before_it_is_unpacked(
    client, world, plan_round, group
):
    data = _bomb(group)
    assert len(data) < 400 * 1024
    started = time.perf_counter()
    response = _post(client, world, plan_round, data)
    assert response.status_code == 200
    assert "pakkes ud til 60 MB" in response.text
    assert not AnswerImport.objects.exists()
    # Before the check, a file like this held the request for a minute and 65 MB.
    assert time.perf_counter() - started < 10


def test_refusing_the_bomb_takes_almost_no_memory(group):
    data = _bomb(group)
    tracemalloc.start()
    with pytest.raises(SpreadsheetError):
        list(xlsx_rows(data))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_a_formula_cell_is_refused_with_its_cell(client, world, plan_round, group):
    data = _workbook([["P1", group, group, "timely", 4], ["P1", group, group, "respect", "=2+2"]])
    response = _post(client, world, plan_round, data)
    assert "Cellen E3 indeholder en formel" in response.text
    assert not Respondent.objects.filter(imported_from__isnull=False).exists()


def test_a_bad_last_row_stores_none_of_the_good_ones(client, world, plan_round, group):
    rows = [[f"P{n}", group, group, "timely", 4] for n in range(1, 300)]
    rows.append(["P999", group, group, "timely", 9])
    response = _post(client, world, plan_round, _workbook(rows))
    assert "Række 301" in response.text
    assert not Answer.objects.filter(respondent__imported_from__isnull=False).exists()
    assert not AnswerImport.objects.exists()


def test_a_workbook_without_formulas_is_imported(client, world, plan_round, group):
    data = _workbook([["P1", group, group, "timely", 4], ["P1", group, group, "respect", 5]])
    response = _post(client, world, plan_round, data)
    assert response.status_code == 302
    assert AnswerImport.objects.get().rows == 2
