"""Uploaded evidence on disk: stored under a name sakip chooses inside MEDIA_ROOT, served as an
attachment of a fixed type with a safe filename, and gone from disk with its row (deleted by the
OPD, by a cascade, replaced), but kept when the deletion is rolled back."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from sakip.evaluasi import actions, evidence, scoring
from sakip.evaluasi.models import BuktiDukung, Evaluasi
from tests.evaluasi.helpers import grade_all

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STORED = re.compile(r"^\d+/\d+/[0-9a-f]{32}\.pdf$")


def first(evaluasi):
    return scoring.rows_of(evaluasi).select_related("evaluasi").first()


def unggah(users, evaluasi, name, content=PDF):
    return actions.unggah_bukti(
        users["operator"], first(evaluasi), SimpleUploadedFile(name, content)
    )


def every_file(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def download(client, user, bukti):
    client.force_login(user)
    return client.get(reverse("evaluasi_bukti", args=["kecamatan-contoh", 2024, bukti.pk]))


# --- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\Windows\\win.ini.pdf", "win.ini.pdf"),
        ("/etc/cron.d/sakip.pdf", "sakip.pdf"),
        ("<script>alert(1)<.pdf", "<script>alert(1)<.pdf"),
        ("laporan\r\nSet-Cookie: x=1.pdf", "laporanSet-Cookie: x=1.pdf"),
        ("gpj\u202e.pdf", "gpj.pdf"),
    ],
)
def test_a_hostile_name_is_kept_for_display_only(evaluasi, users, settings, tmp_path, name, shown):
    bukti = unggah(users, evaluasi, name)
    media = Path(settings.MEDIA_ROOT).resolve()
    assert STORED.fullmatch(bukti.berkas), bukti.berkas
    assert bukti.berkas.startswith(f"{evaluasi.pemda_id}/{evaluasi.pk}/")
    assert every_file(tmp_path) == [media / "bukti-dukung" / bukti.berkas]  # nothing elsewhere
    assert (bukti.nama_berkas, bukti.judul) == (shown, shown)


def test_a_page_upload_named_like_a_path_lands_inside_media_root(client, evaluasi, users, tmp_path):
    client.force_login(users["operator"])
    jawaban = first(evaluasi)
    url = reverse("evaluasi_bukti_tambah", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    client.post(url, {"berkas": SimpleUploadedFile("../../etc/passwd.pdf", PDF)})
    bukti = BuktiDukung.objects.get()
    assert STORED.fullmatch(bukti.berkas) and bukti.nama_berkas == "passwd.pdf"
    assert every_file(tmp_path) == [evidence.root().resolve() / bukti.berkas]


def test_an_html_upload_is_refused_and_nothing_is_written(client, evaluasi, users, tmp_path):
    client.force_login(users["operator"])
    url = reverse("evaluasi_bukti_tambah", args=[evaluasi.opd.slug, 2024, first(evaluasi).pk])
    body = b"<script>alert(document.cookie)</script>"
    response = client.post(url, {"berkas": SimpleUploadedFile("<script>.html", body)})
    assert response.status_code == 422
    assert "Jenis berkas .html tidak diterima" in response.content.decode()
    assert not BuktiDukung.objects.exists() and every_file(tmp_path) == []


# --- the download -------------------------------------------------------------------------------


def test_the_download_is_an_attachment_of_the_checked_type(client, evaluasi, users):
    bukti = unggah(users, evaluasi, 'Laporan "akhir"\x07 Jati.pdf')
    BuktiDukung.objects.filter(pk=bukti.pk).update(tipe="text/html")  # never trusted when served
    response = download(client, users["evaluator"], bukti)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Laporan \\"akhir\\" Jati.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_non_ascii_name_is_sent_as_rfc_6266_with_an_ascii_fallback(client, evaluasi, users):
    bukti = unggah(users, evaluasi, "Évaluasi – Jati.pdf")
    response = download(client, users["operator"], bukti)
    assert response["Content-Disposition"] == (
        'attachment; filename="Evaluasi _ Jati.pdf"; '
        "filename*=UTF-8''%C3%89valuasi%20%E2%80%93%20Jati.pdf"
    )


def test_a_stored_path_outside_the_evidence_folder_is_never_served(
    client, evaluasi, users, settings, tmp_path
):
    secret = tmp_path / "rahasia.pdf"
    secret.write_bytes(PDF)
    bukti = unggah(users, evaluasi, "r.pdf")
    for berkas in ("../../rahasia.pdf", str(secret), "../bukti-dukung/../../rahasia.pdf"):
        BuktiDukung.objects.filter(pk=bukti.pk).update(berkas=berkas)
        assert download(client, users["evaluator"], bukti).status_code == 404


# --- removal --------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_deleting_through_the_page_removes_the_file(client, evaluasi, users):
    bukti = unggah(users, evaluasi, "r.pdf")
    stored = evidence.path_of(bukti)
    assert stored.is_file()
    client.force_login(users["operator"])
    response = client.post(
        reverse("evaluasi_bukti_hapus", args=[evaluasi.opd.slug, 2024, bukti.pk])
    )
    assert response.status_code == 302
    assert not BuktiDukung.objects.exists()
    assert not stored.exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_deletion_keeps_the_file(evaluasi, users):
    bukti = unggah(users, evaluasi, "r.pdf")
    pk, stored = bukti.pk, evidence.path_of(bukti)
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.hapus_bukti(users["operator"], bukti, evaluasi)
        raise RuntimeError("something later in the same transaction failed")
    assert BuktiDukung.objects.filter(pk=pk).exists()
    assert stored.read_bytes() == PDF


def test_a_refused_deletion_keeps_the_file(evaluasi, users, django_capture_on_commit_callbacks):
    bukti = unggah(users, evaluasi, "r.pdf")
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        actions.hapus_bukti(users["operator"], bukti, Evaluasi.objects.get(pk=evaluasi.pk))
    assert evidence.path_of(bukti).read_bytes() == PDF


def test_deleting_the_evaluation_removes_its_evidence_files(
    evaluasi, users, tmp_path, django_capture_on_commit_callbacks
):
    unggah(users, evaluasi, "a.pdf")
    unggah(users, evaluasi, "b.pdf")
    assert len(every_file(tmp_path)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        Evaluasi.objects.get(pk=evaluasi.pk).delete()  # cascades to answers and evidence
    assert every_file(tmp_path) == []


def test_replacing_the_file_of_a_row_leaves_no_orphan(
    evaluasi, users, tmp_path, django_capture_on_commit_callbacks
):
    bukti = unggah(users, evaluasi, "lama.pdf")
    old = evidence.path_of(bukti)
    checked = evidence.check_upload(SimpleUploadedFile("baru.pdf", PDF + b"%baru"))
    with django_capture_on_commit_callbacks(execute=True):
        bukti.berkas = evidence.store(
            evaluasi, SimpleUploadedFile("baru.pdf", PDF + b"%baru"), checked
        )
        bukti.save()
    assert not old.exists()
    assert every_file(tmp_path) == [evidence.path_of(bukti)]


def test_a_deleted_row_with_a_path_outside_removes_nothing_there(
    evaluasi, users, tmp_path, django_capture_on_commit_callbacks
):
    outside = tmp_path / "jangan-dihapus.pdf"
    outside.write_bytes(PDF)
    bukti = unggah(users, evaluasi, "r.pdf")
    BuktiDukung.objects.filter(pk=bukti.pk).update(berkas="../../jangan-dihapus.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        BuktiDukung.objects.get(pk=bukti.pk).delete()
    assert outside.read_bytes() == PDF


# --- follow-up uploads ----------------------------------------------------------------------------


def published_with_recommendation(evaluasi, users):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    grade_all(evaluasi, users["evaluator"], "evaluator", "A")
    rekomendasi = actions.tambah_rekomendasi(users["evaluator"], evaluasi, "Agar ...")
    actions.langkah(users["evaluator"], evaluasi, "reviu")
    actions.langkah(users["ketua"], evaluasi, "publikasikan")
    return rekomendasi


def test_a_follow_up_file_is_stored_served_and_removed_like_the_others(
    client, evaluasi, users, tmp_path, django_capture_on_commit_callbacks
):
    rekomendasi = published_with_recommendation(evaluasi, users)
    upload = SimpleUploadedFile("../tindak lanjut.pdf", PDF)
    tindak_lanjut = actions.ajukan_tindak_lanjut(users["operator"], rekomendasi, "Sudah.", upload)
    bukti = tindak_lanjut.bukti.get()
    assert STORED.fullmatch(bukti.berkas) and bukti.nama_berkas == "tindak lanjut.pdf"
    response = download(client, users["evaluator"], bukti)
    assert response["Content-Disposition"] == 'attachment; filename="tindak lanjut.pdf"'
    assert response["Content-Type"] == "application/pdf"
    client.force_login(users["operator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("evaluasi_bukti_hapus", args=[evaluasi.opd.slug, 2024, bukti.pk]))
    assert not BuktiDukung.objects.exists() and every_file(tmp_path) == []
