"""SKM results pages: per OPD and period (with XLSX, Word and PDF), every OPD of the pemda for a
year, and the public page the regulation asks for (aggregate figures only, no login)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.export import xlsx_response
from sakip.formulas.numbers import round_half_up
from sakip.organisasi.access import (
    Refusals,
    akun_of,
    object_for_user,
    opd_for_user,
    pemda_for_overview,
    require_role,
)
from sakip.organisasi.models import Akun, Pemda, PerangkatDaerah
from sakip.survei import grafik
from sakip.survei.hasil import hasil_periode, ikm_semua_opd, saran_periode, tren_opd
from sakip.survei.models import PeriodeSurvei, Respons
from sakip.survei.tautan import keadaan_tautan, perbarui_realisasi

PERBARUI = Refusals(
    role=gettext_lazy("Hanya %(allowed)s yang dapat memperbarui realisasi dari SKM."),
    own_opd=gettext_lazy("Anda hanya dapat memperbarui realisasi OPD Anda sendiri."),
)
SARAN_PER_HALAMAN = 20
PUBLIK_PERIODE = 4  # periods shown on the public page
PUBLIK_CACHE_DETIK = 300
# below this many respondents the NRR of each unsur would let a reader work out a person's answers
PUBLIK_RINCIAN_MIN = 10


def periode_for_user(user, opd_slug: str, periode_id: int) -> PeriodeSurvei:
    queryset = PeriodeSurvei.objects.select_related("opd__pemda")
    return object_for_user(user, opd_slug, queryset, "opd", pk=periode_id)


def _local(moment):
    """A stored moment as the pemda's local time, without zone (a spreadsheet has none)."""
    return timezone.localtime(moment).replace(tzinfo=None)


def _figure(value, places: int):
    return float(round_half_up(value, places)) if value is not None else None


@login_required
def hasil_daftar(request, opd_slug: str):
    """The OPD's latest period with responses (or the latest period), else a page saying so."""
    opd = opd_for_user(request.user, opd_slug)
    tren = tren_opd(opd)
    latest = next((t for t in reversed(tren) if t.ikm.responden), tren[-1] if tren else None)
    if latest is not None:
        return redirect("skm_hasil", opd_slug=opd.slug, periode_id=latest.periode_id)
    return render(
        request,
        "survei/hasil_kosong.html",
        {"opd": opd, "tahun": _tahun(opd), "akun": akun_of(request.user)},
    )


def _tahun(opd) -> int:
    from sakip.perencanaan.years import default_year

    return default_year(opd.pemda, opd)


@login_required
def hasil(request, opd_slug: str, periode_id: int):
    periode = periode_for_user(request.user, opd_slug, periode_id)
    akun = akun_of(request.user)
    h = hasil_periode(periode)
    saran = Paginator(saran_periode(periode), SARAN_PER_HALAMAN).get_page(
        request.GET.get("halaman")
    )
    return render(
        request,
        "survei/hasil.html",
        {
            "h": h,
            "opd": periode.opd,
            "periode": periode,
            "tahun": periode.tahun,
            "akun": akun,
            "saran": saran,
            "tautan": keadaan_tautan(periode),
            "boleh_perbarui": _may_update(akun, periode.opd),
            "grafik_nrr": grafik.nrr_svg(h.baris_unsur) if h.ikm.is_computed else "",
            "grafik_tren": grafik.tren_svg(h.tren),
        },
    )


def _may_update(akun: Akun, opd) -> bool:
    return akun.peran in (Akun.Peran.OPERATOR, Akun.Peran.PIMPINAN) and akun.opd_id == opd.pk


@login_required
@require_POST
def perbarui(request, opd_slug: str, periode_id: int):
    periode = periode_for_user(request.user, opd_slug, periode_id)
    akun = akun_of(request.user)
    require_role(akun, Akun.Peran.OPERATOR, Akun.Peran.PIMPINAN, refusal=PERBARUI.role)
    if akun.opd_id != periode.opd_id:
        raise PermissionDenied(PERBARUI.own_opd)
    with transaction.atomic():
        results = perbarui_realisasi(periode)
    for result in results:
        if result.message:
            (messages.success if result.written else messages.warning)(request, result.message)
    if not any(r.message for r in results):
        messages.info(request, _("Realisasi sudah sama dengan IKM terbaru."))
    return redirect("skm_hasil", opd_slug=periode.opd.slug, periode_id=periode.pk)


