from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sakip.export import xlsx_response
from sakip.formulas.numbers import round_half_up
from sakip.organisasi.access import (
    akun_of,
    can_see_all_opd,
    indikator_for_user,
    opd_for_user,
    opd_list_for_user,
    pemda_for_overview,
    sub_kegiatan_for_user,
)
from sakip.organisasi.forms_util import apply_errors
from sakip.organisasi.history import changes
from sakip.organisasi.models import Akun, PerangkatDaerah, Peristiwa
from sakip.pengukuran import actions
from sakip.pengukuran.dashboard import dashboard_for
from sakip.pengukuran.entry import entry_sheet
from sakip.pengukuran.forms import RealisasiAnggaranForm, RealisasiKinerjaForm
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import RealisasiAnggaran, RealisasiKinerja
from sakip.pengukuran.overview import overview
from sakip.perencanaan.years import default_year


@login_required
def home(request):
    akun = akun_of(request.user)
    if not can_see_all_opd(akun):
        tahun = default_year(akun.pemda, akun.opd)
        return redirect("pengukuran", opd_slug=akun.opd.slug, tahun=tahun)
    return render(
        request,
        "organisasi/opd_list.html",
        {
            "opd_list": opd_list_for_user(request.user, active_only=True),
            "tahun": default_year(akun.pemda),
            "akun": akun,
        },
    )


