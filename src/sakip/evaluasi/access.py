"""Who reads which evaluation, on top of sakip.organisasi.access (the one chokepoint).

- Another pemda: every evaluation, recommendation and evidence file is 404.
- Admin SAKIP and evaluators (Inspektorat) read every evaluation of their pemda.
- Operator and pimpinan read only their own OPD's evaluation (another OPD: 403): while it is in
  progress only the self-assessment; the evaluator's grades, notes, score and recommendations
  only after publication (`can_see_result`).
- Viewers read the published evaluations of their pemda."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from sakip.evaluasi.models import BuktiDukung, Evaluasi, Rekomendasi
from sakip.organisasi.access import akun_of, can_see_all_opd, opd_for_user
from sakip.organisasi.models import Akun

Peran = Akun.Peran
EVALUATION_TEAM = (Peran.ADMIN_PEMDA, Peran.EVALUATOR)


def is_evaluation_team(akun: Akun) -> bool:
    return akun.peran in EVALUATION_TEAM


def can_see_result(akun: Akun, evaluasi: Evaluasi) -> bool:
    """The evaluator's grades, notes, score and recommendations."""
    return is_evaluation_team(akun) or evaluasi.dipublikasikan


def evaluasi_for_user(user, opd_slug: str, tahun: int) -> Evaluasi:
    """The evaluation of an OPD-year for this user, or 404 (another pemda, none opened yet) /
    403 (another OPD, or a viewer before publication)."""
    opd = opd_for_user(user, opd_slug)
    akun = akun_of(user)
    evaluasi = (
        Evaluasi.objects.select_related("opd__pemda", "instrumen", "evaluator", "ketua_tim")
        .filter(pemda_id=opd.pemda_id, opd=opd, tahun=tahun)
        .first()
    )
    if evaluasi is None:
        raise Http404(_("Evaluasi AKIP OPD ini untuk tahun itu belum dibuka."))
    if akun.peran == Peran.VIEWER and not evaluasi.dipublikasikan:
        raise PermissionDenied(_("Hasil evaluasi AKIP dapat dibaca setelah dipublikasikan."))
    return evaluasi


def pemda_evaluations_for_user(user):
    """The evaluation list of the whole pemda: for admin SAKIP, evaluators and viewers."""
    akun = akun_of(user)
    if not can_see_all_opd(akun):
        raise PermissionDenied(
            _("Daftar evaluasi AKIP pemda hanya untuk admin SAKIP, evaluator dan pembaca.")
        )
    return akun.pemda


def rekomendasi_for_user(user, opd_slug: str, tahun: int, rekomendasi_id: int) -> Rekomendasi:
    evaluasi = evaluasi_for_user(user, opd_slug, tahun)
    if not can_see_result(akun_of(user), evaluasi):
        raise PermissionDenied(_("Rekomendasi dapat dibaca OPD setelah hasil dipublikasikan."))
    found = (
        Rekomendasi.objects.select_related("evaluasi__opd__pemda")
        .filter(pemda_id=evaluasi.pemda_id, evaluasi=evaluasi, pk=rekomendasi_id)
        .first()
    )
    if found is None:
        raise Http404(_("Rekomendasi tidak ditemukan."))
    return found


def bukti_for_user(user, opd_slug: str, tahun: int, bukti_id: int) -> BuktiDukung:
    """Evidence of this evaluation (of a criterion or of a follow-up)."""
    evaluasi = evaluasi_for_user(user, opd_slug, tahun)
    found = (
        BuktiDukung.objects.filter(pemda_id=evaluasi.pemda_id, pk=bukti_id)
        .filter(Q(jawaban__evaluasi=evaluasi) | Q(tindak_lanjut__rekomendasi__evaluasi=evaluasi))
        .first()
    )
    if found is None:
        raise Http404(_("Bukti dukung tidak ditemukan."))
    if found.tindak_lanjut_id and not can_see_result(akun_of(user), evaluasi):
        raise PermissionDenied(_("Rekomendasi dapat dibaca OPD setelah hasil dipublikasikan."))
    return found
