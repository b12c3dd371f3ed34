"""A pemda's own Word template: checked on upload, then used for its documents only."""

from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from sakip.dataset import load_data
from sakip.organisasi.models import Pemda
from sakip.pelaporan.models import TemplatDokumen
from sakip.pelaporan.template import TEMPLATE_PATH
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_data(dataset())
    user = make_user(Pemda.objects.get(), "admin_pemda")
    client.force_login(user)
    return user


def restyled_template() -> bytes:
    """The built-in template with a letterhead line added, as a pemda would do in Word."""
    document = Document(str(TEMPLATE_PATH))
    document.paragraphs[0].insert_paragraph_before("PEMERINTAH KABUPATEN CONTOH — KOP SURAT")
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, content, name="templat.docx", jenis="lkjip"):
    return client.post(
        reverse("templat"),
        {"jenis": jenis, "berkas": SimpleUploadedFile(name, content)},
        follow=True,
    )


def test_an_uploaded_template_is_used_for_the_pemdas_lkjip(client, admin):
    page = upload(client, restyled_template()).content.decode()
    assert "Templat tersimpan" in page
    lkjip = client.get(reverse("lkjip_docx", args=["kecamatan-contoh", 2024])).content
    text = "\n".join(p.text for p in Document(BytesIO(lkjip)).paragraphs)
    assert "KOP SURAT" in text and "BAB I" in text
    client.post(reverse("templat"), {"jenis": "lkjip", "hapus": "1"})
    lkjip = client.get(reverse("lkjip_docx", args=["kecamatan-contoh", 2024])).content
    assert "KOP SURAT" not in "\n".join(p.text for p in Document(BytesIO(lkjip)).paragraphs)


def test_a_template_without_the_chapter_markers_is_refused(client, admin):
    document = Document()
    document.add_paragraph("Kop saja")
    out = BytesIO()
    document.save(out)
    page = upload(client, out.getvalue()).content.decode()
    assert "kehilangan penanda" in page and "{{p bab1 }}" in page
    assert not TemplatDokumen.objects.exists()


def test_a_file_that_is_not_word_is_refused(client, admin):
    page = upload(client, b"%PDF-1.4 bukan word").content.decode()
    assert "bukan dokumen Word" in page
    assert not TemplatDokumen.objects.exists()


def test_going_back_to_the_built_in_template_deletes_the_file(
    client, admin, settings, django_capture_on_commit_callbacks
):
    upload(client, restyled_template())
    stored = Path(settings.MEDIA_ROOT) / TemplatDokumen.objects.get().berkas
    assert stored.is_file() and stored.name == "lkjip.docx"  # a name sakip chose
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("templat"), {"jenis": "lkjip", "hapus": "1"})
    assert not TemplatDokumen.objects.exists()
    assert not stored.exists()
