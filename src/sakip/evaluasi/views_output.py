"""Outputs of Evaluasi AKIP: the LHE of an OPD-year (Word, PDF) and the pemda recap (page, XLSX).

Who reads them (`sakip.evaluasi.access` and `sakip.organisasi.access`, no check of its own):
- the LHE, once the evaluation is published: that OPD's operator and pimpinan, the admin SAKIP,
  the evaluators and the viewers of the pemda; before, only the evaluators, marked DRAF;
- the recap: admin SAKIP, evaluators and viewers of the pemda; published evaluations only.
Another pemda: 404.
"""

import base64

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sakip.evaluasi.access import evaluasi_for_user, pemda_evaluations_for_user
from sakip.evaluasi.lhe import angka_ringkas
from sakip.evaluasi.rekap import Rekap, rekap_pemda
from sakip.export import xlsx_response
from sakip.formulas.numbers import round_half_up
from sakip.organisasi.access import Refusals, akun_of, require_role
from sakip.organisasi.models import Akun

# the LKjIP's download helper: Word, or PDF through LibreOffice (503 with the reason)
from sakip.pelaporan.views import _document

LHE_DRAF = Refusals(
    role=gettext_lazy(
        "Laporan hasil evaluasi dapat dibaca setelah dipublikasikan; sebelumnya hanya "
        "%(allowed)s yang dapat membukanya."
    )
)


def _lhe_docx(evaluasi) -> bytes:
    from sakip.evaluasi.lhe_build import build_lhe
    from sakip.evaluasi.lhe_docx import render_lhe

    return render_lhe(build_lhe(evaluasi))


def may_read_lhe(akun: Akun, evaluasi) -> bool:
    """For a reader of the evaluation (`evaluasi_for_user`): published, or an evaluator."""
    return evaluasi.dipublikasikan or akun.peran == Akun.Peran.EVALUATOR


@login_required
def lhe(request, opd_slug: str, tahun: int, format: str):
    if format not in ("docx", "pdf"):
        raise Http404(_("Format tidak dikenal."))
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    akun = akun_of(request.user)
    if not may_read_lhe(akun, evaluasi):
        require_role(akun, Akun.Peran.EVALUATOR, refusal=LHE_DRAF.role)
    return _document(
        f"lhe-{evaluasi.opd.slug}-{tahun}",
        lambda pdf: _lhe_docx(evaluasi),
        format == "pdf",
    )


def _chart(rekap: Rekap) -> str:
    from sakip.evaluasi.rekap_chart import nilai_per_opd

    png = nilai_per_opd(
        [(b.opd, b.total, b.predikat) for b in rekap.baris],
        rekap.rata_total,
        _("Nilai Evaluasi AKIP per Perangkat Daerah Tahun %(tahun)s") % {"tahun": rekap.tahun},
    )
    return base64.b64encode(png).decode("ascii")


@login_required
def rekap(request, tahun: int):
    pemda = pemda_evaluations_for_user(request.user)
    data = rekap_pemda(pemda, tahun)
    return render(
        request,
        "evaluasi/rekap.html",
        {
            "rekap": data,
            "tahun": tahun,
            "chart": _chart(data) if data.baris else "",
            "akun": akun_of(request.user),
        },
    )


def _angka(value):
    """A score as the spreadsheet's number, rounded as shown (2 decimals); empty when missing."""
    return None if value is None else round_half_up(value, 2)


@login_required
def rekap_xlsx(request, tahun: int):
    pemda = pemda_evaluations_for_user(request.user)
    data = rekap_pemda(pemda, tahun)
    headers = [
        _("Peringkat"),
        _("Perangkat daerah"),
        *[f"{k.kode}. {k.nama} ({angka_ringkas(k.bobot)})" for k in data.komponen],
        _("Nilai akhir"),
        _("Predikat"),
    ]
    rows = [
        [
            b.peringkat,
            b.opd,
            *[_angka(v) for v in b.komponen],
            _angka(b.total),
            b.predikat or "",
        ]
        for b in data.baris
    ]
    if data.baris:
        rows.append(
            [
                None,
                _("Rata-rata"),
                *[_angka(v) for v in data.rata_komponen],
                _angka(data.rata_total),
                data.predikat_rata or "",
            ]
        )
    return xlsx_response(
        f"rekap-evaluasi-{pemda.slug}-{tahun}.xlsx", [(_("Rekap Evaluasi AKIP"), headers, rows)]
    )
