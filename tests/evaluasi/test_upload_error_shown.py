"""A refused upload answers with the whole worksheet: its message must be in sight."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.evaluasi import scoring

pytestmark = pytest.mark.django_db


def test_a_refused_upload_opens_its_box_and_the_form_returns_to_it(client, evaluasi, users):
    client.force_login(users["operator"])
    jawaban = scoring.rows_of(evaluasi).first()  # the worksheet's first criterion, on any database
    page = client.get(reverse("evaluasi", args=[evaluasi.opd.slug, 2024])).content.decode()
    assert f'#bukti-{jawaban.pk}" enctype="multipart/form-data"' in page
    url = reverse("evaluasi_bukti_tambah", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    refused = client.post(url, {"berkas": SimpleUploadedFile("bukan.pdf", b"bukan pdf")})
    assert refused.status_code == 422
    body = refused.content.decode()
    assert f'id="bukti-{jawaban.pk}" open' in body
