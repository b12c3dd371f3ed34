"""A year is surveyed per semester or once a year, never both: TW II takes Semester I, TW IV the
annual period or else both semesters pooled. A period's kind or year moves its IKM to other
quarters, so it does not change once answered, and both years' quarters follow when it does."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sakip.pengukuran.models import RealisasiKinerja
from sakip.perencanaan.models import Indikator
from sakip.survei import actions
from sakip.survei.models import PeriodeSurvei
from tests.survei.conftest import filled

pytestmark = pytest.mark.django_db


def data(jenis, tahun=2025, **changes):
    mulai, selesai = actions.rentang_bawaan(tahun, jenis)
    return {"jenis": jenis, "mulai": mulai, "selesai": selesai, "tahun": tahun} | changes


def test_an_annual_period_is_refused_in_a_year_with_a_semester(opd, operator):
    actions.simpan_periode(operator, opd, data("semester_1", selesai=date(2025, 3, 31)))
    with pytest.raises(ValidationError) as refused:
        actions.simpan_periode(operator, opd, data("tahun", mulai=date(2025, 4, 1)))
    assert "Tahun 2025 sudah punya periode Semester I 2025" in str(refused.value)
    assert "tidak keduanya" in str(refused.value)
    actions.simpan_periode(operator, opd, data("tahun", tahun=2026))  # another year is free


def test_a_semester_is_refused_in_a_year_with_an_annual_period(opd, operator):
    actions.simpan_periode(operator, opd, data("tahun", selesai=date(2025, 6, 30)))
    with pytest.raises(ValidationError, match="sudah punya periode Tahunan 2025"):
        actions.simpan_periode(operator, opd, data("semester_2"))
    assert PeriodeSurvei.objects.count() == 1


def test_changing_an_answered_periods_kind_is_refused_and_says_why(opd, operator, periode):
    actions.kirim_respons(
        periode.layanan if False else opd.layanan.get(), periode, filled(), "", ""
    )
    change = {**data(periode.jenis, tahun=periode.tahun), "jenis": "semester_2"}
    change |= {"mulai": periode.mulai, "selesai": periode.selesai, "versi": periode.versi}
    with pytest.raises(ValidationError) as refused:
        actions.simpan_periode(operator, opd, change, periode)
    assert "tidak dapat diubah karena sudah ada 1 respons" in str(refused.value)
    periode.refresh_from_db()
    assert periode.jenis == "tahun"
    # the dates and the rest may still change
    same = {**change, "jenis": "tahun", "populasi": 500}
    assert actions.simpan_periode(operator, opd, same, periode).populasi == 500


def test_the_period_page_shows_the_refusal_on_the_kind(client, opd, operator, periode):
    from django.urls import reverse

    actions.kirim_respons(opd.layanan.get(), periode, filled(), "", "")
    client.force_login(operator)
    response = client.post(
        reverse("skm_periode", args=[opd.slug, periode.pk]),
        {
            "jenis": "semester_2",
            "mulai": periode.mulai.isoformat(),
            "selesai": periode.selesai.isoformat(),
            "versi": periode.versi,
        },
    )
    assert response.status_code == 422
    assert "tidak dapat diubah karena sudah ada 1 respons" in response.content.decode()


def test_a_voided_answer_still_holds_the_kind(opd, operator, layanan):
    periode = actions.simpan_periode(operator, opd, data("semester_1"))
    respons = actions.simpan_respons_kertas(operator, periode, layanan, filled())
    actions.batalkan_respons(operator, respons, "salah periode")
    with pytest.raises(ValidationError, match="sudah ada 1 respons"):
        actions.simpan_periode(operator, opd, data("semester_2", versi=periode.versi), periode)


def test_moving_an_empty_semester_to_another_year_rewrites_the_old_years_tw_iv(
    opd, operator, layanan
):
    """2025: an empty Semester I and an answered Semester II, TW IV pooled "Semester I dan II".
    Semester I moves to 2026: 2025's TW IV now stands on Semester II alone, in the same save."""
    indikator = Indikator.objects.filter(opd=opd).first()
    Indikator.objects.filter(pk=indikator.pk).update(sumber_realisasi="skm")
    kosong = actions.simpan_periode(operator, opd, data("semester_1"))
    kedua = actions.simpan_periode(operator, opd, data("semester_2"))
    actions.simpan_respons_kertas(operator, kedua, layanan, filled())
    tw4 = RealisasiKinerja.objects.get(indikator=indikator, tahun=2025, triwulan=4)
    assert tw4.sumber == "SKM Semester I dan II 2025: IKM 75,00 (C)"
    actions.simpan_periode(
        operator, opd, data("semester_1", tahun=2026, versi=kosong.versi), kosong
    )
    tw4.refresh_from_db()
    assert tw4.sumber == "SKM Semester II 2025: IKM 75,00 (C)"
    assert tw4.nilai == Decimal("75.00")


def test_an_unanswered_periods_new_year_updates_both_years(opd, operator, layanan, monkeypatch):
    periode = actions.simpan_periode(operator, opd, data("semester_1"))
    seen = []
    monkeypatch.setattr(
        actions, "perbarui_tahun", lambda pemda_id, opd_id, tahun: seen.append(tahun)
    )
    moved = data("tahun", tahun=2026, versi=periode.versi)
    actions.simpan_periode(operator, opd, moved, periode)
    assert seen == [2025, 2026]
    periode.refresh_from_db()
    assert (periode.jenis, periode.tahun) == ("tahun", 2026)
    seen.clear()
    actions.simpan_periode(operator, opd, {**moved, "versi": periode.versi, "populasi": 9}, periode)
    assert seen == []  # neither kind nor year changed: no quarter moves


def test_the_new_period_form_does_not_propose_a_semester_in_an_annual_year(
    client, opd, operator, layanan
):
    from django.urls import reverse

    actions.simpan_periode(operator, opd, data("tahun", selesai=date(2025, 6, 30)))
    client.force_login(operator)
    hub = client.get(reverse("skm", args=[opd.slug, 2025])).content.decode()
    assert '<option value="tahun" selected>' in hub
    assert '<option value="semester_1" selected>' not in hub
