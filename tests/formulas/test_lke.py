from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sakip.formulas import (
    GRADE_VALUES,
    LKE_88_2021,
    PREDIKAT_AKIP,
    Component,
    FormulaInputError,
    Instrument,
    Status,
    SubComponent,
    lke_total,
    predikat_akip,
    subcomponent_score,
)
from sakip.formulas.numbers import formula_context

from .helpers import PROPERTY

D = Decimal

# DOMAIN.md constructed example, one criterion per sub-component:
# Perencanaan 90/80/70, Pengukuran 90/70/60, Pelaporan 100/80/70, Evaluasi 80/70/60.
CONSTRUCTED = {
    "1.a": ["A"],
    "1.b": ["BB"],
    "1.c": ["B"],
    "2.a": ["A"],
    "2.b": ["B"],
    "2.c": ["CC"],
    "3.a": ["AA"],
    "3.b": ["BB"],
    "3.c": ["B"],
    "4.a": ["BB"],
    "4.b": ["B"],
    "4.c": ["CC"],
}


def test_grade_values_default_mapping():
    assert dict(GRADE_VALUES) == {
        "AA": D(100),
        "A": D(90),
        "BB": D(80),
        "B": D(70),
        "CC": D(60),
        "C": D(50),
        "D": D(30),
        "E": D(0),
    }


def test_grade_values_cannot_be_changed_in_place():
    with pytest.raises(TypeError):
        GRADE_VALUES["A"] = D(1)


def test_lke_88_2021_weights():
    weights = [
        (c.nama, c.weight, [s.weight for s in c.subcomponents]) for c in LKE_88_2021.components
    ]
    assert weights == [
        ("Perencanaan Kinerja", D(30), [D(6), D(9), D(15)]),
        ("Pengukuran Kinerja", D(30), [D(6), D(9), D(15)]),
        ("Pelaporan Kinerja", D(15), [D(3), D("4.5"), D("7.5")]),
        ("Evaluasi Akuntabilitas Kinerja Internal", D(25), [D(5), D("7.5"), D("12.5")]),
    ]
    names = [s.nama for s in LKE_88_2021.components[0].subcomponents]
    assert names == ["Keberadaan", "Kualitas", "Pemanfaatan"]


def test_constructed_example_scores_72_40_and_bb():
    result = lke_total(CONSTRUCTED)
    assert result.status is Status.COMPUTED
    assert [c.score for c in result.components] == [
        D("23.10"),
        D("20.70"),
        D("11.85"),
        D("16.75"),
    ]
    assert result.total == D("72.40")
    assert result.predikat == "BB"


def test_sub_component_scores_of_the_constructed_example():
    perencanaan = lke_total(CONSTRUCTED).components[0]
    assert [s.score for s in perencanaan.subcomponents] == [D("5.4"), D("7.2"), D("10.5")]


def test_subcomponent_score_is_weight_times_mean_of_criterion_values_over_100():
    assert subcomponent_score(D(6), ["AA", "A", "BB"]) == D("5.4")  # 6 x 90 / 100
    assert subcomponent_score(D("7.5"), ["a", " b "]) == D(6)  # 7,5 x 80 / 100; case ignored
    assert subcomponent_score(D("12.5"), ["AA", "BB", "CC"]) == D(10)  # 12,5 x 80 / 100


def test_subcomponent_score_is_rounded_half_up_to_two_decimals():
    assert subcomponent_score(D(5), ["A", "B", "B"]) == D("3.83")  # 5 x 76,666.. / 100 = 3,8333..
    assert subcomponent_score(D("7.5"), ["BB", "B"]) == D("5.63")  # 5,625: half-up, not half-even
    assert subcomponent_score(D("7.5"), ["BB", "B"]).as_tuple().exponent == -2


def test_component_and_total_add_up_the_rounded_figures_shown_under_them():
    # 4.a 5 x 76,666.. = 3,8333 -> 3,83; 4.b 7,5 x 76,666.. = 5,75; 4.c 12,5 x 86,666.. = 10,8333
    # -> 10,83. Exactly the component is 20,4166.. (20,42 on its own); shown it is 3,83 + 5,75 +
    # 10,83 = 20,41, and the total adds the shown components.
    grades = {
        **CONSTRUCTED,
        "4.a": ["A", "B", "B"],
        "4.b": ["A", "B", "B"],
        "4.c": ["AA", "A", "B"],
    }
    result = lke_total(grades)
    evaluasi = result.components[3]
    assert [s.score for s in evaluasi.subcomponents] == [D("3.83"), D("5.75"), D("10.83")]
    assert evaluasi.score == D("20.41")
    assert [c.score for c in result.components] == [D("23.10"), D("20.70"), D("11.85"), D("20.41")]
    assert result.total == D("76.06")
    assert result.predikat == "BB"


