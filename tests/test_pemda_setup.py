"""Pemda set-up by its SAKIP admin in the browser: OPDs (create, change, deactivate), accounts
with the person who holds them, the pemda's settings and predicate scale, and `sakip pemda-baru`."""

import io
import re
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from sakip.dataset import load_data
from sakip.formulas.predikat import SKALA_BLORA
from sakip.organisasi.models import (
    Akun,
    Pemda,
    PerangkatDaerah,
    Peristiwa,
    RentangPredikat,
    SkalaPredikat,
)
from sakip.pengukuran.models import RealisasiKinerja
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db

NIP = "198001012005011001"


@pytest.fixture
def world():
    load_data(dataset())
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-lain-kota", "nama": "Dinas Lain Kota"}
    load_data(other)
    return Pemda.objects.get(slug="kabupaten-contoh")


@pytest.fixture
def admin(client, world):
    user = make_user(world, "admin_pemda")
    client.force_login(user)
    return user


def opd_data(**changes):
    data = {
        "jenis": "dinas",
        "nama": "Dinas Kesehatan",
        "singkatan": "Dinkes",
        "slug": "",
        "alamat": "Jl. Pemuda 1",
        "urusan": "Kesehatan",
        "kepala_nama": "dr. Sari Utami, M.Kes.",
        "kepala_nip": "19750505 200003 2 001",
        "kepala_pangkat": "Pembina Utama Muda (IV/c)",
        "kepala_jabatan": "Kepala Dinas Kesehatan",
    }
    return {**data, **changes}


def body(response) -> str:
    return response.content.decode()


# --- OPD --------------------------------------------------------------------------------------


def test_admin_creates_an_opd_with_the_slug_proposed_from_its_name(client, admin, world):
    response = client.post(reverse("opd_daftar"), opd_data())
    assert response.status_code == 302
    opd = PerangkatDaerah.objects.get(pemda=world, nama="Dinas Kesehatan")
    assert opd.slug == "dinas-kesehatan" and opd.aktif and opd.singkatan == "Dinkes"
    assert opd.kepala_nip == "197505052000032001"  # spaces removed
    assert opd.kepala_pangkat == "Pembina Utama Muda (IV/c)"
    assert Peristiwa.objects.filter(pemda=world, opd=opd, jenis="opd_dibuat").exists()
    listing = body(client.get(reverse("opd_daftar")))
    assert "Dinas Kesehatan" in listing and "dinas-kesehatan" in listing
    # a second OPD of the same name gets the next free slug
    client.post(reverse("opd_daftar"), opd_data(nama="Dinas Kesehatan", singkatan=""))
    assert PerangkatDaerah.objects.filter(pemda=world, slug="dinas-kesehatan-2").exists()


def test_a_typed_slug_that_is_taken_is_refused_and_the_form_keeps_what_was_typed(
    client, admin, world
):
    before = PerangkatDaerah.objects.count()
    response = client.post(reverse("opd_daftar"), opd_data(slug="kecamatan-contoh"))
    assert response.status_code == 422
    text = body(response)
    assert "Slug &#x27;kecamatan-contoh&#x27; sudah dipakai Kecamatan Contoh" in text
    assert "kecamatan-contoh-2" in text  # what to use instead
    assert 'value="Dinas Kesehatan"' in text and 'value="Jl. Pemuda 1"' in text
    assert PerangkatDaerah.objects.count() == before


def test_the_same_slug_in_another_pemda_is_free(client, admin, world):
    response = client.post(reverse("opd_daftar"), opd_data(slug="dinas-lain-kota"))
    assert response.status_code == 302
    assert PerangkatDaerah.objects.filter(slug="dinas-lain-kota").count() == 2


