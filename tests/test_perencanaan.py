"""Plan editors through the real views and actions: PK lifecycle, pagu, targets, IKU sheet."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah, Peristiwa
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Pagu,
    PerjanjianKinerja,
    TargetPK,
    TargetRenstra,
    TargetTahunan,
)
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"


@pytest.fixture
def opd():
    data = dataset(perjanjian_kinerja=[])
    data["anggaran"][0]["program"][0]["indikator"] = [
        {"kode": "P1", "nama": "Persentase koordinasi", "satuan": "%", "target": "100"}
    ]
    load_data(data)
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd)


@pytest.fixture
def pimpinan(opd):
    return make_user(opd.pemda, "pimpinan", opd)


@pytest.fixture
def admin(opd):
    return make_user(opd.pemda, "admin_pemda")


def pk_url(name, *args):
    return reverse(name, args=[OPD, 2025, *args])


def test_pk_is_drafted_from_the_renstra_targets_of_its_year(client, operator):
    client.force_login(operator)
    client.post(pk_url("pk_buat"))
    pk = PerjanjianKinerja.objects.get(tahun=2025)
    assert pk.status == "draft" and pk.revisi == 0
    assert pk.pihak_pertama_nama == "Camat Contoh"
    (target,) = TargetPK.objects.filter(sasaran_pk__perjanjian=pk)
    assert (target.indikator.kode, target.target) == ("IKM", Decimal(88))
    assert target.sasaran_pk.uraian == "Meningkatnya kepuasan masyarakat"


def test_signing_locks_targets_until_an_admin_unlocks_with_a_reason(
    client, operator, pimpinan, admin
):
    client.force_login(operator)
    client.post(pk_url("pk_buat"))
    pk = PerjanjianKinerja.objects.get(tahun=2025)
    target = TargetPK.objects.get(sasaran_pk__perjanjian=pk)

    client.force_login(pimpinan)
    response = client.post(pk_url("pk_langkah", 0, "tandatangani"), follow=True)
    assert "Lengkapi dulu: tanggal" in response.content.decode()
    client.force_login(operator)
    fields = {
        "versi": pk.versi,
        "tanggal": "2025-01-06",
        "tempat": "Blora",
        "pihak_pertama_nama": "Camat Contoh",
        "pihak_pertama_jabatan": "Camat",
        "pihak_kedua_jabatan": "Bupati Contoh",
    }
    assert client.post(pk_url("pk_penandatangan", 0), fields).status_code == 302
    client.force_login(pimpinan)
    client.post(pk_url("pk_langkah", 0, "tandatangani"))
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "ditandatangani"

    client.force_login(operator)
    prefix = f"t{target.pk}"
    response = client.post(
        pk_url("pk_target", target.pk), {f"{prefix}-target": "90", f"{prefix}-versi": target.versi}
    )
    assert response.status_code == 422
    assert "targetnya terkunci" in response.content.decode()
    assert TargetPK.objects.get(pk=target.pk).target == Decimal(88)

    client.force_login(admin)
    client.post(pk_url("pk_langkah", 0, "buka"), {"alasan": ""})
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "ditandatangani"
    client.post(pk_url("pk_langkah", 0, "buka"), {"alasan": "Salah ketik target IKM"})
    assert PerjanjianKinerja.objects.get(pk=pk.pk).status == "draft"
    assert Peristiwa.objects.filter(jenis="pk_dibuka", alasan="Salah ketik target IKM").exists()

    client.force_login(operator)
    response = client.post(
        pk_url("pk_target", target.pk), {f"{prefix}-target": "90", f"{prefix}-versi": target.versi}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.target == Decimal(90)
    assert target.history.count() == 2  # created from the Renstra, then changed


def test_a_revision_copies_the_signed_pk_and_becomes_the_one_in_force_once_signed(
    client, operator, pimpinan
):
    from sakip.pengukuran.measurement import pk_in_force

    client.force_login(operator)
    client.post(pk_url("pk_buat"))
    pk = PerjanjianKinerja.objects.get(tahun=2025)
    pk.tanggal = "2025-01-06"
    pk.pihak_kedua_jabatan = "Bupati"
    pk.save()
    client.force_login(pimpinan)
    client.post(pk_url("pk_langkah", 0, "tandatangani"))
    client.post(pk_url("pk_langkah", 0, "revisi"), {"alasan": "DPA perubahan"})
    revision = PerjanjianKinerja.objects.get(tahun=2025, revisi=1)
    assert revision.status == "draft"
    assert TargetPK.objects.filter(sasaran_pk__perjanjian=revision).count() == 1
    opd = pk.opd
    assert pk_in_force(opd, 2025).revisi == 0  # the draft revision is not in force yet
    client.post(pk_url("pk_langkah", 1, "tandatangani"))
    assert pk_in_force(opd, 2025).revisi == 1


def test_pagu_cannot_go_below_what_is_already_spent(client, opd, operator):
    client.force_login(operator)
    pagu = Pagu.objects.get(
        versi_anggaran__jenis="perubahan", sub_kegiatan__kode="7.01.02.2.01.0001"
    )
    url = reverse("simpan_pagu", args=[OPD, 2024, pagu.pk])
    response = client.post(
        url, {f"p{pagu.pk}-jumlah": "500.000", f"p{pagu.pk}-versi": pagu.versi}, follow=True
    )
    assert "lebih kecil dari realisasi yang sudah dicatat (Rp 600.000)" in response.content.decode()
    client.post(url, {f"p{pagu.pk}-jumlah": "750.000", f"p{pagu.pk}-versi": pagu.versi})
    pagu.refresh_from_db()
    assert pagu.jumlah == Decimal(750000)
    page = client.get(reverse("anggaran", args=[OPD, 2024])).content.decode()
    assert "1.250.000" in page  # the new total of the version in force


def test_annual_target_of_a_program_indicator(client, operator):
    client.force_login(operator)
    indikator = Indikator.objects.get(kode="P1")
    url = reverse("simpan_target_tahunan", args=[OPD, 2024, "P1"])
    client.post(url, {f"i{indikator.pk}-target": "95", f"i{indikator.pk}-versi": 1})
    assert TargetTahunan.objects.get(indikator=indikator, tahun=2024).target == Decimal(95)


def test_renstra_targets_are_saved_per_year_and_blank_removes_one(client, operator):
    client.force_login(operator)
    link = IndikatorRenstra.objects.get(indikator__kode="IKM")
    url = reverse("simpan_target_renstra", args=[OPD, link.pk])
    client.post(
        url, {"t2024": "86", "t2025": "", "t2026": "90,5", "akhir": "92", "versi": link.versi}
    )
    targets = dict(
        TargetRenstra.objects.filter(indikator_renstra=link).values_list("tahun", "target")
    )
    assert targets == {2024: Decimal(86), 2026: Decimal("90.5")}
    link.refresh_from_db()
    assert link.target_akhir == Decimal(92)
    response = client.post(url, {"t2024": "3,4", "akhir": "92", "versi": link.versi}, follow=True)
    assert "skala NI" in response.content.decode()


def test_iku_sheet_edit_is_refused_when_someone_saved_in_between(client, operator):
    client.force_login(operator)
    indikator = Indikator.objects.get(kode="IKM")
    url = reverse("indikator", args=[OPD, "IKM"])
    form = {
        "nama": "Indeks Kepuasan Masyarakat",
        "satuan": "Nilai",
        "arah": "naik",
        "tipe_penghitungan": "posisi_akhir",
        "frekuensi": "semesteran",
        "sumber_realisasi": "manual",
        "presisi": 2,
        "skala_min": "25",
        "skala_max": "100",
        "iku": "on",
        "formulasi": "NIK = NI × 25",
        "versi": indikator.versi,
    }
    assert client.post(url, form).status_code == 302
    stale = client.post(url, {**form, "formulasi": "lain"})
    assert stale.status_code == 422
    assert "diubah orang lain" in stale.content.decode()
    indikator.refresh_from_db()
    assert indikator.formulasi == "NIK = NI × 25"
    assert indikator.frekuensi == "semesteran"


def test_only_planners_of_the_opd_write_the_plan(client, opd):
    client.force_login(make_user(opd.pemda, "evaluator"))
    assert client.post(pk_url("pk_buat")).status_code == 403
    assert not PerjanjianKinerja.objects.filter(tahun=2025).exists()


def test_pagu_history_shows_who_changed_what_from_what(client, opd, operator):
    client.force_login(operator)
    pagu = Pagu.objects.get(
        versi_anggaran__jenis="perubahan", sub_kegiatan__kode="7.01.02.2.01.0001"
    )
    client.post(
        reverse("simpan_pagu", args=[OPD, 2024, pagu.pk]),
        {f"p{pagu.pk}-jumlah": "750.000", f"p{pagu.pk}-versi": pagu.versi},
    )
    page = client.get(reverse("riwayat", args=[OPD, "pagu", pagu.pk])).content.decode()
    assert "800.000 → 750.000" in page
    assert operator.username in page
    assert "dimuat dari data" in page  # the first state came from the loader


def test_renstra_history_lists_each_years_target(client, operator):
    client.force_login(operator)
    link = IndikatorRenstra.objects.get(indikator__kode="IKM")
    client.post(
        reverse("simpan_target_renstra", args=[OPD, link.pk]),
        {"t2024": "86", "t2025": "88", "akhir": "90", "versi": link.versi},
    )
    page = client.get(reverse("riwayat", args=[OPD, "indikator-renstra", link.pk])).content.decode()
    assert "85 → 86" in page


def test_a_stale_renstra_form_is_refused_even_when_it_changes_another_year(client, operator):
    client.force_login(operator)
    link = IndikatorRenstra.objects.get(indikator__kode="IKM")
    url = reverse("simpan_target_renstra", args=[OPD, link.pk])
    client.post(url, {"t2024": "86", "t2025": "88", "akhir": "90", "versi": link.versi})
    response = client.post(
        url, {"t2024": "85", "t2025": "89", "akhir": "90", "versi": link.versi}, follow=True
    )
    assert "diubah orang lain" in response.content.decode()
    targets = dict(
        TargetRenstra.objects.filter(indikator_renstra=link).values_list("tahun", "target")
    )
    assert targets[2024] == Decimal(86) and targets[2025] == Decimal(88)


def test_a_renstra_range_target_cannot_be_turned_upside_down(client, operator):
    client.force_login(operator)
    link = IndikatorRenstra.objects.get(indikator__kode="IKM")
    TargetRenstra.objects.filter(indikator_renstra=link, tahun=2024).update(
        target=Decimal(80), target_atas=Decimal(90)
    )
    url = reverse("simpan_target_renstra", args=[OPD, link.pk])
    response = client.post(
        url, {"t2024": "95", "t2025": "88", "akhir": "90", "versi": link.versi}, follow=True
    )
    assert "Batas atas target lebih kecil dari batas bawah" in response.content.decode()
    row = TargetRenstra.objects.get(indikator_renstra=link, tahun=2024)
    assert (row.target, row.target_atas) == (Decimal(80), Decimal(90))
    assert "80,00" in client.get(reverse("renstra", args=[OPD])).content.decode()


def test_renstra_page_keeps_the_period_it_was_asked_for(client, opd, operator):
    from sakip.perencanaan.models import Renstra

    older = Renstra.objects.create(
        pemda=opd.pemda,
        opd=opd,
        versi="murni",
        tahun_awal=2016,
        tahun_akhir=2020,
        visi_opd="Visi lama",
    )
    client.force_login(operator)
    page = client.get(reverse("renstra", args=[OPD]) + f"?renstra={older.pk}")
    assert page.context["renstra"] == older
    assert "Visi lama" in page.content.decode()


def test_computing_fields_of_an_indicator_in_a_signed_pk_are_frozen(client, operator, pimpinan):
    load_data(dataset())  # with the signed PK 2024
    client.force_login(operator)
    indikator = Indikator.objects.get(kode="IKM")
    url = reverse("indikator", args=[OPD, "IKM"])
    form = {
        "nama": indikator.nama,
        "satuan": "Nilai",
        "arah": "turun",
        "tipe_penghitungan": "posisi_akhir",
        "frekuensi": "triwulanan",
        "sumber_realisasi": "manual",
        "presisi": 2,
        "skala_min": "25",
        "skala_max": "100",
        "iku": "on",
        "versi": indikator.versi,
    }
    response = client.post(url, form)
    assert response.status_code == 422
    assert "Perjanjian Kinerja yang sudah ditandatangani" in response.content.decode()
    assert Indikator.objects.get(kode="IKM").arah == "naik"
    form = {**form, "arah": "naik", "formulasi": "NIK = NI × 25"}
    assert client.post(url, form).status_code == 302  # the sheet's text stays editable


def test_pagu_is_frozen_while_a_quarter_of_the_year_is_closed(client, opd, operator):
    from sakip.pengukuran.models import PeriodeLaporan

    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=1, status="diverifikasi"
    )
    client.force_login(operator)
    pagu = Pagu.objects.get(
        versi_anggaran__jenis="perubahan", sub_kegiatan__kode="7.01.02.2.01.0001"
    )
    response = client.post(
        reverse("simpan_pagu", args=[OPD, 2024, pagu.pk]),
        {f"p{pagu.pk}-jumlah": "900.000", f"p{pagu.pk}-versi": pagu.versi},
        follow=True,
    )
    assert "tidak dapat diubah sampai admin SAKIP membukanya kembali" in response.content.decode()
    assert Pagu.objects.get(pk=pagu.pk).jumlah == Decimal(800000)


def test_strategic_indicators_take_no_annual_target(client, operator):
    client.force_login(operator)
    indikator = Indikator.objects.get(kode="IKM")
    client.post(
        reverse("simpan_target_tahunan", args=[OPD, 2024, "IKM"]),
        {f"i{indikator.pk}-target": "50", f"i{indikator.pk}-versi": 0},
    )
    assert not TargetTahunan.objects.filter(indikator=indikator).exists()


def test_pk_from_renstra_keeps_each_indicator_under_its_own_goal(client, opd, operator):
    data = dataset(perjanjian_kinerja=[])
    data["indikator"].append(
        {"kode": "SOP", "nama": "Persentase layanan sesuai SOP", "satuan": "%"}
    )
    data["renstra"][0]["tujuan"][0]["sasaran"] = [
        {
            "kode": "S1",
            "uraian": "Meningkatnya layanan sesuai SOP",
            "indikator": [{"kode": "SOP", "target": {2025: "100"}}],
        }
    ]
    load_data(data)
    client.force_login(operator)
    client.post(pk_url("pk_buat"))
    pk = PerjanjianKinerja.objects.get(tahun=2025)
    placed = dict(
        TargetPK.objects.filter(sasaran_pk__perjanjian=pk).values_list(
            "indikator__kode", "sasaran_pk__uraian"
        )
    )
    assert placed == {
        "IKM": "Meningkatnya kepuasan masyarakat",
        "SOP": "Meningkatnya layanan sesuai SOP",
    }


def test_the_signing_date_survives_the_form(client, operator):
    client.force_login(operator)
    client.post(pk_url("pk_buat"))
    pk = PerjanjianKinerja.objects.get(tahun=2025)
    client.post(pk_url("pk_penandatangan", 0), {"versi": pk.versi, "tanggal": "2025-02-10"})
    page = client.get(pk_url("perjanjian_kinerja")).content.decode()
    assert 'value="2025-02-10"' in page
