"""The evaluation flow: who writes what, the separate grades, publication and its link to the
Nilai SAKIP indicator, recommendations and follow-up, history."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.evaluasi import actions, scoring
from sakip.evaluasi.models import Evaluasi, JawabanKriteria, Rekomendasi, TindakLanjut
from sakip.formulas.lke import LKE_88_2021, lke_total
from sakip.organisasi.models import Peristiwa
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from tests.evaluasi.helpers import grade_all

pytestmark = pytest.mark.django_db
Status = Evaluasi.Status

# DOMAIN.md's constructed example: one grade per sub-component (all its criteria)
EXAMPLE = {
    "1.a": "A",
    "1.b": "BB",
    "1.c": "B",
    "2.a": "A",
    "2.b": "B",
    "2.c": "CC",
    "3.a": "AA",
    "3.b": "BB",
    "3.c": "B",
    "4.a": "BB",
    "4.b": "B",
    "4.c": "CC",
}


def example_grade(jawaban):
    return EXAMPLE[jawaban.kriteria.sub_komponen.kode]


def to_review(evaluasi, users, grade=example_grade):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    grade_all(evaluasi, users["evaluator"], "evaluator", grade)
    return actions.langkah(users["evaluator"], evaluasi, "reviu").evaluasi


def published(evaluasi, users, grade=example_grade):
    to_review(evaluasi, users, grade)
    return actions.langkah(users["ketua"], evaluasi, "publikasikan")


def test_opening_creates_one_answer_per_criterion_of_the_shipped_lke(evaluasi):
    assert evaluasi.status == Status.PENILAIAN_MANDIRI
    assert evaluasi.instrumen.kode == "LKE-AKIP-88-2021"
    assert evaluasi.jawaban.count() == 80
    assert Peristiwa.objects.filter(jenis=Peristiwa.Jenis.EVALUASI_DIBUKA).count() == 1


def test_only_admin_opens_and_only_evaluator_accounts_are_assigned(opd, users):
    from tests.evaluasi.helpers import opened

    with pytest.raises(PermissionDenied):
        actions.buka_evaluasi(users["evaluator"], opd, 2024, users["evaluator"].pk, None)
    with pytest.raises(ValidationError) as refused:
        actions.buka_evaluasi(users["admin"], opd, 2024, users["operator"].pk, users["ketua"].pk)
    assert "evaluator" in refused.value.message_dict
    opened(opd, users)
    with pytest.raises(ValidationError, match="sudah dibuka"):
        opened(opd, users)


def test_self_assessment_and_evaluator_grade_are_separate_values(evaluasi, users):
    jawaban = evaluasi.jawaban.first()
    actions.simpan_mandiri(users["operator"], jawaban, "aa", "Renstra ditetapkan.", 1)
    jawaban.refresh_from_db()
    assert (jawaban.nilai_mandiri, jawaban.nilai_evaluator) == ("AA", "")


def test_evaluator_cannot_write_self_assessment(evaluasi, users):
    jawaban = evaluasi.jawaban.first()
    for who in ("evaluator", "ketua", "admin", "viewer"):
        with pytest.raises(PermissionDenied):
            actions.simpan_mandiri(users[who], jawaban, "A", "", None)
    jawaban.refresh_from_db()
    assert jawaban.nilai_mandiri == ""


def test_opd_cannot_write_evaluator_grades(evaluasi, users):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["pimpinan"], evaluasi, "ajukan")
    jawaban = evaluasi.jawaban.first()
    for who in ("operator", "pimpinan", "admin"):
        with pytest.raises(PermissionDenied):
            actions.simpan_penilaian(users[who], jawaban, "E", "", None)
    jawaban.refresh_from_db()
    assert jawaban.nilai_evaluator == ""


def test_an_evaluator_not_assigned_cannot_grade(evaluasi, users, opd):
    from tests.personas import make_user

    other = make_user(opd.pemda, "evaluator", name="evaluator-lain")
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    with pytest.raises(PermissionDenied, match="bukan evaluator yang ditugaskan"):
        actions.simpan_penilaian(other, evaluasi.jawaban.first(), "B", "", None)


def test_unknown_grade_is_refused_in_indonesian(evaluasi, users):
    with pytest.raises(ValidationError) as refused:
        actions.simpan_mandiri(users["operator"], evaluasi.jawaban.first(), "X", "", None)
    assert "tidak dikenal" in refused.value.message_dict["nilai"][0]


def test_submitting_needs_every_criterion_self_assessed(evaluasi, users):
    actions.simpan_mandiri(users["operator"], (j := evaluasi.jawaban.first()), "A", "", j.versi)
    with pytest.raises(ValidationError, match="79 kriteria belum dinilai mandiri"):
        actions.langkah(users["operator"], evaluasi, "ajukan")


def test_after_submitting_the_opd_cannot_change_its_self_assessment(evaluasi, users):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    with pytest.raises(ValidationError, match="tidak dapat diubah lagi"):
        actions.simpan_mandiri(users["operator"], evaluasi.jawaban.first(), "E", "", None)


def test_review_needs_every_grade_and_ketua_returns_with_a_note(evaluasi, users):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    actions.simpan_penilaian(users["evaluator"], (j := evaluasi.jawaban.first()), "B", "", j.versi)
    evaluasi.refresh_from_db()
    assert evaluasi.status == Status.DIEVALUASI
    with pytest.raises(ValidationError, match="79 kriteria belum diberi nilai evaluator"):
        actions.langkah(users["evaluator"], evaluasi, "reviu")
    grade_all(evaluasi, users["evaluator"], "evaluator", "B")
    actions.langkah(users["evaluator"], evaluasi, "reviu")
    with pytest.raises(PermissionDenied):
        actions.langkah(users["evaluator"], evaluasi, "publikasikan")
    with pytest.raises(ValidationError):
        actions.langkah(users["ketua"], evaluasi, "kembalikan", "")
    moved = actions.langkah(users["ketua"], evaluasi, "kembalikan", "Periksa 2.c lagi.")
    assert moved.evaluasi.status == Status.DIEVALUASI
    assert moved.evaluasi.catatan_reviu == "Periksa 2.c lagi."


def test_scores_from_the_database_equal_the_engine_72_40_bb(evaluasi, users):
    """DOMAIN.md's constructed example through the whole flow."""
    moved = published(evaluasi, users)
    e = moved.evaluasi
    assert e.status == Status.DIPUBLIKASIKAN
    assert e.nilai_akhir == Decimal("72.40") and e.predikat == "BB"
    rows = list(scoring.rows_of(e))
    grades = {}
    for row in rows:
        grades.setdefault(row.kriteria.sub_komponen.kode, []).append(row.nilai_evaluator)
    ours, engine = scoring.score(e, rows, scoring.EVALUATOR), lke_total(grades, LKE_88_2021)
    assert (ours.total, ours.predikat) == (engine.total, engine.predikat)
    assert [(c.kode, c.score, [s.score for s in c.subcomponents]) for c in ours.components] == [
        (c.kode, c.score, [s.score for s in c.subcomponents]) for c in engine.components
    ]
    assert [c.score for c in ours.components] == [
        Decimal("23.10"),
        Decimal("20.70"),
        Decimal("11.85"),
        Decimal("16.75"),
    ]
    mandiri = scoring.score(e, rows, scoring.MANDIRI)
    assert mandiri.total == Decimal(90) and mandiri.predikat == "A"  # separate values


