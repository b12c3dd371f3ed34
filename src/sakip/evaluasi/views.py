"""Pages of the Evaluasi AKIP flow: the pemda's list, the worksheet (HTMX saves per criterion),
the review, the recommendations with their follow-up, evidence downloads and history.

Every lookup goes through sakip.evaluasi.access; every write through sakip.evaluasi.actions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from sakip import files
from sakip.evaluasi import actions, evidence, scoring, worksheet
from sakip.evaluasi.access import (
    bukti_for_user,
    can_see_result,
    evaluasi_for_user,
    is_evaluation_team,
    pemda_evaluations_for_user,
    rekomendasi_for_user,
)
from sakip.evaluasi.models import Evaluasi, JawabanKriteria
from sakip.evaluasi.views_output import may_read_lhe
from sakip.organisasi.access import akun_of, opd_for_user, opd_list_for_user, require_role
from sakip.organisasi.history import changes
from sakip.organisasi.models import Akun, PerangkatDaerah, Peristiwa

Status = Evaluasi.Status


def _errors(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {k: [str(m) for e in v for m in e.messages] for k, v in error.error_dict.items()}
    return {"umum": list(error.messages)}


def _peristiwa(evaluasi, akun):
    """The flow's events; the team's internal steps only for who may read the result."""
    keys = [actions.event_key(evaluasi.tahun)]
    if can_see_result(akun, evaluasi):
        keys.append(actions.event_key(evaluasi.tahun, internal=True))
    return Peristiwa.objects.filter(
        pemda=evaluasi.pemda, opd=evaluasi.opd, objek__in=keys
    ).select_related("oleh")[:30]


# --- the pemda's list ----------------------------------------------------------------------------


@login_required
def daftar(request, tahun: int):
    pemda = pemda_evaluations_for_user(request.user)
    akun = akun_of(request.user)
    evaluasi = Evaluasi.objects.filter(pemda=pemda, tahun=tahun).select_related(
        "opd", "evaluator", "ketua_tim"
    )
    if akun.peran == Akun.Peran.VIEWER:
        evaluasi = evaluasi.filter(status=Status.DIPUBLIKASIKAN)
    by_opd = {e.opd_id: e for e in evaluasi}
    rows = [(opd, by_opd.get(opd.pk)) for opd in opd_list_for_user(request.user)]
    evaluators = (
        get_user_model()
        .objects.filter(akun__pemda=pemda, akun__peran=Akun.Peran.EVALUATOR, is_active=True)
        .order_by("username")
    )
    return render(
        request,
        "evaluasi/daftar.html",
        {
            "pemda": pemda,
            "tahun": tahun,
            "rows": rows,
            "akun": akun,
            "evaluators": evaluators if akun.peran == Akun.Peran.ADMIN_PEMDA else [],
        },
    )


@login_required
@require_POST
def buka(request, tahun: int):
    pemda = pemda_evaluations_for_user(request.user)
    opd = PerangkatDaerah.objects.filter(pemda=pemda, slug=request.POST.get("opd", "")).first()
    try:
        if opd is None:
            require_role(
                akun_of(request.user),
                Akun.Peran.ADMIN_PEMDA,
                refusal=_("Hanya %(allowed)s yang dapat membuka evaluasi AKIP."),
            )
            raise ValidationError(_("Pilih OPD dari daftar."))
        evaluasi = actions.buka_evaluasi(
            request.user,
            opd,
            tahun,
            request.POST.get("evaluator") or None,
            request.POST.get("ketua_tim") or None,
        )
        messages.success(
            request,
            _("Evaluasi AKIP %(opd)s tahun %(tahun)s dibuka; OPD dapat mulai menilai mandiri.")
            % {"opd": evaluasi.opd.nama, "tahun": tahun},
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("evaluasi_daftar", tahun=tahun)


# --- the worksheet -------------------------------------------------------------------------------


def _context(request, evaluasi, komponen_kode=None):
    akun = akun_of(request.user)
    sheet = worksheet.build(evaluasi, akun, request.user, komponen_kode)
    return {
        "e": evaluasi,
        "opd": evaluasi.opd,
        "tahun": evaluasi.tahun,
        "akun": akun,
        "s": sheet,
        "peristiwa": _peristiwa(evaluasi, akun),
        "may_read_lhe": may_read_lhe(akun, evaluasi),
        "is_evaluator": actions.is_assigned(request.user, evaluasi)
        and akun.peran == Akun.Peran.EVALUATOR,
        "is_ketua": request.user.pk == evaluasi.ketua_tim_id and akun.peran == Akun.Peran.EVALUATOR,
        "is_opd": akun.peran in actions.OPD_WRITERS and akun.opd_id == evaluasi.opd_id,
    }


@login_required
def lembar(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    if not Evaluasi.objects.filter(pemda_id=opd.pemda_id, opd=opd, tahun=tahun).exists():
        akun = akun_of(request.user)
        return render(request, "evaluasi/belum.html", {"opd": opd, "tahun": tahun, "akun": akun})
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    context = _context(request, evaluasi, request.GET.get("komponen"))
    if request.GET.get("bagian") == "skor":  # the scores alone, refreshed after each save
        return render(request, "evaluasi/_skor.html", context)
    return render(request, "evaluasi/lembar.html", context)


def _jawaban(evaluasi, jawaban_id: int) -> JawabanKriteria:
    found = (
        JawabanKriteria.objects.select_related("kriteria__sub_komponen__komponen", "evaluasi")
        .filter(pemda_id=evaluasi.pemda_id, evaluasi=evaluasi, pk=jawaban_id)
        .first()
    )
    if found is None:
        raise Http404(_("Kriteria tidak ditemukan."))
    found.evaluasi = evaluasi
    return found


def _respond_row(request, evaluasi, jawaban_id, errors=None, posted=None, saved=False):
    """The criterion's row (HTMX, with the scores swapped out of band) or the whole page."""
    komponen = _jawaban(evaluasi, jawaban_id).kriteria.sub_komponen.komponen.kode
    evaluasi.refresh_from_db()
    context = _context(request, evaluasi, komponen)
    row = next(r for r in context["s"].rows if r.jawaban.pk == jawaban_id)
    row.errors, row.posted = errors or {}, posted or {}
    status = 422 if errors else 200
    if request.headers.get("HX-Request"):
        response = render(
            request, "evaluasi/_baris.html", {**context, "row": row, "saved": saved}, status=status
        )
        if saved:
            response["HX-Trigger"] = "skorBerubah"
        return response
    if not errors:
        messages.success(request, _("Tersimpan."))
        url = reverse("evaluasi", args=[evaluasi.opd.slug, evaluasi.tahun])
        return redirect(f"{url}?komponen={komponen}#kr-{jawaban_id}")
    return render(request, "evaluasi/lembar.html", context, status=status)


