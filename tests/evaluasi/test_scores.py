"""Scores from the stored grades are the formulas engine's, for any grades; the predikat edges
are judged on the total rounded half-up to two decimals."""

import random
from decimal import Decimal

import pytest

from sakip.evaluasi import scoring
from sakip.evaluasi.models import JawabanKriteria
from sakip.formulas.lke import LKE_88_2021, lke_total, predikat_akip

pytestmark = pytest.mark.django_db
GRADES = ["AA", "A", "BB", "B", "CC", "C", "D", "E"]


@pytest.mark.parametrize(
    ("total", "predikat"),
    [
        ("90.005", "AA"),  # rounds to 90,01
        ("90.0049", "A"),
        ("80.005", "A"),
        ("79.995", "BB"),  # rounds to 80,00: BB includes 80
        ("70.005", "BB"),
        ("70.0049", "B"),
        ("60.005", "B"),
        ("50.005", "CC"),
        ("30.005", "C"),
        ("30.0049", "D"),
    ],
)
def test_predikat_is_judged_on_the_total_rounded_to_two_decimals(total, predikat):
    assert predikat_akip(Decimal(total)) == predikat


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_any_grades_score_the_same_from_the_database_as_in_the_engine(evaluasi, seed):
    rng = random.Random(seed)
    rows = list(JawabanKriteria.objects.filter(evaluasi=evaluasi).select_related("kriteria"))
    for row in rows:
        row.nilai_evaluator = rng.choice(GRADES)
    JawabanKriteria.objects.bulk_update(rows, ["nilai_evaluator"])
    stored = list(scoring.rows_of(evaluasi))
    grades = {}
    for row in stored:
        grades.setdefault(row.kriteria.sub_komponen.kode, []).append(row.nilai_evaluator)
    ours = scoring.score(evaluasi, stored, scoring.EVALUATOR)
    engine = lke_total(grades, LKE_88_2021)
    assert ours.total == engine.total and ours.predikat == engine.predikat
    for mine, theirs in zip(ours.components, engine.components, strict=True):
        assert mine.score == theirs.score
        assert [s.score for s in mine.subcomponents] == [s.score for s in theirs.subcomponents]


def test_a_partly_graded_evaluation_shows_sub_scores_but_no_total(evaluasi):
    rows = list(
        JawabanKriteria.objects.filter(evaluasi=evaluasi, kriteria__sub_komponen__kode="1.a")
    )
    for row in rows:
        row.nilai_mandiri = "AA"
    JawabanKriteria.objects.bulk_update(rows, ["nilai_mandiri"])
    result = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.MANDIRI)
    assert result.total is None and result.predikat is None
    assert result.components[0].subcomponents[0].score == Decimal(6)
    assert result.components[0].subcomponents[1].score is None