@login_required
def hasil_xlsx(request, opd_slug: str, periode_id: int):
    periode = periode_for_user(request.user, opd_slug, periode_id)
    h = hasil_periode(periode)
    ikm = h.ikm
    ringkasan = [
        [_("Perangkat daerah"), h.opd.nama],
        [_("Periode"), str(periode)],
        [_("Responden"), ikm.responden],
        [_("Populasi"), h.populasi],
        [_("Sampel minimum (Krejcie–Morgan)"), h.sampel],
        [_("NI (1–4)"), _figure(ikm.ni, 4)],
        [_("IKM / NIK (25–100)"), _figure(ikm.nik, 2)],
        [_("Mutu pelayanan"), ikm.mutu or ""],
        [_("Kinerja unit pelayanan"), ikm.kinerja or ""],
        [_("Prioritas perbaikan"), ", ".join(f"{k} {n}" for k, n, _v in h.prioritas)],
    ]
    unsur = [
        [kode, nama, total, _figure(nrr, 4), _("ya") if low else ""]
        for kode, nama, total, nrr, low in h.baris_unsur
    ]
    layanan = [
        [b.nama, b.ikm.responden, _figure(b.ikm.nik, 2), b.ikm.mutu or ""] for b in h.layanan
    ]
    demografi = [
        [d.judul, b.label, b.jumlah, _figure(b.persen, 2)] for d in h.demografi for b in d.baris
    ]
    tren = [[t.label, t.ikm.responden, _figure(t.ikm.nik, 2), t.ikm.mutu or ""] for t in h.tren]
    saran = [
        [_local(r.diterima).date().isoformat(), r.layanan.nama, r.saran]
        for r in saran_periode(periode)
    ]
    return xlsx_response(
        f"hasil-skm-{h.opd.slug}-{periode.tahun}-{periode.jenis}.xlsx",
        [
            (_("Ringkasan"), [_("Uraian"), _("Nilai")], ringkasan),
            (
                _("NRR per unsur"),
                [_("Kode"), _("Unsur"), _("Jumlah nilai"), _("NRR"), _("Prioritas")],
                unsur,
            ),
            (_("Per layanan"), [_("Layanan"), _("Responden"), _("IKM"), _("Mutu")], layanan),
            (_("Responden"), [_("Aspek"), _("Kelompok"), _("Jumlah"), _("Persen")], demografi),
            (_("Tren"), [_("Periode"), _("Responden"), _("IKM"), _("Mutu")], tren),
            (_("Saran"), [_("Tanggal"), _("Layanan"), _("Saran")], saran),
        ],
    )


@login_required
def respons_xlsx(request, opd_slug: str, periode_id: int):
    """The raw responses of the period (voided ones marked), one row each."""
    periode = periode_for_user(request.user, opd_slug, periode_id)
    fields = ["pk", "diterima", "layanan__nama", "saluran", "jenis_kelamin", "usia"]
    fields += ["pendidikan", "pekerjaan", *[f"u{i}" for i in range(1, 10)], "saran", "dibatalkan"]
    rows = (
        Respons.objects.filter(pemda=periode.pemda, periode=periode)
        .order_by("diterima", "pk")
        .values_list(*fields)
    )
    labels = [  # columns 3–6 as the forms show them (Laki-laki, SMA/SMK…), not their codes
        dict(Respons.Saluran.choices),
        dict(Respons.JenisKelamin.choices),
        None,
        dict(Respons.Pendidikan.choices),
        dict(Respons.Pekerjaan.choices),
    ]
    data = [
        [
            *row[:1],
            _local(row[1]),
            row[2],
            *[str(names[v]) if names else v for names, v in zip(labels, row[3:8], strict=True)],
            *row[8:-1],
            _("dibatalkan") if row[-1] else "",
        ]
        for row in rows.iterator(chunk_size=2000)
    ]
    headers = [_("No."), _("Diterima"), _("Layanan"), _("Saluran"), _("Jenis kelamin")]
    headers += [_("Usia"), _("Pendidikan"), _("Pekerjaan"), *[f"U{i}" for i in range(1, 10)]]
    headers += [_("Saran"), _("Status")]
    return xlsx_response(
        f"respons-skm-{periode.opd.slug}-{periode.tahun}-{periode.jenis}.xlsx",
        [(_("Respons"), headers, data)],
    )


