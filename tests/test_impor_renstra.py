"""A Renstra as XLSX (issue 11): export with the current data, then upload → preview of every row
→ apply all or nothing through the Renstra authoring actions. Export → import of the same file
changes nothing; a file with one refused row cannot be applied and changes nothing; a Renstra can
be built from nothing by import; history says "impor <nama berkas>"."""

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from sakip.dataset import load_data
from sakip.dataset.loader import load_file
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran import actions as pengukuran
from sakip.perencanaan import actions_renstra, impor_renstra
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Renstra,
    Sasaran,
    TargetRenstra,
    Tujuan,
)
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"
DEMO = Path(__file__).parents[1] / "src" / "sakip" / "demo" / "data" / "kecamatan-jati.yaml"
BUTIR, INDIKATOR = "Tujuan dan Sasaran", "Indikator"


def _opd(slug=OPD):
    return PerangkatDaerah.objects.select_related("pemda").get(slug=slug)


@pytest.fixture
def opd():
    """The test OPD as loaded: Renstra murni 2021–2026 with T1 → IKM (targets 2024, 2025, end
    target 90), a signed PK 2024 and realisations of IKM in 2024."""
    load_data(dataset())
    return _opd()


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd)


@pytest.fixture
def renstra(opd):
    return Renstra.objects.get(opd=opd)


def url(name, renstra, *rest):
    return reverse(name, args=[renstra.opd.slug, renstra.pk, *rest])


def export(client, renstra) -> bytes:
    response = client.get(url("renstra_unduh", renstra))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def edited(content: bytes, change) -> bytes:
    book = load_workbook(BytesIO(content))
    change(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, renstra, content, name="renstra.xlsx"):
    return client.post(url("renstra_impor", renstra), {"berkas": SimpleUploadedFile(name, content)})


def preview(client, renstra, content, name="renstra.xlsx"):
    response = upload(client, renstra, content, name)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"], client.get(response["Location"]).content.decode()


def stored():
    """The whole plan structure and its history, to see that nothing changed."""
    return (
        sorted(Tujuan.objects.values_list("pk", "kode", "urutan", "uraian")),
        sorted(Sasaran.objects.values_list("pk", "kode", "urutan", "uraian", "tujuan_id")),
        sorted(
            IndikatorRenstra.objects.values_list(
                "pk", "indikator_id", "tujuan_id", "sasaran_id", "target_akhir", "versi"
            )
        ),
        sorted(TargetRenstra.objects.values_list("pk", "tahun", "target", "versi")),
        sorted(Indikator.objects.values_list("pk", "kode", "nama", "arah", "presisi", "versi")),
        Tujuan.history.count() + Sasaran.history.count() + Indikator.history.count(),
        IndikatorRenstra.history.count() + TargetRenstra.history.count(),
    )


def add_row(sheet, values) -> None:
    """Into the first empty row, as a person fills the open rows below the data."""
    row = next(r[0].row for r in sheet.iter_rows(min_row=2) if all(c.value is None for c in r))
    for index, value in enumerate(values, start=1):
        sheet.cell(row, index, value)


def column(sheet, title) -> str:
    return next(c.column_letter for c in sheet[1] if c.value == title)


# --- the round trip ----------------------------------------------------------------------------


