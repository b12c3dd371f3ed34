"""The program tree with its DPA pagu as XLSX (sakip.perencanaan.impor_pohon): export, then upload →
preview of every row → apply all or nothing through the tree and DPA actions; a DPA laid out as
SIPD prints it is read too. Export → import of the same file changes nothing; a file with one
refused row cannot be applied and changes nothing."""

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sakip.dataset import load_data, load_file
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan, RealisasiAnggaran
from sakip.perencanaan import impor_pohon
from sakip.perencanaan.models import Kegiatan, Pagu, Program, SubKegiatan, VersiAnggaran
from tests.factories import dataset
from tests.personas import make_user
from tests.test_impor_xlsx import edited

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"
SHEET = "Pohon Anggaran"
SUB1, SUB2 = "7.01.02.2.01.0001", "7.01.02.2.01.0002"
DEMO = Path(__file__).parents[1] / "src" / "sakip" / "demo" / "data" / "kecamatan-jati.yaml"

# A whole tree for a year without DPA, as a planner types it into the empty template.
POHON_BARU = [
    {"kode": "7.01.01", "uraian": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "sasaran": "T1"},
    {"kode": "7.01.01.2.01", "uraian": "Perencanaan, Penganggaran, dan Evaluasi Kinerja"},
    {"kode": "7.01.01.2.01.0001", "uraian": "Penyusunan Dokumen Perencanaan", "pagu": 6910000},
    {"kode": "7.01.01.2.01.0002", "uraian": "Koordinasi dan Penyusunan DPA", "pagu": "1.500.000"},
    {"kode": "7.01.02", "uraian": "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK"},
    {"kode": "7.01.02.2.01", "uraian": "Koordinasi Kegiatan Pemerintahan di Kecamatan"},
    {"kode": "7.01.02.2.01.0001", "uraian": "Koordinasi Pemerintahan Desa", "pagu": 250000000},
]


def url(name, tahun=2024, *rest):
    return reverse(name, args=[OPD, tahun, *rest])


@pytest.fixture
def opd():
    load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


@pytest.fixture
def planner(client, opd):
    client.force_login(make_user(opd.pemda, "operator", opd))
    return client


def export(client, tahun=2024) -> bytes:
    response = client.get(url("pohon_unduh", tahun))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def upload(client, content, tahun=2024, name="pohon.xlsx"):
    return client.post(url("pohon_impor", tahun), {"berkas": SimpleUploadedFile(name, content)})