@login_required
def pengukuran(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    return render(
        request,
        "pengukuran/pengukuran.html",
        {"d": dashboard_for(opd, tahun), "opd": opd, "tahun": tahun, "akun": akun_of(request.user)},
    )


# --- quarterly entry -------------------------------------------------------------------------


def _prefix(kode: str) -> str:
    return "r-" + "".join(ch if ch.isalnum() else "_" for ch in kode)


def _kinerja_form(entry, data=None):
    row = entry.row
    initial = {
        "nilai": row.nilai if row else None,
        "keterangan": row.keterangan if row else "",
        "versi": entry.versi,
    }
    form = RealisasiKinerjaForm(data, initial=initial, prefix=_prefix(entry.indikator.kode))
    form.fields["nilai"].places = entry.indikator.presisi
    return form


def _anggaran_form(entry, data=None):
    initial = {"jumlah": entry.row.jumlah if entry.row else None, "versi": entry.versi}
    return RealisasiAnggaranForm(data, initial=initial, prefix=_prefix(entry.sub_kegiatan.kode))


def _can_enter(akun: Akun, opd, periode) -> bool:
    return akun.peran == Akun.Peran.OPERATOR and akun.opd_id == opd.pk and periode.editable


def _quarter_context(request, opd, tahun, triwulan, bound=None):
    """Everything the quarter page shows; `bound` replaces one row's form with a posted one."""
    akun = akun_of(request.user)
    sheet = entry_sheet(opd, tahun, triwulan)
    kinerja = [(e, _kinerja_form(e)) for e in sheet.kinerja]
    anggaran = [(e, _anggaran_form(e)) for e in sheet.anggaran]
    if bound is not None:
        kind, kode, form = bound
        rows = kinerja if kind == "kinerja" else anggaran
        for i, (entry, _form) in enumerate(rows):
            key = entry.indikator.kode if kind == "kinerja" else entry.sub_kegiatan.kode
            if key == kode:
                rows[i] = (entry, form)
    return {
        "opd": opd,
        "tahun": tahun,
        "triwulan": triwulan,
        "akun": akun,
        "sheet": sheet,
        "periode": sheet.periode,
        "kinerja": kinerja,
        "anggaran": anggaran,
        "can_enter": _can_enter(akun, opd, sheet.periode),
        "peristiwa": Peristiwa.objects.filter(
            # the key actions._log stores: not translated
            pemda=opd.pemda,
            opd=opd,
            objek=f"Triwulan {triwulan} tahun {tahun}",
        ).select_related("oleh")[:20],
    }


@login_required
def triwulan(request, opd_slug: str, tahun: int, triwulan: int):
    opd = opd_for_user(request.user, opd_slug)
    if not 1 <= triwulan <= 4:
        return redirect("triwulan", opd_slug=opd.slug, tahun=tahun, triwulan=1)
    return render(
        request, "pengukuran/triwulan.html", _quarter_context(request, opd, tahun, triwulan)
    )


def _respond_row(request, opd, tahun, triwulan, kind, kode, form, saved: bool):
    context = _quarter_context(
        request, opd, tahun, triwulan, bound=None if saved else (kind, kode, form)
    )
    match = next(
        (
            (entry, f)
            for entry, f in context[kind]
            if (entry.indikator.kode if kind == "kinerja" else entry.sub_kegiatan.kode) == kode
        ),
        None,
    )
    if request.headers.get("HX-Request") and match is not None:
        template = f"pengukuran/_{kind}_row.html"
        return render(
            request,
            template,
            {**context, "entry": match[0], "form": match[1], "saved": saved},
            status=200 if saved else 422,
        )
    if saved:
        messages.success(request, _("Tersimpan."))
        return redirect("triwulan", opd_slug=opd.slug, tahun=tahun, triwulan=triwulan)
    if match is None:  # a row the page does not list (no target or no pagu this year)
        for error in form.errors.values():
            for message in error:
                messages.error(request, message)
        if request.headers.get("HX-Request"):
            page = reverse("triwulan", args=[opd.slug, tahun, triwulan])
            return HttpResponse(status=200, headers={"HX-Redirect": page})
    return render(request, "pengukuran/triwulan.html", context, status=422)


@login_required
@require_POST
def simpan_kinerja(request, opd_slug: str, tahun: int, triwulan: int, kode: str):
    indikator = indikator_for_user(request.user, opd_slug, kode)
    actions.require_operator_of(request.user, indikator.opd)
    form = RealisasiKinerjaForm(request.POST, prefix=_prefix(kode))
    saved = False
    if form.is_valid():
        try:
            actions.simpan_realisasi_kinerja(
                request.user,
                indikator,
                tahun,
                triwulan,
                form.cleaned_data["nilai"],
                form.cleaned_data["keterangan"],
                form.cleaned_data["versi"],
            )
            saved = True
        except ValidationError as error:
            apply_errors(form, error)
    return _respond_row(request, indikator.opd, tahun, triwulan, "kinerja", kode, form, saved)


@login_required
@require_POST
def simpan_anggaran(request, opd_slug: str, tahun: int, triwulan: int, kode: str):
    sub_kegiatan = sub_kegiatan_for_user(request.user, opd_slug, kode)
    actions.require_operator_of(request.user, sub_kegiatan.kegiatan.program.opd)
    form = RealisasiAnggaranForm(request.POST, prefix=_prefix(kode))
    saved = False
    if form.is_valid():
        try:
            actions.simpan_realisasi_anggaran(
                request.user,
                sub_kegiatan,
                tahun,
                triwulan,
                form.cleaned_data["jumlah"],
                form.cleaned_data["versi"],
            )
            saved = True
        except ValidationError as error:
            apply_errors(form, error)
    opd = sub_kegiatan.kegiatan.program.opd
    return _respond_row(request, opd, tahun, triwulan, "anggaran", kode, form, saved)


DONE = {
    "ajukan": gettext_lazy("Triwulan diajukan ke pimpinan untuk diverifikasi."),
    "verifikasi": gettext_lazy("Triwulan diverifikasi."),
    "kembalikan": gettext_lazy("Triwulan dikembalikan ke operator."),
    "kunci": gettext_lazy("Triwulan dikunci."),
    "buka": gettext_lazy("Triwulan dibuka kembali."),
}


@login_required
@require_POST
def alur(request, opd_slug: str, tahun: int, triwulan: int, langkah: str):
    opd = opd_for_user(request.user, opd_slug)
    if langkah not in actions.TRANSITIONS:
        return redirect("triwulan", opd_slug=opd.slug, tahun=tahun, triwulan=triwulan)
    note = request.POST.get(actions.TRANSITIONS[langkah].note_field, "")
    try:
        actions.move(request.user, opd, tahun, triwulan, langkah, note)
        messages.success(request, DONE[langkah])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("triwulan", opd_slug=opd.slug, tahun=tahun, triwulan=triwulan)


@login_required
def riwayat_kinerja(request, opd_slug: str, tahun: int, triwulan: int, kode: str):
    indikator = indikator_for_user(request.user, opd_slug, kode)
    records = RealisasiKinerja.history.filter(
        pemda=indikator.pemda, indikator_id=indikator.pk, tahun=tahun, triwulan=triwulan
    )
    return render(
        request,
        "organisasi/riwayat.html",
        {
            "judul": _("Riwayat realisasi %(indikator)s triwulan %(triwulan)s tahun %(tahun)s")
            % {"indikator": indikator.nama, "triwulan": triwulan, "tahun": tahun},
            "changes": changes(records, ["nilai", "keterangan", "sumber"]),
            "kembali": reverse("triwulan", args=[opd_slug, tahun, triwulan]),
            "akun": akun_of(request.user),
        },
    )


@login_required
def riwayat_anggaran(request, opd_slug: str, tahun: int, triwulan: int, kode: str):
    sub_kegiatan = sub_kegiatan_for_user(request.user, opd_slug, kode)
    records = RealisasiAnggaran.history.filter(
        pemda=sub_kegiatan.pemda, sub_kegiatan_id=sub_kegiatan.pk, tahun=tahun, triwulan=triwulan
    )
    return render(
        request,
        "organisasi/riwayat.html",
        {
            "judul": _(
                "Riwayat realisasi anggaran %(sub_kegiatan)s triwulan %(triwulan)s tahun %(tahun)s"
            )
            % {"sub_kegiatan": sub_kegiatan.nama, "triwulan": triwulan, "tahun": tahun},
            "changes": changes(records, ["jumlah"]),
            "kembali": reverse("triwulan", args=[opd_slug, tahun, triwulan]),
            "akun": akun_of(request.user),
        },
    )


def _xlsx_number(result, places: int = 2):
    """A figure as a number rounded as shown, or the reason why there is none."""
    return float(round_half_up(result.value, places)) if result.is_computed else result.reason


@login_required
def pengukuran_xlsx(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    m = measure(opd, tahun)
    kinerja_headers = [
        _("Kode"),
        _("Indikator"),
        _("Satuan"),
        _("Target"),
        _("Target batas atas"),
        _("Realisasi"),
        _("Capaian (%)"),
        _("Predikat"),
    ]
    kinerja = [
        [
            r.kode,
            r.nama,
            r.satuan,
            float(r.target.lower) if r.target else None,
            float(r.target.upper) if r.target and r.target.upper is not None else None,
            _xlsx_number(r.realisasi, r.presisi),
            _xlsx_number(r.capaian),
            r.predikat or "",
        ]
        for r in (*m.kinerja, *m.kinerja_program)
    ]
    budget = []

    def row(line, depth):
        return [
            line.kode,
            "  " * depth + line.nama,
            float(line.pagu),
            float(line.realisasi) if line.realisasi is not None else None,
            float(line.selisih) if line.selisih is not None else None,
            _xlsx_number(line.serapan),
        ]

    def walk(line, depth):
        budget.append(row(line, depth))
        for child in line.children:
            walk(child, depth + 1)

    if m.anggaran:
        for program in m.anggaran.children:
            walk(program, 0)
        budget.append(row(m.anggaran, 0))  # the total, once
    return xlsx_response(
        f"pengukuran-{opd.slug}-{tahun}.xlsx",
        [
            (_("Kinerja"), kinerja_headers, kinerja),
            (
                _("Anggaran"),
                [
                    _("Kode"),
                    _("Uraian"),
                    _("Anggaran"),
                    _("Realisasi"),
                    _("Selisih"),
                    _("Serapan (%)"),
                ],
                budget,
            ),
        ],
    )


def _overview_rows(request, tahun):
    pemda = pemda_for_overview(request.user)
    urut = request.GET.get("urut", "nama")
    turun = request.GET.get("arah") == "turun"
    opds = PerangkatDaerah.objects.filter(pemda=pemda).select_related("pemda").order_by("nama")
    return pemda, urut, turun, overview(pemda, tahun, opds, urut, turun)


@login_required
def ringkasan_pemda(request, tahun: int):
    pemda, urut, turun, rows = _overview_rows(request, tahun)
    columns = [
        ("nama", _("Perangkat daerah")),
        ("capaian", _("Rata-rata capaian")),
        ("pagu", _("Anggaran (Rp)")),
        ("realisasi", _("Realisasi (Rp)")),
        ("serapan", _("Serapan")),
    ]
    return render(
        request,
        "pengukuran/ringkasan_pemda.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "rows": rows,
            "urut": urut,
            "turun": turun,
            "columns": columns,
            "akun": akun_of(request.user),
        },
    )


@login_required
def ringkasan_pemda_xlsx(request, tahun: int):
    pemda, _urut, _turun, rows = _overview_rows(request, tahun)
    return xlsx_response(
        f"ringkasan-{pemda.slug}-{tahun}.xlsx",
        [
            (
                _("Ringkasan"),
                [
                    _("Perangkat daerah"),
                    _("Indikator"),
                    _("Terisi"),
                    _("Rata-rata capaian (%)"),
                    _("Predikat"),
                    _("Anggaran"),
                    _("Realisasi"),
                    _("Serapan (%)"),
                ],
                [
                    [
                        r.nama,
                        r.indikator,
                        r.terisi,
                        _xlsx_number(r.capaian),
                        r.predikat or "",
                        float(r.pagu) if r.pagu is not None else None,
                        float(r.realisasi) if r.realisasi is not None else None,
                        _xlsx_number(r.serapan),
                    ]
                    for r in rows
                ],
            )
        ],
    )