def test_publication_writes_the_nilai_sakip_and_the_capaian_follows(evaluasi, users, opd):
    before = {r.kode: r for r in measure(opd, 2024).kinerja}["SAKIP"]
    assert not before.realisasi.is_computed
    moved = published(evaluasi, users)
    assert [link.written for link in moved.links] == [True]
    row = RealisasiKinerja.objects.get(indikator__kode="SAKIP", tahun=2024, triwulan=4)
    assert row.nilai == Decimal("72.40")
    assert row.sumber.startswith("Evaluasi AKIP 2024 (LKE PermenPAN-RB 88/2021), diterbitkan ")
    assert row.history.first().history_change_reason == row.sumber
    after = {r.kode: r for r in measure(opd, 2024).kinerja}["SAKIP"]
    assert after.realisasi.value == Decimal("72.40")
    assert round(after.capaian.value, 2) == Decimal("103.43")  # 72,40 / 70


def test_a_closed_quarter_is_left_alone_and_the_message_says_why(evaluasi, users, opd):
    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4, status="dikunci"
    )
    moved = published(evaluasi, users)
    assert [link.written for link in moved.links] == [False]
    assert "dikunci" in moved.links[0].message
    assert not RealisasiKinerja.objects.filter(indikator__kode="SAKIP", tahun=2024).exists()