@pytest.mark.parametrize(
    "changes, field_message",
    [
        ({"slug": "Dinas Kes"}, "Slug hanya boleh berisi huruf kecil"),
        ({"nama": ""}, "wajib diisi"),
        ({"kepala_nip": "19750505200003200"}, "NIP harus 18 angka"),
        ({"kepala_nip": "1975O505200003200l"}, "NIP harus 18 angka"),
        ({"jenis": "kementerian"}, "Pilih jenis OPD dari daftar"),
    ],
)
def test_an_invalid_opd_is_refused_with_the_reason(client, admin, world, changes, field_message):
    before = PerangkatDaerah.objects.count()
    response = client.post(reverse("opd_daftar"), opd_data(**changes))
    assert response.status_code == 422
    assert field_message in body(response)
    assert PerangkatDaerah.objects.count() == before


def test_rename_changes_the_name_but_never_the_slug(client, admin, world):
    url = reverse("opd_ubah", args=["kecamatan-contoh"])
    assert client.get(url).status_code == 200
    data = opd_data(jenis="kecamatan", nama="Kecamatan Contoh Baru", slug="lain")
    response = client.post(url, data)
    assert response.status_code == 302
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    assert opd.nama == "Kecamatan Contoh Baru" and opd.kepala_nama == "dr. Sari Utami, M.Kes."
    event = Peristiwa.objects.get(opd=opd, jenis="opd_diubah")
    assert "Nama: Kecamatan Contoh → Kecamatan Contoh Baru" in event.alasan
    assert "Nama: Kecamatan Contoh → Kecamatan Contoh Baru" in body(client.get(url))
    assert not PerangkatDaerah.objects.filter(slug="lain").exists()


def test_a_refused_rename_changes_nothing(client, admin, world):
    url = reverse("opd_ubah", args=["kecamatan-contoh"])
    response = client.post(url, opd_data(jenis="kecamatan", nama="X", kepala_nip="123"))
    assert response.status_code == 422
    assert "NIP harus 18 angka" in body(response)
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    assert opd.nama == "Kecamatan Contoh"
    assert not Peristiwa.objects.filter(opd=opd, jenis="opd_diubah").exists()


def test_deactivation_is_refused_while_the_opd_has_active_accounts(client, admin, world):
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    operator = make_user(world, "operator", opd, name="operator-contoh")
    url = reverse("opd_status", args=[opd.slug])
    response = client.post(url, {"aktif": "0"}, follow=True)
    assert "masih dipakai 1 akun aktif (operator-contoh)" in body(response)
    opd.refresh_from_db()
    assert opd.aktif

    client.post(reverse("akun_status", args=[operator.akun.pk]), {"aktif": "0"})
    client.post(url, {"aktif": "0"})
    opd.refresh_from_db()
    assert not opd.aktif
    assert Peristiwa.objects.filter(opd=opd, jenis="opd_nonaktif").exists()


def test_a_deactivated_opd_leaves_the_lists_where_work_starts_but_stays_readable(
    client, admin, world
):
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    client.post(reverse("opd_status", args=[opd.slug]), {"aktif": "0"})
    home = body(client.get(reverse("home")))
    assert "Kecamatan Contoh" not in home
    accounts = body(client.get(reverse("akun_list")))
    assert f'<option value="{opd.pk}"' not in accounts
    # its records stay readable
    assert client.get(reverse("pengukuran", args=[opd.slug, 2024])).status_code == 200
    # no account is made for it, even by a hand-made request
    response = client.post(
        reverse("akun_list"), {"username": "op-baru", "peran": "operator", "opd": opd.pk}
    )
    assert response.status_code == 422
    assert not Akun.objects.filter(user__username="op-baru").exists()

    client.post(reverse("opd_status", args=[opd.slug]), {"aktif": "1"})
    opd.refresh_from_db()
    assert opd.aktif and "Kecamatan Contoh" in body(client.get(reverse("home")))


