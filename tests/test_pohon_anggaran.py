"""The program → kegiatan → sub-kegiatan tree and the DPA in the browser
(sakip.perencanaan.views_pohon_anggaran), through the test client with real roles."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan
from sakip.perencanaan.models import (
    Indikator,
    Kegiatan,
    Pagu,
    Program,
    SubKegiatan,
    TargetTahunan,
    VersiAnggaran,
)
from tests.factories import dataset
from tests.personas import make_user
from tests.test_measurement import bigger_dataset

pytestmark = pytest.mark.django_db
TAHUN = 2025
OPD = "kecamatan-contoh"


def url(name, *args):
    return reverse(name, args=[OPD, TAHUN, *args])


@pytest.fixture
def opd():
    """The test dataset's OPD, loaded without its budget: no program yet."""
    load_data(dataset(anggaran=[]))
    found = PerangkatDaerah.objects.get(slug=OPD)
    assert not Program.objects.filter(opd=found).exists()
    return found


@pytest.fixture
def planner(client, opd):
    client.force_login(make_user(opd.pemda, "operator", opd))
    return client


def add_program(client, kode="7.01.01", nama="PROGRAM PENUNJANG"):
    return client.post(url("pohon_tambah_program"), {"program-kode": kode, "program-nama": nama})


def add_child(client, tingkat, induk, kode, nama):
    node = {"program": Program, "kegiatan": Kegiatan}[tingkat].objects.get(kode=induk)
    prefix = f"tambah-{tingkat}-{node.pk}"
    return client.post(
        url("pohon_tambah", tingkat, induk), {f"{prefix}-kode": kode, f"{prefix}-nama": nama}
    )


def build_tree(client):
    assert add_program(client).status_code == 302
    assert add_child(client, "program", "7.01.01", "7.01.01.2.01", "Perencanaan").status_code == 302
    for kode, nama in (("7.01.01.2.01.0001", "Dokumen"), ("7.01.01.2.01.0002", "Evaluasi")):
        assert add_child(client, "kegiatan", "7.01.01.2.01", kode, nama).status_code == 302


def pagu_fields(values: dict, versi=None) -> dict:
    data = {}
    for kode, value in values.items():
        sub = SubKegiatan.objects.get(kode=kode)
        data[f"dpa-p{sub.pk}"] = value
        if versi is not None:
            row = Pagu.objects.filter(versi_anggaran=versi, sub_kegiatan=sub).first()
            data[f"dpa-v{sub.pk}"] = row.versi if row else 0
    return data


def test_a_planner_builds_the_tree_and_both_dpa_and_the_measurement_sums_them(planner, opd):
    build_tree(planner)
    page = planner.get(url("pohon_anggaran")).content.decode()
    assert "7.01.01.2.01.0002" in page and "Evaluasi" in page

    response = planner.post(
        url("pohon_dpa_murni"),
        pagu_fields({"7.01.01.2.01.0001": "6.910.000", "7.01.01.2.01.0002": "Rp 1.000.000"}),
    )
    assert response.status_code == 302, response.content.decode()
    murni = VersiAnggaran.objects.get(opd=opd, tahun=TAHUN)
    assert murni.jenis == "murni"
    assert measure(opd, TAHUN).anggaran.pagu == Decimal("7910000")

    assert planner.post(url("pohon_dpa_perubahan")).status_code == 302
    perubahan = VersiAnggaran.in_force(opd, TAHUN)
    assert perubahan.jenis == "perubahan"
    assert Pagu.objects.filter(versi_anggaran=perubahan).count() == 2  # copied from the murni
    response = planner.post(
        url("pohon_dpa_pagu"),
        pagu_fields(
            {"7.01.01.2.01.0001": "6.910.000", "7.01.01.2.01.0002": "1.500.000"}, perubahan
        ),
    )
    assert response.status_code == 302, response.content.decode()

    tree = measure(opd, TAHUN).anggaran
    assert tree.pagu == Decimal("8410000")
    (program,) = tree.children
    assert (program.kode, program.pagu) == ("7.01.01", Decimal("8410000"))
    (kegiatan,) = program.children
    assert [(s.kode, s.pagu) for s in kegiatan.children] == [
        ("7.01.01.2.01.0001", Decimal("6910000")),
        ("7.01.01.2.01.0002", Decimal("1500000")),
    ]
    # the murni keeps its pagu; the DPA page shows both side by side with their sums
    assert Pagu.objects.get(
        versi_anggaran=murni, sub_kegiatan__kode="7.01.01.2.01.0002"
    ).jumlah == (Decimal("1000000"))
    page = planner.get(url("pohon_dpa")).content.decode()
    assert "7.910.000" in page and "8.410.000" in page


