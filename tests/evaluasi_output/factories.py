"""Evaluations as rows for the output tests: the shipped LKE, one answer per criterion with the
evaluator's grades, a status, and on publication the frozen total from the worksheet's scoring.

Rows are written directly (the outputs only read them); the worksheet's flow has its own tests."""

from datetime import UTC, datetime

from sakip.dataset import load_data
from sakip.evaluasi import scoring
from sakip.evaluasi.instrument import shipped_for
from sakip.evaluasi.models import Evaluasi, JawabanKriteria, KriteriaLke, Rekomendasi
from sakip.organisasi.models import PerangkatDaerah
from tests.factories import dataset

PUBLISHED = Evaluasi.Status.DIPUBLIKASIKAN


def opd_named(slug: str, nama: str, pemda_slug: str = "kabupaten-contoh") -> PerangkatDaerah:
    """An OPD in the test dataset's pemda (or another pemda), loaded once."""
    found = PerangkatDaerah.objects.filter(pemda__slug=pemda_slug, slug=slug).first()
    if found is None:
        data = dataset()
        data["opd"] = {**data["opd"], "slug": slug, "nama": nama}
        if pemda_slug != "kabupaten-contoh":
            data["pemda"] = {**data["pemda"], "slug": pemda_slug, "nama": pemda_slug.title()}
        load_data(data)
        found = PerangkatDaerah.objects.get(pemda__slug=pemda_slug, slug=slug)
    return found


def evaluation(
    opd: PerangkatDaerah,
    grade="B",
    tahun: int = 2024,
    status=PUBLISHED,
    evaluator=None,
    catatan: str = "",
) -> Evaluasi:
    """`grade`: one grade for every criterion, or a function (kriteria) -> grade or None."""
    instrumen = shipped_for(opd.pemda)
    moment = datetime(tahun + 1, 3, 3, 2, 0, tzinfo=UTC)
    evaluasi = Evaluasi.objects.create(
        pemda=opd.pemda,
        opd=opd,
        tahun=tahun,
        instrumen=instrumen,
        status=status,
        evaluator=evaluator,
        ketua_tim=evaluator,
        diajukan_pada=moment.replace(month=2),
        direviu_pada=moment.replace(day=1),
        dipublikasikan_pada=moment if status == PUBLISHED else None,
    )
    kriteria = KriteriaLke.objects.filter(
        pemda=opd.pemda, sub_komponen__komponen__instrumen=instrumen
    ).select_related("sub_komponen")
    JawabanKriteria.objects.bulk_create(
        JawabanKriteria(
            pemda=opd.pemda,
            evaluasi=evaluasi,
            kriteria=k,
            nilai_mandiri="A",
            nilai_evaluator=(grade(k) if callable(grade) else grade) or "",
            catatan_evaluator=catatan,
        )
        for k in kriteria
    )
    if status == PUBLISHED:
        result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
        evaluasi.nilai_akhir = scoring.frozen_total(result.total)
        evaluasi.predikat = result.predikat or ""
        evaluasi.save(update_fields=["nilai_akhir", "predikat"])
    return evaluasi


def recommend(evaluasi: Evaluasi, *texts: str) -> None:
    for i, text in enumerate(texts, start=1):
        Rekomendasi.objects.create(pemda=evaluasi.pemda, evaluasi=evaluasi, urutan=i, uraian=text)
