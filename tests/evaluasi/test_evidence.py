"""Bukti dukung: links chosen from a list, uploads checked by size, extension and content,
stored under MEDIA_ROOT and served only to those who may read the evaluation."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.evaluasi import actions, evidence
from sakip.evaluasi.models import BuktiDukung

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes(part="word/document.xml") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(part, "<w:document/>")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def first(evaluasi):
    return evaluasi.jawaban.select_related("evaluasi").first()


def test_a_valid_pdf_is_stored_under_the_media_root(evaluasi, users, settings):
    bukti = actions.unggah_bukti(users["operator"], first(evaluasi), upload("renstra.pdf", PDF))
    stored = Path(settings.MEDIA_ROOT) / "bukti-dukung" / bukti.berkas
    assert stored.read_bytes() == PDF
    assert (bukti.nama_berkas, bukti.ukuran, bukti.tipe) == (
        "renstra.pdf",
        len(PDF),
        "application/pdf",
    )
    assert "renstra" not in stored.name  # a random name, never the user's


@pytest.mark.parametrize(
    "name,content",
    [("foto.png", PNG), ("lkjip.docx", docx_bytes()), ("data.xlsx", docx_bytes("xl/workbook.xml"))],
)
def test_allowed_types_with_matching_content_are_accepted(evaluasi, users, name, content):
    assert actions.unggah_bukti(users["operator"], first(evaluasi), upload(name, content)).pk


@pytest.mark.parametrize(
    "name,content,words",
    [
        ("program.exe", b"MZ\x90\x00", "tidak diterima"),
        ("tanpa-ekstensi", PDF, "tidak diterima"),
        ("palsu.pdf", PNG, "bukan PDF"),
        ("palsu.docx", docx_bytes("xl/workbook.xml"), "bukan DOCX"),
        ("palsu.xlsx", b"PK\x03\x04 not a zip", "bukan XLSX"),
        ("kosong.pdf", b"", "kosong"),
    ],
)
def test_wrong_types_are_refused_in_indonesian(evaluasi, users, name, content, words):
    with pytest.raises(ValidationError) as refused:
        actions.unggah_bukti(users["operator"], first(evaluasi), upload(name, content))
    assert words in refused.value.message_dict["berkas"][0]
    assert not BuktiDukung.objects.exists()


def test_an_oversized_file_is_refused(evaluasi, users):
    big = upload("besar.pdf", PDF + b"0" * evidence.MAX_BYTES)
    with pytest.raises(ValidationError) as refused:
        actions.unggah_bukti(users["operator"], first(evaluasi), big)
    assert "melebihi batas 10 MB" in refused.value.message_dict["berkas"][0]


def test_links_are_chosen_from_the_list_only(evaluasi, users):
    keys = dict(evidence.pilihan_rujukan(evaluasi))
    assert {"pk:0", "lkjip", "pengukuran", "realisasi:4"} <= set(keys)
    assert any(key.startswith("renstra:") for key in keys)
    bukti = actions.tambah_rujukan(users["operator"], first(evaluasi), "pk:0")
    assert bukti.judul == "Perjanjian Kinerja 2024 revisi 0"
    with pytest.raises(ValidationError):
        actions.tambah_rujukan(users["operator"], first(evaluasi), "https://contoh.test/")


def test_only_the_opd_adds_evidence_and_only_before_submitting(evaluasi, users):
    with pytest.raises(PermissionDenied):
        actions.tambah_rujukan(users["evaluator"], first(evaluasi), "lkjip")
    from tests.evaluasi.helpers import grade_all

    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    with pytest.raises(ValidationError, match="tidak dapat diubah lagi"):
        actions.tambah_rujukan(users["operator"], first(evaluasi), "lkjip")


def test_uploaded_file_is_served_only_through_the_authorized_view(client, evaluasi, users, opd):
    from sakip.dataset import load_data
    from sakip.organisasi.models import PerangkatDaerah
    from tests.evaluasi.helpers import team
    from tests.factories import dataset

    bukti = actions.unggah_bukti(users["operator"], first(evaluasi), upload("r.pdf", PDF))
    url = reverse("evaluasi_bukti", args=[opd.slug, 2024, bukti.pk])
    client.force_login(users["evaluator"])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    same = dataset()
    same["opd"] = {**same["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(same)
    neighbour = team(PerangkatDaerah.objects.get(slug="dinas-lain"), "-b")
    client.force_login(neighbour["operator"])
    assert client.get(url).status_code == 403
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-kota", "nama": "Dinas Kota"}
    load_data(other)
    stranger = team(PerangkatDaerah.objects.get(slug="dinas-kota"), "-c")
    client.force_login(stranger["admin"])
    assert client.get(url).status_code == 404


def test_upload_through_the_page_shows_the_refusal_next_to_the_criterion(client, evaluasi, users):
    client.force_login(users["operator"])
    jawaban = first(evaluasi)
    url = reverse("evaluasi_bukti_tambah", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    response = client.post(url, {"berkas": upload("virus.exe", b"MZ")})
    assert response.status_code == 422
    assert "Jenis berkas .exe tidak diterima" in response.content.decode()