def _save(request, opd_slug, tahun, jawaban_id, action, who):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    who(request.user, evaluasi)  # 403 before anything for a role that may not
    jawaban = _jawaban(evaluasi, jawaban_id)
    posted = {
        "nilai": request.POST.get("nilai", ""),
        "teks": request.POST.get("teks", ""),
    }
    try:
        versi = actions.nomor(request.POST.get("versi"), "umum", str(actions.VERSI_TAK_TERBACA))
        action(request.user, jawaban, posted["nilai"], posted["teks"], versi)
    except ValidationError as error:
        return _respond_row(request, evaluasi, jawaban_id, _errors(error), posted)
    return _respond_row(request, evaluasi, jawaban_id, saved=True)


def _opd_writer(user, evaluasi):
    actions.require_opd_of(
        user, evaluasi, _("Hanya %(allowed)s yang dapat mengisi penilaian mandiri.")
    )


def _evaluator(user, evaluasi):
    actions.require_evaluator_of(
        user, evaluasi, _("Hanya %(allowed)s yang dapat memberi nilai evaluator.")
    )


@login_required
@require_POST
def simpan_mandiri(request, opd_slug: str, tahun: int, jawaban_id: int):
    return _save(request, opd_slug, tahun, jawaban_id, actions.simpan_mandiri, _opd_writer)


@login_required
@require_POST
def simpan_nilai(request, opd_slug: str, tahun: int, jawaban_id: int):
    return _save(request, opd_slug, tahun, jawaban_id, actions.simpan_penilaian, _evaluator)


def _terlalu_besar(request) -> str:
    """The refusal of an upload from the request's declared size, before the body is read."""
    declared = (request.META.get("CONTENT_LENGTH") or "").strip()
    size = int(declared) if declared.isascii() and declared.isdigit() else 0
    if size <= evidence.MAX_BYTES + 64 * 1024:  # the form's other fields ride along
        return ""
    return _("Berkas terlalu besar; paling besar %(batas)s MB.") % {
        "batas": evidence.MAX_BYTES // (1024 * 1024)
    }


# The two upload views are csrf_exempt only to refuse an oversized body from its declared size
# before anything reads it (the CSRF middleware would parse the whole upload to find the token);
# the refusal changes nothing, and every other request goes through csrf_protect (Django's
# documented pattern for upload handling in a view).


