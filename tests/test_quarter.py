"""Quarterly entry and its workflow, through the real views and actions."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah, Peristiwa
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran, RealisasiKinerja
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
SUB = "7.01.02.2.01.0001"


@pytest.fixture
def opd():
    data = dataset()
    data["realisasi_kinerja"] = []
    load_data(data)
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd)


@pytest.fixture
def pimpinan(opd):
    return make_user(opd.pemda, "pimpinan", opd)


@pytest.fixture
def admin(opd):
    return make_user(opd.pemda, "admin_pemda")


def url(name, triwulan=1, *rest):
    return reverse(name, args=["kecamatan-contoh", 2024, triwulan, *rest])


def post_kinerja(client, triwulan, nilai, keterangan="", versi=0, htmx=True):
    prefix = "r-IKM"
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(
        url("simpan_kinerja", triwulan, "IKM"),
        {f"{prefix}-nilai": nilai, f"{prefix}-keterangan": keterangan, f"{prefix}-versi": versi},
        **headers,
    )


def post_anggaran(client, triwulan, jumlah, versi=0):
    prefix = "r-" + SUB.replace(".", "_")
    return client.post(
        url("simpan_anggaran", triwulan, SUB),
        {f"{prefix}-jumlah": jumlah, f"{prefix}-versi": versi},
        HTTP_HX_REQUEST="true",
    )


def test_operator_saves_a_value_typed_in_indonesian_format(client, operator):
    client.force_login(operator)
    response = post_kinerja(client, 2, "86,86")
    assert response.status_code == 200
    assert "Tersimpan" in response.content.decode()
    row = RealisasiKinerja.objects.get(triwulan=2)
    assert row.nilai == Decimal("86.86")
    assert row.history.first().history_user == operator


@pytest.mark.parametrize(
    "typed, message",
    [
        ("delapan", "harus berupa angka"),
        ("1,500", "ambigu"),
        ("3,44", "skala NI"),
    ],
)
def test_bad_values_are_refused_next_to_the_field_and_nothing_is_saved(
    client, operator, typed, message
):
    client.force_login(operator)
    response = post_kinerja(client, 4, typed)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not RealisasiKinerja.objects.exists()


def test_a_result_below_baik_needs_an_explanation(client, operator):
    client.force_login(operator)
    response = post_kinerja(client, 4, "60")  # 60 / 85 = 70,59 %: Cukup
    assert response.status_code == 422
    assert "jelaskan penyebab" in response.content.decode()
    assert not RealisasiKinerja.objects.exists()
    assert post_kinerja(client, 4, "60", "Survei baru di satu desa").status_code == 200
    assert RealisasiKinerja.objects.get().keterangan == "Survei baru di satu desa"


def test_the_second_of_two_concurrent_edits_is_refused(client, operator):
    client.force_login(operator)
    assert post_kinerja(client, 2, "86", versi=0).status_code == 200
    stale = post_kinerja(client, 2, "87", versi=0)
    assert stale.status_code == 422
    assert "diubah orang lain" in stale.content.decode()
    assert RealisasiKinerja.objects.get().nilai == Decimal(86)


def test_budget_above_pagu_is_refused_with_the_room_left(client, operator):
    client.force_login(operator)
    # the dataset has TW I, II and IV: 600.000 of a pagu of 800.000
    assert post_anggaran(client, 3, "150.000").status_code == 200
    response = post_anggaran(client, 3, "250.000", versi=1)
    assert response.status_code == 422
    body = response.content.decode()
    assert "melebihi pagu Rp 800.000" in body
    assert "sisa pagu untuk triwulan ini Rp 200.000" in body
    assert RealisasiAnggaran.objects.get(triwulan=3).jumlah == 150000


def test_full_workflow_with_a_returned_quarter(client, opd, operator, pimpinan, admin):
    client.force_login(operator)
    post_kinerja(client, 1, "80", "awal tahun")
    client.post(url("alur", 1, "ajukan"))
    assert PeriodeLaporan.objects.get(triwulan=1).status == "diajukan"
    assert post_kinerja(client, 1, "81", versi=1).status_code == 422  # submitted: frozen

    client.force_login(pimpinan)
    client.post(url("alur", 1, "kembalikan"), {"catatan": "Lampirkan hasil survei."})
    assert PeriodeLaporan.objects.get(triwulan=1).status == "dikembalikan"

    client.force_login(operator)
    page = client.get(url("triwulan", 1)).content.decode()
    assert "Lampirkan hasil survei." in page
    assert post_kinerja(client, 1, "81", "dengan lampiran", versi=1).status_code == 200
    client.post(url("alur", 1, "ajukan"))

    client.force_login(pimpinan)
    client.post(url("alur", 1, "verifikasi"))
    client.force_login(admin)
    client.post(url("alur", 1, "kunci"))
    assert PeriodeLaporan.objects.get(triwulan=1).status == "dikunci"
    client.post(url("alur", 1, "buka"), {"alasan": ""})
    assert PeriodeLaporan.objects.get(triwulan=1).status == "dikunci"  # a reason is required
    client.post(url("alur", 1, "buka"), {"alasan": "Salah ketik TW I"})
    assert PeriodeLaporan.objects.get(triwulan=1).status == "draft"
    events = list(Peristiwa.objects.order_by("waktu", "pk").values_list("jenis", "alasan"))
    assert events == [
        ("diajukan", ""),
        ("dikembalikan", "Lampirkan hasil survei."),
        ("diajukan", ""),
        ("diverifikasi", ""),
        ("dikunci", ""),
        ("dibuka", "Salah ketik TW I"),
    ]


def test_roles_cannot_take_each_others_steps(client, opd, operator, pimpinan):
    client.force_login(pimpinan)
    assert post_kinerja(client, 1, "80").status_code == 403
    client.post(url("alur", 1, "ajukan"))
    assert not PeriodeLaporan.objects.filter(status="diajukan").exists()
    client.force_login(operator)
    client.post(url("alur", 1, "ajukan"))
    client.post(url("alur", 1, "verifikasi"))
    assert PeriodeLaporan.objects.get(triwulan=1).status == "diajukan"


def test_history_page_shows_old_and_new_value_and_who(client, operator):
    client.force_login(operator)
    post_kinerja(client, 2, "80")
    post_kinerja(client, 2, "82,5", versi=1)
    page = client.get(url("riwayat_kinerja", 2, "IKM")).content.decode()
    assert "80 → 82,5" in page
    assert operator.username in page


def test_without_javascript_a_save_redirects_back_with_a_message(client, operator):
    client.force_login(operator)
    response = post_kinerja(client, 2, "86", htmx=False)
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_xlsx_export_neutralises_formulas(client, opd, operator):
    from io import BytesIO

    from openpyxl import load_workbook

    from sakip.perencanaan.models import Indikator

    Indikator.objects.filter(kode="IKM").update(nama='=HYPERLINK("http://x")')
    client.force_login(operator)
    response = client.get(reverse("pengukuran_xlsx", args=["kecamatan-contoh", 2024]))
    book = load_workbook(BytesIO(response.content))
    assert book["Kinerja"]["B2"].value == '\'=HYPERLINK("http://x")'
    assert book["Anggaran"]["C2"].value == 1300000


def test_an_indicator_without_a_target_that_year_cannot_be_filled(client, operator):
    client.force_login(operator)
    prefix = "r-IKM"
    url = reverse("simpan_kinerja", args=["kecamatan-contoh", 2031, 1, "IKM"])
    response = client.post(
        url, {f"{prefix}-nilai": "80", f"{prefix}-versi": 0}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Redirect"] == reverse("triwulan", args=["kecamatan-contoh", 2031, 1])
    assert not RealisasiKinerja.objects.filter(tahun=2031).exists()
    page = client.get(response["HX-Redirect"]).content.decode()
    assert "tidak memiliki target tahun 2031" in page


def test_explanation_follows_the_scale_bounds_exactly(opd, client, operator):
    """Permendagri 86/2017: > 90 Sangat Tinggi holds 100 %; exactly 90 is already below it."""
    from sakip.organisasi.models import RentangPredikat, SkalaPredikat

    skala = SkalaPredikat.objects.create(pemda=opd.pemda, nama="Permendagri 86/2017")
    bands = [
        ("Sangat Tinggi", 90, False, None),
        ("Tinggi", 75, False, 90),
        ("Rendah", None, False, 75),
    ]
    for urutan, (label, low, low_incl, high) in enumerate(bands, start=1):
        RentangPredikat.objects.create(
            pemda=opd.pemda,
            skala=skala,
            urutan=urutan,
            label=label,
            batas_bawah=low,
            bawah_inklusif=low_incl,
            batas_atas=high,
            atas_inklusif=True,
        )
    client.force_login(operator)
    response = post_kinerja(client, 4, "76,50")  # 76,5 / 85 = 90,00 %: Tinggi
    assert response.status_code == 422
    assert "(Tinggi) di bawah rentang Sangat Tinggi" in response.content.decode()
    assert post_kinerja(client, 4, "76,60").status_code == 200  # 90,12 %: Sangat Tinggi


def test_xlsx_lists_each_budget_line_once_and_the_total_last(client, opd, operator):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(operator)
    response = client.get(reverse("pengukuran_xlsx", args=["kecamatan-contoh", 2024]))
    sheet = load_workbook(BytesIO(response.content))["Anggaran"]
    codes = [row[0].value for row in sheet.iter_rows(min_row=2)]
    # program, kegiatan, two sub-kegiatan, then the total
    assert codes == ["7.01.02", "7.01.02.2.01", "7.01.02.2.01.0001", "7.01.02.2.01.0002", None]