@pytest.mark.parametrize(
    "kode, expected",
    [
        ("7.1.01", "harus berbentuk X.XX.XX"),
        ("7.01.01.2.01", "harus berbentuk X.XX.XX"),
        ("", "tidak boleh kosong"),
    ],
)
def test_a_program_code_of_the_wrong_shape_is_refused_and_nothing_saved(
    planner, opd, kode, expected
):
    response = add_program(planner, kode)
    assert response.status_code == 422
    assert expected in response.content.decode()
    assert "PROGRAM PENUNJANG" in response.content.decode()  # what was typed stays
    assert not Program.objects.filter(opd=opd).exists()


def test_a_child_whose_code_does_not_start_with_its_parents_is_refused_naming_both(planner, opd):
    add_program(planner)
    response = add_child(planner, "program", "7.01.01", "7.01.02.2.01", "Salah induk")
    assert response.status_code == 422
    body = response.content.decode()
    assert "Kode 7.01.02.2.01 tidak diawali kode induknya 7.01.01" in body
    assert not Kegiatan.objects.exists()
    add_child(planner, "program", "7.01.01", "7.01.01.2.01", "Perencanaan")
    response = add_child(planner, "kegiatan", "7.01.01.2.01", "7.01.01.2.02.0001", "Salah")
    assert "tidak diawali kode induknya 7.01.01.2.01" in response.content.decode()
    response = add_child(planner, "kegiatan", "7.01.01.2.01", "7.01.01.2.01.001", "Pendek")
    assert "X.XX.XX.X.XX.XXXX" in response.content.decode()
    assert not SubKegiatan.objects.exists()


def test_a_code_is_used_once_per_opd(planner, opd):
    add_program(planner)
    response = add_program(planner, nama="Program lain")
    assert response.status_code == 422
    assert "Kode 7.01.01 sudah dipakai PROGRAM PENUNJANG" in response.content.decode()
    assert Program.objects.filter(opd=opd).count() == 1