@login_required
def laporan(request, opd_slug: str, periode_id: int, format: str):
    from sakip.pelaporan.views import _document

    periode = periode_for_user(request.user, opd_slug, periode_id)
    if format not in ("docx", "pdf"):
        raise Http404
    name = f"laporan-hasil-skm-{periode.opd.slug}-{periode.tahun}-{periode.jenis}"
    return _document(name, lambda _pdf: _laporan_docx(periode), format == "pdf")


def _laporan_docx(periode) -> bytes:
    from sakip.survei.laporan import build_laporan
    from sakip.survei.laporan_docx import render_laporan

    return render_laporan(build_laporan(periode))


# --- the pemda -------------------------------------------------------------------------------


def _semua_opd(request, tahun):
    pemda = pemda_for_overview(request.user)
    return pemda, ikm_semua_opd(pemda, tahun)


@login_required
def hasil_pemda(request, tahun: int):
    pemda, rows = _semua_opd(request, tahun)
    return render(
        request,
        "survei/hasil_pemda.html",
        {"pemda": pemda, "tahun": tahun, "rows": rows, "akun": akun_of(request.user)},
    )


@login_required
def hasil_pemda_xlsx(request, tahun: int):
    pemda, rows = _semua_opd(request, tahun)
    return xlsx_response(
        f"ikm-{pemda.slug}-{tahun}.xlsx",
        [
            (
                _("IKM per OPD"),
                [_("Perangkat daerah"), _("Dasar"), _("Responden"), _("NI"), _("IKM"), _("Mutu")],
                [
                    [r.nama, r.dasar, r.ikm.responden, _figure(r.ikm.ni, 4)]
                    + [_figure(r.ikm.nik, 2), r.ikm.mutu or ""]
                    for r in rows
                ],
            )
        ],
    )


# --- public ----------------------------------------------------------------------------------


def publik_hasil(request, pemda_slug: str, opd_slug: str):
    """Published results: IKM, mutu, respondents and NRR per unsur of the latest periods.
    Aggregates only: no suggestion text, no respondent profile, no per-service figures, and
    the NRR per unsur only from PUBLIK_RINCIAN_MIN respondents on (the IKM always)."""
    from sakip.survei.hasil import unsur_names

    pemda = get_object_or_404(Pemda, slug=pemda_slug)
    opd = get_object_or_404(PerangkatDaerah, pemda=pemda, slug=opd_slug)
    tren = [t for t in tren_opd(opd) if t.ikm.responden]
    shown = list(reversed(tren[-PUBLIK_PERIODE:]))
    unsur = unsur_names(opd) if shown else []
    response = render(
        request,
        "survei/publik_hasil.html",
        {
            "pemda": pemda,
            "opd": opd,
            "periode": shown,
            "terbaru": shown[0] if shown else None,
            "unsur": [(kode, nama, shown[0].ikm.nrr[i]) for i, (kode, nama) in enumerate(unsur)]
            if shown and shown[0].ikm.responden >= PUBLIK_RINCIAN_MIN
            else [],
            "rincian_min": PUBLIK_RINCIAN_MIN,
            "grafik_tren": grafik.tren_svg(tren) if tren else "",
        },
    )
    # a logged-in visitor's copy carries their name and a CSRF token: never shared by a cache
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    else:
        patch_cache_control(response, public=True, max_age=PUBLIK_CACHE_DETIK)
    patch_vary_headers(response, ["Cookie"])
    return response
