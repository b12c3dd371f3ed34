"""The OPD profile of LKjIP Bab I edited in the browser: what the operator types reaches the
LKjIP, refused input changes nothing and says why, every change has its history, and only the
planners of the OPD may edit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import (
    PegawaiGolongan,
    PegawaiJabatan,
    PerangkatDaerah,
    ProfilTahunan,
    Sarpras,
    UnitKerja,
)
from sakip.pelaporan.build import build_lkjip
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db

SLUG = "kecamatan-contoh"


def _data(**opd_changes):
    data = dataset()
    data["opd"] = {
        **data["opd"],
        "struktur": [
            {"nama": "Camat", "induk": None, "uraian_tugas": "Memimpin kecamatan."},
            {"nama": "Sekretariat", "induk": "Camat", "uraian_tugas": "Menyiapkan perumusan."},
            {"nama": "Seksi Pemerintahan", "induk": "Camat"},
        ],
        **opd_changes,
    }
    data["profil"] = [
        {
            "tahun": 2023,
            "kondisi_wilayah": {
                "uraian": "Wilayah contoh.",
                "jumlah_desa": 12,
                "jumlah_penduduk": 50000,
                "luas_km2": "183.62",
                "batas_utara": "Kecamatan Utara",
            },
            "pegawai_golongan": [{"golongan": "IV/a", "pangkat": "Pembina", "jumlah": 2}],
            "pegawai_jabatan": [{"jabatan": "Camat", "eselon": "III.a", "formasi": 1, "terisi": 1}],
            "sarpras": [{"nama": "Laptop", "jumlah": 8, "satuan": "buah"}],
            "isu_strategis": ["Pelayanan belum optimal."],
        }
    ]
    return data


@pytest.fixture
def opd():
    load_data(_data())
    return PerangkatDaerah.objects.get(slug=SLUG)


@pytest.fixture
def operator(opd, client):
    user = make_user(opd.pemda, "operator", opd)
    client.force_login(user)
    return user


def _profil(opd, tahun):
    return ProfilTahunan.objects.get(pemda=opd.pemda, opd=opd, tahun=tahun)


def _wilayah(**changes):
    values = {
        "versi": "0",
        "jumlah_desa": "12",
        "jumlah_kelurahan": "0",
        "jumlah_dusun": "82",
        "jumlah_rw": "81",
        "jumlah_rt": "379",
        "jumlah_penduduk": "50.918",
        "jumlah_kk": "21538",
        "luas_km2": "183,62",
        "batas_utara": "Kecamatan Kunduran",
        "batas_timur": "Kecamatan Randublatung",
        "batas_selatan": "Kabupaten Ngawi",
        "batas_barat": "Kabupaten Grobogan",
        "kondisi_wilayah": "Kecamatan contoh di jalur utara.",
        "landasan_hukum": "UU 23/2014\nPerpres 29/2014",
        "isu_strategis": "Pelayanan belum optimal\nSDM kurang",
    }
    values.update(changes)
    return values


def _table(prefix, rows, initial=0):
    """A posted table: `rows` are dicts of its columns (with "id" for stored rows)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "500",
    }
    for i, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{i}-{name}"] = value
    return data


def _golongan_rows(profil):
    return [
        {"id": str(r.pk), "golongan": r.golongan, "pangkat": r.pangkat, "jumlah": str(r.jumlah)}
        for r in profil.pegawai_golongan.all()
    ]


def _snapshot(opd):
    """Everything the profile pages write, to show a refusal changed nothing."""
    return (
        list(ProfilTahunan.objects.filter(opd=opd).values()),
        list(PegawaiGolongan.objects.filter(profil__opd=opd).values()),
        list(PegawaiJabatan.objects.filter(profil__opd=opd).values()),
        list(Sarpras.objects.filter(profil__opd=opd).values()),
        list(UnitKerja.objects.filter(opd=opd).values()),
        ProfilTahunan.history.count(),
    )