def preview(client, content, tahun=2024, name="pohon.xlsx"):
    response = upload(client, content, tahun, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return response["Location"], page.content.decode()


def stored():
    """The whole tree, every DPA and pagu, and their history, to see that nothing changed."""
    return (
        sorted(Program.objects.values_list("kode", "nama", "sasaran_renstra_kode")),
        sorted(Kegiatan.objects.values_list("kode", "nama")),
        sorted(SubKegiatan.objects.values_list("kode", "nama")),
        sorted(VersiAnggaran.objects.values_list("tahun", "jenis", "nomor")),
        sorted(
            Pagu.objects.values_list(
                "versi_anggaran__jenis", "sub_kegiatan__kode", "jumlah", "versi"
            )
        ),
        sum(m.history.count() for m in (Program, Kegiatan, SubKegiatan, VersiAnggaran, Pagu)),
    )


def _set(cell, value, sheet=SHEET):
    def change(book):
        book[sheet][cell] = value

    return change


# --- round trip --------------------------------------------------------------------------------


def test_export_then_import_of_the_same_file_changes_nothing(planner, opd):
    before = stored()
    location, page = preview(planner, export(planner))
    assert "0 baru · 0 berubah · 4 tidak berubah · 0 ditolak" in page
    assert "Tidak ada yang berubah" in page and "Terapkan: simpan" not in page
    assert planner.post(location).status_code == 422  # nothing to apply
    assert stored() == before


def test_the_demo_data_round_trips_as_a_no_op(client):
    load_file(DEMO)
    jati = PerangkatDaerah.objects.get(slug="kecamatan-jati")
    client.force_login(make_user(jati.pemda, "operator", jati))
    content = client.get(reverse("pohon_unduh", args=["kecamatan-jati", 2024])).content
    report = impor_pohon.pratinjau(content, jati, 2024)
    counts = report.jumlah
    assert counts["baru"] == counts["berubah"] == counts["ditolak"] == 0
    assert (
        counts["tetap"]
        == Program.objects.filter(opd=jati).count()
        + Kegiatan.objects.filter(program__opd=jati).count()
        + SubKegiatan.objects.filter(kegiatan__program__opd=jati).count()
    )
    assert not report.masalah and not report.bisa_diterapkan


def test_the_export_shows_the_pagu_in_force_the_sums_and_the_instructions(planner, opd):
    book = load_workbook(BytesIO(export(planner)))
    assert book.sheetnames == ["Petunjuk", SHEET]
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]] == [
        "Tingkat",
        "Kode",
        "Uraian",
        "Pagu sub-kegiatan (Rp)",
        "Jumlah (Rp, dihitung, tidak dibaca)",
        "Kode sasaran Renstra (program)",
    ]
    rows = [[c.value for c in row[:5]] for row in sheet.iter_rows(min_row=2)]
    assert rows == [
        ["Program", "7.01.02", "PROGRAM PELAYANAN", None, 1300000],
        ["Kegiatan", "7.01.02.2.01", "Koordinasi", None, 1300000],
        ["Sub-kegiatan", SUB1, "Rapat", 800000, None],  # the DPA perubahan, in force
        ["Sub-kegiatan", SUB2, "Sinergi", 500000, None],
    ]
    rules = {str(r.sqref): r.type for r in sheet.data_validations.dataValidation}
    assert rules == {"D2:D2001": "whole", "A2:A2001": "list"}
    petunjuk = " ".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row)
    assert "DPA Perubahan 2024" in petunjuk
    assert "sakip/pohon-anggaran/kecamatan-contoh/2024" in petunjuk


# --- a whole tree from nothing ---------------------------------------------------------------


@pytest.fixture
def empty_opd():
    load_data(dataset(anggaran=[]))
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


def test_an_empty_opd_gets_its_whole_tree_and_dpa_murni_from_one_file(client, empty_opd):
    client.force_login(make_user(empty_opd.pemda, "operator", empty_opd))
    template = load_workbook(BytesIO(export(client, 2025)))
    assert template[SHEET].max_row == 1  # the template: header only
    content = impor_pohon.berkas(empty_opd, 2025, POHON_BARU)
    location, page = preview(client, content, 2025, name="dpa-2025.xlsx")
    assert "7 baru · 0 berubah · 0 tidak berubah · 0 ditolak" in page
    assert "Belum ada DPA 2025: Terapkan membuat DPA Murni 2025" in page
    assert "Pagu: (kosong) &rarr; Rp 1.500.000" in page
    response = client.post(location)
    assert response.status_code == 302
    assert response["Location"] == url("pohon_anggaran", 2025)

    versi = VersiAnggaran.objects.get(opd=empty_opd, tahun=2025)
    assert (versi.jenis, versi.nomor) == ("murni", "")
    tree = measure(empty_opd, 2025).anggaran
    assert tree.pagu == Decimal("258410000")
    assert [(p.kode, p.pagu) for p in tree.children] == [
        ("7.01.01", Decimal("8410000")),
        ("7.01.02", Decimal("250000000")),
    ]
    assert Program.objects.get(kode="7.01.01").sasaran_renstra_kode == "T1"
    for model in (Program, Kegiatan, SubKegiatan, Pagu, VersiAnggaran):
        reasons = set(model.history.values_list("history_change_reason", flat=True))
        assert reasons == {"impor dpa-2025.xlsx"}, model
    # applied once: the same file again changes nothing
    _location, page = preview(client, content, 2025)
    assert "0 baru · 0 berubah · 7 tidak berubah · 0 ditolak" in page


