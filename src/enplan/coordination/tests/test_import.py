"""Importing answers collected on paper: CSV or XLSX, every row or none, and a Danish
message that names the row and the column."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from enplan.coordination import answer_files, services
from enplan.coordination.models import Answer, AnswerImport, Respondent
from enplan.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "respondent,respondent_group,about_group,dimension,score\n"


@pytest.fixture
def group(plan_round):
    return plan_round.round.groups.get().name


def _csv(group, rows):
    return (HEADER + "".join(f"{r}\n" for r in rows)).format(g=group).encode()


def _import(world, plan_round, data, name="svar.csv"):
    return services.answers_import(
        user=world.coordinator.user, round_=plan_round.round, file_name=name, data=data
    )


def test_a_csv_file_is_imported_as_submitted_respondents(world, plan_round, group):
    data = _csv(group, [f"P{n},{{g}},{{g}},{d},4" for n in (1, 2) for d in ("frequent", "timely")])
    batch = _import(world, plan_round, data)
    assert (batch.rows, batch.respondents) == (4, 2)
    imported = Respondent.objects.filter(imported_from=batch)
    assert sorted(imported.values_list("label", flat=True)) == ["P1", "P2"]
    assert all(r.submitted_at for r in imported)
    assert Answer.objects.filter(respondent__in=imported).count() == 4


def test_an_xlsx_file_is_imported_too(world, plan_round, group):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["respondent", "respondent_group", "about_group", "dimension", "score"])
    sheet.append(["P1", group.upper(), group, "respect", 5])
    sheet.append(["P1", group, group, "timely", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = _import(world, plan_round, buffer.getvalue(), name="svar.xlsx")
    scores = dict(
        Answer.objects.filter(respondent__imported_from=batch).values_list("dimension", "score")
    )
    assert scores == {"respect": 5, "timely": None}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("P1,{g},Ukendt,respect,4", "Række 3, kolonne »about_group«: »Ukendt« er ikke en gruppe"),
        ("P1,{g},{g},respekt,4", "Række 3, kolonne »dimension«: »respekt« er ikke en dimension"),
        ("P1,{g},{g},respect,6", "Række 3, kolonne »score«: »6« er ikke et helt tal fra 1 til 5"),
        ("P1,{g},{g},respect,3.5", "Række 3, kolonne »score«: »3.5«"),
        (",{g},{g},respect,4", "Række 3, kolonne »respondent«: Svarpersonen er tom."),
        ("P1,{g},{g},timely,4", "Række 3, kolonne »dimension«: P1 har allerede svaret"),
    ],
)
def test_one_bad_row_rejects_the_whole_file(world, plan_round, group, row, message):
    data = _csv(group, ["P1,{g},{g},timely,4", row])
    with pytest.raises(ValidationError) as error:
        _import(world, plan_round, data)
    assert message in error.value.messages[0]
    assert not AnswerImport.objects.exists()
    assert not Respondent.objects.filter(label="P1").exists()


def test_whole_scores_written_with_decimals_are_the_same_answer(world, plan_round, group):
    # As survey tools and Danish spreadsheets export them: "4.0", "5,0".
    data = _csv(group, ["P1,{g},{g},timely,4.0", "P1,{g},{g},respect,5,0"])
    data = data.replace(b"respect,5,0", b'respect,"5,0"')
    batch = _import(world, plan_round, data)
    scores = dict(
        Answer.objects.filter(respondent__imported_from=batch).values_list("dimension", "score")
    )
    assert scores == {"timely": 4, "respect": 5}


def test_a_missing_column_is_named(world, plan_round):
    with pytest.raises(ValidationError, match="Kolonnen »score« mangler i første række"):
        _import(world, plan_round, b"respondent,respondent_group,about_group,dimension\n")


def test_a_respondent_in_two_groups_is_refused(world, plan_round, group):
    plan_round.round.groups.create(municipality_id=world.municipality.pk, name="Anden")
    data = _csv(group, ["P1,{g},{g},timely,4", "P1,Anden,{g},respect,4"])
    with pytest.raises(ValidationError, match="Række 3, kolonne »respondent_group«"):
        _import(world, plan_round, data)


def test_the_same_respondent_cannot_be_imported_twice(world, plan_round, group):
    _import(world, plan_round, _csv(group, ["P1,{g},{g},timely,4"]))
    with pytest.raises(ValidationError, match="Række 2, kolonne »respondent«: P1 er allerede"):
        _import(world, plan_round, _csv(group, ["P1,{g},{g},respect,4"]))
    assert AnswerImport.objects.count() == 1


def test_semicolons_and_windows_encoding_from_danish_spreadsheets_are_read(group):
    data = "respondent;respondent_group;about_group;dimension;score\nSøren;Æ;Æ;respect;4\n"
    parsed = answer_files.parse(answer_files.read_table("x.csv", data.encode("cp1252")))
    assert parsed.rows[0].respondent == "Søren"


def test_other_file_types_are_refused():
    with pytest.raises(ValidationError, match="Vælg en CSV- eller XLSX-fil"):
        answer_files.read_table("svar.pdf", b"%PDF")


def test_the_upload_page_shows_the_message_and_saves_nothing(client, world, plan_round, group):
    client.force_login(world.coordinator.user)
    upload = SimpleUploadedFile("svar.csv", _csv(group, ["P1,{g},{g},respect,9"]))
    response = client.post(
        reverse("coordination:import", args=[plan_round.round.pk]), {"file": upload}
    )
    assert response.status_code == 200
    assert "Række 2, kolonne »score«: »9«" in response.text
    assert not AnswerImport.objects.exists()


def test_the_upload_page_imports_and_audits(client, world, plan_round, group):
    client.force_login(world.coordinator.user)
    upload = SimpleUploadedFile("svar.csv", _csv(group, ["P1,{g},{g},respect,4"]))
    response = client.post(
        reverse("coordination:import", args=[plan_round.round.pk]), {"file": upload}, follow=True
    )
    assert "1 svar fra 1 svarpersoner er importeret." in response.text
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="coordination.answerimport"
    ).exists()


def test_an_import_can_be_deleted_after_confirming(client, world, plan_round, group):
    batch = _import(world, plan_round, _csv(group, ["P1,{g},{g},respect,4"]))
    client.force_login(world.coordinator.user)
    address = reverse("coordination:import_delete", args=[plan_round.round.pk, batch.pk])
    assert "bliver slettet" in client.get(address).text
    assert AnswerImport.objects.exists()
    client.post(address)
    assert not AnswerImport.objects.exists()
    assert not Respondent.objects.filter(label="P1").exists()