def test_the_unit_choices_name_each_unit(client, opd, operator):
    page = client.get(reverse("profil_opd", args=[SLUG])).content.decode()
    camat = UnitKerja.objects.get(opd=opd, nama="Camat")
    assert f'<option value="{camat.pk}">Camat</option>' in page
    assert "UnitKerja object" not in page


# --- the operator's edits reach Bab I ---------------------------------------------------------


def test_the_operators_edits_show_in_bab_i_of_the_lkjip(client, opd, operator):
    url = reverse("profil_tahunan_simpan", args=[SLUG, 2024])
    assert client.post(url, _wilayah()).status_code == 302
    profil = _profil(opd, 2024)
    assert profil.jumlah_penduduk == 50918
    assert profil.luas_km2 == Decimal("183.62")

    golongan = _table("golongan", [{"golongan": "III/d", "pangkat": "Penata Tk. I", "jumlah": "3"}])
    assert (
        client.post(reverse("profil_tabel", args=[SLUG, 2024, "golongan"]), golongan).status_code
        == 302
    )
    jabatan = _table(
        "jabatan", [{"jabatan": "Kepala Seksi", "eselon": "IV.a", "formasi": "4", "terisi": "3"}]
    )
    assert (
        client.post(reverse("profil_tabel", args=[SLUG, 2024, "jabatan"]), jabatan).status_code
        == 302
    )
    sarpras = _table(
        "sarpras", [{"nama": "Genset", "jumlah": "2", "satuan": "buah", "keterangan": "baik"}]
    )
    assert (
        client.post(reverse("profil_tabel", args=[SLUG, 2024, "sarpras"]), sarpras).status_code
        == 302
    )
    camat = UnitKerja.objects.get(opd=opd, nama="Camat")
    unit = {
        "versi": "0",
        "nama": "Seksi Trantib",
        "induk": str(camat.pk),
        "uraian_tugas": "Ketertiban.",
    }
    assert client.post(reverse("profil_unit_tambah", args=[SLUG]), unit).status_code == 302

    bab1 = build_lkjip(opd, 2024).bab1
    angka = dict(bab1.wilayah.angka)
    assert angka["Penduduk (jiwa)"] == 50918
    assert angka["Luas wilayah (km²)"] == Decimal("183.62")
    assert ("Utara", "Kecamatan Kunduran") in bab1.wilayah.batas
    assert bab1.landasan_hukum == ["UU 23/2014", "Perpres 29/2014"]
    assert bab1.isu_strategis == ["Pelayanan belum optimal", "SDM kurang"]
    assert [(g.uraian, g.jumlah) for g in bab1.pegawai_golongan] == [("Penata Tk. I (III/d)", 3)]
    assert [(j.uraian, j.formasi, j.jumlah) for j in bab1.pegawai_jabatan] == [
        ("Kepala Seksi", 4, 3)
    ]
    assert [(s.nama, s.jumlah, s.keterangan) for s in bab1.sarpras] == [("Genset", 2, "baik")]
    assert [u.nama for u in bab1.struktur][-1] == "Seksi Trantib"


def test_a_table_row_is_changed_removed_and_added_in_one_save(client, opd, operator):
    profil = _profil(opd, 2023)
    rows = _golongan_rows(profil)
    rows[0]["jumlah"] = "5"
    rows.append({"golongan": "III/a", "pangkat": "Penata Muda", "jumlah": "1"})
    response = client.post(
        reverse("profil_tabel", args=[SLUG, 2023, "golongan"]), _table("golongan", rows, 1)
    )
    assert response.status_code == 302
    assert list(profil.pegawai_golongan.values_list("golongan", "jumlah")) == [
        ("IV/a", 5),
        ("III/a", 1),
    ]
    rows = _golongan_rows(profil)
    rows[0]["hapus"] = "on"
    client.post(reverse("profil_tabel", args=[SLUG, 2023, "golongan"]), _table("golongan", rows, 2))
    assert list(profil.pegawai_golongan.values_list("golongan", flat=True)) == ["III/a"]


