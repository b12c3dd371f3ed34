"""SKM collection pages: setup (services, the nine unsur, periods, one-time codes), posters,
the public form, paper entry and XLSX import. Views stay thin: writes go through actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sakip import files
from sakip.formulas.ikm import krejcie_morgan
from sakip.organisasi.access import akun_of, object_for_user, opd_for_user
from sakip.organisasi.alamat import alamat_klien
from sakip.organisasi.forms_util import apply_errors
from sakip.survei import actions, impor, publik
from sakip.survei.forms import (
    UKURAN_IMPOR_MAKS,
    BarisKertasForm,
    BatalForm,
    ImporForm,
    KodeForm,
    LayananBaruForm,
    LayananForm,
    PeriodeForm,
    ResponsPublikForm,
    UnsurForm,
)
from sakip.survei.isian import bilangan_ascii, pilihan_bernomor
from sakip.survei.models import UNSUR_FIELDS, KodeSekali, Layanan, PeriodeSurvei, Respons
from sakip.survei.qr import qr_svg

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RESPONS_DITAMPILKAN = 100


def _hari_ini_tahun() -> int:
    return timezone.localdate().year


def _periode_for_user(user, opd_slug, periode_id) -> PeriodeSurvei:
    return object_for_user(
        user, opd_slug, PeriodeSurvei.objects.select_related("opd__pemda"), "opd", pk=periode_id
    )


def _layanan_for_user(user, opd_slug, layanan_id) -> Layanan:
    return object_for_user(
        user, opd_slug, Layanan.objects.select_related("opd__pemda"), "opd", pk=layanan_id
    )


def _base(request, opd, tahun, **extra) -> dict:
    akun = akun_of(request.user)
    return {"opd": opd, "tahun": tahun, "akun": akun, "can_manage": actions.can_manage(akun, opd)}


# --- setup -------------------------------------------------------------------------------------


def _hub(request, opd, tahun, layanan_baru=None, periode_baru=None, bound=None, status=200):
    """The setup page; `bound` is a service's refused form, shown as typed."""
    periods = list(
        PeriodeSurvei.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)
        .annotate(jumlah=Count("respons", filter=Q(respons__dibatalkan=False)))
        .order_by("mulai")
    )
    for p in periods:
        p.sampel = krejcie_morgan(p.populasi) if p.populasi else None
    services = Layanan.objects.filter(pemda=opd.pemda, opd=opd).order_by("urutan", "nama")
    rows = [
        (
            layanan,
            bound
            if bound is not None and bound.prefix == f"l{layanan.pk}"
            else LayananForm(
                prefix=f"l{layanan.pk}",
                initial={
                    "nama": layanan.nama,
                    "urutan": layanan.urutan,
                    "aktif": layanan.aktif,
                    "versi": layanan.versi,
                },
            ),
            request.build_absolute_uri(reverse("skm_form", args=[layanan.token])),
        )
        for layanan in services
    ]
    if periode_baru is None:
        taken = {p.jenis for p in periods}
        jenis = next((j for j in PeriodeSurvei.Jenis.values if j not in taken), "tahun")
        jenis = "tahun" if "tahun" in taken else jenis  # a surveyed year has no semesters
        mulai, selesai = actions.rentang_bawaan(tahun, jenis)
        periode_baru = PeriodeForm(
            initial={"jenis": jenis, "mulai": mulai, "selesai": selesai, "dibuka": True}
        )
    return render(
        request,
        "survei/skm.html",
        {
            **_base(request, opd, tahun),
            "periods": periods,
            "rows": rows,
            "layanan_baru": layanan_baru or LayananBaruForm(),
            "periode_baru": periode_baru,
            "years": (tahun - 1, tahun + 1),
        },
        status=status,
    )


