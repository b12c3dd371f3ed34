"""Quarterly realisations (kinerja and anggaran) as XLSX: export, then upload → preview of every
row → apply all or nothing through the page's actions. Export → import of the same file changes
nothing; a file with one refused row cannot be applied and changes nothing."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran import actions, impor_realisasi
from sakip.pengukuran.models import RealisasiAnggaran, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
SUB1, SUB2 = "7.01.02.2.01.0001", "7.01.02.2.01.0002"


@pytest.fixture
def opd():
    load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


@pytest.fixture
def operator(opd):
    return make_user(opd.pemda, "operator", opd)


def args(triwulan=1, *rest):
    return ["kecamatan-contoh", 2024, triwulan, *rest]


def export(client, triwulan=1) -> bytes:
    response = client.get(reverse("realisasi_unduh", args=args(triwulan)))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return response.content


def edited(content: bytes, change) -> bytes:
    book = load_workbook(BytesIO(content))
    change(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, content, triwulan=1, name="realisasi.xlsx"):
    return client.post(
        reverse("realisasi_impor", args=args(triwulan)),
        {"berkas": SimpleUploadedFile(name, content)},
    )


def preview(client, content, triwulan=1, name="realisasi.xlsx"):
    response = upload(client, content, triwulan, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], client.get(response["Location"])


def stored():
    """Every realisation and its history, to see that nothing changed."""
    return (
        sorted(
            RealisasiKinerja.objects.values_list("indikator__kode", "triwulan", "nilai", "versi")
        ),
        sorted(
            RealisasiAnggaran.objects.values_list(
                "sub_kegiatan__kode", "triwulan", "jumlah", "versi"
            )
        ),
        RealisasiKinerja.history.count() + RealisasiAnggaran.history.count(),
    )


@pytest.mark.parametrize("triwulan", [1, 2, 4])
def test_export_then_import_of_the_same_file_changes_nothing(client, opd, operator, triwulan):
    client.force_login(operator)
    content = export(client, triwulan)
    book = load_workbook(BytesIO(content))
    assert book.sheetnames == ["Petunjuk", f"Kinerja TW {triwulan}", f"Anggaran TW {triwulan}"]
    before = stored()
    _location, page = preview(client, content, triwulan)
    body = page.content.decode()
    assert "0 baru · 0 berubah · 3 tidak berubah · 0 ditolak" in body
    report = impor_realisasi.pratinjau(content, opd, 2024, triwulan)
    assert {b.lembar: b.status for b in report.baris} == {
        f"Kinerja TW {triwulan}": "tetap",
        f"Anggaran TW {triwulan}": "tetap",
    }
    assert not report.bisa_diterapkan and not report.masalah
    assert "Tidak ada yang berubah" in body
    assert stored() == before


def test_the_export_locks_identifying_columns_and_validates_numbers(client, opd, operator):
    client.force_login(operator)
    book = load_workbook(BytesIO(export(client, 2)))
    kinerja, anggaran = book["Kinerja TW 2"], book["Anggaran TW 2"]
    assert [c.value for c in kinerja[1]] == [
        "Kode indikator",
        "Indikator",
        "Satuan",
        "Target",
        "Realisasi TW 2",
        "Keterangan",
    ]
    assert [c.value for c in kinerja[2]][:5] == [
        "IKM",
        "Indeks Kepuasan Masyarakat",
        "Nilai",
        "85,00",
        80.5,
    ]
    assert kinerja.protection.sheet and anggaran.protection.sheet
    assert kinerja["A2"].protection.locked and not kinerja["E2"].protection.locked
    assert not kinerja["F2"].protection.locked
    assert [c.value for c in anggaran[2]] == [SUB1, "Rapat", 800000, 200000]
    assert anggaran["C2"].protection.locked and not anggaran["D2"].protection.locked
    rules = {str(dv.sqref): dv.type for dv in anggaran.data_validations.dataValidation}
    assert rules == {"D2:D3": "whole"}
    assert {str(dv.sqref): dv.type for dv in kinerja.data_validations.dataValidation} == {
        "E2": "decimal"
    }
    assert "Isi sel berwarna kuning saja" in str(book["Petunjuk"]["B2"].value)


def test_text_that_looks_like_a_formula_is_escaped_and_read_back_unchanged(client, opd, operator):
    client.force_login(operator)
    actions.simpan_realisasi_kinerja(
        operator, Indikator.objects.get(kode="IKM"), 2024, 1, Decimal("70"), "=HYPERLINK(1)", 0
    )
    content = export(client, 1)
    assert load_workbook(BytesIO(content))["Kinerja TW 1"]["F2"].value == "'=HYPERLINK(1)"
    assert "0 berubah" in preview(client, content)[1].content.decode()


def test_a_changed_file_previews_old_and_new_and_applies_with_the_file_name(client, opd, operator):
    client.force_login(operator)

    def change(book):
        book["Kinerja TW 1"]["E2"] = "90,25"
        book["Kinerja TW 1"]["F2"] = "Survei triwulan I"
        book["Anggaran TW 1"]["D3"] = "250.000"  # Sinergi: no realisation yet
        book["Anggaran TW 1"]["D2"] = 150000  # Rapat: 100.000 before

    location, page = preview(client, edited(export(client), change), name="tw1 kecamatan.xlsx")
    body = page.content.decode()
    assert "1 baru · 2 berubah · 0 tidak berubah · 0 ditolak" not in body  # IKM TW 1 was empty
    assert "2 baru · 1 berubah · 0 tidak berubah · 0 ditolak" in body
    assert "Realisasi TW 1: (kosong) &rarr; 90,25" in body
    assert "Rp 100.000 &rarr; Rp 150.000" in body
    assert "(kosong) &rarr; Rp 250.000" in body
    assert "Terapkan: simpan 3 baris" in body
    applied = client.post(location, follow=True)
    assert "3 baris diimpor dari tw1 kecamatan.xlsx" in applied.content.decode()
    ikm = RealisasiKinerja.objects.get(indikator__kode="IKM", triwulan=1)
    assert (ikm.nilai, ikm.keterangan) == (Decimal("90.25"), "Survei triwulan I")
    rapat = RealisasiAnggaran.objects.get(sub_kegiatan__kode=SUB1, triwulan=1)
    sinergi = RealisasiAnggaran.objects.get(sub_kegiatan__kode=SUB2, triwulan=1)
    assert (rapat.jumlah, sinergi.jumlah) == (150000, 250000)
    for row in (ikm, rapat, sinergi):
        assert row.history.latest().history_change_reason == "impor tw1 kecamatan.xlsx"
    # the same file again is now a no-op
    again = preview(client, edited(export(client), change))[1].content.decode()
    assert "0 baru · 0 berubah · 3 tidak berubah" in again


def test_an_emptied_cell_clears_the_stored_value(client, opd, operator):
    client.force_login(operator)
    content = edited(export(client, 2), _set("Anggaran TW 2", "D2", None))
    location, page = preview(client, content, 2)
    assert "Rp 200.000 &rarr; (kosong)" in page.content.decode()
    client.post(location)
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan__kode=SUB1, triwulan=2).exists()


def _set(sheet, cell, value):
    def change(book):
        book[sheet][cell] = value

    return change


def _duplicate(book):
    book["Anggaran TW 1"].append([SUB2, "Sinergi", 500000, 1000])


def _wrong_columns(book):
    sheet = book["Kinerja TW 1"]
    sheet["E1"], sheet["F1"] = "Keterangan", "Realisasi TW 1"


BROKEN = {
    "wrong columns": (
        _wrong_columns,
        "Kinerja TW 1!E1: kolom ini harus “Realisasi TW 1”, bukan “Keterangan”",
    ),
    "text in a number cell": (
        _set("Kinerja TW 1", "E2", "sepuluh"),
        "Kinerja TW 1!E2: Realisasi TW 1 harus berupa angka, bukan &#x27;sepuluh&#x27;",
    ),
    "duplicate codes": (
        _duplicate,
        f"Anggaran TW 1!A4: kode {SUB2} sudah ada di baris 3",
    ),
    "170.0000 in anggaran": (
        _set("Anggaran TW 1", "D3", "170.0000"),
        "Anggaran TW 1!D3: 170.0000 bukan penulisan rupiah yang sah",
    ),
    "sen in anggaran": (
        _set("Anggaran TW 1", "D3", 1250.5),
        "Anggaran TW 1!D3: Rupiah ditulis tanpa sen",
    ),
    "a realisation above its pagu": (
        # TW II and IV hold 500.000 of the 800.000 pagu
        _set("Anggaran TW 1", "D2", 300001),
        "Anggaran TW 1!D2: Realisasi setahun menjadi Rp 800.001, melebihi pagu Rp 800.000",
    ),
    "an unknown code": (
        _set("Anggaran TW 1", "A3", "7.01.02.2.01.0099"),
        "Anggaran TW 1!A3: sub-kegiatan 7.01.02.2.01.0099 tidak dikenal",
    ),
    "too many decimals": (
        _set("Kinerja TW 1", "E2", "86,8675"),
        "Kinerja TW 1!E2: nilai 86.8675 memiliki lebih dari 2 angka desimal",
    ),
    "outside the indicator's scale": (
        _set("Kinerja TW 1", "E2", "3,5"),
        "tampaknya skala NI (1–4)",
    ),
    "another quarter's file": (
        lambda book: setattr(book["Kinerja TW 1"], "title", "Kinerja TW 2"),
        "Lembar “Kinerja TW 1” tidak ada",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_is_refused_naming_the_cell_and_changes_nothing(client, opd, operator, case):
    client.force_login(operator)
    change, message = BROKEN[case]
    valid = _set("Anggaran TW 1", "D3", 1000)  # a good row next to the broken one: not applied

    content = edited(export(client), lambda book: (valid(book), change(book)))
    before = stored()
    location, page = preview(client, content)
    body = page.content.decode()
    assert message in body
    assert "belum dapat diterapkan" in body and "Terapkan: simpan" not in body
    assert client.post(location).status_code == 422
    assert stored() == before


def test_a_low_capaian_needs_a_keterangan_as_on_the_page(client, opd, operator):
    client.force_login(operator)
    content = edited(
        export(client, 4),
        lambda b: (_set("Kinerja TW 4", "E2", "60")(b), _set("Kinerja TW 4", "F2", None)(b)),
    )
    before = stored()
    location, page = preview(client, content, 4)
    assert "Kinerja TW 4!F2: Capaian 70,59 % (Cukup) di bawah rentang Baik" in page.content.decode()
    assert client.post(location).status_code == 422
    assert stored() == before


def test_a_linked_indicator_is_refused_with_the_reason(client, opd, operator):
    client.force_login(operator)
    content = edited(export(client), _set("Kinerja TW 1", "E2", "88"))
    Indikator.objects.filter(kode="IKM").update(sumber_realisasi=Indikator.SumberRealisasi.SKM)
    before = stored()
    location, page = preview(client, content)
    assert "Kinerja TW 1!E2: Realisasi Indeks Kepuasan Masyarakat ditulis otomatis" in (
        page.content.decode()
    )
    assert client.post(location).status_code == 422
    assert stored() == before


def test_a_closed_quarter_refuses_every_change(client, opd, operator):
    client.force_login(operator)
    content = edited(export(client), _set("Anggaran TW 1", "D3", 1000))
    actions.ajukan(operator, opd, 2024, 1)
    before = stored()
    location, page = preview(client, content)
    body = page.content.decode()
    assert "Anggaran TW 1!D3: Triwulan 1 tahun 2024 berstatus diajukan" in body
    assert "0 baru · 0 berubah · 2 tidak berubah · 1 ditolak" in body
    assert client.post(location).status_code == 422
    assert stored() == before


def _empty_workbook() -> bytes:
    buffer = BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "tidak dapat dibaca sebagai XLSX"),
        (b"bukan excel", "tidak dapat dibaca sebagai XLSX"),
        (_empty_workbook(), "Berkas ini bukan unduhan realisasi triwulan 1 tahun 2024"),
    ],
    ids=["empty file", "not an XLSX", "an empty workbook"],
)
def test_empty_and_foreign_files_are_refused(client, opd, operator, content, message):
    client.force_login(operator)
    before = stored()
    response = upload(client, content)
    if response.status_code == 422:  # an empty upload is refused by the form itself
        assert "berkas" in response.content.decode().lower()
    else:
        location = response["Location"]
        assert message in client.get(location).content.decode()
        assert client.post(location).status_code == 422
    assert stored() == before


def test_a_file_of_another_opd_is_refused_by_its_marker(client, opd, operator):
    client.force_login(operator)
    content = export(client)
    other = dataset()
    other["opd"] = {**other["opd"], "slug": "kecamatan-lain", "nama": "Kecamatan Lain"}
    load_data(other)
    neighbour = PerangkatDaerah.objects.get(slug="kecamatan-lain")
    report = impor_realisasi.pratinjau(content, neighbour, 2024, 1)
    assert not report.bisa_diterapkan
    assert "kode berkas “sakip/realisasi/kecamatan-contoh/2024/TW1”" in report.masalah[0].pesan


def test_an_oversize_file_is_refused_at_upload(client, opd, operator, settings):
    settings.SAKIP_IMPOR_XLSX_MAKS = 20_000
    client.force_login(operator)
    content = export(client)
    big = content + b"\0" * 20_000  # a zip still opens with trailing bytes: the size refuses it
    response = upload(client, big)
    assert response.status_code == 422
    assert "Berkas terlalu besar" in response.content.decode()
    huge = upload(client, b"0" * 200_000)  # refused from the declared size, before reading
    assert huge.status_code == 422
    assert "Berkas terlalu besar; paling besar" in huge.content.decode()
    assert upload(client, content, name="realisasi.csv").status_code == 422


def test_a_double_click_on_apply_imports_once(client, opd, operator, monkeypatch):
    client.force_login(operator)
    location, _page = preview(client, edited(export(client), _set("Anggaran TW 1", "D3", 1000)))
    second = Client()
    second.cookies = client.cookies  # the same browser, the same session
    original, answers = impor_realisasi.terapkan, []

    def first_click(*a, **kw):
        if not answers:
            answers.append(second.post(location, follow=True))
        return original(*a, **kw)

    monkeypatch.setattr(impor_realisasi, "terapkan", first_click)
    assert client.post(location).status_code == 302
    assert "sudah diterapkan" in answers[0].content.decode()
    row = RealisasiAnggaran.objects.get(sub_kegiatan__kode=SUB2, triwulan=1)
    assert row.history.count() == 1
    assert "sudah diterapkan" in client.post(location, follow=True).content.decode()
    assert row.history.count() == 1


def test_a_failed_apply_changes_nothing_and_leaves_the_file(client, opd, operator, monkeypatch):
    client.force_login(operator)
    content = edited(
        export(client),
        lambda b: (_set("Anggaran TW 1", "D3", 1000)(b), _set("Kinerja TW 1", "E2", "90")(b)),
    )
    location, _page = preview(client, content)
    before = stored()
    real = actions.simpan_realisasi_anggaran

    def refuse(*a, **kw):  # the second write is refused by the action: the first is undone
        from django.core.exceptions import ValidationError

        raise ValidationError({"jumlah": "ditolak oleh tes"})

    monkeypatch.setattr(actions, "simpan_realisasi_anggaran", refuse)
    response = client.post(location)
    assert response.status_code == 422
    assert "Anggaran TW 1!3: ditolak oleh tes" in response.content.decode()
    assert stored() == before
    monkeypatch.setattr(actions, "simpan_realisasi_anggaran", real)
    assert client.post(location).status_code == 302  # the file waited for another try
    assert stored() != before


def test_who_may_import(client, opd, operator):
    client.force_login(operator)
    location, _page = preview(client, edited(export(client), _set("Anggaran TW 1", "D3", 1000)))
    pimpinan = make_user(opd.pemda, "pimpinan", opd, name="camat")
    admin = make_user(opd.pemda, "admin_pemda", name="admin")
    for user in (pimpinan, admin):
        client.force_login(user)
        assert client.get(reverse("realisasi_unduh", args=args())).status_code == 200
        assert client.get(reverse("realisasi_impor", args=args())).status_code == 403
        assert client.post(location).status_code == 403
    other = dataset()
    other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(other)
    stranger = make_user(
        PerangkatDaerah.objects.get(pemda__slug="kota-lain").pemda,
        "operator",
        PerangkatDaerah.objects.get(pemda__slug="kota-lain"),
        name="asing",
    )
    client.force_login(stranger)
    assert client.get(reverse("realisasi_unduh", args=args())).status_code == 404
    assert client.post(location).status_code == 404
    # another operator of the same OPD: the upload is not in their session
    client.force_login(make_user(opd.pemda, "operator", opd, name="operator2"))
    assert client.post(location).status_code == 302
    assert not RealisasiAnggaran.objects.filter(sub_kegiatan__kode=SUB2, triwulan=1).exists()


def test_the_quarter_page_offers_the_buttons_to_its_operator_only(client, opd, operator):
    page = reverse("triwulan", args=args())
    client.force_login(operator)
    body = client.get(page).content.decode()
    assert "Unduh XLSX" in body and "Impor XLSX" in body
    client.force_login(make_user(opd.pemda, "pimpinan", opd, name="camat"))
    body = client.get(page).content.decode()
    assert "Unduh XLSX" in body and "Impor XLSX" not in body


# --- the PK targets --------------------------------------------------------------------------


@pytest.fixture
def draft_pk(opd):
    from sakip.perencanaan.models import PerjanjianKinerja

    PerjanjianKinerja.objects.filter(opd=opd, tahun=2024).update(status="draft")
    return PerjanjianKinerja.objects.get(opd=opd, tahun=2024)


def pk_export(client) -> bytes:
    response = client.get(reverse("target_pk_unduh", args=["kecamatan-contoh", 2024]))
    assert response.status_code == 200
    return response.content


def pk_preview(client, content, name="target.xlsx"):
    response = client.post(
        reverse("target_pk_impor", args=["kecamatan-contoh", 2024]),
        {"berkas": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"], client.get(response["Location"]).content.decode()


def pk_targets():
    from sakip.perencanaan.models import TargetPK

    return sorted(TargetPK.objects.values_list("indikator__kode", "target", "target_atas", "versi"))


def test_pk_export_then_import_changes_nothing(client, opd, operator, draft_pk):
    client.force_login(operator)
    content = pk_export(client)
    book = load_workbook(BytesIO(content))
    assert book.sheetnames == ["Petunjuk", "Target PK"]
    assert [c.value for c in book["Target PK"][2]][:5] == [
        "Meningkatnya kepuasan masyarakat",
        "IKM",
        "Indeks Kepuasan Masyarakat",
        "Nilai",
        85,
    ]
    assert (
        book["Target PK"]["B2"].protection.locked and not book["Target PK"]["E2"].protection.locked
    )
    before = pk_targets()
    _location, body = pk_preview(client, content)
    assert "0 baru · 0 berubah · 1 tidak berubah · 0 ditolak" in body
    assert pk_targets() == before


def test_a_changed_pk_target_is_applied_with_the_file_name(client, opd, draft_pk):
    from sakip.perencanaan.models import TargetPK

    pimpinan = make_user(opd.pemda, "pimpinan", opd, name="camat")
    client.force_login(pimpinan)

    def change(book):
        book["Target PK"]["E2"], book["Target PK"]["F2"] = "86,5", "88"

    location, body = pk_preview(client, edited(pk_export(client), change), name="pk 2024.xlsx")
    assert "0 baru · 1 berubah · 0 tidak berubah · 0 ditolak" in body
    assert "Target: 85,00 &rarr; 86,50" in body and "(kosong) &rarr; 88,00" in body
    assert client.post(location).status_code == 302
    target = TargetPK.objects.get(indikator__kode="IKM")
    assert (target.target, target.target_atas) == (Decimal("86.5"), Decimal("88"))
    assert target.history.latest().history_change_reason == "impor pk 2024.xlsx"


@pytest.mark.parametrize(
    "cells, message",
    [
        ({"E2": "delapan puluh"}, "Target PK!E2: Target harus berupa angka"),
        ({"E2": "90", "F2": "80"}, "Target PK!F2: Batas atas target lebih kecil dari batas bawah"),
        ({"B2": "IKX"}, "Target PK!B2: indikator IKX dengan sasaran"),
        ({"E1": "Nilai"}, "Target PK!E1: kolom ini harus “Target”"),
    ],
    ids=["text in a number cell", "a reversed range", "an unknown code", "wrong columns"],
)
def test_a_broken_pk_file_is_refused_and_changes_nothing(
    client, opd, operator, draft_pk, cells, message
):
    client.force_login(operator)

    def change(book):
        for cell, value in cells.items():
            book["Target PK"][cell] = value

    before = pk_targets()
    location, body = pk_preview(client, edited(pk_export(client), change))
    assert message in body and "belum dapat diterapkan" in body
    assert client.post(location).status_code == 422
    assert pk_targets() == before


def test_a_signed_pk_refuses_an_imported_target(client, opd, operator):
    client.force_login(operator)
    content = edited(pk_export(client), lambda b: b["Target PK"].cell(2, 5, 90))
    before = pk_targets()
    location, body = pk_preview(client, content)
    assert "Target PK!E2: PK 2024 revisi 0 sudah ditandatangani" in body
    assert client.post(location).status_code == 422
    assert pk_targets() == before


def test_only_the_planners_import_pk_targets(client, opd, draft_pk):
    page = reverse("perjanjian_kinerja", args=["kecamatan-contoh", 2024])
    client.force_login(make_user(opd.pemda, "evaluator", name="auditor"))
    assert (
        client.get(reverse("target_pk_unduh", args=["kecamatan-contoh", 2024])).status_code == 200
    )
    assert (
        client.get(reverse("target_pk_impor", args=["kecamatan-contoh", 2024])).status_code == 403
    )
    assert "Impor XLSX" not in client.get(page).content.decode()
    for planner in (
        make_user(opd.pemda, "operator", opd, name="op"),
        make_user(opd.pemda, "admin_pemda", name="admin"),  # the admin plans every OPD
    ):
        client.force_login(planner)
        body = client.get(page).content.decode()
        assert "Unduh XLSX" in body and "Impor XLSX" in body