def test_an_account_of_a_deactivated_opd_is_not_reactivated(client, admin, world):
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    operator = make_user(world, "operator", opd, name="operator-contoh")
    client.post(reverse("akun_status", args=[operator.akun.pk]), {"aktif": "0"})
    client.post(reverse("opd_status", args=[opd.slug]), {"aktif": "0"})
    response = client.post(
        reverse("akun_status", args=[operator.akun.pk]), {"aktif": "1"}, follow=True
    )
    assert "sudah dinonaktifkan; aktifkan dulu OPD itu" in body(response)
    operator.refresh_from_db()
    assert not operator.is_active


def test_another_pemdas_opd_does_not_exist_for_the_admin(client, admin, world):
    theirs = PerangkatDaerah.objects.get(slug="dinas-lain-kota")
    assert client.get(reverse("opd_ubah", args=[theirs.slug])).status_code == 404
    assert client.post(reverse("opd_ubah", args=[theirs.slug]), opd_data()).status_code == 404
    response = client.post(reverse("opd_status", args=[theirs.slug]), {"aktif": "0"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.aktif and theirs.nama == "Dinas Lain Kota"
    assert "Dinas Lain Kota" not in body(client.get(reverse("opd_daftar")))


@pytest.mark.parametrize("peran", ["operator", "pimpinan", "evaluator", "viewer"])
def test_only_the_admin_manages_opds_and_settings(client, world, peran):
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    client.force_login(make_user(world, peran, opd if peran in Akun.OPD_ROLES else None))
    before = PerangkatDaerah.objects.count()
    assert client.get(reverse("opd_daftar")).status_code == 403
    assert client.post(reverse("opd_daftar"), opd_data()).status_code == 403
    assert client.post(reverse("opd_ubah", args=[opd.slug]), opd_data()).status_code == 403
    assert client.post(reverse("opd_status", args=[opd.slug]), {"aktif": "0"}).status_code == 403
    assert client.get(reverse("pengaturan_pemda")).status_code == 403
    assert client.post(reverse("pengaturan_pemda"), {"batas_capaian": "120"}).status_code == 403
    assert client.post(reverse("pengaturan_skala"), {}).status_code == 403
    opd.refresh_from_db()
    assert PerangkatDaerah.objects.count() == before and opd.aktif
    assert opd.nama == "Kecamatan Contoh"


# --- accounts with the person -----------------------------------------------------------------


def akun_data(**changes):
    data = {
        "username": "operator-dinkes",
        "peran": "viewer",
        "nama_lengkap": "Budi Santoso, S.E.",
        "nip": "19800101 200501 1 001",
        "pangkat_golongan": "Penata (III/c)",
        "jabatan": "Analis Perencanaan",
    }
    return {**data, **changes}


def test_an_account_carries_the_person_who_holds_it(client, admin, world):
    response = client.post(reverse("akun_list"), akun_data())
    assert response.status_code == 200 and "kata-sandi-baru" in body(response)
    akun = Akun.objects.select_related("user").get(user__username="operator-dinkes")
    assert akun.user.first_name == "Budi Santoso, S.E." and akun.user.get_full_name()
    assert akun.nip == NIP and akun.pangkat_golongan == "Penata (III/c)"
    assert akun.jabatan == "Analis Perencanaan"
    listing = body(client.get(reverse("akun_list")))
    assert "Budi Santoso, S.E." in listing and NIP in listing


@pytest.mark.parametrize(
    "nip", ["1980010120050110", "19800101200501100A", "1980-0101-2005-0110-01"]
)
def test_an_account_with_a_wrong_nip_is_refused_and_nothing_is_lost(client, admin, world, nip):
    response = client.post(reverse("akun_list"), akun_data(nip=nip))
    assert response.status_code == 422
    text = body(response)
    assert "NIP harus 18 angka" in text
    assert 'value="Budi Santoso, S.E."' in text and 'value="operator-dinkes"' in text
    assert not Akun.objects.filter(user__username="operator-dinkes").exists()


def test_the_admin_changes_the_person_later_and_the_change_is_logged(client, admin, world):
    target = make_user(world, "viewer", name="pembaca")
    url = reverse("akun_ubah", args=[target.akun.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"nama_lengkap": "Rina Wati", "nip": NIP, "pangkat_golongan": "", "jabatan": "Staf"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    target.akun.refresh_from_db()
    assert target.first_name == "Rina Wati" and target.akun.nip == NIP
    event = Peristiwa.objects.get(jenis="akun_diubah", objek="Akun pembaca")
    assert f"NIP: – → {NIP}" in event.alasan and "Nama lengkap: – → Rina Wati" in event.alasan
    assert "Nama lengkap: – → Rina Wati" in body(client.get(url))

    refused = client.post(url, {"nama_lengkap": "Rina", "nip": "12"})
    assert refused.status_code == 422 and "NIP harus 18 angka" in body(refused)
    target.refresh_from_db()
    assert target.first_name == "Rina Wati"


def test_an_admin_of_another_pemda_cannot_change_our_person(client, world):
    ours = make_user(world, "viewer", name="pembaca")
    client.force_login(make_user(Pemda.objects.get(slug="kota-lain"), "admin_pemda"))
    url = reverse("akun_ubah", args=[ours.akun.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"nama_lengkap": "Penyusup"}).status_code == 404
    ours.refresh_from_db()
    assert ours.first_name == ""


def test_history_pages_name_the_person_by_nama_lengkap(client, world):
    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    operator = make_user(world, "operator", opd, name="operator-contoh")
    operator.first_name = "Siti Aminah, S.Sos."
    operator.save()
    row = RealisasiKinerja.objects.get(pemda=world, indikator__kode="IKM", tahun=2024, triwulan=2)
    row.nilai = Decimal("81.00")
    row._history_user = operator
    row.save()
    client.force_login(operator)
    page = body(client.get(reverse("riwayat_kinerja", args=[opd.slug, 2024, 2, "IKM"])))
    assert "Siti Aminah, S.Sos." in page
    assert "operator-contoh" not in page.split("<main>")[1]


# --- settings and the predicate scale ---------------------------------------------------------


def scale_post(nama="Skala Kinerja Kabupaten Contoh", rows=()):
    data = {
        "nama": nama,
        "rentang-TOTAL_FORMS": str(len(rows)),
        "rentang-INITIAL_FORMS": "0",
        "rentang-MIN_NUM_FORMS": "0",
        "rentang-MAX_NUM_FORMS": "20",
    }
    for i, row in enumerate(rows):
        label, lower, lower_in, upper, upper_in = row[:5]
        data[f"rentang-{i}-label"] = label
        data[f"rentang-{i}-batas_bawah"] = lower
        data[f"rentang-{i}-batas_atas"] = upper
        if lower_in:
            data[f"rentang-{i}-bawah_inklusif"] = "on"
        if upper_in:
            data[f"rentang-{i}-atas_inklusif"] = "on"
        if len(row) > 5:
            data[f"rentang-{i}-warna"] = row[5]
    return data


GOOD = [
    ("Sangat Tinggi", "90", False, "", False),
    ("Tinggi", "75", False, "90", True),
    ("Sedang", "", False, "75", True),
    ("", "", False, "", False),  # an empty extra row is left out
]


def stored_bands(pemda):
    return list(
        RentangPredikat.objects.filter(pemda=pemda, skala__aktif=True)
        .order_by("urutan")
        .values_list("label", "batas_bawah", "bawah_inklusif", "batas_atas", "atas_inklusif")
    )


def test_the_settings_page_shows_the_demo_scale_when_the_pemda_has_none(client, admin, world):
    SkalaPredikat.objects.filter(pemda=world).delete()
    page = body(client.get(reverse("pengaturan_pemda")))
    assert "belum menetapkan skala" in page
    for band in SKALA_BLORA.bands:
        assert f'value="{band.label}"' in page
    assert reverse("templat") in page


def test_admin_saves_a_valid_scale(client, admin, world):
    response = client.post(reverse("pengaturan_skala"), scale_post(rows=GOOD))
    assert response.status_code == 302
    assert stored_bands(world) == [
        ("Sangat Tinggi", Decimal(90), False, None, False),
        ("Tinggi", Decimal(75), False, Decimal(90), True),
        ("Sedang", None, False, Decimal(75), True),
    ]
    skala = SkalaPredikat.objects.get(pemda=world, aktif=True)
    assert skala.nama == "Skala Kinerja Kabupaten Contoh"
    assert [r.warna for r in skala.rentang.order_by("urutan")][0].startswith("#")
    event = Peristiwa.objects.get(pemda=world, jenis="pengaturan_pemda")
    assert "Sangat Tinggi" in event.alasan
    # the measurement uses it
    from sakip.pengukuran.measurement import scale_for

    assert scale_for(world).classify("80") == "Tinggi"


@pytest.mark.parametrize(
    "rows, reason",
    [
        (
            [("Baik", "80", True, "", False), ("Cukup", "", False, "85", False)],
            "saling tumpang tindih",
        ),
        (
            [("Baik", "85", True, "", False), ("Cukup", "", False, "80", False)],
            "menyisakan celah antara 80,00 dan 85,00",
        ),
        (
            [("Baik", "85", False, "", False), ("Cukup", "", False, "85", False)],
            "menyisakan celah tepat di 85,00",
        ),
        (
            [("Baik", "85", True, "", False), ("Baik", "", False, "85", False)],
            "Predikat Baik tertulis lebih dari sekali",
        ),
        ([("Baik", "90", True, "80", True)], "batas bawah harus lebih kecil dari batas atas"),
        ([("Baik", "", False, "", False, "hijau")], "Warna predikat Baik ditulis #rrggbb"),
        ([("Baik", "8,5,0", False, "", False)], "Batas bawah"),
        ([], "Skala belum memiliki predikat"),
    ],
)
def test_a_scale_that_overlaps_or_leaves_a_gap_is_refused_with_the_reason(
    client, admin, world, rows, reason
):
    before = stored_bands(world)
    response = client.post(reverse("pengaturan_skala"), scale_post(rows=rows))
    assert response.status_code == 422
    assert reason in body(response)
    assert stored_bands(world) == before
    assert not Peristiwa.objects.filter(pemda=world, jenis="pengaturan_pemda").exists()


def test_admin_sets_the_capaian_cap_and_the_efficiency_method(client, admin, world):
    data = {
        "batas_capaian": "120",
        "metode_efisiensi": "sisa_anggaran",
        "kepala_daerah_nama": "H. Arief Rohman",
        "kepala_daerah_jabatan": "Bupati Contoh",
    }
    assert client.post(reverse("pengaturan_pemda"), data).status_code == 302
    world.refresh_from_db()
    assert world.batas_capaian == Decimal(120) and world.metode_efisiensi == "sisa_anggaran"
    assert world.kepala_daerah_nama == "H. Arief Rohman"
    event = Peristiwa.objects.get(pemda=world, jenis="pengaturan_pemda")
    assert "Batas capaian: – → 120,00" in event.alasan

    refused = client.post(reverse("pengaturan_pemda"), {**data, "batas_capaian": "50"})
    assert refused.status_code == 422
    assert "Batas capaian paling sedikit 100" in body(refused)
    assert 'value="50"' in body(refused)
    world.refresh_from_db()
    assert world.batas_capaian == Decimal(120)

    data["batas_capaian"] = ""
    client.post(reverse("pengaturan_pemda"), data)
    world.refresh_from_db()
    assert world.batas_capaian is None


# --- sakip pemda-baru -------------------------------------------------------------------------


def test_pemda_baru_creates_a_pemda_whose_admin_logs_in_and_sees_no_opd(client):
    out = io.StringIO()
    call_command("pemda_baru", "kabupaten-baru", "Kabupaten Baru", "kabupaten", stdout=out)
    text = out.getvalue()
    pemda = Pemda.objects.get(slug="kabupaten-baru")
    assert pemda.nama == "Kabupaten Baru" and pemda.jenis == "kabupaten"
    assert "http://127.0.0.1:8000/masuk/" in text and "admin-baru" in text
    password = re.search(r"Kata sandi: +(\S+)", text).group(1)
    assert "ditampilkan sekali" in text
    # the default scale, the demo's
    assert [b[0] for b in stored_bands(pemda)] == [b.label for b in SKALA_BLORA.bands]
    akun = Akun.objects.get(user__username="admin-baru")
    assert akun.pemda == pemda and akun.peran == "admin_pemda" and akun.opd is None

    response = client.post(reverse("login"), {"username": "admin-baru", "password": password})
    assert response.status_code == 302, body(response)
    page = client.get(reverse("opd_daftar"))
    assert page.status_code == 200 and "Belum ada perangkat daerah" in body(page)
    assert "Tambahkan OPD pertama" in body(client.get(reverse("home")))
    # and can start: its first OPD
    assert client.post(reverse("opd_daftar"), opd_data()).status_code == 302
    assert PerangkatDaerah.objects.filter(pemda=pemda, slug="dinas-kesehatan").exists()


def test_pemda_baru_refuses_an_existing_slug_and_changes_nothing(world):
    users = Akun.objects.count()
    with pytest.raises(CommandError, match="kabupaten-contoh' sudah ada"):
        call_command("pemda_baru", "kabupaten-contoh", "Lagi", "kabupaten", stdout=io.StringIO())
    assert Pemda.objects.get(slug="kabupaten-contoh").nama == "Kabupaten Contoh"
    assert Akun.objects.count() == users


def test_pemda_baru_refuses_a_taken_username_and_changes_nothing(world):
    make_user(world, "viewer", name="admin-dua")
    with pytest.raises(CommandError, match="admin-dua' sudah dipakai"):
        call_command("pemda_baru", "kota-dua", "Kota Dua", "kota", stdout=io.StringIO())
    assert not Pemda.objects.filter(slug="kota-dua").exists()
    assert not SkalaPredikat.objects.filter(pemda__slug="kota-dua").exists()


def test_sakip_pemda_baru_is_the_command(monkeypatch):
    """`sakip pemda-baru` runs the pemda_baru command (run_from_argv closes the database
    connections, so the command itself runs through call_command in the tests above)."""
    from sakip.cli import USAGE, main

    ran = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", ran.append)
    main(["pemda-baru", "kota-tiga", "Kota Tiga", "kota"])
    assert ran == [["sakip", "pemda_baru", "kota-tiga", "Kota Tiga", "kota"]]
    assert "sakip pemda-baru" in USAGE


def test_the_lhe_names_its_team_by_nama_lengkap_and_nip(world):
    from sakip.evaluasi.lhe_build import build_lhe
    from tests.evaluasi_output.factories import evaluation

    opd = PerangkatDaerah.objects.get(pemda=world, slug="kecamatan-contoh")
    ketua = make_user(world, "evaluator", name="ketua-tim")
    ketua.first_name = "Drs. Bambang Wijaya"
    ketua.save()
    Akun.objects.filter(user=ketua).update(nip=NIP, pangkat_golongan="Pembina (IV/a)")
    lhe = build_lhe(evaluation(opd, evaluator=ketua))
    assert ("Drs. Bambang Wijaya", "Ketua Tim", NIP) in [(t.nama, t.peran, t.nip) for t in lhe.tim]
    assert lhe.ketua_tim.nama == "Drs. Bambang Wijaya" and lhe.ketua_tim.nip == NIP
    assert lhe.ketua_tim.pangkat == "Pembina (IV/a)"
