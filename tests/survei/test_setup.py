"""Setting up the SKM of an OPD: services, the nine unsur, periods, one-time codes, posters;
who may do it."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from sakip.organisasi.models import Peristiwa
from sakip.survei import actions
from sakip.survei.models import KodeSekali, Layanan, PeriodeSurvei, PertanyaanUnsur
from sakip.survei.standar import STANDAR_UNSUR
from tests.personas import make_user
from tests.survei.conftest import open_period

pytestmark = pytest.mark.django_db


def period_data(tahun=2025, **changes):
    mulai, selesai = actions.rentang_bawaan(tahun, changes.get("jenis", "semester_1"))
    return {"jenis": "semester_1", "mulai": mulai, "selesai": selesai, "tahun": tahun} | changes


# --- services ------------------------------------------------------------------------------------


def test_the_first_service_seeds_the_regulations_nine_questions(opd, operator):
    assert not PertanyaanUnsur.objects.exists()
    layanan = actions.tambah_layanan(operator, opd, "  KTP dan KK ")
    assert (layanan.nama, layanan.kode, layanan.urutan) == ("KTP dan KK", "ktp-dan-kk", 1)
    rows = list(PertanyaanUnsur.objects.filter(opd=opd).order_by("kode"))
    assert [u.kode for u in rows] == [f"U{i}" for i in range(1, 10)]
    assert rows[3].labels == STANDAR_UNSUR[3][3]  # U4: Sangat mahal … Gratis
    assert rows[0].history.count() == 1


def test_each_service_gets_its_own_unguessable_token(opd, operator):
    a = actions.tambah_layanan(operator, opd, "KTP dan KK")
    b = actions.tambah_layanan(operator, opd, "Dispensasi nikah")
    assert a.token != b.token and len(a.token) >= 16
    assert re.fullmatch(r"[A-Za-z0-9_-]+", a.token)
    assert b.urutan == 2


def test_a_service_name_is_unique_and_required(opd, operator):
    actions.tambah_layanan(operator, opd, "KTP dan KK")
    with pytest.raises(ValidationError, match="sudah ada"):
        actions.tambah_layanan(operator, opd, "ktp dan kk")
    with pytest.raises(ValidationError, match="wajib diisi"):
        actions.tambah_layanan(operator, opd, " ")


def test_renaming_reordering_and_deactivating_keep_the_link(opd, operator, layanan):
    token = layanan.token
    actions.ubah_layanan(operator, layanan, "KTP-el dan KK", 5, False, layanan.versi)
    layanan.refresh_from_db()
    assert (layanan.nama, layanan.urutan, layanan.aktif, layanan.token) == (
        "KTP-el dan KK",
        5,
        False,
        token,
    )
    assert layanan.history.count() == 2


def test_a_refused_edit_of_a_service_keeps_what_was_typed(client, opd, operator, layanan):
    other = actions.tambah_layanan(operator, opd, "Dispensasi nikah")
    client.force_login(operator)
    data = {f"l{other.pk}-nama": "KTP dan KK", f"l{other.pk}-urutan": "7", f"l{other.pk}-versi": 1}
    response = client.post(reverse("skm_layanan_ubah", args=[opd.slug, other.pk]), data)
    body = response.content.decode()
    assert response.status_code == 422
    assert "Layanan “KTP dan KK” sudah ada." in body
    assert f'name="l{other.pk}-urutan" id="id_l{other.pk}-urutan" value="7"' in body
    other.refresh_from_db()
    assert (other.nama, other.urutan) == ("Dispensasi nikah", 2)


def test_a_stale_edit_of_a_service_is_refused(opd, operator, layanan):
    versi = layanan.versi
    actions.ubah_layanan(operator, layanan, "KTP", 1, True, versi)
    with pytest.raises(ValidationError, match="baru saja diubah"):
        actions.ubah_layanan(operator, Layanan.objects.get(), "KK", 1, True, versi)


def test_the_setup_page_adds_a_service_and_shows_its_link_and_poster(client, opd, operator):
    client.force_login(operator)
    response = client.post(
        reverse("skm_layanan_tambah", args=[opd.slug]), {"nama": "Surat ahli waris", "tahun": 2025}
    )
    assert response.status_code == 302
    page = client.get(reverse("skm", args=[opd.slug, 2025])).content.decode()
    layanan = Layanan.objects.get()
    assert f"http://testserver/skm/{layanan.token}/" in page
    assert reverse("skm_poster", args=[opd.slug, layanan.pk]) in page
    empty = client.post(reverse("skm_layanan_tambah", args=[opd.slug]), {"nama": ""})
    assert empty.status_code == 422
    assert "Nama layanan wajib diisi" in empty.content.decode()


# --- the nine unsur ------------------------------------------------------------------------------


def test_the_wording_of_an_unsur_can_change_but_not_its_kode(client, opd, operator, layanan):
    client.force_login(operator)
    page = client.get(reverse("skm_unsur", args=[opd.slug]))
    assert page.status_code == 200
    data = {}
    for u in actions.unsur_of(opd):
        data |= {f"{u.kode}-pertanyaan": u.pertanyaan, f"{u.kode}-versi": u.versi}
        data |= {f"{u.kode}-label_{n}": label for n, label in enumerate(u.labels, start=1)}
    data["U3-pertanyaan"] = "Seberapa cepat KTP Anda selesai?"
    assert client.post(reverse("skm_unsur", args=[opd.slug]), data).status_code == 302
    u3 = PertanyaanUnsur.objects.get(kode="U3")
    assert (u3.pertanyaan, u3.nama) == ("Seberapa cepat KTP Anda selesai?", "Waktu Penyelesaian")
    data["U5-label_2"] = ""
    refused = client.post(reverse("skm_unsur", args=[opd.slug]), data)
    assert refused.status_code == 422
    assert PertanyaanUnsur.objects.get(kode="U5").label_2 == "Kurang sesuai"


def test_an_opd_without_stored_questions_reads_the_regulations(opd):
    rows = actions.unsur_of(opd)
    assert [u.pk for u in rows] == [None] * 9
    assert rows[7].label_4 == "Dikelola dengan baik"


# --- periods -------------------------------------------------------------------------------------


def test_a_period_lies_inside_its_year_and_never_overlaps_another(opd, operator):
    actions.simpan_periode(operator, opd, period_data())
    with pytest.raises(ValidationError) as outside:
        actions.simpan_periode(
            operator, opd, period_data(jenis="semester_2", selesai=date(2026, 1, 31))
        )
    assert "di dalam tahun 2025" in str(outside.value)
    with pytest.raises(ValidationError) as overlap:
        actions.simpan_periode(operator, opd, period_data(jenis="tahun"))
    assert "bertumpuk dengan periode Semester I 2025" in str(overlap.value)
    with pytest.raises(ValidationError, match="sudah ada"):
        actions.simpan_periode(operator, opd, period_data(mulai=date(2025, 2, 1)))
    with pytest.raises(ValidationError, match="sebelum tanggal mulai"):
        actions.simpan_periode(
            operator,
            opd,
            period_data(jenis="semester_2", mulai=date(2025, 9, 1), selesai=date(2025, 8, 1)),
        )
    assert PeriodeSurvei.objects.count() == 1


def test_opening_and_closing_a_period_is_logged(opd, operator):
    periode = actions.simpan_periode(operator, opd, period_data(dibuka=True, populasi=1200))
    data = period_data(dibuka=False, populasi=1200, versi=periode.versi)
    actions.simpan_periode(operator, opd, data, periode)
    kinds = list(Peristiwa.objects.filter(opd=opd).values_list("jenis", flat=True))
    assert kinds == ["skm_periode_ditutup", "skm_periode_dibuka"]
    periode.refresh_from_db()
    assert periode.populasi == 1200 and not periode.dibuka


def test_the_period_page_saves_through_the_form(client, opd, operator, layanan):
    client.force_login(operator)
    add = client.post(
        reverse("skm_periode_tambah", args=[opd.slug, 2025]),
        {
            "jenis": "semester_2",
            "mulai": "2025-07-01",
            "selesai": "2025-12-31",
            "populasi": "1200",
            "dibuka": "on",
        },
    )
    assert add.status_code == 302
    periode = PeriodeSurvei.objects.get()
    bad = client.post(
        reverse("skm_periode", args=[opd.slug, periode.pk]),
        {"jenis": "semester_2", "mulai": "2024-07-01", "selesai": "2025-12-31", "versi": 1},
    )
    assert bad.status_code == 422
    assert "Tanggal harus di dalam tahun 2025." in bad.content.decode()
    hub = client.get(reverse("skm", args=[opd.slug, 2025])).content.decode()
    assert "Semester II 2025" in hub and "01-07-2025 – 31-12-2025" in hub
    assert "1.200" in hub and "sampel minimal 291" in hub  # Krejcie–Morgan table: N 1.200


# --- one-time codes ------------------------------------------------------------------------------


def test_a_batch_of_codes_is_unique_and_unambiguous(opd, operator, periode):
    rows = actions.buat_kode(operator, periode, 300)
    more = actions.buat_kode(operator, periode, 300)
    codes = [r.kode for r in rows + more]
    assert len(set(codes)) == 600 == KodeSekali.objects.filter(periode=periode).count()
    assert all(len(c) == 8 and set(c) <= set(actions.KODE_ABJAD) for c in codes)
    assert not set("0O1IL2Z5S8B6G") & set(actions.KODE_ABJAD)
    with pytest.raises(ValidationError):
        actions.buat_kode(operator, periode, 0)


def prints_with(page: str, stylesheet: str) -> bool:
    """The page links the stylesheet (no inline <style> under the CSP) and it has print rules."""
    linked = f'<link rel="stylesheet" href="/static/{stylesheet}">' in page
    return linked and "@media print" in Path(finders.find(stylesheet)).read_text()


def test_the_code_sheet_prints_the_unused_codes_only(client, opd, operator, periode, layanan):
    client.force_login(operator)
    assert (
        client.post(reverse("skm_kode", args=[opd.slug, periode.pk]), {"jumlah": "4"}).status_code
        == 302
    )
    used = KodeSekali.objects.first()
    used.dipakai = used.dibuat
    used.save()
    sheet = client.get(reverse("skm_kode_cetak", args=[opd.slug, periode.pk])).content.decode()
    shown = re.findall(r"<b>([A-Z0-9]{4}-[A-Z0-9]{4})</b>", sheet)
    assert len(shown) == 3
    assert actions.tampil_kode(used.kode) not in shown
    assert prints_with(sheet, "survei/kode_cetak.css")
    # a citizen holding only the slip learns where to type it
    assert sheet.count("http://testserver/skm/layanan/kabupaten-contoh/kecamatan-contoh/") == 3


# --- posters -------------------------------------------------------------------------------------


def test_the_poster_carries_a_qr_code_of_the_forms_absolute_url(client, opd, operator, layanan):
    client.force_login(operator)
    page = client.get(reverse("skm_poster", args=[opd.slug, layanan.pk])).content.decode()
    url = f"http://testserver/skm/{layanan.token}/"
    assert url in page and "Kecamatan Contoh" in page and "KTP dan KK" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert prints_with(page, "survei/poster.css")
    second = actions.tambah_layanan(operator, opd, "Rekomendasi SKCK")
    both = client.get(reverse("skm_poster_opd", args=[opd.slug])).content.decode()
    assert both.count("<svg") == 3 and second.token in both  # the OPD's own, then each service


def test_the_qr_code_decodes_to_the_url():
    """segno's own matrix for the URL is what the SVG draws: same version, same modules."""
    import segno

    from sakip.survei.qr import qr_svg

    svg = qr_svg("https://sakip.example/skm/abc/")
    code = segno.make("https://sakip.example/skm/abc/", error="m", micro=False)
    size = code.symbol_size(scale=1, border=4)[0]
    assert f'viewBox="0 0 {size} {size}"' in svg


