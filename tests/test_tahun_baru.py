"""Starting year N+1 of an OPD in one action (sakip.perencanaan.actions_tahun_baru) and its
confirmation page, on the small dataset: year 2024 is running, the Renstra has 2025 targets."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.models import PeriodeLaporan
from sakip.perencanaan.actions_pohon_anggaran import buat_dpa_murni, tambah_indikator
from sakip.perencanaan.actions_tahun_baru import mulai_tahun_baru
from sakip.perencanaan.models import (
    Pagu,
    PerjanjianKinerja,
    SubKegiatan,
    TargetPK,
    TargetTahunan,
    VersiAnggaran,
)
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
SUB = "7.01.02.2.01.0001"


@pytest.fixture
def opd():
    load_data(dataset())
    return PerangkatDaerah.objects.get(slug="kecamatan-contoh")


@pytest.fixture
def planner(opd):
    return make_user(opd.pemda, "operator", opd)


@pytest.fixture
def output(opd, planner):
    """An output indicator of a sub-kegiatan with its 2024 target."""
    sub = SubKegiatan.objects.get(kode=SUB)
    data = {"nama": "Dokumen rapat", "satuan": "dokumen", "arah": "naik"}
    return tambah_indikator(planner, sub, data, 2024, Decimal("12"))


def year_rows(opd, tahun):
    """Every row of the year, with its values and versi: what must not move."""
    return {
        "pk": list(
            PerjanjianKinerja.objects.filter(opd=opd, tahun=tahun).values_list(
                "pk", "revisi", "status", "versi"
            )
        ),
        "target_pk": sorted(
            TargetPK.objects.filter(
                sasaran_pk__perjanjian__opd=opd, sasaran_pk__perjanjian__tahun=tahun
            ).values_list("pk", "target", "versi")
        ),
        "dpa": list(
            VersiAnggaran.objects.filter(opd=opd, tahun=tahun).values_list(
                "pk", "jenis", "urutan", "nomor"
            )
        ),
        "pagu": sorted(
            Pagu.objects.filter(versi_anggaran__opd=opd, versi_anggaran__tahun=tahun).values_list(
                "pk", "sub_kegiatan__kode", "jumlah", "versi"
            )
        ),
        "target_tahunan": sorted(
            TargetTahunan.objects.filter(indikator__opd=opd, tahun=tahun).values_list(
                "pk", "target", "versi"
            )
        ),
        "periode": sorted(
            PeriodeLaporan.objects.filter(opd=opd, tahun=tahun).values_list("pk", "status", "versi")
        ),
    }


def test_it_creates_the_pk_draft_and_the_murni_dpa_of_the_new_year(opd, planner, output):
    before = year_rows(opd, 2024)
    assert before["pk"] and before["pagu"] and before["target_tahunan"]

    hasil = mulai_tahun_baru(planner, opd, 2025)

    pk = PerjanjianKinerja.objects.get(opd=opd, tahun=2025)
    assert hasil.perjanjian == pk and pk.status == "draft" and pk.revisi == 0
    assert list(
        TargetPK.objects.filter(sasaran_pk__perjanjian=pk).values_list("indikator__kode", "target")
    ) == [("IKM", Decimal("88"))]  # the Renstra's 2025 target, not the 2024 PK's 85
    dpa = VersiAnggaran.objects.get(opd=opd, tahun=2025)
    assert hasil.dpa == dpa
    assert (dpa.jenis, dpa.urutan, dpa.nomor) == ("murni", 1, "")  # a draft: no nomor
    # the pagu of the DPA in force in 2024 (the perubahan), not of its murni
    assert dict(
        Pagu.objects.filter(versi_anggaran=dpa).values_list("sub_kegiatan__kode", "jumlah")
    ) == {
        SUB: Decimal("800000"),
        "7.01.02.2.01.0002": Decimal("500000"),
    }
    assert TargetTahunan.objects.get(indikator=output, tahun=2025).target == Decimal("12")
    assert hasil.target_tahunan == 1
    assert not PeriodeLaporan.objects.filter(opd=opd, tahun=2025).exists()  # open: made on use
    assert year_rows(opd, 2024) == before


def test_a_second_run_is_refused_and_says_what_exists(opd, planner):
    mulai_tahun_baru(planner, opd, 2025)
    after_first = year_rows(opd, 2025)
    with pytest.raises(ValidationError) as refused:
        mulai_tahun_baru(planner, opd, 2025)
    text = " ".join(refused.value.messages)
    assert "Perjanjian Kinerja 2025 sudah ada" in text
    assert "DPA Murni 2025 sudah ada" in text
    assert year_rows(opd, 2025) == after_first


def test_an_existing_dpa_of_the_new_year_refuses_everything(opd, planner):
    buat_dpa_murni(planner, opd, 2025, {SubKegiatan.objects.get(kode=SUB): Decimal("5")})
    with pytest.raises(ValidationError) as refused:
        mulai_tahun_baru(planner, opd, 2025)
    assert refused.value.messages == ["DPA Murni 2025 sudah ada: ubah pagunya di halaman DPA 2025."]
    assert not PerjanjianKinerja.objects.filter(opd=opd, tahun=2025).exists()


def test_a_target_already_set_for_the_new_year_is_kept(opd, planner, output):
    TargetTahunan.objects.create(pemda=opd.pemda, indikator=output, tahun=2025, target=20)
    hasil = mulai_tahun_baru(planner, opd, 2025)
    assert hasil.target_tahunan == 0
    assert TargetTahunan.objects.get(indikator=output, tahun=2025).target == Decimal("20")


def test_it_refuses_when_the_renstra_has_no_target_for_the_new_year(planner, opd):
    with pytest.raises(ValidationError) as refused:
        mulai_tahun_baru(planner, opd, 2026)  # the Renstra runs to 2026, with targets to 2025
    assert "belum memuat target tahun 2026" in refused.value.messages[0]
    assert not PerjanjianKinerja.objects.filter(opd=opd, tahun=2026).exists()
    assert not VersiAnggaran.objects.filter(opd=opd, tahun=2026).exists()


def test_it_refuses_a_year_no_renstra_covers(planner, opd):
    with pytest.raises(ValidationError) as refused:
        mulai_tahun_baru(planner, opd, 2027)
    assert "Belum ada Renstra yang mencakup tahun 2027" in refused.value.messages[0]


def test_a_year_without_dpa_starts_with_the_pk_only():
    load_data(dataset(anggaran=[]))
    opd = PerangkatDaerah.objects.get(slug="kecamatan-contoh")
    hasil = mulai_tahun_baru(make_user(opd.pemda, "pimpinan", opd), opd, 2025)
    assert hasil.dpa is None and hasil.perjanjian.tahun == 2025
    assert not VersiAnggaran.objects.filter(opd=opd).exists()


@pytest.mark.parametrize("peran", ["evaluator", "viewer"])
def test_it_rejects_roles_other_than_the_planners(opd, peran):
    with pytest.raises(PermissionDenied):
        mulai_tahun_baru(make_user(opd.pemda, peran), opd, 2025)
    assert not PerjanjianKinerja.objects.filter(opd=opd, tahun=2025).exists()


def test_it_rejects_the_planner_of_another_opd(opd):
    other = dataset()
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(other)
    stranger = make_user(
        opd.pemda, "operator", PerangkatDaerah.objects.get(slug="dinas-lain"), name="lain"
    )
    with pytest.raises(PermissionDenied):
        mulai_tahun_baru(stranger, opd, 2025)
    assert not PerjanjianKinerja.objects.filter(opd=opd, tahun=2025).exists()


# --- the page ------------------------------------------------------------------------------


def test_the_page_lists_what_will_be_created_and_the_button_creates_it(client, opd, planner):
    client.force_login(planner)
    page = client.get(reverse("tahun_baru", args=[opd.slug, 2025])).content.decode()
    assert "Mulai tahun 2025" in page
    assert "Indeks Kepuasan Masyarakat" in page and "88" in page
    assert "800.000" in page and "1.300.000" in page  # the DPA in force and its total
    response = client.post(reverse("tahun_baru_mulai", args=[opd.slug, 2025]))
    assert response.status_code == 302
    assert response["Location"] == reverse("perjanjian_kinerja", args=[opd.slug, 2025])
    again = client.post(reverse("tahun_baru_mulai", args=[opd.slug, 2025]))
    assert again.status_code == 422
    assert "Perjanjian Kinerja 2025 sudah ada" in again.content.decode()
    assert 'action="/opd/kecamatan-contoh/2025/tahun-baru/mulai/"' not in again.content.decode()


def test_the_dpa_page_links_the_button_for_who_may_start_the_year(client, opd, planner):
    link = reverse("tahun_baru", args=[opd.slug, 2025])
    for user in (planner, make_user(opd.pemda, "admin_pemda")):
        client.force_login(user)
        assert link in client.get(reverse("pohon_dpa", args=[opd.slug, 2024])).content.decode()
    client.force_login(make_user(opd.pemda, "evaluator"))
    assert link not in client.get(reverse("pohon_dpa", args=[opd.slug, 2024])).content.decode()


def test_a_user_of_another_pemda_gets_404(client, opd):
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain Kota"}
    load_data(other)
    theirs = PerangkatDaerah.objects.get(slug="dinas-lain")
    client.force_login(make_user(theirs.pemda, "operator", theirs, name="kota"))
    assert client.post(reverse("tahun_baru_mulai", args=[opd.slug, 2025])).status_code == 404
    assert not PerjanjianKinerja.objects.filter(opd=opd, tahun=2025).exists()