def test_the_standing_facts_are_saved_and_reach_bab_i(client, opd, operator):
    response = client.post(
        reverse("profil_opd_simpan", args=[SLUG]),
        {
            "urusan": "Pemerintahan umum",
            "alamat": "Jl. Raya Jati No. 1",
            "dasar_pembentukan": "Perda 11/2016",
            "tugas": "Koordinasi pemerintahan.",
            "fungsi": "Satu\nDua",
        },
    )
    assert response.status_code == 302
    opd.refresh_from_db()
    bab1 = build_lkjip(opd, 2024).bab1
    assert bab1.dasar_pembentukan == "Perda 11/2016"
    assert bab1.fungsi == ["Satu", "Dua"]
    assert opd.alamat == "Jl. Raya Jati No. 1"
    assert opd.nama == "Kecamatan Contoh"  # not touched


# --- refused input changes nothing --------------------------------------------------------------


@pytest.mark.parametrize(
    "field, typed, message",
    [
        ("jumlah_desa", "-3", "tidak boleh negatif"),
        ("jumlah_penduduk", "lima puluh", "harus bilangan bulat"),
        ("jumlah_kk", "21,5", "harus bilangan bulat"),
        ("luas_km2", "-1", "tidak boleh negatif"),
        ("luas_km2", "183,6251", "paling banyak 2 angka di belakang koma"),
    ],
)
def test_a_refused_number_changes_nothing_and_says_why(
    client, opd, operator, field, typed, message
):
    profil = _profil(opd, 2023)
    before = _snapshot(opd)
    posted = _wilayah(versi=str(profil.versi), **{field: typed})
    response = client.post(reverse("profil_tahunan_simpan", args=[SLUG, 2023]), posted)
    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    assert f'value="{typed}"' in body  # what was typed is kept
    assert _snapshot(opd) == before


def test_a_refused_table_row_changes_nothing(client, opd, operator):
    profil = _profil(opd, 2023)
    before = _snapshot(opd)
    rows = _golongan_rows(profil)
    rows[0]["jumlah"] = "7"  # would change, but the next row is refused
    rows.append({"golongan": "III/a", "pangkat": "Penata Muda", "jumlah": "-1"})
    response = client.post(
        reverse("profil_tabel", args=[SLUG, 2023, "golongan"]), _table("golongan", rows, 1)
    )
    assert response.status_code == 422
    assert "tidak boleh negatif" in response.content.decode()
    assert _snapshot(opd) == before


def test_a_name_written_twice_in_a_table_is_refused(client, opd, operator):
    before = _snapshot(opd)
    rows = [
        {"nama": "Laptop", "jumlah": "1"},
        {"nama": "laptop", "jumlah": "2"},
    ]
    response = client.post(
        reverse("profil_tabel", args=[SLUG, 2023, "sarpras"]), _table("sarpras", rows)
    )
    assert response.status_code == 422
    assert "tertulis dua kali" in response.content.decode()
    assert _snapshot(opd) == before


def test_a_text_longer_than_its_limit_is_refused(client, opd, operator):
    before = _snapshot(opd)
    posted = _wilayah(kondisi_wilayah="x" * 10_001)
    response = client.post(reverse("profil_tahunan_simpan", args=[SLUG, 2023]), posted)
    assert response.status_code == 422
    assert "Paling banyak 10.000 karakter" in response.content.decode()
    assert _snapshot(opd) == before


# --- struktur organisasi ------------------------------------------------------------------------


