"""Budgets in whole rupiah: the pagu form, the realisasi anggaran form, their actions, the model
and the data file loader refuse sen and dots that do not group three digits, with the reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sakip.dataset import DatasetError, load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran import actions as pengukuran_actions
from sakip.pengukuran.models import RealisasiAnggaran
from sakip.perencanaan import actions as perencanaan_actions
from sakip.perencanaan.models import Pagu, SubKegiatan
from tests.factories import dataset, sub_kegiatan
from tests.personas import make_user

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"
SUB = "7.01.02.2.01.0001"
REFUSED = [
    ("1.5", "Rupiah ditulis tanpa sen: 1.5 memuat pecahan. Tulis bilangan bulat, misalnya 2."),
    (
        "1.234,5",
        "Rupiah ditulis tanpa sen: 1.234,5 memuat pecahan. Tulis bilangan bulat, misalnya 1.235.",
    ),
    (
        "170.0000",
        "170.0000 bukan penulisan rupiah yang sah: titik memisahkan ribuan per tiga angka "
        "(170.000 atau 1.700.000)",
    ),
]


@pytest.fixture
def opd():
    load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd)


def pagu_in_force():
    return Pagu.objects.get(versi_anggaran__jenis="perubahan", sub_kegiatan__kode=SUB)


def post_pagu(client, pagu, typed):
    return client.post(
        reverse("simpan_pagu", args=[OPD, 2024, pagu.pk]),
        {f"p{pagu.pk}-jumlah": typed, f"p{pagu.pk}-versi": pagu.versi},
    )


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_the_pagu_form_refuses_sen_and_bad_grouping_with_the_reason(
    client, operator, typed, reason
):
    client.force_login(operator)
    pagu = pagu_in_force()
    response = post_pagu(client, pagu, typed)
    assert response.status_code == 422
    assert reason in response.content.decode()
    pagu.refresh_from_db()
    assert pagu.jumlah == Decimal(800000) and pagu.history.count() == 1


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("1.234.567", 1234567), ("1234567", 1234567), ("Rp 1.234.567", 1234567), ("750.000", 750000)],
)
def test_the_pagu_form_accepts_whole_rupiah(client, operator, typed, stored):
    client.force_login(operator)
    pagu = pagu_in_force()
    assert post_pagu(client, pagu, typed).status_code == 302
    pagu.refresh_from_db()
    assert pagu.jumlah == Decimal(stored)


def post_realisasi(client, typed, versi=0):
    prefix = "r-" + SUB.replace(".", "_")
    return client.post(
        reverse("simpan_anggaran", args=[OPD, 2024, 3, SUB]),
        {f"{prefix}-jumlah": typed, f"{prefix}-versi": versi},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_the_realisasi_anggaran_form_refuses_sen_and_bad_grouping(client, operator, typed, reason):
    client.force_login(operator)
    response = post_realisasi(client, typed)
    assert response.status_code == 422
    assert reason in response.content.decode()
    assert not RealisasiAnggaran.objects.filter(triwulan=3).exists()


@pytest.mark.parametrize("typed", ["150.000", "150000", "Rp 150.000", "Rp 150.000,-"])
def test_the_realisasi_anggaran_form_accepts_whole_rupiah(client, operator, typed):
    client.force_login(operator)
    assert post_realisasi(client, typed).status_code == 200
    assert RealisasiAnggaran.objects.get(triwulan=3).jumlah == Decimal(150000)


def test_the_actions_refuse_sen_that_did_not_come_through_a_form(opd, operator):
    pagu = pagu_in_force()
    with pytest.raises(ValidationError) as error:
        perencanaan_actions.simpan_pagu(operator, pagu, Decimal("750000.50"), pagu.versi)
    assert error.value.message_dict == {
        "jumlah": [
            "Rupiah ditulis tanpa sen: 750.000,50 memuat pecahan. Tulis bilangan bulat, "
            "misalnya 750.001."
        ]
    }
    sub = SubKegiatan.objects.get(kode=SUB)
    with pytest.raises(ValidationError, match="memuat pecahan"):
        pengukuran_actions.simpan_realisasi_anggaran(operator, sub, 2024, 3, Decimal("0.5"), 0)
    assert not RealisasiAnggaran.objects.filter(triwulan=3).exists()


def test_the_model_refuses_a_rupiah_with_sen(opd):
    pagu = pagu_in_force()
    pagu.jumlah = Decimal("800000.25")
    with pytest.raises(ValidationError) as error:
        pagu.full_clean()
    assert "memuat pecahan" in error.value.message_dict["jumlah"][0]
    pagu.jumlah = Decimal("800000.00")
    pagu.full_clean()


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("1.234,5", "pagu murni: Rupiah ditulis tanpa sen: 1.234,5 memuat pecahan."),
        (1.5, "pagu murni: Rupiah ditulis tanpa sen: 1,5 memuat pecahan."),
        ("170.0000", "pagu murni: 170.0000 bukan penulisan rupiah yang sah"),
    ],
)
def test_the_data_file_loader_refuses_a_rupiah_with_sen(amount, reason):
    data = dataset()
    sub_kegiatan(data)["pagu"]["murni"] = amount
    with pytest.raises(DatasetError) as error:
        load_data(data)
    assert reason in error.value.message
    assert "7.01.02.2.01.0001" in error.value.where
    assert not Pagu.objects.exists()


def test_the_data_file_loader_reads_rupiah_written_as_people_write_them():
    data = dataset()
    sub_kegiatan(data)["pagu"] = {"murni": "Rp 1.000.000", "perubahan": "800.000"}
    load_data(data)
    assert {
        p.versi_anggaran.jenis: p.jumlah for p in Pagu.objects.filter(sub_kegiatan__kode=SUB)
    } == {
        "murni": Decimal(1000000),
        "perubahan": Decimal(800000),
    }