def test_published_grades_are_frozen(evaluasi, users):
    published(evaluasi, users)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        actions.simpan_penilaian(users["evaluator"], evaluasi.jawaban.first(), "AA", "", None)
    with pytest.raises(ValidationError):
        actions.tambah_rekomendasi(users["evaluator"], evaluasi, "Agar ...")


def test_a_new_instrument_version_never_changes_an_old_evaluation(evaluasi, users, opd):
    from sakip.evaluasi import instrument

    published(evaluasi, users)
    spec = instrument.read_file(instrument.SHIPPED)
    spec["versi"] = "2025"
    spec["komponen"][0]["sub_komponen"][0]["kriteria"].pop()  # one criterion fewer
    instrument.load(opd.pemda, spec)
    evaluasi.refresh_from_db()
    assert evaluasi.instrumen.versi == "2021" and evaluasi.jawaban.count() == 80
    result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
    assert result.total == Decimal("72.40")
    newer = actions.buka_evaluasi(
        users["admin"], opd, 2025, users["evaluator"].pk, users["ketua"].pk
    )
    assert newer.instrumen.versi == "2025" and newer.jawaban.count() == 79


def test_recommendation_follow_up_is_tracked_to_closure(evaluasi, users):
    to_review(evaluasi, users)
    rekomendasi = actions.tambah_rekomendasi(
        users["evaluator"], evaluasi, "Agar menyusun pohon kinerja sampai level jabatan."
    )
    actions.langkah(users["ketua"], evaluasi, "publikasikan")
    with pytest.raises(PermissionDenied):
        actions.ajukan_tindak_lanjut(users["evaluator"], rekomendasi, "…")
    with pytest.raises(ValidationError):
        actions.nilai_tindak_lanjut(users["evaluator"], rekomendasi, True, "")  # nothing waits
    actions.ajukan_tindak_lanjut(users["operator"], rekomendasi, "Pohon kinerja disusun.")
    with pytest.raises(ValidationError):  # returning needs a note
        actions.nilai_tindak_lanjut(users["evaluator"], rekomendasi, False, "")
    actions.nilai_tindak_lanjut(users["evaluator"], rekomendasi, False, "Belum sampai eselon IV.")
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == Rekomendasi.Status.TERBUKA
    actions.ajukan_tindak_lanjut(users["pimpinan"], rekomendasi, "Sampai eselon IV.")
    actions.nilai_tindak_lanjut(users["ketua"], rekomendasi, True, "")
    rekomendasi.refresh_from_db()
    assert rekomendasi.status == Rekomendasi.Status.SELESAI
    assert [t.status for t in rekomendasi.tindak_lanjut.all()] == [
        TindakLanjut.Status.DIKEMBALIKAN,
        TindakLanjut.Status.DITERIMA,
    ]
    assert rekomendasi.history.count() == 5  # created, waiting, open, waiting, closed
    assert Peristiwa.objects.filter(jenis=Peristiwa.Jenis.TINDAK_LANJUT_DITUTUP).exists()


def test_every_change_keeps_its_history(evaluasi, users):
    jawaban = evaluasi.jawaban.first()
    actions.simpan_mandiri(users["operator"], jawaban, "B", "pertama", jawaban.versi)
    actions.simpan_mandiri(users["operator"], jawaban, "A", "kedua", jawaban.versi)
    values = list(
        JawabanKriteria.history.filter(id=jawaban.pk)
        .order_by("history_date")
        .values_list("nilai_mandiri", flat=True)
    )
    assert values == ["", "B", "A"]


def test_a_stale_save_is_refused(evaluasi, users):
    jawaban = evaluasi.jawaban.first()
    seen = jawaban.versi
    actions.simpan_mandiri(users["operator"], jawaban, "B", "", seen)
    stale = JawabanKriteria.objects.get(pk=jawaban.pk)
    stale.versi = seen
    with pytest.raises(ValidationError, match="diubah orang lain"):
        actions.simpan_mandiri(users["pimpinan"], stale, "C", "", seen)


