"""Races and bad input found in review: evidence after submission, whole-row saves, ids that
are not numbers, oversized uploads, one account as both evaluator and ketua tim, a double open."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from sakip.evaluasi import actions, evidence
from sakip.evaluasi.models import BuktiDukung, Evaluasi, JawabanKriteria
from tests.evaluasi.helpers import grade_all

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def stale_answer(evaluasi):
    """The answer (and its evaluation) as a request loaded them before anything below."""
    return JawabanKriteria.objects.select_related("evaluasi").get(
        pk=evaluasi.jawaban.order_by("pk").first().pk
    )


def submit(evaluasi, users):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], Evaluasi.objects.get(pk=evaluasi.pk), "ajukan")


# --- evidence after submission ------------------------------------------------------------------


def test_evidence_with_a_copy_loaded_before_the_submission_is_refused(evaluasi, users, settings):
    loaded = stale_answer(evaluasi)  # a slow upload started here
    submit(evaluasi, users)  # someone pressed "ajukan" meanwhile
    assert loaded.evaluasi.status == Evaluasi.Status.PENILAIAN_MANDIRI  # the stale copy
    with pytest.raises(ValidationError, match="bukti dukung tidak dapat diubah lagi"):
        actions.tambah_rujukan(users["operator"], loaded, "lkjip")
    with pytest.raises(ValidationError, match="bukti dukung tidak dapat diubah lagi"):
        actions.unggah_bukti(users["operator"], loaded, SimpleUploadedFile("r.pdf", PDF))
    assert not BuktiDukung.objects.exists()
    assert not list(evidence.root().rglob("*.pdf"))  # nothing left on disk either


def test_evidence_cannot_be_removed_with_a_copy_loaded_before_the_submission(evaluasi, users):
    loaded = stale_answer(evaluasi)
    bukti = actions.tambah_rujukan(users["operator"], loaded, "lkjip")
    submit(evaluasi, users)
    with pytest.raises(ValidationError, match="bukti dukung tidak dapat diubah lagi"):
        actions.hapus_bukti(users["operator"], bukti, loaded.evaluasi)
    assert BuktiDukung.objects.filter(pk=bukti.pk).exists()


def test_a_file_written_before_a_rollback_is_removed(evaluasi, users, monkeypatch):
    def fail_after_writing(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(BuktiDukung, "save", fail_after_writing)
    with pytest.raises(IntegrityError):
        actions.unggah_bukti(
            users["operator"], stale_answer(evaluasi), SimpleUploadedFile("r.pdf", PDF)
        )
    assert not [p for p in evidence.root().rglob("*") if p.is_file()]


# --- whole-row saves --------------------------------------------------------------------------------


def test_each_party_writes_only_its_own_fields_and_keeps_history(evaluasi, users):
    submit(evaluasi, users)
    jawaban = stale_answer(evaluasi)  # nilai_mandiri "A" in this copy
    JawabanKriteria.objects.filter(pk=jawaban.pk).update(nilai_mandiri="C")  # unseen by it
    actions.simpan_penilaian(users["evaluator"], jawaban, "B", "catatan", jawaban.versi)
    actions.simpan_penilaian(users["evaluator"], jawaban, "BB", "lagi", jawaban.versi)
    row = JawabanKriteria.objects.get(pk=jawaban.pk)
    assert (row.nilai_mandiri, row.nilai_evaluator, row.catatan_evaluator) == ("C", "BB", "lagi")
    last = JawabanKriteria.history.filter(id=jawaban.pk).order_by("history_date").last()
    assert (last.nilai_mandiri, last.nilai_evaluator, last.versi) == ("C", "BB", row.versi)
    assert last.history_change_reason == "nilai evaluator"


def test_a_save_without_versi_is_refused_and_says_why(client, evaluasi, users):
    jawaban = stale_answer(evaluasi)
    with pytest.raises(ValidationError, match="Versi isian tidak terbaca"):
        actions.simpan_mandiri(users["operator"], jawaban, "A", "", None)
    client.force_login(users["operator"])
    url = reverse("evaluasi_mandiri", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    for versi in ({}, {"versi": "²"}, {"versi": "abc"}):
        response = client.post(url, {"nilai": "A", "teks": "tetap", **versi}, HTTP_HX_REQUEST="1")
        assert response.status_code == 422
        assert "Versi isian tidak terbaca" in response.content.decode()
        assert "tetap" in response.content.decode()
    assert JawabanKriteria.objects.get(pk=jawaban.pk).nilai_mandiri == ""


# --- ids that are not numbers -------------------------------------------------------------------------


def test_ids_that_are_not_ascii_numbers_are_refused_in_indonesian(client, opd, users, evaluasi):
    client.force_login(users["admin"])
    url = reverse("evaluasi_buka", args=[2025])
    for evaluator in ("abc", "²"):
        response = client.post(
            url,
            {"opd": opd.slug, "evaluator": evaluator, "ketua_tim": users["ketua"].pk},
            follow=True,
        )
        assert response.status_code == 200
        assert "Pilih akun evaluator (Inspektorat) aktif" in response.content.decode()
    assert not Evaluasi.objects.filter(tahun=2025).exists()
    submit(evaluasi, users)
    client.force_login(users["evaluator"])
    url = reverse("evaluasi_rekomendasi_tambah", args=[opd.slug, 2024])
    for komponen in ("abc", "²"):
        response = client.post(url, {"uraian": "Agar ...", "komponen": komponen}, follow=True)
        assert response.status_code == 200
        assert "Pilih komponen dari daftar." in response.content.decode()
    assert not evaluasi.rekomendasi.exists()


# --- oversized uploads ---------------------------------------------------------------------------------


def test_an_upload_declared_too_big_is_refused_before_it_is_read(client, evaluasi, users):
    client.force_login(users["operator"])
    jawaban = stale_answer(evaluasi)
    url = reverse("evaluasi_bukti_tambah", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    response = client.post(
        url,
        {"berkas": SimpleUploadedFile("r.pdf", PDF)},
        HTTP_HX_REQUEST="1",
        CONTENT_LENGTH=str(evidence.MAX_BYTES + 1024 * 1024),
    )
    assert response.status_code == 422
    assert "Berkas terlalu besar; paling besar 10 MB." in response.content.decode()
    assert not BuktiDukung.objects.exists()


# --- the team ------------------------------------------------------------------------------------------


def test_the_evaluator_cannot_be_the_ketua_tim(opd, users):
    with pytest.raises(ValidationError, match="Ketua tim harus akun lain dari evaluator"):
        actions.buka_evaluasi(
            users["admin"], opd, 2025, users["evaluator"].pk, users["evaluator"].pk
        )
    assert not Evaluasi.objects.filter(tahun=2025).exists()


def test_a_second_open_racing_the_first_says_it_is_already_open(opd, users, monkeypatch):
    actions.buka_evaluasi(users["admin"], opd, 2025, users["evaluator"].pk, users["ketua"].pk)
    real_filter = Evaluasi.objects.filter

    class SeesNothingYet:  # the second click checked before the first one committed
        def __init__(self):
            self.calls = 0

        def __call__(self, *args, **kwargs):
            self.calls += 1
            found = real_filter(*args, **kwargs)
            return found.none() if self.calls == 1 else found

    monkeypatch.setattr(Evaluasi.objects, "filter", SeesNothingYet())
    with pytest.raises(ValidationError, match="Evaluasi OPD ini untuk tahun itu sudah dibuka."):
        actions.buka_evaluasi(users["admin"], opd, 2025, users["evaluator"].pk, users["ketua"].pk)
    monkeypatch.undo()
    assert Evaluasi.objects.filter(opd=opd, tahun=2025).count() == 1


def test_a_follow_up_upload_declared_too_big_is_refused_with_the_page(client, opd, users):
    from tests.evaluasi_output.factories import evaluation, recommend

    evaluasi = evaluation(opd, "BB")
    recommend(evaluasi, "Agar menyusun SOP.")
    item = evaluasi.rekomendasi.get()
    client.force_login(users["operator"])
    response = client.post(
        reverse("evaluasi_tindak_lanjut", args=[opd.slug, 2024, item.pk]),
        {"uraian": "SOP ditetapkan.", "berkas": SimpleUploadedFile("r.pdf", PDF)},
        CONTENT_LENGTH=str(evidence.MAX_BYTES + 1024 * 1024),
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "Berkas terlalu besar; paling besar 10 MB." in body and "Agar menyusun SOP." in body
    assert not item.tindak_lanjut.exists()


def test_the_size_is_refused_before_the_csrf_check_reads_the_body_and_csrf_still_holds(
    evaluasi, users
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["operator"])
    jawaban = stale_answer(evaluasi)
    url = reverse("evaluasi_bukti_tambah", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    big = client.post(
        url,
        {"berkas": SimpleUploadedFile("r.pdf", PDF)},
        CONTENT_LENGTH=str(evidence.MAX_BYTES + 1024 * 1024),
    )
    assert big.status_code == 422 and "Berkas terlalu besar" in big.content.decode()
    assert big.wsgi_request._read_started is False  # the body was never read
    forged = client.post(url, {"berkas": SimpleUploadedFile("r.pdf", PDF)})
    assert forged.status_code == 403  # without the token: refused as before
    assert not BuktiDukung.objects.exists()