# --- who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("peran", ["operator", "pimpinan", "admin_pemda"])
def test_the_managers_may_add_a_service(opd, peran):
    user = make_user(opd.pemda, peran, opd if peran != "admin_pemda" else None)
    assert actions.tambah_layanan(user, opd, "KTP").pk


@pytest.mark.parametrize("peran", ["evaluator", "viewer"])
def test_evaluators_and_readers_only_read(client, opd, peran, layanan, periode):
    user = make_user(opd.pemda, peran)
    with pytest.raises(PermissionDenied):
        actions.tambah_layanan(user, opd, "KTP")
    with pytest.raises(PermissionDenied):
        actions.buat_kode(user, periode, 1)
    client.force_login(user)
    page = client.get(reverse("skm", args=[opd.slug, periode.tahun]))
    assert page.status_code == 200
    assert "Tambah layanan" not in page.content.decode()
    assert client.get(reverse("skm_kode", args=[opd.slug, periode.pk])).status_code == 403


def test_an_operator_of_another_opd_is_refused(opd, other_opd):
    stranger = make_user(opd.pemda, "operator", other_opd, name="operator-lain")
    with pytest.raises(PermissionDenied, match="OPD Anda sendiri"):
        actions.tambah_layanan(stranger, opd, "KTP")


def test_another_pemda_sees_nothing(client, opd, other_pemda_opd, layanan, periode):
    admin = make_user(other_pemda_opd.pemda, "admin_pemda", name="admin-kota")
    with pytest.raises(Http404):
        actions.tambah_layanan(admin, opd, "KTP")
    client.force_login(admin)
    assert client.get(reverse("skm_poster", args=[opd.slug, layanan.pk])).status_code == 404
    assert client.get(reverse("skm_kertas", args=[opd.slug, periode.pk])).status_code == 404
    # its own OPD's URL with our row id is not found either
    theirs = reverse("skm_periode", args=[other_pemda_opd.slug, periode.pk])
    assert client.get(theirs).status_code == 404


def test_a_row_of_another_opd_is_not_found_through_this_opd(client, opd, other_opd, operator):
    other_user = make_user(opd.pemda, "operator", other_opd, name="operator-lain")
    theirs = open_period(other_user, other_opd)
    client.force_login(make_user(opd.pemda, "admin_pemda", name="admin"))
    assert client.get(reverse("skm_periode", args=[opd.slug, theirs.pk])).status_code == 404
