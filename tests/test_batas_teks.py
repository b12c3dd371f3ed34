"""Maximum lengths of free text (sakip.organisasi.limits): one character over the limit is refused
with the limit named and nothing saved, exactly the limit is saved, and the form shows it. Through
the real forms, and through the actions and loaders that save text not coming through a form."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.db.models.functions import Length
from django.urls import reverse

from sakip.dataset import DatasetError, load_data, load_file
from sakip.evaluasi import actions as evaluasi_actions
from sakip.organisasi import limits
from sakip.organisasi.models import PerangkatDaerah, Peristiwa
from sakip.pelaporan.models import LaporanTahunan
from sakip.pengukuran import actions as pengukuran_actions
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan import actions as perencanaan_actions
from sakip.perencanaan.models import Indikator, PerjanjianKinerja
from sakip.survei.models import Respons
from tests.evaluasi.helpers import opened, team
from tests.factories import dataset
from tests.personas import make_user
from tests.survei.conftest import filled, open_period

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"
DEMO = Path(__file__).parents[1] / "src" / "sakip" / "demo" / "data" / "kecamatan-jati.yaml"


def text(length: int) -> str:
    """`length` characters of running text (no line breaks, nothing stripped)."""
    return ("Capaian naik karena koordinasi baik. " * (length // 37 + 1))[: length - 1] + "."


@pytest.fixture
def opd():
    data = dataset()
    data["realisasi_kinerja"] = []
    load_data(data)
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd)


# --- the limits themselves ------------------------------------------------------------------


def test_the_limits_hold_the_longest_real_texts_with_margin():
    import yaml

    demo = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    longest_keterangan = max(len(r.get("keterangan") or "") for r in demo["realisasi_kinerja"])
    assert longest_keterangan == 1350
    assert limits.CATATAN >= 3 * longest_keterangan
    # the longest narrative of the seed LKjIP (the tasks of one seksi) is about 3.100 characters
    assert limits.NARASI >= 3 * 3100


def test_the_demo_data_file_still_loads():
    report = load_file(DEMO)
    assert report.opd == "Kecamatan Jati"
    longest = RealisasiKinerja.objects.aggregate(n=Max(Length("keterangan")))["n"]
    assert longest == 1350  # stored whole


# --- realisasi kinerja: keterangan (pengukuran) --------------------------------------------


def post_keterangan(client, keterangan):
    prefix = "r-IKM"
    return client.post(
        reverse("simpan_kinerja", args=[OPD, 2024, 4, "IKM"]),
        {f"{prefix}-nilai": "86", f"{prefix}-keterangan": keterangan, f"{prefix}-versi": 0},
        HTTP_HX_REQUEST="true",
    )


def test_a_keterangan_one_character_too_long_is_refused_and_nothing_is_saved(client, operator):
    client.force_login(operator)
    response = post_keterangan(client, text(limits.CATATAN + 1))
    assert response.status_code == 422
    assert "Paling banyak 5.000 karakter (sekarang 5.001)." in response.content.decode()
    assert not RealisasiKinerja.objects.exists()


def test_a_keterangan_of_exactly_the_limit_is_saved(client, operator):
    client.force_login(operator)
    assert post_keterangan(client, text(limits.CATATAN)).status_code == 200
    assert len(RealisasiKinerja.objects.get().keterangan) == limits.CATATAN


def test_the_quarter_page_shows_the_keterangan_limit(client, operator):
    client.force_login(operator)
    page = client.get(reverse("triwulan", args=[OPD, 2024, 4])).content.decode()
    assert 'maxlength="5000"' in page
    assert "Paling banyak 5.000 karakter." in page


def test_the_action_refuses_a_keterangan_too_long_naming_field_and_limit(opd, operator):
    indikator = Indikator.objects.get(kode="IKM")
    with pytest.raises(ValidationError) as error:
        pengukuran_actions.simpan_realisasi_kinerja(
            operator, indikator, 2024, 4, 86, text(limits.CATATAN + 1), 0
        )
    assert error.value.message_dict == {
        "keterangan": ["Keterangan terlalu panjang: paling banyak 5.000 karakter (sekarang 5.001)."]
    }
    assert not RealisasiKinerja.objects.exists()


def test_a_return_note_too_long_is_refused_and_the_quarter_stays_submitted(opd, operator):
    pimpinan = make_user(opd.pemda, "pimpinan", opd)
    pengukuran_actions.ajukan(operator, opd, 2024, 1)
    with pytest.raises(ValidationError, match="paling banyak 5.000 karakter"):
        pengukuran_actions.kembalikan(pimpinan, opd, 2024, 1, text(limits.CATATAN + 1))
    assert PeriodeLaporan.objects.get(triwulan=1).status == "diajukan"
    pengukuran_actions.kembalikan(pimpinan, opd, 2024, 1, text(limits.CATATAN))
    periode = PeriodeLaporan.objects.get(triwulan=1)
    assert periode.status == "dikembalikan" and len(periode.catatan) == limits.CATATAN
    # the event keeps the whole note; the history row's reason is cut to its column
    assert len(Peristiwa.objects.get(jenis="dikembalikan").alasan) == limits.CATATAN
    assert len(periode.history.first().history_change_reason) <= limits.CHANGE_REASON_MAX


# --- the LKjIP's written parts (pelaporan) -------------------------------------------------


def laporan_form(**changes):
    return {
        "versi": 0,
        "tempat": "Contoh",
        "tanggal": "2025-04-10",
        "kata_pengantar": "Paragraf satu.",
        "latar_belakang": "",
        "penyebab": "",
        "permasalahan": "",
        "langkah_antisipatif": "",
        "rekomendasi": "",
        **changes,
    }


def test_an_lkjip_part_over_the_narrative_limit_is_refused(client, operator):
    client.force_login(operator)
    url = reverse("laporan", args=[OPD, 2024])
    # two paragraphs of 5.000 characters: with the line between them, 10.001
    too_long = text(5000) + "\n" + text(5000)
    response = client.post(url, laporan_form(penyebab=too_long))
    assert response.status_code == 422
    assert "Paling banyak 10.000 karakter (sekarang 10.001)." in response.content.decode()
    assert not LaporanTahunan.objects.exists()
    at_limit = text(5000) + "\n" + text(4999)
    assert client.post(url, laporan_form(penyebab=at_limit)).status_code == 302
    assert LaporanTahunan.objects.get().penyebab == [text(5000), text(4999)]


def test_the_lkjip_page_shows_the_limit_of_each_part(client, operator):
    client.force_login(operator)
    page = client.get(reverse("laporan", args=[OPD, 2024])).content.decode()
    assert page.count("Paling banyak 10.000 karakter.") == 6
    assert 'maxlength="10000"' in page
    assert "Paling banyak 100 karakter." in page  # tempat penandatanganan


def test_the_action_refuses_a_part_too_long_without_the_form(opd, operator):
    from sakip.pelaporan.actions import simpan_laporan

    data = {name: [] for name in ("kata_pengantar", "latar_belakang", "penyebab")}
    data |= {"permasalahan": [], "langkah_antisipatif": [], "tempat": "", "tanggal": None}
    data["rekomendasi"] = [text(limits.NARASI + 1)]
    with pytest.raises(ValidationError) as error:
        simpan_laporan(operator, opd, 2024, data, 0)
    assert error.value.message_dict["rekomendasi"] == [
        "Rekomendasi terlalu panjang: paling banyak 10.000 karakter (sekarang 10.001)."
    ]
    assert not LaporanTahunan.objects.exists()


# --- the IKU sheet (a ModelForm) and the PK's signatories (perencanaan) --------------------


def iku_form(indikator, **changes):
    return {
        "nama": indikator.nama,
        "satuan": indikator.satuan,
        "arah": "naik",
        "tipe_penghitungan": "posisi_akhir",
        "frekuensi": "triwulanan",
        "sumber_realisasi": "manual",
        "presisi": 2,
        "skala_min": "25",
        "skala_max": "100",
        "iku": "on",
        "versi": indikator.versi,
        **changes,
    }


def test_the_iku_sheet_refuses_texts_over_their_limits_and_shows_them(client, operator):
    client.force_login(operator)
    indikator = Indikator.objects.get(kode="IKM")
    url = reverse("indikator", args=[OPD, "IKM"])
    page = client.get(url).content.decode()
    assert "Paling banyak 5.000 karakter." in page  # alasan, formulasi, definisi, sumber
    assert "Paling banyak 400 karakter." in page  # nama, a CharField
    response = client.post(
        url, iku_form(indikator, formulasi=text(limits.CATATAN + 1), nama=text(401))
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "Paling banyak 5.000 karakter (sekarang 5.001)." in body
    assert "Paling banyak 400 karakter (sekarang 401)." in body
    indikator.refresh_from_db()
    assert indikator.formulasi == "" and indikator.nama == "Indeks Kepuasan Masyarakat"
    assert client.post(url, iku_form(indikator, formulasi=text(limits.CATATAN))).status_code == 302
    indikator.refresh_from_db()
    assert len(indikator.formulasi) == limits.CATATAN


def test_a_signatory_name_longer_than_its_column_is_refused_not_a_database_error(client, operator):
    client.force_login(operator)
    pk = PerjanjianKinerja.objects.get(tahun=2024)
    pk.status = "draft"
    pk.save()
    fields = {
        "versi": pk.versi,
        "tanggal": "2024-01-08",
        "pihak_pertama_nama": text(201),
        "pihak_pertama_jabatan": "Camat Contoh",
        "pihak_kedua_jabatan": "Bupati Contoh",
    }
    url = reverse("pk_penandatangan", args=[OPD, 2024, 0])
    response = client.post(url, fields)
    assert response.status_code == 422
    assert "Paling banyak 200 karakter (sekarang 201)." in response.content.decode()
    pk.refresh_from_db()
    assert pk.pihak_pertama_nama == "Camat Contoh"
    page = client.get(reverse("perjanjian_kinerja", args=[OPD, 2024])).content.decode()
    assert "Paling banyak 30 karakter." in page  # NIP
    # the action itself, without the form: refused before the database sees it
    with pytest.raises(ValidationError) as error:
        perencanaan_actions.simpan_penandatangan(
            operator, pk, {"pihak_kedua_nama": text(201)}, pk.versi
        )
    assert "pihak_kedua_nama" in error.value.message_dict


def test_reopening_a_pk_refuses_a_reason_too_long_and_keeps_a_long_one_whole(opd):
    admin = make_user(opd.pemda, "admin_pemda")
    pk = PerjanjianKinerja.objects.get(tahun=2024)
    with pytest.raises(ValidationError) as error:
        perencanaan_actions.buka_pk(admin, pk, text(limits.ALASAN + 1))
    assert error.value.message_dict == {
        "alasan": ["Alasan terlalu panjang: paling banyak 1.000 karakter (sekarang 1.001)."]
    }
    perencanaan_actions.buka_pk(admin, pk, text(limits.ALASAN))
    pk.refresh_from_db()
    assert pk.status == "draft"
    assert len(Peristiwa.objects.get(jenis="pk_dibuka").alasan) == limits.ALASAN
    # django-simple-history keeps a reason in a varchar(100): cut there, not a database error
    reason = pk.history.first().history_change_reason
    assert len(reason) == limits.CHANGE_REASON_MAX and reason.endswith("…")


# --- the SKM: the public form's saran and the paper questionnaire import (survei) ----------


@pytest.fixture
def layanan(opd, operator):
    from sakip.survei import actions

    return actions.tambah_layanan(operator, opd, "KTP dan KK")


@pytest.fixture
def periode(opd, operator, layanan):
    return open_period(operator, opd)


def test_the_public_form_refuses_a_saran_one_character_too_long(client, periode, layanan):
    url = reverse("skm_form", args=[layanan.token])
    page = client.get(url).content.decode()
    assert 'maxlength="2000"' in page and "Paling banyak 2.000 karakter." in page
    response = client.post(url, filled(saran=text(limits.SARAN + 1)), REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 422
    assert "Paling banyak 2.000 karakter (sekarang 2.001)." in response.content.decode()
    assert not Respons.objects.exists()
    response = client.post(url, filled(saran=text(limits.SARAN)), REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 302
    assert len(Respons.objects.get().saran) == limits.SARAN


def test_the_import_reports_a_saran_too_long_on_its_row(opd, periode, layanan):
    from io import BytesIO

    from openpyxl import load_workbook

    from sakip.survei import actions, impor

    book = load_workbook(BytesIO(impor.templat(opd, actions.unsur_of(opd))))
    row = ["KTP dan KK", "Perempuan", 41, "SMA/SMK", "Petani/nelayan", *[3] * 9]
    book["Kuesioner"].append([*row, text(limits.SARAN + 1)])
    book["Kuesioner"].append([*row, text(limits.SARAN)])
    buffer = BytesIO()
    book.save(buffer)
    report = impor.baca_berkas(buffer.getvalue(), opd)
    assert [(m.baris, m.pesan) for m in report.masalah] == [
        (2, "Saran terlalu panjang: paling banyak 2.000 karakter (sekarang 2.001).")
    ]
    assert report.baris[1].nilai["saran"] == text(limits.SARAN)


def test_voiding_a_response_refuses_a_reason_too_long(opd, operator, periode, layanan):
    from sakip.survei import actions

    respons = actions.simpan_respons_kertas(operator, periode, layanan, filled())
    with pytest.raises(ValidationError, match="paling banyak 1.000 karakter"):
        actions.batalkan_respons(operator, respons, text(limits.ALASAN + 1))
    respons.refresh_from_db()
    assert not respons.dibatalkan


def test_a_service_name_too_long_is_refused_by_the_action(opd, operator):
    from sakip.survei import actions

    with pytest.raises(ValidationError) as error:
        actions.tambah_layanan(operator, opd, text(201))
    assert error.value.message_dict == {
        "nama": ["Nama layanan terlalu panjang: paling banyak 200 karakter (sekarang 201)."]
    }


# --- Evaluasi AKIP: notes, recommendations, follow-up (evaluasi) ---------------------------


def test_evaluation_texts_over_the_limit_are_refused(client, opd, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    users = team(opd)
    evaluasi = opened(opd, users)
    jawaban = evaluasi.jawaban.order_by("pk").first()
    client.force_login(users["operator"])
    url = reverse("evaluasi_mandiri", args=[OPD, 2024, jawaban.pk])
    response = client.post(
        url,
        {"nilai": "A", "teks": text(limits.CATATAN + 1), "versi": jawaban.versi},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert (
        "Penjelasan terlalu panjang: paling banyak 5.000 karakter (sekarang 5.001)."
        in response.content.decode()
    )
    jawaban.refresh_from_db()
    assert jawaban.penjelasan_mandiri == "" and jawaban.nilai_mandiri == ""
    page = client.get(reverse("evaluasi", args=[OPD, 2024])).content.decode()
    assert 'maxlength="5000"' in page and "Paling banyak 5.000 karakter." in page
    response = client.post(
        url,
        {"nilai": "A", "teks": text(limits.CATATAN), "versi": jawaban.versi},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    jawaban.refresh_from_db()
    assert len(jawaban.penjelasan_mandiri) == limits.CATATAN

    # a return note is checked before the evaluation's state
    with pytest.raises(ValidationError) as error:
        evaluasi_actions.langkah(
            users["evaluator"], evaluasi, "kembalikan_opd", text(limits.CATATAN + 1)
        )
    assert "catatan" in error.value.message_dict


def test_a_recommendation_too_long_is_refused_by_the_action(opd, settings, tmp_path):
    from tests.evaluasi.helpers import grade_all

    settings.DATA_DIR = tmp_path
    users = team(opd)
    evaluasi = opened(opd, users)
    grade_all(evaluasi, users["operator"], "mandiri")
    evaluasi_actions.langkah(users["operator"], evaluasi, "ajukan")
    with pytest.raises(ValidationError) as error:
        evaluasi_actions.tambah_rekomendasi(users["evaluator"], evaluasi, text(limits.CATATAN + 1))
    assert error.value.message_dict == {
        "uraian": ["Rekomendasi terlalu panjang: paling banyak 5.000 karakter (sekarang 5.001)."]
    }
    assert not evaluasi.rekomendasi.exists()
    evaluasi_actions.tambah_rekomendasi(users["evaluator"], evaluasi, text(limits.CATATAN))
    assert len(evaluasi.rekomendasi.get().uraian) == limits.CATATAN


# --- the data file loader (dataset) and the model ------------------------------------------


def test_a_text_too_long_in_a_data_file_is_a_clear_error_and_nothing_is_loaded():
    data = dataset()
    data["indikator"][0]["formulasi"] = text(limits.CATATAN + 1)
    with pytest.raises(DatasetError) as error:
        load_data(data)
    assert error.value.where == "indikator[0]"
    assert error.value.message == (
        "Indikator IKM: Formulasi pengukuran terlalu panjang: paling banyak 5.000 karakter "
        "(sekarang 5.001)."
    )
    assert not Indikator.objects.exists()


def test_a_name_longer_than_its_column_in_a_data_file_is_refused():
    data = dataset()
    data["anggaran"][0]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["nama"] = text(301)
    with pytest.raises(DatasetError, match=r"paling banyak 300 karakter \(sekarang 301\)"):
        load_data(data)


def test_the_model_validates_its_limit_which_a_textfield_alone_does_not(opd):
    indikator = Indikator.objects.get(kode="IKM")
    indikator.formulasi = text(limits.CATATAN + 1)
    with pytest.raises(ValidationError) as error:
        indikator.full_clean()
    assert error.value.message_dict["formulasi"] == [
        "Paling banyak 5.000 karakter (sekarang 5.001)."
    ]
    indikator.formulasi = text(limits.CATATAN)
    indikator.full_clean()


def test_an_lke_instrument_file_with_a_criterion_too_long_is_refused():
    import yaml

    from sakip.evaluasi.instrument import SHIPPED, validate

    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    validate(data)  # the shipped instrument fits
    data["komponen"][0]["sub_komponen"][0]["kriteria"][0]["uraian"] = text(limits.URAIAN + 1)
    with pytest.raises(ValidationError) as error:
        validate(data)
    assert [m for m in error.value.messages if "terlalu panjang" in m] == [
        "Kriteria 1.a.1: Uraian terlalu panjang: paling banyak 1.000 karakter (sekarang 1.001)."
    ]
