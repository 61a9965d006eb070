"""The names in the steering exports are typed by the administrator (steps, areas, the
municipality): none of them may run as a formula when a leader opens the file."""

import csv
import io

import pytest
from openpyxl import load_workbook

from enplan.progress.tests.conftest import MARCH

pytestmark = pytest.mark.django_db

QUERY = f"?start={MARCH.start}&end={MARCH.end}&group=all"
FORMULA = '=HYPERLINK("http://example.org","Klik")'


@pytest.fixture
def named(march):
    # Two models: each step is labelled "model: step", so the label starts with the formula.
    march.default_model.name = FORMULA
    march.default_model.save()
    return march


def test_a_step_models_name_is_text_in_the_csv(client, named):
    client.force_login(named.leader)
    text = client.get("/progress/steering/steps.csv" + QUERY).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    labels = [row[0] for row in rows if row and FORMULA in row[0]]
    assert labels
    assert all(label.startswith("'") for label in labels)


def test_a_step_models_name_is_text_in_the_xlsx(client, named):
    client.force_login(named.leader)
    content = client.get("/progress/steering/all.xlsx" + QUERY).content
    cells = [
        cell
        for sheet in load_workbook(io.BytesIO(content)).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and FORMULA in cell.value
    ]
    assert cells
    assert all(cell.data_type == "s" for cell in cells)