def test_export_then_import_of_the_same_file_changes_nothing(client, opd, operator, renstra):
    client.force_login(operator)
    content = export(client, renstra)
    book = load_workbook(BytesIO(content))
    assert book.sheetnames == ["Petunjuk", BUTIR, INDIKATOR]
    assert [c.value for c in book[BUTIR][2]] == [
        "Tujuan",
        "T1",
        None,
        "Meningkatnya kepuasan masyarakat",
    ]
    indikator = book[INDIKATOR]
    header = [c.value for c in indikator[1]]
    assert header[:3] == ["Kode indikator", "Kode tujuan/sasaran", "Nama indikator"]
    assert header[-7:] == [f"Target {y}" for y in range(2021, 2027)] + ["Target akhir"]
    row = {h: c.value for h, c in zip(header, indikator[2], strict=True)}
    assert row["Kode indikator"] == "IKM" and row["Kode tujuan/sasaran"] == "T1"
    assert row["Arah"] == "Semakin tinggi semakin baik" and row["IKU (ya/tidak)"] == "ya"
    assert (row["Target 2023"], row["Target 2024"], row["Target akhir"]) == (None, 85, 90)
    before = stored()
    _location, body = preview(client, renstra, content)
    assert "0 baru · 0 berubah · 2 tidak berubah · 0 ditolak" in body
    assert "Tidak ada yang berubah" in body and "Terapkan: simpan" not in body
    report = impor_renstra.pratinjau(content, renstra)
    assert not report.bisa_diterapkan and not report.masalah and not report.catatan
    assert stored() == before


def test_the_demo_renstra_round_trips_unchanged(client):
    """Kecamatan Jati's two Renstra versions (3 tujuan/sasaran levels, texts with line breaks,
    targets 2022–2026): each file read back is a no-op."""
    load_file(DEMO)
    opd = PerangkatDaerah.objects.get(nama="Kecamatan Jati")
    client.force_login(make_user(opd.pemda, "operator", opd, name="op-jati"))
    before = stored()
    for renstra in Renstra.objects.filter(opd=opd):
        content = export(client, renstra)
        report = impor_renstra.pratinjau(content, renstra)
        assert not report.masalah, [str(m) for m in report.masalah]
        assert report.jumlah["baru"] == report.jumlah["berubah"] == 0
        assert report.jumlah["tetap"] == len(report.baris) >= 7
        _location, body = preview(client, renstra, content)
        assert ">0 baru · 0 berubah · " in body
    assert stored() == before


def test_the_export_locks_the_keys_and_opens_rows_for_new_items(client, opd, operator, renstra):
    client.force_login(operator)
    book = load_workbook(BytesIO(export(client, renstra)))
    butir, indikator = book[BUTIR], book[INDIKATOR]
    assert butir.protection.sheet and indikator.protection.sheet
    assert butir["A2"].protection.locked and butir["B2"].protection.locked
    assert not butir["C2"].protection.locked and not butir["D2"].protection.locked
    assert not butir["A3"].protection.locked and not butir["B3"].protection.locked
    assert indikator["A2"].protection.locked and not indikator["B2"].protection.locked
    assert not indikator["A3"].protection.locked and indikator["A3"].number_format == "@"
    rules = {
        str(dv.sqref): (dv.type, dv.formula1) for dv in indikator.data_validations.dataValidation
    }
    assert rules[f"{column(indikator, 'Arah')}2:{column(indikator, 'Arah')}202"] == (
        "list",
        '"Semakin tinggi semakin baik,Semakin rendah semakin baik"',
    )
    iku = column(indikator, "IKU (ya/tidak)")
    assert rules[f"{iku}2:{iku}202"] == ("list", '"ya,tidak"')
    target = column(indikator, "Target 2024")
    assert rules[f"{target}2"][0] == rules[f"{target}3:{target}202"][0] == "decimal"
    assert {str(dv.sqref): dv.formula1 for dv in butir.data_validations.dataValidation} == {
        "A2:A202": '"Tujuan,Sasaran"'
    }
    assert "Impor tidak menghapus apa pun" in " ".join(str(c.value) for c in book["Petunjuk"]["B"])


# --- building and changing -----------------------------------------------------------------------