def test_a_pagu_with_a_misplaced_dot_is_refused_and_no_dpa_made(planner, opd):
    build_tree(planner)
    response = planner.post(
        url("pohon_dpa_murni"), pagu_fields({"7.01.01.2.01.0001": "Rp 170.0000"})
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "bukan penulisan rupiah yang sah" in body and "Rp 170.0000" in body
    assert not VersiAnggaran.objects.filter(opd=opd).exists()
    assert not Pagu.objects.exists()


def test_rename_and_move_with_the_new_parents_code(planner, opd):
    build_tree(planner)
    add_program(planner, "7.01.02", "PROGRAM KEDUA")
    kegiatan = Kegiatan.objects.get(kode="7.01.01.2.01")
    prefix = f"pindah-kegiatan-{kegiatan.pk}"
    move = url("pohon_pindah", "kegiatan", "7.01.01.2.01")
    response = planner.post(move, {f"{prefix}-induk": "7.01.02", f"{prefix}-kode": "7.01.01.2.01"})
    assert response.status_code == 422
    assert "tidak diawali kode induknya 7.01.02" in response.content.decode()
    response = planner.post(move, {f"{prefix}-induk": "7.01.02"})
    assert "misalnya 7.01.02.2.01" in response.content.decode()  # the code it proposes
    kegiatan.refresh_from_db()
    assert kegiatan.program.kode == "7.01.01"

    response = planner.post(move, {f"{prefix}-induk": "7.01.02", f"{prefix}-kode": "7.01.02.2.01"})
    assert response.status_code == 302
    kegiatan.refresh_from_db()
    assert (kegiatan.kode, kegiatan.program.kode) == ("7.01.02.2.01", "7.01.02")
    assert sorted(s.kode for s in kegiatan.sub_kegiatan.all()) == [
        "7.01.02.2.01.0001",
        "7.01.02.2.01.0002",
    ]
    rename = url("pohon_ubah", "kegiatan", "7.01.02.2.01")
    planner.post(rename, {f"nama-kegiatan-{kegiatan.pk}-nama": "Perencanaan dan evaluasi"})
    kegiatan.refresh_from_db()
    assert kegiatan.nama == "Perencanaan dan evaluasi"


def test_indicator_of_a_sub_kegiatan_added_edited_removed(planner, opd):
    build_tree(planner)
    sub = SubKegiatan.objects.get(kode="7.01.01.2.01.0001")
    prefix = f"indikator-sub_kegiatan-{sub.pk}"
    fields = {
        "nama": "Jumlah dokumen perencanaan",
        "satuan": "dokumen",
        "arah": "naik",
        "tipe_penghitungan": "kumulatif",
        "frekuensi": "tahunan",
        "presisi": "0",
        "target": "4",
    }
    response = planner.post(
        url("pohon_indikator_tambah", "sub_kegiatan", sub.kode),
        {f"{prefix}-{k}": v for k, v in fields.items()},
    )
    assert response.status_code == 302, response.content.decode()
    indikator = Indikator.objects.get(sub_kegiatan=sub)
    assert indikator.kode == "SK-7.01.01.2.01.0001"
    assert TargetTahunan.objects.get(indikator=indikator, tahun=TAHUN).target == 4

    target = TargetTahunan.objects.get(indikator=indikator)
    edit = {**fields, "satuan": "laporan", "target": "5", "versi": indikator.versi}
    edit["versi_target"] = target.versi
    response = planner.post(
        url("pohon_indikator_ubah", indikator.kode),
        {f"ind-{indikator.pk}-{k}": v for k, v in edit.items()},
    )
    assert response.status_code == 302, response.content.decode()
    indikator.refresh_from_db()
    assert indikator.satuan == "laporan"
    assert TargetTahunan.objects.get(indikator=indikator).target == 5

    assert planner.post(url("pohon_indikator_hapus", indikator.kode)).status_code == 302
    assert not Indikator.objects.filter(pk=indikator.pk).exists()


def test_a_strategic_indicator_is_not_edited_here(planner, opd):
    response = planner.post(url("pohon_indikator_hapus", "IKM"))
    assert response.status_code == 422
    assert "ubah di halaman Renstra" in response.content.decode()
    assert Indikator.objects.filter(kode="IKM").exists()


def test_removing_a_node_without_records_removes_it_and_its_draft_pagu(planner, opd):
    build_tree(planner)
    planner.post(url("pohon_dpa_murni"), pagu_fields({"7.01.01.2.01.0002": "1.000"}))
    response = planner.post(url("pohon_hapus", "sub_kegiatan", "7.01.01.2.01.0002"))
    assert response.status_code == 302
    assert not SubKegiatan.objects.filter(kode="7.01.01.2.01.0002").exists()
    assert not Pagu.objects.exists()
    assert planner.post(url("pohon_hapus", "program", "7.01.01")).status_code == 302
    assert not Kegiatan.objects.exists() and not SubKegiatan.objects.exists()


def test_removal_is_refused_in_a_dpa_that_is_ditetapkan(planner, opd):
    build_tree(planner)
    planner.post(
        url("pohon_dpa_murni"),
        {**pagu_fields({"7.01.01.2.01.0001": "1.000"}), "meta-nomor": "DPA/900/2025"},
    )
    response = planner.post(url("pohon_hapus", "kegiatan", "7.01.01.2.01"))
    assert response.status_code == 422
    assert (
        "Kegiatan 7.01.01.2.01 tidak dapat dihapus: sub-kegiatan 7.01.01.2.01.0001 memiliki pagu "
        "di DPA Murni 2025 yang sudah ditetapkan (nomor DPA/900/2025)"
    ) in response.content.decode()
    assert SubKegiatan.objects.count() == 2


def test_removal_and_moves_are_refused_in_a_year_with_a_locked_quarter(planner, opd):
    build_tree(planner)
    planner.post(url("pohon_dpa_murni"), pagu_fields({"7.01.01.2.01.0001": "1.000"}))
    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=TAHUN, triwulan=2, status="dikunci"
    )
    response = planner.post(url("pohon_hapus", "sub_kegiatan", "7.01.01.2.01.0001"))
    assert response.status_code == 422
    assert "triwulan 2 2025 sudah dikunci" in response.content.decode()
    assert SubKegiatan.objects.filter(kode="7.01.01.2.01.0001").exists()
    add_child(planner, "program", "7.01.01", "7.01.01.2.02", "Kegiatan kedua")
    sub = SubKegiatan.objects.get(kode="7.01.01.2.01.0001")
    prefix = f"pindah-sub_kegiatan-{sub.pk}"
    response = planner.post(
        url("pohon_pindah", "sub_kegiatan", sub.kode),
        {f"{prefix}-induk": "7.01.01.2.02", f"{prefix}-kode": "7.01.01.2.02.0001"},
    )
    assert response.status_code == 422
    assert "tidak dapat dipindahkan: triwulan 2 2025 sudah dikunci" in response.content.decode()
    sub.refresh_from_db()
    assert sub.kode == "7.01.01.2.01.0001"