def test_a_unit_with_sub_units_is_not_removed_and_the_reason_is_given(client, opd, operator):
    camat = UnitKerja.objects.get(opd=opd, nama="Camat")
    response = client.post(reverse("profil_unit_hapus", args=[SLUG, camat.pk]), follow=True)
    body = response.content.decode()
    assert "tidak dapat dihapus karena masih membawahi Sekretariat, Seksi Pemerintahan" in body
    assert UnitKerja.objects.filter(pk=camat.pk).exists()

    seksi = UnitKerja.objects.get(opd=opd, nama="Seksi Pemerintahan")
    client.post(reverse("profil_unit_hapus", args=[SLUG, seksi.pk]), {"versi": seksi.versi})
    assert not UnitKerja.objects.filter(pk=seksi.pk).exists()
    assert UnitKerja.history.filter(id=seksi.pk, history_type="-").exists()


def test_a_unit_is_edited_and_moved(client, opd, operator):
    sekretariat = UnitKerja.objects.get(opd=opd, nama="Sekretariat")
    posted = {
        "versi": str(sekretariat.versi),
        "nama": "Sekretariat Kecamatan",
        "induk": str(sekretariat.induk_id),
        "uraian_tugas": "Menyiapkan perumusan kebijakan.",
        "tugas": "Program\nKeuangan",
    }
    response = client.post(reverse("profil_unit_simpan", args=[SLUG, sekretariat.pk]), posted)
    assert response.status_code == 302
    seksi = UnitKerja.objects.get(opd=opd, nama="Seksi Pemerintahan")
    client.post(reverse("profil_unit_geser", args=[SLUG, seksi.pk, "naik"]))
    names = [u.nama for u in build_lkjip(opd, 2024).bab1.struktur]
    assert names == ["Camat", "Seksi Pemerintahan", "Sekretariat Kecamatan"]
    unit = build_lkjip(opd, 2024).bab1.struktur[2]
    assert unit.tugas == ["Program", "Keuangan"]


def test_a_unit_cannot_be_put_under_its_own_sub_unit(client, opd, operator):
    camat = UnitKerja.objects.get(opd=opd, nama="Camat")
    sekretariat = UnitKerja.objects.get(opd=opd, nama="Sekretariat")
    before = _snapshot(opd)
    posted = {"versi": str(camat.versi), "nama": "Camat", "induk": str(sekretariat.pk)}
    response = client.post(reverse("profil_unit_simpan", args=[SLUG, camat.pk]), posted)
    assert response.status_code == 422
    assert "tidak dapat ditempatkan di bawah dirinya sendiri" in response.content.decode()
    assert _snapshot(opd) == before


def test_a_second_unit_with_the_same_name_is_refused(client, opd, operator):
    before = _snapshot(opd)
    response = client.post(
        reverse("profil_unit_tambah", args=[SLUG]), {"versi": "0", "nama": "Camat"}
    )
    assert response.status_code == 422
    assert "sudah ada di OPD ini" in response.content.decode()
    assert _snapshot(opd) == before


def test_an_edit_on_a_stale_page_is_refused(client, opd, operator):
    unit = UnitKerja.objects.get(opd=opd, nama="Sekretariat")
    posted = {"versi": str(unit.versi), "nama": "Sekretariat A", "induk": str(unit.induk_id)}
    assert (
        client.post(reverse("profil_unit_simpan", args=[SLUG, unit.pk]), posted).status_code == 302
    )
    posted["nama"] = "Sekretariat B"  # the same page, opened before the first save
    response = client.post(reverse("profil_unit_simpan", args=[SLUG, unit.pk]), posted)
    assert response.status_code == 422
    assert "baru saja diubah orang lain" in response.content.decode()
    unit.refresh_from_db()
    assert unit.nama == "Sekretariat A"


# --- history -------------------------------------------------------------------------------------