def _fill_new_renstra(book):
    butir = book[BUTIR]
    add_row(butir, ["Tujuan", "T1", None, "Meningkatnya kualitas pelayanan publik"])
    add_row(butir, ["Sasaran", "S1.1", "T1", "Meningkatnya layanan sesuai SOP"])
    add_row(butir, ["sasaran", "S1.2", "T1", "Meningkatnya kepuasan\nmasyarakat"])
    indikator = book[INDIKATOR]
    common = ["Semakin tinggi semakin baik", "Posisi akhir", "Setiap triwulan", 2]
    texts = ["dipilih karena", "a / b × 100", "definisi", "survei"]
    add_row(
        indikator,
        ["I-1", "T1", "Indeks pelayanan", "Nilai", *common, "ya", *texts]
        + [80, "81,5", 83, 84, None, 85],
    )
    add_row(
        indikator,
        ["I-2", "S1.1", "Layanan sesuai SOP", "%", *common, "tidak", "", "", "", ""]
        + [None, None, 90, 95, 100, 100],
    )
    add_row(
        indikator,
        ["I-3", "S1.2", "Pengaduan terselesaikan", "%"]
        + ["Semakin rendah semakin baik", "kumulatif", "tahunan", 0, "tidak", "", "", "", ""]
        + [None, None, None, None, 12, 12],
    )


@pytest.fixture
def kosong():
    """The test OPD with its indicator IKM but no Renstra, PK or realisation."""
    load_data(dataset(renstra=[], perjanjian_kinerja=[], realisasi_kinerja=[]))
    return _opd()


def test_a_renstra_is_built_from_nothing_by_import(client, kosong):
    operator = make_user(kosong.pemda, "operator", kosong)
    client.force_login(operator)
    renstra = actions_renstra.buat_renstra(operator, kosong, 2025, None)
    content = edited(export(client, renstra), _fill_new_renstra)
    location, body = preview(client, renstra, content, name="renstra baru.xlsx")
    assert "6 baru · 0 berubah · 0 tidak berubah · 0 ditolak" in body, body[-4000:]
    assert "Target 2026: (kosong) &rarr; 81,5" in body
    assert "Terapkan: simpan 6 baris" in body
    applied = client.post(location, follow=True)
    assert "6 baris diimpor dari renstra baru.xlsx" in applied.content.decode()
    tujuan = Tujuan.objects.get(renstra=renstra)
    assert tujuan.kode == "T1"
    sasaran = list(Sasaran.objects.filter(renstra=renstra).order_by("urutan"))
    assert [(s.kode, s.tujuan_id, s.uraian) for s in sasaran] == [
        ("S1.1", tujuan.pk, "Meningkatnya layanan sesuai SOP"),
        ("S1.2", tujuan.pk, "Meningkatnya kepuasan\nmasyarakat"),
    ]
    links = list(
        IndikatorRenstra.objects.filter(renstra=renstra)
        .select_related("indikator")
        .order_by("urutan")
    )
    assert [(link.indikator.kode, link.tujuan_id, link.sasaran_id) for link in links] == [
        ("I-1", tujuan.pk, None),
        ("I-2", None, sasaran[0].pk),
        ("I-3", None, sasaran[1].pk),
    ]
    i1, _i2, i3 = (link.indikator for link in links)
    assert (i1.iku, i1.formulasi, i1.sumber_data, i1.presisi) == (True, "a / b × 100", "survei", 2)
    assert (i3.arah, i3.tipe_penghitungan, i3.frekuensi, i3.presisi, i3.iku) == (
        "turun",
        "kumulatif",
        "tahunan",
        0,
        False,
    )
    targets = dict(
        TargetRenstra.objects.filter(indikator_renstra=links[0]).values_list("tahun", "target")
    )
    assert targets == {2025: 80, 2026: Decimal("81.5"), 2027: 83, 2028: 84}
    assert links[0].target_akhir == 85 and links[2].target_akhir == 12
    reason = "impor renstra baru.xlsx"
    for model in (Tujuan, Sasaran, Indikator, IndikatorRenstra, TargetRenstra):
        reasons = set(model.history.values_list("history_change_reason", flat=True))
        assert reasons == {reason} or (model is Indikator and reason in reasons), model
    # the file applied is now the Renstra: the same file again changes nothing
    again = preview(client, renstra, content)[1]
    assert "0 baru · 0 berubah · 6 tidak berubah · 0 ditolak" in again


