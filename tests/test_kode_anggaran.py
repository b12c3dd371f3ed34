"""The Permendagri 90/2019 code shapes of the program tree (sakip.perencanaan.kode)."""

import pytest

from sakip.perencanaan import kode

# every code of the Kecamatan Jati DPA (src/sakip/demo/data/kecamatan-jati.yaml) has its shape
JATI = {
    kode.PROGRAM: ["7.01.01", "7.01.02", "7.01.03", "7.01.04"],
    kode.KEGIATAN: ["7.01.01.2.01", "7.01.01.2.06", "7.01.02.2.04", "7.01.04.2.01"],
    kode.SUB_KEGIATAN: ["7.01.01.2.01.0001", "7.01.01.2.06.0009", "7.01.02.2.04.0003"],
}


@pytest.mark.parametrize("tingkat", kode.TINGKAT)
def test_the_codes_of_the_demo_and_the_example_have_their_shape(tingkat):
    for value in [*JATI[tingkat], kode.CONTOH[tingkat]]:
        assert kode.sah(tingkat, value), value
        assert kode.tingkat_dari(value) == tingkat


@pytest.mark.parametrize(
    "tingkat, value",
    [
        (kode.PROGRAM, "7.1.01"),  # a group too short
        (kode.PROGRAM, "7.01.001"),  # a group too long
        (kode.PROGRAM, "7.01"),  # a group missing
        (kode.PROGRAM, "7.01.01.2"),  # a kegiatan's beginning
        (kode.PROGRAM, "X.XX.01"),  # letters, as some lists print "all urusan"
        (kode.PROGRAM, "7,01,01"),
        (kode.PROGRAM, "7.01.01."),
        (kode.PROGRAM, " 7.01.01"),  # callers tidy with rapikan() first
        (kode.KEGIATAN, "7.01.01.2.1"),
        (kode.KEGIATAN, "7.01.01.02.01"),
        (kode.KEGIATAN, "7.01.01.2.01.0001"),
        (kode.SUB_KEGIATAN, "7.01.01.2.01.001"),
        (kode.SUB_KEGIATAN, "7.01.01.2.01.00001"),
        (kode.SUB_KEGIATAN, "7.01.01.2.01"),
        (kode.SUB_KEGIATAN, "7.01.01.2.01.000a"),
        (kode.SUB_KEGIATAN, "７.01.01.2.01.0001"),  # a full-width digit is not a digit here
        (kode.SUB_KEGIATAN, ""),
    ],
)
def test_other_shapes_are_refused(tingkat, value):
    assert not kode.sah(tingkat, value)


def test_a_code_without_a_level_has_none():
    assert kode.tingkat_dari("7.01") is None


def test_a_child_is_its_parents_code_and_its_own_groups():
    assert kode.di_bawah("7.01.01.2.01", "7.01.01")
    assert kode.di_bawah("7.01.01.2.01.0001", "7.01.01.2.01")
    assert not kode.di_bawah("7.01.02.2.01", "7.01.01")
    assert not kode.di_bawah("7.01.011.2.01", "7.01.01")  # a prefix of digits is not enough
    assert kode.kode_induk(kode.SUB_KEGIATAN, "7.01.01.2.01.0001") == "7.01.01.2.01"
    assert kode.kode_induk(kode.KEGIATAN, "7.01.01.2.01") == "7.01.01"  # two groups, not one


def test_a_moved_node_keeps_its_own_groups_under_the_new_parent():
    assert kode.pindah_induk("7.01.01.2.01", "7.01.02") == "7.01.02.2.01"
    assert kode.pindah_induk("7.01.01.2.01.0003", "7.01.02.2.04") == "7.01.02.2.04.0003"


def test_rapikan_strips_what_was_typed_around_the_code():
    assert kode.rapikan("  7.01.01\t") == "7.01.01"
    assert kode.rapikan(None) == ""