def test_a_changed_name_and_pagu_preview_old_and_new_and_apply_with_the_file_name(planner, opd):
    content = edited(
        export(planner),
        lambda b: (_set("C4", "Rapat Koordinasi")(b), _set("D4", "900.000")(b)),
    )
    location, page = preview(planner, content, name="revisi.xlsx")
    assert "0 baru · 1 berubah · 3 tidak berubah · 0 ditolak" in page
    assert "Uraian: Rapat &rarr; Rapat Koordinasi" in page
    assert "Pagu: Rp 800.000 &rarr; Rp 900.000" in page
    assert "Pagu disimpan pada DPA Perubahan 2024" in page
    assert planner.post(location).status_code == 302
    sub = SubKegiatan.objects.get(kode=SUB1)
    assert sub.nama == "Rapat Koordinasi"
    assert sub.history.latest().history_change_reason == "impor revisi.xlsx"
    perubahan = VersiAnggaran.in_force(opd, 2024)
    row = Pagu.objects.get(versi_anggaran=perubahan, sub_kegiatan=sub)
    assert row.jumlah == Decimal("900000")
    assert row.history.latest().history_change_reason == "impor revisi.xlsx"
    murni = Pagu.objects.get(versi_anggaran__jenis="murni", sub_kegiatan=sub)
    assert murni.jumlah == Decimal("1000000")  # the murni is not the version in force


def test_new_rows_go_under_their_parent_and_missing_nodes_are_kept(planner, opd):
    def change(book):
        sheet = book[SHEET]
        sheet.append(["", "7.01.02.2.01.0003", "Monitoring", 100000])  # tingkat from the code
        sheet.delete_rows(5)  # SUB2 left out of the file

    location, page = preview(planner, edited(export(planner), change))
    assert "1 baru · 0 berubah · 3 tidak berubah · 0 ditolak" in page
    assert (
        "1 program/kegiatan/sub-kegiatan di sakip tidak ada di berkas ini (7.01.02.2.01.0002)"
        in (page)
    )
    assert planner.post(location).status_code == 302
    new = SubKegiatan.objects.get(kode="7.01.02.2.01.0003")
    assert new.kegiatan.kode == "7.01.02.2.01"
    assert SubKegiatan.objects.filter(kode=SUB2).exists()
    assert Pagu.objects.get(sub_kegiatan=new, versi_anggaran__jenis="perubahan").jumlah == 100000


# --- broken files --------------------------------------------------------------------------------


def _append(*row):
    def change(book):
        book[SHEET].append(list(row))

    return change


def _wrong_columns(book):
    book[SHEET]["C1"], book[SHEET]["D1"] = "Pagu", "Uraian"