@login_required
@require_POST
@csrf_exempt
def tambah_bukti(request, opd_slug: str, tahun: int, jawaban_id: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    actions.require_opd_of(
        request.user, evaluasi, _("Hanya %(allowed)s yang dapat menambah bukti dukung.")
    )
    jawaban = _jawaban(evaluasi, jawaban_id)
    if refusal := _terlalu_besar(request):
        return _respond_row(request, evaluasi, jawaban_id, {"berkas": [refusal]})
    return _tambah_bukti(request, evaluasi, jawaban)


@csrf_protect
def _tambah_bukti(request, evaluasi, jawaban):
    jawaban_id = jawaban.pk
    try:
        if "berkas" in request.FILES:
            actions.unggah_bukti(request.user, jawaban, request.FILES["berkas"])
        else:
            actions.tambah_rujukan(request.user, jawaban, request.POST.get("rujukan", ""))
    except ValidationError as error:
        return _respond_row(request, evaluasi, jawaban_id, _errors(error))
    return _respond_row(request, evaluasi, jawaban_id, saved=True)


@login_required
def unduh_bukti(request, opd_slug: str, tahun: int, bukti_id: int):
    bukti = bukti_for_user(request.user, opd_slug, tahun, bukti_id)
    if bukti.jenis == bukti.Jenis.RUJUKAN:
        evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
        url = evidence.url_rujukan(evaluasi, bukti.rujukan)
        if not url:
            raise Http404(_("Data yang dirujuk tidak ada lagi."))
        return redirect(url)
    path = evidence.path_of(bukti)
    if path is None:
        raise Http404(_("Berkas bukti dukung tidak ditemukan di penyimpanan."))
    return files.file_attachment(
        path, evidence.content_type(path), evidence.download_name(bukti, path)
    )


@login_required
@require_POST
def hapus_bukti(request, opd_slug: str, tahun: int, bukti_id: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    actions.require_opd_of(
        request.user, evaluasi, _("Hanya %(allowed)s yang dapat menghapus bukti dukung.")
    )
    bukti = bukti_for_user(request.user, opd_slug, tahun, bukti_id)
    try:
        actions.hapus_bukti(request.user, bukti, evaluasi)
        messages.success(request, _("Bukti dukung dihapus."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    if bukti.tindak_lanjut_id:
        return redirect("evaluasi_rekomendasi", opd_slug=opd_slug, tahun=tahun)
    url = reverse("evaluasi", args=[opd_slug, tahun])
    komponen = bukti.jawaban.kriteria.sub_komponen.komponen.kode
    return redirect(f"{url}?komponen={komponen}#kr-{bukti.jawaban_id}")


@login_required
def riwayat(request, opd_slug: str, tahun: int, jawaban_id: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    jawaban = _jawaban(evaluasi, jawaban_id)
    fields = ["nilai_mandiri", "penjelasan_mandiri"]
    if can_see_result(akun_of(request.user), evaluasi):
        fields += ["nilai_evaluator", "catatan_evaluator"]
    records = JawabanKriteria.history.filter(pemda_id=evaluasi.pemda_id, id=jawaban.pk)
    return render(
        request,
        "organisasi/riwayat.html",
        {
            "judul": _("Riwayat kriteria %(kode)s evaluasi %(opd)s tahun %(tahun)s")
            % {"kode": jawaban.kriteria.kode, "opd": evaluasi.opd.nama, "tahun": tahun},
            "changes": changes(records, fields),
            "kembali": reverse("evaluasi", args=[opd_slug, tahun]),
            "akun": akun_of(request.user),
        },
    )


# --- flow, review --------------------------------------------------------------------------------

DONE = {
    "ajukan": gettext_lazy("Penilaian mandiri diajukan ke evaluator."),
    "kembalikan_opd": gettext_lazy("Evaluasi dikembalikan ke OPD untuk dilengkapi."),
    "reviu": gettext_lazy("Hasil evaluasi diajukan ke ketua tim untuk direviu."),
    "kembalikan": gettext_lazy("Hasil evaluasi dikembalikan ke evaluator."),
    "publikasikan": gettext_lazy("Hasil evaluasi dipublikasikan: nilai dan predikat kini tetap."),
}


@login_required
@require_POST
def langkah(request, opd_slug: str, tahun: int, langkah: str):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    if langkah not in actions.STEPS:
        raise Http404(_("Langkah tidak dikenal."))
    try:
        moved = actions.langkah(request.user, evaluasi, langkah, request.POST.get("catatan", ""))
        messages.success(request, DONE[langkah])
        for link in moved.links:
            if link.message:
                (messages.success if link.written else messages.warning)(request, link.message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    target = "evaluasi_reviu" if langkah in ("reviu", "kembalikan", "publikasikan") else "evaluasi"
    return redirect(target, opd_slug=opd_slug, tahun=tahun)


@login_required
def reviu(request, opd_slug: str, tahun: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    context = _context(request, evaluasi)
    rows = list(scoring.rows_of(evaluasi)) if context["s"].see_result else []
    context["selisih"] = [
        r
        for r in rows
        if r.nilai_mandiri and r.nilai_evaluator and r.nilai_mandiri != r.nilai_evaluator
    ]
    return render(request, "evaluasi/reviu.html", context)


# --- recommendations and follow-up --------------------------------------------------------------


@login_required
def rekomendasi(request, opd_slug: str, tahun: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    akun = akun_of(request.user)
    see = can_see_result(akun, evaluasi)
    items = (
        evaluasi.rekomendasi.select_related("komponen")
        .prefetch_related("tindak_lanjut__bukti", "tindak_lanjut__oleh")
        .all()
        if see
        else []
    )
    return render(
        request,
        "evaluasi/rekomendasi.html",
        {
            "e": evaluasi,
            "opd": evaluasi.opd,
            "tahun": tahun,
            "akun": akun,
            "see": see,
            "items": items,
            "komponen": evaluasi.instrumen.komponen.all(),
            "is_evaluator": actions.is_assigned(request.user, evaluasi)
            and akun.peran == Akun.Peran.EVALUATOR,
            "is_opd": akun.peran in actions.OPD_WRITERS and akun.opd_id == evaluasi.opd_id,
            "is_team": is_evaluation_team(akun),
        },
    )


def _back_to_recommendations(request, opd_slug, tahun, run, done):
    try:
        run()
        messages.success(request, done)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("evaluasi_rekomendasi", opd_slug=opd_slug, tahun=tahun)


@login_required
@require_POST
def tambah_rekomendasi(request, opd_slug: str, tahun: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    actions.require_evaluator_of(
        request.user, evaluasi, _("Hanya %(allowed)s yang dapat menulis rekomendasi.")
    )
    return _back_to_recommendations(
        request,
        opd_slug,
        tahun,
        lambda: actions.tambah_rekomendasi(
            request.user, evaluasi, request.POST.get("uraian", ""), request.POST.get("komponen")
        ),
        _("Rekomendasi ditambahkan."),
    )


@login_required
@require_POST
@csrf_exempt  # see tambah_bukti
def tindak_lanjut(request, opd_slug: str, tahun: int, rekomendasi_id: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    actions.require_opd_of(
        request.user, evaluasi, _("Hanya %(allowed)s yang dapat menulis tindak lanjut.")
    )
    item = rekomendasi_for_user(request.user, opd_slug, tahun, rekomendasi_id)
    if refusal := _terlalu_besar(request):
        messages.error(request, refusal)
        response = rekomendasi(request, opd_slug, tahun)
        response.status_code = 413
        return response
    return _tindak_lanjut(request, opd_slug, tahun, item)


@csrf_protect
def _tindak_lanjut(request, opd_slug, tahun, item):
    return _back_to_recommendations(
        request,
        opd_slug,
        tahun,
        lambda: actions.ajukan_tindak_lanjut(
            request.user, item, request.POST.get("uraian", ""), request.FILES.get("berkas")
        ),
        _("Tindak lanjut diajukan ke evaluator."),
    )


@login_required
@require_POST
def nilai_tindak_lanjut(request, opd_slug: str, tahun: int, rekomendasi_id: int):
    evaluasi = evaluasi_for_user(request.user, opd_slug, tahun)
    actions.require_evaluator_of(
        request.user, evaluasi, _("Hanya %(allowed)s yang dapat menilai tindak lanjut.")
    )
    item = rekomendasi_for_user(request.user, opd_slug, tahun, rekomendasi_id)
    terima = request.POST.get("keputusan") == "terima"
    return _back_to_recommendations(
        request,
        opd_slug,
        tahun,
        lambda: actions.nilai_tindak_lanjut(
            request.user, item, terima, request.POST.get("catatan", "")
        ),
        _("Tindak lanjut diterima; rekomendasi selesai.")
        if terima
        else _("Tindak lanjut dikembalikan ke OPD."),
    )
