"""A reviewer uploads their department's extract on the round's page: a good file is
stored and audited, a bad one is refused whole with the Danish message on the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from enplan.core.models import AuditAction, AuditEvent
from enplan.targeting.models import Extract
from enplan.targeting.tests.conftest import csv_upload
from enplan.targeting.tests.extracts import SMALL, damaged, h, p, write_parquet

pytestmark = pytest.mark.django_db


def upload_url(screening):
    return f"/targeting/rounds/{screening.round.pk}/upload/"


def test_a_good_extract_is_stored_audited_and_leads_back_to_the_round(client, screening):
    client.force_login(screening.reviewer.user)
    response = client.post(upload_url(screening), {"file": csv_upload()}, follow=True)
    assert response.redirect_chain == [(f"/targeting/rounds/{screening.round.pk}/", 302)]
    extract = Extract.objects.get()
    assert (extract.round, extract.department) == (screening.round, screening.reviewer.department)
    assert (extract.rows, extract.persons, extract.file_name) == (len(SMALL), 6, "extract.csv")
    assert "Udtrækket er tjekket og gemt: 11 rækker, 6 personer." in response.text
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="targeting.extract")
    assert (event.user, event.object_id, event.path) == (
        screening.reviewer.user,
        str(extract.pk),
        upload_url(screening),
    )


def test_a_bad_extract_is_refused_with_the_danish_message_and_nothing_is_stored(client, screening):
    bad = [*SMALL[:3], (p("bo"), h("bo"), "open_cases", "mange")]
    client.force_login(screening.reviewer.user)
    response = client.post(upload_url(screening), {"file": csv_upload(bad)})
    assert response.status_code == 400
    assert "Række 5, kolonne “value”: “mange” er ikke et tal." in response.text
    assert "Intet er gemt." in response.text
    assert not Extract.objects.exists()
    assert not AuditEvent.objects.filter(object_type="targeting.extract").exists()


def test_a_file_that_is_not_utf_8_is_refused_with_the_danish_message(client, screening):
    upload = csv_upload()
    upload.file.write("\nø,æ,å,1\n".encode("cp1252"))
    upload.file.seek(0)
    upload.size = len(upload.file.getvalue())
    client.force_login(screening.reviewer.user)
    response = client.post(upload_url(screening), {"file": upload})
    assert response.status_code == 400
    assert "filen er ikke i UTF-8" in response.text
    assert not Extract.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "stranger"])
def test_someone_who_cannot_see_the_round_gets_404_and_nothing_is_stored(client, screening, who):
    client.force_login(getattr(screening, who).user)
    response = client.post(upload_url(screening), {"file": csv_upload()})
    assert response.status_code == 404
    assert not Extract.objects.exists()


@pytest.mark.parametrize("who", ["leader", "key_holder", "admin"])
def test_someone_who_sees_the_round_but_does_not_review_it_may_not_upload(client, screening, who):
    client.force_login(getattr(screening, who))
    response = client.post(upload_url(screening), {"file": csv_upload()})
    assert response.status_code == 403
    assert not Extract.objects.exists()


def test_a_damaged_parquet_file_is_refused_with_a_message_not_an_error_page(
    client, screening, tmp_path
):
    path = write_parquet(tmp_path / "x.parquet", [(*r[:3], 1) for r in SMALL], "DOUBLE")
    upload = SimpleUploadedFile("x.parquet", damaged(path).read_bytes())
    client.force_login(screening.reviewer.user)
    response = client.post(upload_url(screening), {"file": upload})
    assert response.status_code == 400
    assert "Filen kan ikke læses som Parquet." in response.text
    assert not Extract.objects.exists()