@pytest.fixture
def loaded(client):
    """The whole test dataset: 2024 with realisasi, a signed PK and both DPA."""
    load_data(dataset())
    found = PerangkatDaerah.objects.get(slug=OPD)
    client.force_login(make_user(found.pemda, "pimpinan", found))
    return client


def test_removal_is_refused_when_there_is_realisasi_anggaran(loaded):
    response = loaded.post(reverse("pohon_hapus", args=[OPD, 2024, "program", "7.01.02"]))
    assert response.status_code == 422
    assert (
        "Program 7.01.02 tidak dapat dihapus: sub-kegiatan 7.01.02.2.01.0001 sudah memiliki "
        "realisasi anggaran triwulan 1 2024"
    ) in response.content.decode()
    assert SubKegiatan.objects.count() == 2 and Pagu.objects.count() == 4


def test_removal_is_refused_when_the_pagu_is_in_a_signed_pk_annex(loaded):
    # the second sub-kegiatan has no realisasi, but its pagu is in the signed PK 2024
    response = loaded.post(
        reverse("pohon_hapus", args=[OPD, 2024, "sub_kegiatan", "7.01.02.2.01.0002"])
    )
    assert response.status_code == 422
    assert "lampiran Perjanjian Kinerja 2024 yang sudah ditandatangani" in (
        response.content.decode()
    )
    assert SubKegiatan.objects.filter(kode="7.01.02.2.01.0002").exists()


def test_the_admin_pemda_may_build_in_any_opd_of_its_pemda(client, opd):
    client.force_login(make_user(opd.pemda, "admin_pemda"))
    assert add_program(client).status_code == 302
    assert Program.objects.filter(opd=opd, kode="7.01.01").exists()


@pytest.mark.parametrize("peran", ["viewer", "evaluator"])
def test_readers_see_the_tree_but_may_not_change_it(client, opd, peran):
    client.force_login(make_user(opd.pemda, peran))
    assert client.get(url("pohon_anggaran")).status_code == 200
    assert add_program(client).status_code == 403
    assert client.post(url("pohon_dpa_murni")).status_code == 403
    assert not Program.objects.exists()


def test_another_opd_and_another_pemda_are_refused(client, opd):
    same = dataset(anggaran=[])
    same["opd"] = {**same["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(same)
    other = PerangkatDaerah.objects.get(slug="dinas-lain")
    client.force_login(make_user(opd.pemda, "operator", other, name="op-lain"))
    assert add_program(client).status_code == 403
    far = dataset(anggaran=[])
    far["pemda"] = {**far["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    far["opd"] = {**far["opd"], "slug": "dinas-kota", "nama": "Dinas Kota"}
    load_data(far)
    far_opd = PerangkatDaerah.objects.get(pemda__slug="kota-lain")
    client.force_login(make_user(far_opd.pemda, "admin_pemda", name="admin-lain"))
    assert add_program(client).status_code == 404  # our OPD does not exist for them
    assert not Program.objects.exists()


def _queries(client, size) -> int:
    slug = f"opd-{size}"
    load_data(bigger_dataset(size, slug))
    found = PerangkatDaerah.objects.get(slug=slug)
    client.force_login(make_user(found.pemda, "operator", found, name=f"u{size}"))
    for name in ("pohon_anggaran", "pohon_dpa"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name, args=[slug, 2024])).status_code == 200
        yield len(captured)


def test_the_tree_and_dpa_pages_load_in_a_fixed_number_of_queries(client):
    small = list(_queries(client, 1))
    large = list(_queries(client, 30))
    assert small == large
    assert max(small) <= 40