@login_required
def skm(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    return _hub(request, opd, tahun)


@login_required
@require_POST
def layanan_tambah(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    actions.require_pengelola_of(request.user, opd)
    tahun = _tahun_dari(request)
    form = LayananBaruForm(request.POST)
    if form.is_valid():
        try:
            layanan = actions.tambah_layanan(request.user, opd, form.cleaned_data["nama"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Layanan “%(nama)s” ditambahkan beserta tautan formulirnya.")
                % {"nama": layanan.nama},
            )
            return redirect("skm", opd_slug=opd.slug, tahun=tahun)
    return _hub(request, opd, tahun, layanan_baru=form, status=422)


def _tahun_dari(request) -> int:
    tahun = bilangan_ascii(request.POST.get("tahun") or request.GET.get("tahun"))
    return tahun if tahun is not None and 2000 <= tahun <= 2100 else _hari_ini_tahun()


@login_required
@require_POST
def layanan_ubah(request, opd_slug: str, layanan_id: int):
    layanan = _layanan_for_user(request.user, opd_slug, layanan_id)
    actions.require_pengelola_of(request.user, layanan.opd)
    tahun = _tahun_dari(request)
    form = LayananForm(request.POST, prefix=f"l{layanan.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.ubah_layanan(
                request.user, layanan, data["nama"], data["urutan"], data["aktif"], data["versi"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Layanan “%(nama)s” disimpan.") % {"nama": layanan.nama})
            return redirect("skm", opd_slug=layanan.opd.slug, tahun=tahun)
    return _hub(request, layanan.opd, tahun, bound=form, status=422)


@login_required
def unsur(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    rows = actions.unsur_of(opd)

    def form_of(u, data=None):
        initial = {f: getattr(u, f) for f in ("pertanyaan", "label_1", "label_2", "label_3")}
        initial |= {"label_4": u.label_4, "versi": u.versi}
        return UnsurForm(data, prefix=u.kode, initial=initial)

    forms = [(u, form_of(u)) for u in rows]
    status = 200
    if request.method == "POST":
        actions.require_pengelola_of(request.user, opd)
        forms = [(u, form_of(u, request.POST)) for u in rows]
        if all(form.is_valid() for _u, form in forms):
            try:
                actions.ubah_unsur(
                    request.user, opd, {u.kode: form.cleaned_data for u, form in forms}
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Pertanyaan SKM disimpan."))
                return redirect("skm_unsur", opd_slug=opd.slug)
        status = 422
    return render(
        request,
        "survei/unsur.html",
        {**_base(request, opd, _tahun_dari(request)), "forms": forms},
        status=status,
    )


@login_required
@require_POST
def periode_tambah(request, opd_slug: str, tahun: int):
    opd = opd_for_user(request.user, opd_slug)
    actions.require_pengelola_of(request.user, opd)
    form = PeriodeForm(request.POST)
    if form.is_valid():
        try:
            periode = actions.simpan_periode(
                request.user, opd, {**form.cleaned_data, "tahun": tahun, "versi": None}
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Periode %(periode)s dibuat.") % {"periode": periode})
            return redirect("skm", opd_slug=opd.slug, tahun=tahun)
    return _hub(request, opd, tahun, periode_baru=form, status=422)


@login_required
def periode(request, opd_slug: str, periode_id: int):
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    opd = periode.opd
    form = PeriodeForm(
        initial={
            f: getattr(periode, f)
            for f in ("jenis", "mulai", "selesai", "populasi", "dibuka", "wajib_kode", "versi")
        }
    )
    status = 200
    if request.method == "POST":
        actions.require_pengelola_of(request.user, opd)
        form = PeriodeForm(request.POST)
        if form.is_valid():
            try:
                actions.simpan_periode(
                    request.user, opd, {**form.cleaned_data, "tahun": periode.tahun}, periode
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Periode %(periode)s disimpan.") % {"periode": periode})
                return redirect("skm", opd_slug=opd.slug, tahun=periode.tahun)
        status = 422
    return render(
        request,
        "survei/periode.html",
        {**_base(request, opd, periode.tahun), "periode": periode, "form": form},
        status=status,
    )


# --- one-time codes ----------------------------------------------------------------------------


@login_required
def kode(request, opd_slug: str, periode_id: int):
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    opd = periode.opd
    actions.require_pengelola_of(request.user, opd)
    form = KodeForm(opd=opd)
    status = 200
    if request.method == "POST":
        form = KodeForm(request.POST, opd=opd)
        if form.is_valid():
            data = form.cleaned_data
            try:
                rows = actions.buat_kode(request.user, periode, data["jumlah"], data["layanan"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("%(n)s kode dibuat.") % {"n": len(rows)})
                return redirect("skm_kode", opd_slug=opd.slug, periode_id=periode.pk)
        status = 422
    counts = KodeSekali.objects.filter(pemda=opd.pemda, periode=periode).aggregate(
        semua=Count("pk"), dipakai=Count("pk", filter=Q(dipakai__isnull=False))
    )
    return render(
        request,
        "survei/kode.html",
        {
            **_base(request, opd, periode.tahun),
            "periode": periode,
            "form": form,
            "counts": counts,
            "services": Layanan.objects.filter(pemda=opd.pemda, opd=opd),
        },
        status=status,
    )


@login_required
def kode_cetak(request, opd_slug: str, periode_id: int):
    """A printable A4 sheet of the period's unused codes (optionally of one service)."""
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    opd = periode.opd
    actions.require_pengelola_of(request.user, opd)
    codes = KodeSekali.objects.filter(
        pemda=opd.pemda, periode=periode, dipakai__isnull=True
    ).select_related("layanan")
    layanan_id = bilangan_ascii(request.GET.get("layanan"))
    if layanan_id is not None:
        codes = codes.filter(layanan_id=layanan_id)
    return render(
        request,
        "survei/kode_cetak.html",
        {
            "opd": opd,
            "periode": periode,
            "codes": [(actions.tampil_kode(c.kode), c.layanan) for c in codes.order_by("pk")],
            # where a citizen holding only the slip types the code
            "alamat": request.build_absolute_uri(
                reverse("skm_pilih_layanan", args=[opd.pemda.slug, opd.slug])
            ),
        },
    )


# --- posters -----------------------------------------------------------------------------------


def _poster_items(request, services):
    items = []
    for layanan in services:
        url = request.build_absolute_uri(reverse("skm_form", args=[layanan.token]))
        items.append({"layanan": layanan, "url": url, "qr": qr_svg(url, layanan.nama)})
    return items


@login_required
def poster(request, opd_slug: str, layanan_id: int):
    layanan = _layanan_for_user(request.user, opd_slug, layanan_id)
    return render(
        request,
        "survei/poster.html",
        {"opd": layanan.opd, "items": _poster_items(request, [layanan])},
    )


@login_required
def poster_opd(request, opd_slug: str):
    """One page per active service, preceded (with several) by the OPD's own poster whose QR
    code opens the choice of service."""
    opd = opd_for_user(request.user, opd_slug)
    services = list(
        Layanan.objects.filter(pemda=opd.pemda, opd=opd, aktif=True).order_by("urutan", "nama")
    )
    items = _poster_items(request, services)
    if len(services) > 1:
        url = request.build_absolute_uri(
            reverse("skm_pilih_layanan", args=[opd.pemda.slug, opd.slug])
        )
        items.insert(0, {"layanan": None, "url": url, "qr": qr_svg(url, opd.nama)})
    return render(request, "survei/poster.html", {"opd": opd, "items": items})


# --- the public form ---------------------------------------------------------------------------


def _public_page(request, layanan, periode, form, status=200):
    unsur = actions.unsur_of(layanan.opd)
    questions = [
        (nomor, u, form[field], [(n, label) for n, label in enumerate(u.labels, start=1)])
        for nomor, (u, field) in enumerate(zip(unsur, UNSUR_FIELDS, strict=True), start=1)
    ]
    return render(
        request,
        "survei/publik_form.html",
        {
            "layanan": layanan,
            "opd": layanan.opd,
            "periode": periode,
            "form": form,
            "questions": questions,
            "pendidikan": pilihan_bernomor("pendidikan"),
            "pekerjaan": pilihan_bernomor("pekerjaan"),
            "jenis_kelamin": pilihan_bernomor("jenis_kelamin"),
        },
        status=status,
    )


def _public_message(request, layanan, title, text, status):
    return render(
        request,
        "survei/publik_pesan.html",
        {"layanan": layanan, "opd": layanan.opd, "title": title, "text": text},
        status=status,
    )


def formulir(request, token: str):
    """The public questionnaire of one service: no login, one short page, no JavaScript."""
    layanan = publik.layanan_publik(token)
    if layanan is None:
        raise Http404(_("Formulir survei tidak ditemukan."))
    periode = publik.periode_berjalan(layanan)
    if periode is None:
        return _public_message(
            request,
            layanan,
            _("Survei sedang tidak dibuka"),
            _(
                "Terima kasih atas kesediaan Anda. Saat ini survei kepuasan untuk layanan ini "
                "sedang tidak dibuka. Silakan coba lagi pada periode survei berikutnya."
            ),
            200,
        )
    if request.method != "POST":  # ?kode=… from a receipt's own QR code fills the code in
        kode = actions.normalisasi_kode(request.GET.get("kode", ""))[:20]
        return _public_page(request, layanan, periode, ResponsPublikForm(initial={"kode": kode}))
    alamat = alamat_klien(request)
    if not publik.catat_kiriman(alamat, layanan.opd_id):  # counted now, given back if not one
        return _public_message(
            request,
            layanan,
            _("Terlalu banyak kiriman"),
            _(
                "Dari jaringan Anda sudah banyak jawaban yang masuk dalam beberapa menit terakhir. "
                "Silakan coba lagi sekitar %(menit)s menit lagi."
            )
            % {"menit": publik.menit_jendela()},
            429,
        )
    form = ResponsPublikForm(request.POST, wajib_kode=periode.wajib_kode)
    if request.POST.get("situs"):  # only a robot fills the hidden field: looks accepted
        return redirect("skm_terima_kasih", token=layanan.token)
    if form.is_valid():
        try:
            actions.kirim_respons(
                layanan,
                periode,
                form.cleaned_data,
                form.cleaned_data["kode"],
                publik.sidik(alamat, layanan, form.values),
            )
        except actions.Duplikat:
            publik.batalkan_kiriman(alamat, layanan.opd_id)  # not stored again: not counted again
            return _public_message(
                request,
                layanan,
                _("Jawaban sudah diterima"),
                _(
                    "Jawaban yang sama persis dari perangkat ini sudah kami terima hari ini, jadi "
                    "tidak kami hitung dua kali. Terima kasih atas partisipasi Anda."
                ),
                409,
            )
        except actions.KodeDitolak as error:  # a wrong code keeps its count: no guessing
            apply_errors(form, error)
            return _public_page(request, layanan, periode, form, status=422)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("skm_terima_kasih", token=layanan.token)
    publik.batalkan_kiriman(alamat, layanan.opd_id)  # a form to correct is not a submission
    return _public_page(request, layanan, periode, form, status=422)


def pilih_layanan(request, pemda_slug: str, opd_slug: str):
    """The OPD's one public link (one QR code at the entrance): the respondent picks the
    service received; with a single service, straight to its form."""
    services = list(
        Layanan.objects.select_related("opd")
        .filter(opd__pemda__slug=pemda_slug, opd__slug=opd_slug, aktif=True)
        .order_by("urutan", "nama")
    )
    if not services:
        raise Http404(_("Formulir survei tidak ditemukan."))
    if len(services) == 1:
        return redirect("skm_form", token=services[0].token)
    return render(
        request,
        "survei/publik_pilih.html",
        {"opd": services[0].opd, "services": services, "title": _("Survei Kepuasan Masyarakat")},
    )


def terima_kasih(request, token: str):
    layanan = publik.layanan_publik(token)
    if layanan is None:
        raise Http404(_("Formulir survei tidak ditemukan."))
    return _public_message(
        request,
        layanan,
        _("Terima kasih"),
        _(
            "Jawaban Anda sudah kami terima. Penilaian dan saran Anda membantu kami memperbaiki "
            "pelayanan."
        ),
        200,
    )


# --- paper questionnaires ----------------------------------------------------------------------


def _kertas_context(request, periode, form=None, saved=None):
    opd = periode.opd
    responses = (
        Respons.objects.filter(pemda=opd.pemda, periode=periode)
        .select_related("layanan", "diinput_oleh", "dibatalkan_oleh")
        .order_by("-diterima", "-pk")
    )
    last = saved.layanan_id if saved else None
    return {
        **_base(request, opd, periode.tahun),
        "periode": periode,
        "form": form or BarisKertasForm(opd=opd, initial={"layanan": last}),
        "services": Layanan.objects.filter(pemda=opd.pemda, opd=opd, aktif=True),
        "responses": responses[:RESPONS_DITAMPILKAN],
        "total": responses.filter(dibatalkan=False).count(),
        "saved": saved,
        "unsur_fields": UNSUR_FIELDS,
        "pendidikan": pilihan_bernomor("pendidikan"),
        "pekerjaan": pilihan_bernomor("pekerjaan"),
        "batal_form": BatalForm(),
    }


@login_required
def kertas(request, opd_slug: str, periode_id: int):
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    return render(request, "survei/kertas.html", _kertas_context(request, periode))


@login_required
@require_POST
def kertas_simpan(request, opd_slug: str, periode_id: int):
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    opd = periode.opd
    actions.require_pengelola_of(request.user, opd, actions.INPUT_KUESIONER)
    form = BarisKertasForm(request.POST, opd=opd)
    saved = None
    if form.is_valid():
        try:
            saved = actions.simpan_respons_kertas(
                request.user, periode, form.cleaned_data["layanan"], form.values
            )
        except ValidationError as error:
            apply_errors(form, error)
    if saved and not request.headers.get("HX-Request"):
        messages.success(request, _("Kuesioner #%(id)s tersimpan.") % {"id": saved.pk})
        return redirect("skm_kertas", opd_slug=opd.slug, periode_id=periode.pk)
    context = _kertas_context(request, periode, None if saved else form, saved)
    template = (
        "survei/_kertas_isi.html" if request.headers.get("HX-Request") else "survei/kertas.html"
    )
    return render(request, template, context, status=200 if saved else 422)


@login_required
@require_POST
def batal(request, opd_slug: str, respons_id: int):
    respons = object_for_user(
        request.user,
        opd_slug,
        Respons.objects.select_related("opd__pemda", "periode", "layanan"),
        "opd",
        pk=respons_id,
    )
    actions.require_pengelola_of(request.user, respons.opd, actions.INPUT_KUESIONER)
    form = BatalForm(request.POST)
    try:
        form.is_valid()
        actions.batalkan_respons(request.user, respons, form.cleaned_data.get("alasan", ""))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return render(
            request, "survei/kertas.html", _kertas_context(request, respons.periode), status=422
        )
    messages.success(request, _("Respons #%(id)s dibatalkan.") % {"id": respons.pk})
    return redirect("skm_kertas", opd_slug=respons.opd.slug, periode_id=respons.periode_id)


# --- XLSX import -------------------------------------------------------------------------------

SESSION_IMPOR = "skm_impor"


@login_required
def impor_templat(request, opd_slug: str):
    opd = opd_for_user(request.user, opd_slug)
    content = impor.templat(opd, actions.unsur_of(opd))
    return files.attachment(content, XLSX, f"templat-skm-{opd.slug}.xlsx")


def _terlalu_besar(request) -> bool:
    """Refused from the request's declared size, before the upload is read to disk."""
    declared = bilangan_ascii(request.META.get("CONTENT_LENGTH")) or 0
    return declared > UKURAN_IMPOR_MAKS + 64 * 1024


@login_required
def impor_unggah(request, opd_slug: str, periode_id: int):
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    opd = periode.opd
    actions.require_pengelola_of(request.user, opd, actions.INPUT_KUESIONER)
    form = ImporForm()
    status = 200
    if request.method == "POST" and _terlalu_besar(request):
        form = ImporForm(request.POST)
        form.is_valid()
        form.errors["berkas"] = form.error_class([_("Berkas terlalu besar; paling besar 2 MB.")])
        status = 422
    elif request.method == "POST":
        form = ImporForm(request.POST, request.FILES)
        if form.is_valid():
            berkas = form.cleaned_data["berkas"]
            uploads = request.session.get(SESSION_IMPOR, {})
            for earlier, info in list(uploads.items()):  # replaced by this one: not left behind
                if info["periode"] == periode.pk:
                    impor.buang_unggahan(earlier, periode.pemda_id)
                    del uploads[earlier]
            token = impor.simpan_unggahan(berkas.read(), periode.pemda_id)
            uploads[token] = {"periode": periode.pk, "nama": files.display_name(berkas.name, 100)}
            request.session[SESSION_IMPOR] = uploads
            return redirect(
                "skm_impor_terapkan", opd_slug=opd.slug, periode_id=periode.pk, token=token
            )
        status = 422
    return render(
        request,
        "survei/impor.html",
        {**_base(request, opd, periode.tahun), "periode": periode, "form": form},
        status=status,
    )


@login_required
def impor_terapkan(request, opd_slug: str, periode_id: int, token: str):
    """GET: the preview of every row with its problems; POST: apply, checked again, all or
    nothing, and only once (the stored file is claimed before applying)."""
    periode = _periode_for_user(request.user, opd_slug, periode_id)
    opd = periode.opd
    actions.require_pengelola_of(request.user, opd, actions.INPUT_KUESIONER)
    upload = request.session.get(SESSION_IMPOR, {}).get(token)
    mine = bool(upload) and upload["periode"] == periode.pk
    if request.method == "POST":
        content = impor.klaim_unggahan(token, periode.pemda_id) if mine else None
        if content is None and impor.sudah_diklaim(token, periode.pemda_id):
            return _sudah_diterapkan(request, opd, periode)  # the other click won the claim
    else:
        content = impor.baca_unggahan(token, periode.pemda_id) if mine else None
    if content is None:
        messages.error(request, _("Berkas unggahan tidak ditemukan atau kedaluwarsa; unggah lagi."))
        return redirect("skm_impor", opd_slug=opd.slug, periode_id=periode.pk)
    status = 200
    if request.method != "POST":
        report = impor.baca_berkas(content, opd)
    else:
        n = None
        try:  # the claimed file waits again unless the apply succeeds
            report = impor.baca_berkas(content, opd)
            if report.bisa_diterapkan:
                n = actions.terapkan_impor(request.user, periode, report.siap(), upload["nama"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        finally:
            if n is None:
                impor.lepas_klaim(token, periode.pemda_id)
        if n is not None:
            impor.tandai_diterapkan(token, periode.pemda_id)
            uploads = request.session.get(SESSION_IMPOR, {})
            uploads.pop(token, None)
            request.session[SESSION_IMPOR] = uploads
            messages.success(
                request,
                _("%(n)s kuesioner diimpor dari %(berkas)s.") % {"n": n, "berkas": upload["nama"]},
            )
            return redirect("skm_kertas", opd_slug=opd.slug, periode_id=periode.pk)
        status = 422
    return render(
        request,
        "survei/impor_pratinjau.html",
        {
            **_base(request, opd, periode.tahun),
            "periode": periode,
            "report": report,
            "nama": upload["nama"],
            "token": token,
            "unsur_fields": UNSUR_FIELDS,
        },
        status=status,
    )


def _sudah_diterapkan(request, opd, periode):
    messages.info(
        request,
        _(
            "Berkas ini sudah diterapkan (atau sedang diterapkan dari klik sebelumnya); "
            "kuesionernya tidak diimpor dua kali. Lihat daftar respons di bawah."
        ),
    )
    return redirect("skm_kertas", opd_slug=opd.slug, periode_id=periode.pk)