def test_every_change_has_its_history_with_who_and_old_and_new(client, opd, operator):
    profil = _profil(opd, 2023)
    posted = _wilayah(versi=str(profil.versi), jumlah_desa="13")
    client.post(reverse("profil_tahunan_simpan", args=[SLUG, 2023]), posted)
    latest = ProfilTahunan.history.filter(id=profil.pk).order_by("-history_id").first()
    assert latest.history_user == operator
    assert latest.jumlah_desa == 13
    assert latest.history_change_reason == "profil 2023 diubah"

    rows = _golongan_rows(profil)
    rows[0]["jumlah"] = "4"
    client.post(reverse("profil_tabel", args=[SLUG, 2023, "golongan"]), _table("golongan", rows, 1))
    golongan = PegawaiGolongan.history.filter(profil_id=profil.pk).order_by("-history_id").first()
    assert (golongan.history_user, golongan.jumlah) == (operator, 4)

    page = client.get(reverse("riwayat_profil", args=[SLUG, 2023])).content.decode()
    assert "Jumlah desa: 12 → 13" in page
    assert "Pegawai menurut golongan: IV/a" in page
    assert "Jumlah: 2 → 4" in page
    assert operator.username in page


def test_the_struktur_history_names_the_unit_and_its_parent(client, opd, operator):
    seksi = UnitKerja.objects.get(opd=opd, nama="Seksi Pemerintahan")
    sekretariat = UnitKerja.objects.get(opd=opd, nama="Sekretariat")
    posted = {"versi": str(seksi.versi), "nama": seksi.nama, "induk": str(sekretariat.pk)}
    client.post(reverse("profil_unit_simpan", args=[SLUG, seksi.pk]), posted)
    page = client.get(reverse("riwayat_struktur", args=[SLUG])).content.decode()
    assert "Induk: Camat → Sekretariat" in page


# --- a new year from the one before -----------------------------------------------------------


def test_a_year_starts_as_a_copy_of_the_year_before(client, opd, operator):
    response = client.post(reverse("profil_salin", args=[SLUG, 2024]))
    assert response.status_code == 302
    copy = _profil(opd, 2024)
    assert (copy.jumlah_desa, copy.luas_km2, copy.batas_utara) == (
        12,
        Decimal("183.62"),
        "Kecamatan Utara",
    )
    assert copy.isu_strategis == ["Pelayanan belum optimal."]
    assert list(copy.pegawai_golongan.values_list("golongan", "jumlah")) == [("IV/a", 2)]
    assert list(copy.pegawai_jabatan.values_list("jabatan", "formasi", "terisi")) == [
        ("Camat", 1, 1)
    ]
    assert list(copy.sarpras.values_list("nama", "jumlah")) == [("Laptop", 8)]
    assert copy.history.first().history_change_reason == "disalin dari profil 2023"
    # the year copied from stays as it was, and the copy is its own
    rows = [{"id": str(r.pk), "nama": r.nama, "jumlah": "9"} for r in copy.sarpras.all()]
    client.post(reverse("profil_tabel", args=[SLUG, 2024, "sarpras"]), _table("sarpras", rows, 1))
    assert _profil(opd, 2023).sarpras.get().jumlah == 8
    lkjip = build_lkjip(opd, 2024)
    assert not [c for c in lkjip.catatan if "Profil OPD diambil dari tahun" in c]
    assert [s.jumlah for s in lkjip.bab1.sarpras] == [9]


def test_a_year_that_has_a_profile_is_not_copied_over(client, opd, operator):
    client.post(reverse("profil_salin", args=[SLUG, 2024]))
    before = _snapshot(opd)
    response = client.post(reverse("profil_salin", args=[SLUG, 2024]), follow=True)
    assert "Profil 2024 sudah ada" in response.content.decode()
    assert _snapshot(opd) == before


# --- who may ------------------------------------------------------------------------------------