def test_subcomponent_score_with_overridden_grade_values():
    values = {**GRADE_VALUES, "D": D(40)}
    assert subcomponent_score(D(10), ["D"], values) == D(4)


def test_unknown_grade_is_refused_with_the_allowed_grades():
    with pytest.raises(FormulaInputError, match="gunakan salah satu: AA, A, BB, B, CC, C, D, E"):
        subcomponent_score(D(6), ["A", "F"])


def test_subcomponent_without_grades_is_refused():
    with pytest.raises(FormulaInputError, match="belum ada kriteria yang dinilai"):
        subcomponent_score(D(6), [])


def test_grade_values_outside_0_to_100_are_refused():
    with pytest.raises(FormulaInputError, match="nilai huruf A harus 0–100"):
        subcomponent_score(D(6), ["A"], {"A": D(120)})


def test_total_waits_until_every_subcomponent_is_graded():
    grades = {kode: value for kode, value in CONSTRUCTED.items() if kode != "4.c"}
    grades["2.b"] = ["B", None]
    result = lke_total(grades)
    assert result.status is Status.MISSING
    assert result.total is None
    assert result.predikat is None
    assert result.components[0].score == D("23.10")  # complete components still show
    assert result.components[1].score is None
    assert result.reason.startswith("belum dinilai: 2.b Kualitas, 4.c Pemanfaatan")


def test_unknown_subcomponent_code_is_refused():
    with pytest.raises(FormulaInputError, match="sub-komponen 5.a tidak ada"):
        lke_total({**CONSTRUCTED, "5.a": ["A"]})


def test_bad_grade_in_total_names_the_subcomponent():
    with pytest.raises(FormulaInputError, match="^sub-komponen 1.a Keberadaan: nilai kriteria"):
        lke_total({**CONSTRUCTED, "1.a": ["X"]})


def test_instrument_weights_must_add_up():
    with pytest.raises(FormulaInputError, match="jumlah bobot sub-komponennya"):
        Component("1", "K", D(30), (SubComponent("1.a", "A", D(10)),))
    with pytest.raises(FormulaInputError, match="harus 100"):
        Instrument("X", "X", (Component("1", "K", D(10), (SubComponent("1.a", "A", D(10)),)),))


@pytest.mark.parametrize(
    ("score", "label"),
    [
        ("100", "AA"),
        ("90.01", "AA"),
        ("90", "A"),
        ("90.004", "A"),
        ("80.01", "A"),
        ("80", "BB"),
        ("70.01", "BB"),
        ("70", "B"),
        ("60.01", "B"),
        ("60", "CC"),
        ("50.01", "CC"),
        ("50", "C"),
        ("30.01", "C"),
        ("30", "D"),
        ("0", "D"),
    ],
)
def test_predikat_akip_edges(score, label):
    assert predikat_akip(D(score)) == label


def test_predikat_akip_of_none_is_none():
    assert predikat_akip(None) is None


@pytest.mark.parametrize("score", ["100.01", "-0.01"])
def test_predikat_akip_refuses_a_score_outside_0_to_100(score):
    with pytest.raises(FormulaInputError, match="di luar skala"):
        predikat_akip(D(score))


def test_predikat_akip_scale_is_valid_data():
    PREDIKAT_AKIP.validate()
    assert [band.label for band in PREDIKAT_AKIP.bands] == ["AA", "A", "BB", "B", "CC", "C", "D"]


grade = st.sampled_from(list(GRADE_VALUES))
all_grades = st.fixed_dictionaries(
    {kode: st.lists(grade, min_size=1, max_size=5) for kode in CONSTRUCTED}
)


@PROPERTY
@given(all_grades)
def test_every_figure_is_the_sum_of_the_two_decimal_figures_under_it_and_in_0_to_100(grades):
    result = lke_total(grades)
    with formula_context():
        assert result.total == sum(c.score for c in result.components)
        for component in result.components:
            assert component.score == sum(s.score for s in component.subcomponents)
            for sub in component.subcomponents:
                assert sub.score == sub.score.quantize(D("0.01"))
    assert D(0) <= result.total <= D(100)
    assert result.predikat == predikat_akip(result.total)


@PROPERTY
@given(
    st.dictionaries(
        st.sampled_from([*CONSTRUCTED, "9.z"]),
        st.lists(st.one_of(st.none(), st.text(max_size=3), grade), max_size=3),
    )
)
def test_lke_total_raises_nothing_but_formula_input_error(grades):
    try:
        result = lke_total(grades)
    except FormulaInputError:
        return
    assert (result.total is None) == (result.status is Status.MISSING)