def test_a_changed_file_previews_old_and_new_and_applies_with_the_file_name(
    client, opd, operator, renstra
):
    client.force_login(operator)

    def change(book):
        butir = book[BUTIR]
        butir["D2"] = "Meningkatnya kepuasan masyarakat terhadap layanan"
        add_row(butir, ["Tujuan", "T2", None, "Terwujudnya birokrasi yang akuntabel"])
        add_row(butir, ["Sasaran", "S2.1", "T2", "Meningkatnya nilai SAKIP"])
        indikator = book[INDIKATOR]
        indikator[f"{column(indikator, 'Target 2025')}2"] = "88,5"
        indikator[f"{column(indikator, 'Target 2024')}2"] = None
        indikator[f"{column(indikator, 'Alasan pemilihan')}2"] = "mengukur kepuasan"
        add_row(
            indikator,
            ["SAKIP", "S2.1", "Nilai SAKIP", "Nilai", "Semakin tinggi semakin baik"]
            + ["Posisi akhir", "Setahun sekali (TW IV)", 2, "ya", "", "", "", ""]
            + [None, None, None, 65, 70, 75, 75],
        )

    content = edited(export(client, renstra), change)
    location, body = preview(client, renstra, content, name="renstra 2021.xlsx")
    assert "3 baru · 2 berubah · 0 tidak berubah · 0 ditolak" in body
    assert (
        "Uraian: Meningkatnya kepuasan masyarakat &rarr; Meningkatnya kepuasan masyarakat "
        "terhadap layanan"
    ) in body
    assert "Target 2024: 85,00 &rarr; (kosong)" in body
    assert "Target 2025: 88,00 &rarr; 88,50" in body
    assert "Alasan pemilihan: (kosong) &rarr; mengukur kepuasan" in body
    assert client.post(location).status_code == 302
    link = IndikatorRenstra.objects.select_related("indikator").get(indikator__kode="IKM")
    targets = dict(
        TargetRenstra.objects.filter(indikator_renstra=link).values_list("tahun", "target")
    )
    assert targets == {2025: Decimal("88.5")}
    assert link.indikator.alasan_pemilihan == "mengukur kepuasan"
    reason = "impor renstra 2021.xlsx"
    assert link.history.latest().history_change_reason == reason
    assert link.indikator.history.latest().history_change_reason == reason
    assert Tujuan.objects.get(kode="T1").history.latest().history_change_reason == reason
    deleted = TargetRenstra.history.filter(tahun=2024, history_type="-").get()
    assert deleted.history_change_reason == reason
    sakip = IndikatorRenstra.objects.get(indikator__kode="SAKIP")
    assert sakip.sasaran.kode == "S2.1" and sakip.sasaran.tujuan.kode == "T2"
    assert link.indikator.nama == "Indeks Kepuasan Masyarakat"


def test_items_missing_from_the_file_are_kept_and_named(client, opd, operator, renstra):
    client.force_login(operator)

    def change(book):
        book[INDIKATOR].delete_rows(2)
        add_row(book[BUTIR], ["Tujuan", "T2", None, "Tujuan baru"])

    before = Indikator.objects.count(), IndikatorRenstra.objects.count()
    location, body = preview(client, renstra, edited(export(client, renstra), change))
    assert "Tidak ada di berkas, tetap tersimpan (impor tidak menghapus): IKM" in body
    assert client.post(location).status_code == 302
    assert (Indikator.objects.count(), IndikatorRenstra.objects.count()) == before
    assert Tujuan.objects.filter(renstra=renstra, kode="T2").exists()


# --- broken files --------------------------------------------------------------------------------


def _set(sheet, cell, value):
    def change(book):
        book[sheet][cell] = value

    return change


def _set_column(sheet, title, row, value):
    def change(book):
        book[sheet][f"{column(book[sheet], title)}{row}"] = value

    return change


def _append(sheet, *values):
    def change(book):
        add_row(book[sheet], values)

    return change


def _wrong_columns(book):
    book[BUTIR]["C1"], book[BUTIR]["D1"] = "Uraian", "Kode tujuan (untuk sasaran)"