def _all_writes(opd):
    unit = UnitKerja.objects.get(opd=opd, nama="Seksi Pemerintahan")
    return [
        ("profil_tahunan_simpan", [opd.slug, 2023], _wilayah(versi="1", jumlah_desa="99")),
        (
            "profil_tabel",
            [opd.slug, 2023, "sarpras"],
            _table("sarpras", [{"nama": "X", "jumlah": "1"}]),
        ),
        ("profil_salin", [opd.slug, 2024], {}),
        ("profil_opd_simpan", [opd.slug], {"alamat": "Diubah"}),
        ("profil_unit_tambah", [opd.slug], {"versi": "0", "nama": "Unit Baru"}),
        ("profil_unit_simpan", [opd.slug, unit.pk], {"versi": "1", "nama": "Diubah"}),
        ("profil_unit_hapus", [opd.slug, unit.pk], {}),
        ("profil_unit_geser", [opd.slug, unit.pk, "naik"], {}),
    ]


@pytest.mark.parametrize("peran", ["viewer", "evaluator"])
def test_readers_of_the_pemda_may_read_but_not_edit(client, opd, peran):
    client.force_login(make_user(opd.pemda, peran))
    assert client.get(reverse("profil_tahunan", args=[SLUG, 2023])).status_code == 200
    before = _snapshot(opd)
    alamat = opd.alamat
    for name, args, data in _all_writes(opd):
        assert client.post(reverse(name, args=args), data).status_code == 403, name
    assert _snapshot(opd) == before
    opd.refresh_from_db()
    assert opd.alamat == alamat


def test_the_pimpinan_of_the_opd_may_edit(client, opd):
    client.force_login(make_user(opd.pemda, "pimpinan", opd))
    response = client.post(reverse("profil_salin", args=[SLUG, 2024]))
    assert response.status_code == 302
    assert ProfilTahunan.objects.filter(opd=opd, tahun=2024).exists()


def test_the_operator_of_another_opd_is_refused(client, opd):
    load_data(_data(slug="dinas-lain", nama="Dinas Lain"))
    other = PerangkatDaerah.objects.get(pemda=opd.pemda, slug="dinas-lain")
    client.force_login(make_user(opd.pemda, "operator", other))
    assert client.get(reverse("profil_opd", args=[SLUG])).status_code == 403
    before = _snapshot(opd)
    for name, args, data in _all_writes(opd):
        assert client.post(reverse(name, args=args), data).status_code == 403, name
    assert _snapshot(opd) == before


def test_a_planner_of_another_pemda_does_not_find_the_opd(client, opd):
    data = _data(slug="dinas-lain", nama="Dinas Lain Kota")
    data["pemda"] = {**data["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    load_data(data)
    theirs = PerangkatDaerah.objects.get(pemda__slug="kota-lain", slug="dinas-lain")
    client.force_login(make_user(theirs.pemda, "operator", theirs))
    before = _snapshot(opd)
    for name, args, data in _all_writes(opd):
        assert client.post(reverse(name, args=args), data).status_code == 404, name
    unit = UnitKerja.objects.get(opd=opd, nama="Camat")
    assert client.get(reverse("profil_unit", args=[SLUG, unit.pk])).status_code == 404
    # our unit's id under their own OPD's slug is not found either
    assert client.get(reverse("profil_unit", args=["dinas-lain", unit.pk])).status_code == 404
    assert _snapshot(opd) == before


def test_the_pages_render_for_a_reader_without_forms(client, opd):
    client.force_login(make_user(opd.pemda, "viewer"))
    for url in (
        reverse("profil_opd", args=[SLUG]),
        reverse("profil_tahunan", args=[SLUG, 2023]),
        reverse("profil_unit", args=[SLUG, UnitKerja.objects.get(opd=opd, nama="Camat").pk]),
    ):
        body = client.get(url).content.decode()
        for action in ("/simpan/", "/hapus/", "/geser/", "/tabel/", "/salin/", '/profil/unit/"'):
            assert action not in body, (url, action)
    body = client.get(reverse("profil_tahunan", args=[SLUG, 2023])).content.decode()
    assert "Laptop" in body