# --- pages ----------------------------------------------------------------------------------------


def page(client, user, name, evaluasi, *extra):
    client.force_login(user)
    return client.get(reverse(name, args=[evaluasi.opd.slug, evaluasi.tahun, *extra]))


def _opd_pages(client, user, evaluasi) -> str:
    """Every page and HTMX fragment of the evaluation the OPD can open, concatenated."""
    jawaban = evaluasi.jawaban.order_by("pk").first()
    client.force_login(user)
    args = [evaluasi.opd.slug, evaluasi.tahun]
    bodies = [
        client.get(reverse(name, args=args)).content.decode()
        for name in ("evaluasi", "evaluasi_reviu", "evaluasi_rekomendasi")
    ]
    bodies.append(client.get(reverse("evaluasi", args=args) + "?bagian=skor").content.decode())
    bodies.append(
        client.get(reverse("evaluasi_riwayat", args=[*args, jawaban.pk])).content.decode()
    )
    row = client.post(  # the HTMX row answer; refused after submission, the row still shown
        reverse("evaluasi_mandiri", args=[*args, jawaban.pk]),
        {"nilai": "A", "teks": "", "versi": jawaban.versi},
        HTTP_HX_REQUEST="true",
    )
    bodies.append(row.content.decode())
    return "\n".join(bodies)


def test_the_opd_does_not_see_unpublished_grades_or_notes(client, evaluasi, users):
    to_review(evaluasi, users)
    actions.langkah(users["ketua"], evaluasi, "kembalikan", "RAHASIA-KETUA: 1.a terlalu tinggi")
    actions.langkah(users["evaluator"], evaluasi, "reviu", "RAHASIA-REVIU")
    JawabanKriteria.objects.filter(evaluasi=evaluasi).update(catatan_evaluator="RAHASIA-EVALUATOR")
    for who in ("operator", "pimpinan"):
        body = _opd_pages(client, users[who], evaluasi)
        assert "RAHASIA" not in body and "Nilai evaluator" not in body
        assert "diajukan ke ketua tim" not in body  # the team's internal steps are not listed
    body = page(client, users["ketua"], "evaluasi", evaluasi).content.decode()
    assert "RAHASIA-KETUA" in body and "RAHASIA-REVIU" not in body  # no note on that step
    jawaban = evaluasi.jawaban.first()
    body = page(client, users["pimpinan"], "evaluasi_riwayat", evaluasi, jawaban.pk)
    assert "RAHASIA" not in body.content.decode()
    body = page(client, users["evaluator"], "evaluasi", evaluasi).content.decode()
    assert "RAHASIA-EVALUATOR" in body
    actions.langkah(users["ketua"], evaluasi, "publikasikan")
    body = page(client, users["operator"], "evaluasi", evaluasi).content.decode()
    assert "RAHASIA-EVALUATOR" in body and "72,40" in body