def _new_indicator(kode="BARU", butir="T1", targets=(None,) * 6, akhir=None, **changes):
    values = {
        "nama": "Indikator baru",
        "satuan": "%",
        "arah": "Semakin tinggi semakin baik",
        "tipe": "Posisi akhir",
        "frekuensi": "Setiap triwulan",
        "presisi": 2,
        "iku": "tidak",
        **changes,
    }
    return _append(INDIKATOR, kode, butir, *values.values(), "", "", "", "", *targets, akhir)


TARGET_2025 = "R"  # kode, butir, 11 IKU sheet columns (C … M), 2021 … 2026 (N … S), akhir (T)

BROKEN = {
    "wrong columns": (
        _wrong_columns,
        f"{BUTIR}!C1: kolom ini harus “Kode tujuan (untuk sasaran)”, bukan “Uraian”",
    ),
    "text in a number cell": (
        _set(INDIKATOR, f"{TARGET_2025}2", "delapan puluh"),
        f"{INDIKATOR}!R2: Target 2025 harus berupa angka, bukan &#x27;delapan puluh&#x27;",
    ),
    "170.0000 in a target": (
        _set(INDIKATOR, f"{TARGET_2025}2", "170.0000"),
        f"{INDIKATOR}!R2: 170.0000 ditulis dengan 4 angka di belakang pemisah, lebih dari "
        "presisi indikator (2)",
    ),
    "an ambiguous 1.500": (
        _set(INDIKATOR, "T2", "1.500"),
        f"{INDIKATOR}!T2: Target akhir &#x27;1.500&#x27; ambigu: tulis 1500 untuk seribu lima",
    ),
    "too many decimals in a number cell": (
        _set(INDIKATOR, f"{TARGET_2025}2", 86.8675),
        f"{INDIKATOR}!R2: nilai 86.8675 memiliki lebih dari 2 angka desimal",
    ),
    "outside the indicator's scale": (
        _set(INDIKATOR, f"{TARGET_2025}2", "3,5"),
        f"{INDIKATOR}!R2: nilai 3,5 tampaknya skala NI (1–4)",
    ),
    "duplicate butir codes": (
        _append(BUTIR, "Sasaran", "T1", "T1", "Sasaran dengan kode tujuan"),
        f"{BUTIR}!B3: kode T1 sudah ada di baris 2",
    ),
    "duplicate indicator codes": (
        _new_indicator("IKM"),
        f"{INDIKATOR}!A3: kode IKM sudah ada di baris 2",
    ),
    "a bad code": (
        _append(BUTIR, "Tujuan", "T 2", None, "Tujuan kedua"),
        f"{BUTIR}!B3: Kode hanya boleh huruf, angka, titik",
    ),
    "an unknown jenis": (
        _append(BUTIR, "Program", "P1", None, "Program"),
        f"{BUTIR}!A3: jenis harus “Tujuan” atau “Sasaran”, bukan “Program”",
    ),
    "a tujuan turned into a sasaran": (
        _set(BUTIR, "A2", "Sasaran"),
        f"{BUTIR}!A2: T1 adalah tujuan di Renstra ini",
    ),
    "a sasaran without its tujuan": (
        _append(BUTIR, "Sasaran", "S9", "T9", "Sasaran tanpa tujuan"),
        f"{BUTIR}!C3: T9 bukan tujuan di lembar ini atau di Renstra",
    ),
    "an empty uraian": (
        _set(BUTIR, "D2", None),
        f"{BUTIR}!D2: Uraian wajib diisi",
    ),
    "an uraian too long": (
        _set(BUTIR, "D2", "x" * 2001),
        f"{BUTIR}!D2: Uraian terlalu panjang: paling banyak",
    ),
    "an indicator of an unknown butir": (
        _new_indicator(butir="S7"),
        f"{INDIKATOR}!B3: tujuan atau sasaran S7 tidak ada",
    ),
    "an indicator moved": (
        _set(INDIKATOR, "B2", "T2"),
        f"{INDIKATOR}!B2: indikator ini mengukur T1; memindahkannya ke T2 tidak dapat",
    ),
    "an unknown arah": (
        _new_indicator(arah="ke atas"),
        f"{INDIKATOR}!E3: pilih salah satu dari daftar: Semakin tinggi semakin baik",
    ),
    "an IKU cell that is not ya/tidak": (
        _new_indicator(iku="mungkin"),
        f"{INDIKATOR}!I3: tulis “ya” atau “tidak”",
    ),
    "a presisi too large": (
        _new_indicator(presisi=9),
        f"{INDIKATOR}!H3: Presisi paling banyak 6 angka desimal",
    ),
    "an empty nama": (
        _new_indicator(nama=None),
        f"{INDIKATOR}!C3: Bidang ini tidak boleh kosong.",
    ),
    "a kode of another indicator of the OPD": (
        _new_indicator("SOP"),
        f"{INDIKATOR}!A3: Kode SOP sudah dipakai indikator “Layanan sesuai SOP” OPD ini",
    ),
    "another Renstra's file": (
        lambda book: book["Petunjuk"].cell(book["Petunjuk"].max_row, 2, "sakip/renstra/x"),
        "Petunjuk: Berkas ini bukan unduhan Renstra Murni 2021–2026 Kecamatan Contoh",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_refused_naming_the_cell_and_changes_nothing(
    client, opd, operator, renstra, case
):
    Indikator.objects.create(
        pemda=opd.pemda, opd=opd, kode="SOP", nama="Layanan sesuai SOP", satuan="%"
    )
    client.force_login(operator)
    change, message = BROKEN[case]
    valid = _append(BUTIR, "Tujuan", "T5", None, "Tujuan yang sah")  # would be applied alone

    content = edited(export(client, renstra), lambda book: (change(book), valid(book)))
    before = stored()
    location, body = preview(client, renstra, content)
    assert message in body, body[body.find("Kesalahan") :][:3000]
    assert "belum dapat diterapkan" in body and "Terapkan: simpan" not in body
    assert client.post(location).status_code == 422
    assert stored() == before


def test_a_frozen_indicator_refuses_a_new_arah_with_the_pages_reason(
    client, opd, operator, renstra
):
    """IKM is in the signed PK 2024: its arah may not change (as on its IKU sheet page)."""
    client.force_login(operator)
    content = edited(
        export(client, renstra), _set_column(INDIKATOR, "Arah", 2, "Semakin rendah semakin baik")
    )
    before = stored()
    location, body = preview(client, renstra, content)
    assert (
        f"{INDIKATOR}!E2: Tidak dapat diubah: indikator ini dipakai di Perjanjian Kinerja yang "
        "sudah ditandatangani"
    ) in body
    assert client.post(location).status_code == 422
    assert stored() == before


def test_a_target_below_the_kept_upper_bound_is_checked(client, opd, operator, renstra):
    TargetRenstra.objects.filter(tahun=2025).update(target_atas=Decimal("89"))
    client.force_login(operator)
    content = edited(export(client, renstra), _set(INDIKATOR, f"{TARGET_2025}2", "89,5"))
    location, body = preview(client, renstra, content)
    assert f"{INDIKATOR}!R2: Batas atas target lebih kecil dari batas bawah" in body
    assert client.post(location).status_code == 422


def test_empty_foreign_and_oversize_files_are_refused(client, opd, operator, renstra, settings):
    client.force_login(operator)
    before = stored()
    empty = upload(client, renstra, b"")
    assert empty.status_code == 422 and "berkas" in empty.content.decode().lower()
    location, body = preview(client, renstra, b"bukan excel")
    assert "tidak dapat dibaca sebagai XLSX" in body
    assert client.post(location).status_code == 422
    settings.SAKIP_IMPOR_XLSX_MAKS = 20_000
    big = upload(client, renstra, export(client, renstra) + b"\0" * 20_000)
    assert big.status_code == 422 and "Berkas terlalu besar" in big.content.decode()
    assert upload(client, renstra, b"0" * 200_000).status_code == 422
    assert stored() == before


def test_the_perubahan_refuses_the_murnis_file(client, opd, operator, renstra):
    client.force_login(operator)
    content = export(client, renstra)
    perubahan = actions_renstra.buat_renstra_perubahan(operator, renstra)
    report = impor_renstra.pratinjau(content, perubahan)
    assert not report.bisa_diterapkan
    assert "kode berkas “sakip/renstra/kecamatan-contoh/2021-2026/murni”" in str(report.masalah[0])
    # the perubahan's own file round trips too
    assert impor_renstra.pratinjau(export(client, perubahan), perubahan).jumlah["tetap"] == 2


def test_a_failed_apply_changes_nothing_and_names_the_row(
    client, opd, operator, renstra, monkeypatch
):
    client.force_login(operator)

    def change(book):
        _append(BUTIR, "Tujuan", "T2", None, "Tujuan kedua")(book)
        book[INDIKATOR][f"{TARGET_2025}2"] = 89

    location, _body = preview(client, renstra, edited(export(client, renstra), change))
    before = stored()
    real = impor_renstra.actions.simpan_target_renstra

    def refuse(*args, **kwargs):  # the last write is refused by the action: the first is undone
        from django.core.exceptions import ValidationError

        raise ValidationError("ditolak oleh tes")

    monkeypatch.setattr(impor_renstra.actions, "simpan_target_renstra", refuse)
    response = client.post(location)
    assert response.status_code == 422
    assert f"{INDIKATOR}!2: ditolak oleh tes" in response.content.decode()
    assert stored() == before
    monkeypatch.setattr(impor_renstra.actions, "simpan_target_renstra", real)
    assert client.post(location).status_code == 302  # the file waited for another try
    assert Tujuan.objects.filter(kode="T2").exists()


# --- who may ------------------------------------------------------------------------------------


def test_who_may_download_and_import(client, opd, operator, renstra):
    client.force_login(operator)
    location, _body = preview(
        client, renstra, edited(export(client, renstra), _append(BUTIR, "Tujuan", "T2", None, "X"))
    )
    evaluator = make_user(opd.pemda, "evaluator", name="inspektorat")
    client.force_login(evaluator)
    assert client.get(url("renstra_unduh", renstra)).status_code == 200
    assert client.get(url("renstra_impor", renstra)).status_code == 403
    assert client.post(location).status_code == 403
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(other)
    neighbour = _opd("dinas-lain")
    client.force_login(make_user(neighbour.pemda, "operator", neighbour, name="asing"))
    assert client.get(url("renstra_unduh", renstra)).status_code == 404
    assert client.post(location).status_code == 404
    # the pimpinan of the OPD plans too, but the upload is in the operator's session only
    client.force_login(make_user(opd.pemda, "pimpinan", opd, name="camat"))
    assert client.get(url("renstra_impor", renstra)).status_code == 200
    assert client.post(location).status_code == 302
    assert not Tujuan.objects.filter(kode="T2").exists()


def test_the_renstra_pages_offer_the_buttons(client, opd, operator, renstra):
    page = reverse("renstra", args=[OPD])
    client.force_login(operator)
    body = client.get(page).content.decode()
    assert url("renstra_unduh", renstra) in body and url("renstra_impor", renstra) in body
    body = client.get(url("renstra_susun", renstra)).content.decode()
    assert "Unduh XLSX" in body and "Impor XLSX" in body
    client.force_login(make_user(opd.pemda, "viewer", name="pembaca"))
    body = client.get(page).content.decode()
    assert "Unduh XLSX" in body and "Impor XLSX" not in body


def test_a_closed_quarter_does_not_stop_a_renstra_import(client, opd, operator, renstra):
    """The page's target save does not refuse locked quarters; the import follows the page."""
    pengukuran.ajukan(operator, opd, 2024, 1)
    client.force_login(operator)
    content = edited(export(client, renstra), _set(INDIKATOR, f"{TARGET_2025}2", 89))
    location, body = preview(client, renstra, content)
    assert "0 baru · 1 berubah" in body
    assert client.post(location).status_code == 302
