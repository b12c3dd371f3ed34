"""Paper questionnaires typed into the grid, row by row, and voiding a mistaken response."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from sakip.organisasi.models import Peristiwa
from sakip.survei import actions
from sakip.survei.models import Respons
from tests.personas import make_user

pytestmark = pytest.mark.django_db

ROW = {
    "jenis_kelamin": "l",
    "usia": "52",
    "pendidikan": "1",  # typed as its number on the questionnaire
    "pekerjaan": "4",
    **{f"u{i}": str(1 + i % 4) for i in range(1, 10)},
    "saran": "Ruang tunggu panas.",
}


def save_url(opd, periode):
    return reverse("skm_kertas_simpan", args=[opd.slug, periode.pk])


def test_a_row_is_saved_as_a_paper_response_by_its_operator(
    client, opd, operator, periode, layanan
):
    client.force_login(operator)
    response = client.post(
        save_url(opd, periode), {**ROW, "layanan": layanan.pk}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    stored = Respons.objects.get()
    assert (stored.saluran, stored.diinput_oleh, stored.layanan) == ("kertas", operator, layanan)
    assert (stored.jenis_kelamin, stored.usia, stored.pendidikan, stored.pekerjaan) == (
        "L",
        52,
        "sd",
        "petani",
    )
    assert [getattr(stored, f"u{i}") for i in range(1, 10)] == [2, 3, 4, 1, 2, 3, 4, 1, 2]
    # the fragment: a fresh row (service kept for the next form, cursor on L/P) and the list
    assert f"Kuesioner #{stored.pk} tersimpan" in body
    assert f'<option value="{layanan.pk}" selected>' in body
    assert (
        'id="k-jenis_kelamin" maxlength="1" data-maju autocomplete="off" autocapitalize="characters" value="" autofocus'
        in body
    )
    assert f'id="respons-{stored.pk}"' in body
    assert "<html" not in body


def test_a_wrong_row_is_refused_on_the_row_and_keeps_what_was_typed(
    client, opd, operator, periode, layanan
):
    client.force_login(operator)
    row = {**ROW, "layanan": layanan.pk, "u4": "7", "pendidikan": "9", "jenis_kelamin": ""}
    response = client.post(save_url(opd, periode), row, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 422
    assert Respons.objects.count() == 0
    assert "Jawaban U4 harus angka 1, 2, 3 atau 4, bukan “7”." in body
    assert "Pendidikan “9” tidak dikenal." in body and "1 atau SD = SD ke bawah" in body
    assert "Jenis kelamin wajib diisi." in body
    assert (
        'name="usia" id="k-usia" maxlength="3" inputmode="numeric" autocomplete="off" value="52"'
        in body
    )
    assert 'value="Ruang tunggu panas."' in body


def test_without_javascript_the_row_posts_and_comes_back_to_the_page(
    client, opd, operator, periode, layanan
):
    client.force_login(operator)
    response = client.post(save_url(opd, periode), {**ROW, "layanan": layanan.pk})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "tersimpan" in page and "1 respons sah pada periode ini" in page


def test_a_service_of_another_opd_cannot_be_chosen(client, opd, other_opd, operator, periode):
    other_user = make_user(opd.pemda, "operator", other_opd, name="operator-lain")
    theirs = actions.tambah_layanan(other_user, other_opd, "Izin usaha")
    client.force_login(operator)
    response = client.post(save_url(opd, periode), {**ROW, "layanan": theirs.pk})
    assert response.status_code == 422
    assert "Pilih layanan dari daftar." in response.content.decode()
    assert Respons.objects.count() == 0


def test_a_reader_sees_the_list_but_no_entry_row(client, opd, periode, layanan, operator):
    actions.simpan_respons_kertas(operator, periode, layanan, ROW)
    viewer = make_user(opd.pemda, "viewer")
    client.force_login(viewer)
    page = client.get(reverse("skm_kertas", args=[opd.slug, periode.pk])).content.decode()
    assert "1 respons sah" in page and 'class="kertas-baris' not in page
    assert "Batalkan" not in page
    assert client.post(save_url(opd, periode), {**ROW, "layanan": layanan.pk}).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.simpan_respons_kertas(viewer, periode, layanan, ROW)


def test_a_mistaken_response_is_voided_with_a_reason_and_logged(
    client, opd, operator, periode, layanan
):
    respons = actions.simpan_respons_kertas(operator, periode, layanan, ROW)
    client.force_login(operator)
    batal = reverse("skm_batal", args=[opd.slug, respons.pk])
    without = client.post(batal, {"alasan": " "})
    assert without.status_code == 422
    assert "Tuliskan alasan pembatalan." in without.content.decode()
    assert client.post(batal, {"alasan": "Salah ketik usia"}).status_code == 302
    respons.refresh_from_db()
    assert respons.dibatalkan and respons.alasan_batal == "Salah ketik usia"
    # who and when stay on the row itself (responses have no history table)
    assert respons.dibatalkan_oleh == operator
    assert abs((timezone.now() - respons.dibatalkan_pada).total_seconds()) < 60
    event = Peristiwa.objects.get(jenis=Peristiwa.Jenis.SKM_RESPONS_DIBATALKAN)
    assert (event.oleh, event.alasan, event.opd) == (operator, "Salah ketik usia", opd)
    assert f"#{respons.pk}" in event.objek
    assert client.post(batal, {"alasan": "lagi"}).status_code == 422  # once only
    page = client.get(reverse("skm_kertas", args=[opd.slug, periode.pk])).content.decode()
    assert "0 respons sah" in page and "dibatalkan" in page
    assert (
        "oleh operator-contoh, "
        + timezone.localtime(respons.dibatalkan_pada).strftime("%d-%m-%Y %H:%M")
        in page
    )
    assert Respons.objects.count() == 1  # never deleted


def test_an_operator_of_another_opd_cannot_void(client, opd, other_opd, operator, periode, layanan):
    respons = actions.simpan_respons_kertas(operator, periode, layanan, ROW)
    stranger = make_user(opd.pemda, "operator", other_opd, name="operator-lain")
    client.force_login(stranger)
    assert (
        client.post(reverse("skm_batal", args=[opd.slug, respons.pk]), {"alasan": "x"}).status_code
        == 403
    )
    assert (
        client.post(
            reverse("skm_batal", args=[other_opd.slug, respons.pk]), {"alasan": "x"}
        ).status_code
        == 404
    )
    respons.refresh_from_db()
    assert not respons.dibatalkan


def test_a_wrong_sex_is_explained_with_the_letters_the_grid_uses():
    from django.core.exceptions import ValidationError

    from sakip.survei.isian import baca_pilihan

    with pytest.raises(ValidationError) as refused:
        baca_pilihan("jenis_kelamin", "X")
    assert "1 atau L = Laki-laki; 2 atau P = Perempuan" in str(refused.value)