def test_another_opd_is_refused_and_another_pemda_sees_nothing(client, evaluasi, users):
    from sakip.dataset import load_data
    from sakip.organisasi.models import PerangkatDaerah
    from tests.evaluasi.helpers import team
    from tests.factories import dataset

    same = dataset()
    same["opd"] = {**same["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(same)
    other_opd_users = team(PerangkatDaerah.objects.get(slug="dinas-lain"), "-b")
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-kota", "nama": "Dinas Kota"}
    load_data(other)
    strangers = team(PerangkatDaerah.objects.get(pemda__slug="kota-lain"), "-c")
    assert page(client, other_opd_users["operator"], "evaluasi_reviu", evaluasi).status_code == 403
    for who in ("evaluator", "admin", "operator", "viewer"):
        assert page(client, strangers[who], "evaluasi", evaluasi).status_code == 404
        assert page(client, strangers[who], "evaluasi_rekomendasi", evaluasi).status_code == 404


def test_viewers_read_only_published_evaluations(client, evaluasi, users):
    assert page(client, users["viewer"], "evaluasi_reviu", evaluasi).status_code == 403
    published(evaluasi, users)
    assert page(client, users["viewer"], "evaluasi_reviu", evaluasi).status_code == 200


def test_htmx_save_answers_the_row_and_asks_for_new_scores(client, evaluasi, users):
    client.force_login(users["operator"])
    jawaban = evaluasi.jawaban.first()
    url = reverse("evaluasi_mandiri", args=[evaluasi.opd.slug, 2024, jawaban.pk])
    response = client.post(
        url, {"nilai": "BB", "teks": "ada", "versi": jawaban.versi}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and response["HX-Trigger"] == "skorBerubah"
    assert f'id="kr-{jawaban.pk}"' in response.content.decode()
    refused = client.post(url, {"nilai": "ZZ", "teks": "tetap ada"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "tidak dikenal" in body and "tetap ada" in body  # nothing typed is lost
    scores = client.get(reverse("evaluasi", args=[evaluasi.opd.slug, 2024]) + "?bagian=skor")
    assert 'id="skor-lke"' in scores.content.decode()


def test_the_worksheet_page_queries_stay_bounded(
    client, django_assert_max_num_queries, evaluasi, users
):
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    for jawaban in evaluasi.jawaban.all()[:20]:
        actions.tambah_rujukan(users["operator"], jawaban, "lkjip")
    client.force_login(users["evaluator"])
    for komponen in ("1", "2", "4"):
        with django_assert_max_num_queries(25):
            url = reverse("evaluasi", args=[evaluasi.opd.slug, 2024]) + f"?komponen={komponen}"
            assert client.get(url).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("evaluasi_daftar", args=[2024])).status_code == 200
    for name in ("evaluasi_reviu", "evaluasi_rekomendasi"):
        with django_assert_max_num_queries(25):
            assert client.get(reverse(name, args=[evaluasi.opd.slug, 2024])).status_code == 200


def test_a_reopened_quarter_receives_the_published_nilai_sakip(evaluasi, users, opd):
    from sakip.pengukuran import actions as pengukuran

    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4, status="dikunci"
    )
    published(evaluasi, users)
    assert not RealisasiKinerja.objects.filter(indikator__kode="SAKIP", tahun=2024).exists()
    pengukuran.move(users["admin"], opd, 2024, 4, "buka", "Nilai SAKIP baru terbit.")
    row = RealisasiKinerja.objects.get(indikator__kode="SAKIP", tahun=2024, triwulan=4)
    assert row.nilai == Decimal("72.40") and row.sumber.startswith("Evaluasi AKIP 2024")


def test_admin_opens_an_evaluation_on_the_pemda_page(client, opd, users):
    client.force_login(users["admin"])
    page = client.get(reverse("evaluasi_daftar", args=[2024])).content.decode()
    assert "Buka evaluasi OPD" in page and "Belum dibuka" in page
    url = reverse("evaluasi_buka", args=[2024])
    client.post(url, {"opd": opd.slug, "evaluator": users["operator"].pk, "ketua_tim": ""})
    assert not Evaluasi.objects.exists()
    response = client.post(
        url, {"opd": opd.slug, "evaluator": users["evaluator"].pk, "ketua_tim": users["ketua"].pk}
    )
    assert response.status_code == 302
    evaluasi = Evaluasi.objects.get(opd=opd, tahun=2024)
    assert (evaluasi.evaluator, evaluasi.ketua_tim) == (users["evaluator"], users["ketua"])
    page = client.get(reverse("evaluasi_daftar", args=[2024])).content.decode()
    assert "Penilaian mandiri OPD" in page


def test_the_worksheet_links_the_lhe_to_those_who_may_download_it(client, evaluasi, users):
    args = [evaluasi.opd.slug, 2024]
    docx = reverse("evaluasi_lhe", args=[*args, "docx"])
    pdf = reverse("evaluasi_lhe", args=[*args, "pdf"])

    def check(who, sees):
        body = page(client, users[who], "evaluasi", evaluasi).content.decode()
        assert (docx in body, pdf in body) == (sees, sees), who
        assert ("Unduh LHE (Word)" in body) == sees
        assert client.get(docx).status_code == (200 if sees else 403), who  # the same rule

    to_review(evaluasi, users)
    for who, sees in (("evaluator", True), ("ketua", True), ("admin", False), ("operator", False)):
        check(who, sees)
    actions.langkah(users["ketua"], evaluasi, "publikasikan")
    for who in ("operator", "pimpinan", "admin", "evaluator", "viewer"):
        check(who, True)