BROKEN = {
    "wrong columns": (_wrong_columns, f"{SHEET}!C1: kolom ini harus “Uraian”, bukan “Pagu”"),
    "text in a number cell": (
        _set("D4", "delapan ratus ribu"),
        f"{SHEET}!D4: Pagu harus berupa angka rupiah, bukan",
    ),
    "170.0000": (
        _set("D4", "Rp 170.0000"),
        f"{SHEET}!D4: Rp 170.0000 bukan penulisan rupiah yang sah",
    ),
    "sen": (_set("D4", 800000.5), f"{SHEET}!D4: Rupiah ditulis tanpa sen"),
    "negative": (_set("D4", -5), f"{SHEET}!D4: Pagu tidak boleh negatif."),
    "duplicate codes": (
        _append("Sub-kegiatan", SUB2, "Sinergi lagi", 1),
        f"{SHEET}!B6: kode {SUB2} sudah ada di baris 5",
    ),
    "a child whose code does not start with its parent's": (
        _append("Kegiatan", "7.01.03.2.01", "Kegiatan tanpa program", None),
        f"{SHEET}!B6: Kode 7.01.03.2.01 tidak diawali kode induknya 7.01.02 (PROGRAM PELAYANAN)",
    ),
    "a code of the wrong shape for its level": (
        _append("Sub-kegiatan", "7.01.02.2.01.1", "Pendek", 1),
        f"{SHEET}!B6: Kode sub-kegiatan harus berbentuk X.XX.XX.X.XX.XXXX (angka)",
    ),
    "a code of no level": (
        _append("", "5.1.02.01.01.0024", "Belanja Alat Tulis Kantor", 1),
        f"{SHEET}!B6: kode 5.1.02.01.01.0024 tidak berbentuk kode program, kegiatan",
    ),
    "an unknown tingkat": (
        _set("A4", "Rincian"),
        f"{SHEET}!A4: tingkat “Rincian” tidak dikenal",
    ),
    "no uraian": (_set("C3", None), f"{SHEET}!C3: Tulis nama (uraian) sesuai DPA."),
    "an uraian too long": (
        _set("C3", "x" * 301),
        f"{SHEET}!C3: Nama terlalu panjang: paling banyak 300 karakter (sekarang 301)",
    ),
    "a pagu on a program row": (
        _set("D2", 1300000),
        f"{SHEET}!D2: pagu diisi pada baris sub-kegiatan saja",
    ),
    "an emptied pagu": (_set("D4", None), f"{SHEET}!D4: pagu kosong, padahal DPA Perubahan 2024"),
    "a file of another year": (
        lambda book: None,  # exported for 2024, uploaded on the 2025 page
        "Berkas ini bukan unduhan pohon anggaran 2025 Kecamatan Contoh (kode berkas "
        "“sakip/pohon-anggaran/kecamatan-contoh/2024”)",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_refused_naming_the_cell_and_changes_nothing(planner, opd, case):
    change, message = BROKEN[case]
    valid = _set("C5", "Sinergi Baru")  # a good row next to the broken one: not applied
    content = edited(export(planner), lambda book: (valid(book), change(book)))
    tahun = 2025 if case == "a file of another year" else 2024
    before = stored()
    location, page = preview(planner, content, tahun)
    assert message in page.replace("&#x27;", "'")
    assert "belum dapat diterapkan" in page and "Terapkan: simpan" not in page
    assert planner.post(location).status_code == 422
    assert stored() == before


def _empty_workbook() -> bytes:
    buffer = BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_an_empty_file_and_a_workbook_without_a_dpa_are_refused(planner, opd):
    before = stored()
    empty = upload(planner, b"")
    assert empty.status_code == 422
    assert "berkas" in empty.content.decode().lower()
    location, page = preview(planner, _empty_workbook())
    assert "Berkas ini bukan unduhan pohon anggaran sakip, dan tidak ada baris judul kolom" in page
    assert planner.post(location).status_code == 422
    location, page = preview(planner, b"bukan excel")
    assert "tidak dapat dibaca sebagai XLSX" in page
    assert stored() == before


def test_a_50_mb_file_is_refused_before_it_is_read(planner, opd):
    """50 MB passes no cap: sakip's request cap (25 MB) answers before any view; a file above the
    import's own 2 MB is refused by the import (alur.terlalu_besar) from its declared size."""
    folder = Path(django_settings.MEDIA_ROOT) / impor_pohon.TEMPAT.folder
    before = stored()
    response = upload(planner, b"0" * (50 * 1024 * 1024), name="besar.xlsx")
    assert response.status_code == 413
    assert "Tidak ada yang tersimpan" in response.content.decode()
    response = upload(planner, b"0" * (3 * 1024 * 1024), name="besar.xlsx")
    assert response.status_code == 422
    assert "Berkas terlalu besar; paling besar 2 MB." in response.content.decode()
    assert not folder.exists() or not any(folder.rglob("*.xlsx"))
    assert stored() == before


def test_a_dpa_ditetapkan_or_a_closed_quarter_refuses_a_pagu_change(planner, opd):
    content = edited(export(planner), _set("D4", 900000))
    VersiAnggaran.objects.filter(jenis="perubahan").update(nomor="DPPA/900/2024")
    before = stored()
    location, page = preview(planner, content)
    assert (
        f"{SHEET}!D4: DPA Perubahan 2024 sudah ditetapkan (nomor DPPA/900/2024): pagunya tidak "
        "diubah lagi." in page
    )
    assert planner.post(location).status_code == 422
    VersiAnggaran.objects.filter(jenis="perubahan").update(nomor="")
    PeriodeLaporan.objects.update_or_create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=2, defaults={"status": "dikunci"}
    )
    before = stored()
    location, page = preview(planner, content)
    assert f"{SHEET}!D4: Ada triwulan 2024 yang sudah diajukan, diverifikasi atau dikunci" in page
    assert planner.post(location).status_code == 422
    assert stored() == before


def test_a_pagu_below_what_is_spent_is_refused(planner, opd):
    # Rapat: Rp 600.000 realised in 2024
    assert sum(
        RealisasiAnggaran.objects.filter(sub_kegiatan__kode=SUB1).values_list("jumlah", flat=True)
    ) == Decimal("600000")
    before = stored()
    location, page = preview(planner, edited(export(planner), _set("D4", 599999)))
    assert (
        f"{SHEET}!D4: Pagu Rp 599.999 lebih kecil dari realisasi yang sudah dicatat (Rp 600.000)"
        in page
    )
    assert planner.post(location).status_code == 422
    assert stored() == before


# --- a DPA laid out as SIPD prints it ------------------------------------------------------------


def sipd(rows=None, header=("No", "Kode Rekening", "Uraian", "Sumber Dana", "Lokasi", "Jumlah")):
    """A DPA as SIPD exports it: pemda and OPD above, a header row, one row per level (urusan,
    bidang, program, kegiatan, sub-kegiatan, rekening) and a total row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "DPA SKPD"
    sheet.append(["PEMERINTAH KABUPATEN CONTOH"])
    sheet.append(["DOKUMEN PELAKSANAAN ANGGARAN SATUAN KERJA PERANGKAT DAERAH (DPA-SKPD)"])
    sheet.append(["Organisasi", ": 7.01.0.00.0.00.01.0000 Kecamatan Contoh"])
    sheet.append([])
    sheet.append(list(header))
    rows = rows or [
        [1, "7", "URUSAN PEMERINTAHAN BIDANG KEWILAYAHAN", None, None, None],
        [2, "7.01", "KECAMATAN", None, None, None],
        [3, "7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", None, None, "8.410.000,00"],
        [4, "7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi", None, None, 8410000],
        [5, "7.01.01.2.01.0001", "Penyusunan Dokumen Perencanaan", "DAU", "Jati", "6.910.000,00"],
        [6, "5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor", None, None, 910000],
        [7, "5.1.02.02.01.0003", "Belanja Honorarium", None, None, 6000000],
        [8, "7.01.01.2.01.0002", "Koordinasi dan Penyusunan DPA", "DAU", "Jati", 1500000.0],
        [None, None, "JUMLAH", None, None, "8.410.000"],
    ]
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_sipd_dpa_print_is_read_with_its_column_mapping_shown(planner, opd):
    location, page = preview(planner, sipd(), 2025, name="DPA SIPD 2025.xlsx")
    assert (
        "Dibaca sebagai cetakan DPA SIPD (lembar “DPA SKPD”, judul kolom di baris 5): kolom B "
        "→ kode, kolom C → uraian, kolom F → pagu (“Jumlah”)." in page
    )
    assert (
        "Dilewati (bukan program, kegiatan atau sub-kegiatan): 2 baris urusan/bidang urusan, 2 "
        "baris rekening belanja, 1 baris tanpa kode atau lainnya" in page
    )
    assert "4 baru · 0 berubah · 0 tidak berubah · 0 ditolak" in page
    assert 'DPA SKPD</td><td class="num">9</td>' in page  # rows named as in the file
    assert "Nama Kecamatan Contoh tidak ditemukan" not in page
    assert planner.post(location).status_code == 302
    tree = measure(opd, 2025).anggaran
    assert tree.pagu == Decimal("8410000")
    sub = SubKegiatan.objects.get(kode="7.01.01.2.01.0001")
    assert sub.history.get().history_change_reason == "impor DPA SIPD 2025.xlsx"
    assert Program.objects.filter(kode="7.01.02").exists()  # not in the print: kept


def test_a_sipd_total_that_is_not_the_sum_of_its_sub_kegiatan_is_refused(planner, opd):
    rows = [
        ["", "7.01.01", "PROGRAM PENUNJANG", None, None, "8.410.001"],
        ["", "7.01.01.2.01", "Perencanaan", None, None, 8410000],
        ["", "7.01.01.2.01.0001", "Penyusunan Dokumen", None, None, "6.910.000"],
        ["", "7.01.01.2.01.0002", "Koordinasi", None, None, "1.500.000"],
    ]
    before = stored()
    location, page = preview(planner, sipd(rows), 2025)
    assert (
        "DPA SKPD!F6: jumlah tercetak program 7.01.01 Rp 8.410.001 tidak sama dengan jumlah pagu "
        "sub-kegiatannya di berkas ini, Rp 8.410.000 (2 sub-kegiatan)" in page
    )
    assert "Nama Kecamatan Contoh" not in page  # the OPD's name is above the header
    assert planner.post(location).status_code == 422
    assert stored() == before


def test_a_sipd_number_with_a_misplaced_dot_is_refused_naming_its_cell(planner, opd):
    rows = [
        ["", "7.01.01", "PROGRAM PENUNJANG", None, None, None],
        ["", "7.01.01.2.01", "Perencanaan", None, None, None],
        ["", "7.01.01.2.01.0001", "Penyusunan Dokumen", None, None, "170.0000"],
    ]
    before = stored()
    location, page = preview(
        planner, sipd(rows, header=("No", "Kode", "Uraian", "x", "y", "Pagu")), 2025
    )
    assert "kolom F → pagu (“Pagu”)" in page
    assert "DPA SKPD!F8: 170.0000 bukan penulisan rupiah yang sah" in page
    assert planner.post(location).status_code == 422
    assert stored() == before


# --- who may import ------------------------------------------------------------------------------


def test_who_may_import(client, opd):
    client.force_login(make_user(opd.pemda, "operator", opd))
    content = edited(export(client), _set("C5", "Sinergi Baru"))
    other = dataset(anggaran=[])
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(other)
    neighbour = PerangkatDaerah.objects.get(slug="dinas-lain")
    client.force_login(make_user(opd.pemda, "operator", neighbour, name="tetangga"))
    assert client.get(url("pohon_unduh")).status_code == 403  # as the tree page itself
    assert upload(client, content).status_code == 403
    for peran in ("evaluator", "viewer"):
        client.force_login(make_user(opd.pemda, peran, name=peran))
        assert client.get(url("pohon_impor")).status_code == 403
    client.force_login(make_user(opd.pemda, "admin_pemda", name="admin"))
    location, _page = preview(client, content, name="admin.xlsx")
    assert client.post(location).status_code == 302
    assert SubKegiatan.objects.get(kode=SUB2).nama == "Sinergi Baru"
    asing = dataset()
    asing["pemda"] = {**asing["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    asing["opd"] = {**asing["opd"], "slug": "dinas-kota", "nama": "Dinas Kota"}
    load_data(asing)
    stranger = PerangkatDaerah.objects.get(pemda__slug="kota-lain")
    client.force_login(make_user(stranger.pemda, "admin_pemda", name="asing"))
    assert client.get(url("pohon_unduh")).status_code == 404
    assert client.post(location).status_code == 404


def test_the_tree_and_dpa_pages_offer_the_buttons_to_the_planners_only(client, opd):
    for name in ("pohon_anggaran", "pohon_dpa"):
        client.force_login(make_user(opd.pemda, "pimpinan", opd, name=f"camat-{name}"))
        body = client.get(url(name)).content.decode()
        assert "Unduh XLSX" in body and "Impor XLSX" in body
        client.force_login(make_user(opd.pemda, "viewer", name=f"pembaca-{name}"))
        body = client.get(url(name)).content.decode()
        assert "Unduh XLSX" in body and "Impor XLSX" not in body
