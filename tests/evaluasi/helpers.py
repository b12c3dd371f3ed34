"""Evaluations for the flow tests and the persona matrix: the test dataset's OPD, accounts for
each role, an evaluation opened through the actions."""

from django.contrib.auth import get_user_model

from sakip.evaluasi import actions
from sakip.evaluasi.instrument import shipped_for
from sakip.evaluasi.models import BuktiDukung, Evaluasi, JawabanKriteria, Rekomendasi
from sakip.organisasi.models import PerangkatDaerah
from tests.personas import make_user

HOME = "kabupaten-contoh"


def team(opd, suffix=""):
    """An account per role for `opd` (two evaluators: evaluator and ketua tim)."""
    pemda = opd.pemda
    names = {
        "operator": ("operator", opd),
        "pimpinan": ("pimpinan", opd),
        "admin": ("admin_pemda", None),
        "evaluator": ("evaluator", None),
        "ketua": ("evaluator", None),
        "viewer": ("viewer", None),
    }
    return {
        key: make_user(pemda, peran, owner, name=f"{key}-{pemda.slug}{suffix}")
        for key, (peran, owner) in names.items()
    }


def opened(opd, users, tahun=2024) -> Evaluasi:
    shipped_for(opd.pemda)
    return actions.buka_evaluasi(
        users["admin"], opd, tahun, users["evaluator"].pk, users["ketua"].pk
    )


def grade_all(evaluasi, user, field, grade="BB"):
    save = actions.simpan_mandiri if field == "mandiri" else actions.simpan_penilaian
    for jawaban in JawabanKriteria.objects.filter(evaluasi=evaluasi).select_related("evaluasi"):
        save(user, jawaban, grade(jawaban) if callable(grade) else grade, "", jawaban.versi)


def _matrix_evaluation(opd_slug: str) -> Evaluasi:
    """A published evaluation of that OPD with a recommendation and a linked evidence; the
    persona evaluator (when logged in) is the one assigned."""
    from tests.evaluasi_output.factories import evaluation

    opd = PerangkatDaerah.objects.get(slug=opd_slug, pemda__slug=HOME)
    found = Evaluasi.objects.filter(opd=opd, tahun=2024).first()
    if found:
        return found
    evaluator = get_user_model().objects.filter(username=f"evaluator-{HOME}").first()
    evaluasi = evaluation(opd, evaluator=evaluator)
    jawaban = evaluasi.jawaban.order_by("pk").first()
    BuktiDukung.objects.create(
        pemda=opd.pemda, jawaban=jawaban, jenis="rujukan", rujukan="lkjip", judul="LKjIP"
    )
    Rekomendasi.objects.create(pemda=opd.pemda, evaluasi=evaluasi, urutan=1, uraian="Agar ...")
    return evaluasi


def matrix_placeholder(value: str, opd_slug: str):
    evaluasi = _matrix_evaluation(opd_slug)
    if value == "<ev_tahun>":
        return evaluasi.tahun
    if value == "<ev_jawaban>":
        return evaluasi.jawaban.order_by("pk").first().pk
    if value == "<ev_bukti>":
        return BuktiDukung.objects.filter(jawaban__evaluasi=evaluasi).first().pk
    if value == "<ev_rekomendasi>":
        return evaluasi.rekomendasi.first().pk
    raise KeyError(value)
