"""Issue 11's "done when", in a real browser from an empty database: a second pemda starts on
sakip with nothing but its admin account (from `sakip pemda-baru`), and reaches a verified year
and its LKjIP without a YAML file or the Django admin.

The admin pemda creates the pemda's first OPD (a kecamatan) and its accounts; the planner writes
a Renstra with two sasaran and three indicators, makes the PK, imports the program tree with its
DPA pagu from an XLSX (preview, then apply); the operator imports TW I–IV realisations from an
XLSX and types one by hand; the pimpinan verifies each quarter; the LKjIP comes out as DOCX and
PDF, and every budget and capaian figure in it is recomputed here from what was typed."""

import re
import subprocess
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.pelaporan.test_docx import angka, body_rows, captioned, in_band, read_scale, shown

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

pytestmark = pytest.mark.django_db(transaction=True)

PEMDA = "kabupaten-contoh"
OPD = "kecamatan-contoh"
TAHUN = 2025
SASARAN = [
    ("S1", "Meningkatnya kualitas pelayanan administrasi kependudukan dan perizinan"),
    ("S2", "Meningkatnya partisipasi masyarakat dalam pembangunan desa"),
]


# kode, sasaran, nama, satuan, arah, tipe, presisi, target 2025, TW I–IV realisations
INDIKATOR = [
    (
        "IK-01",
        0,
        "Persentase layanan administrasi selesai tepat waktu",
        "%",
        "Semakin tinggi semakin baik",
        "Posisi akhir",
        2,
        "90",
        ["85", "88", "91", "93"],
    ),
    (
        "IK-02",
        0,
        "Rata-rata waktu penyelesaian layanan perizinan",
        "hari",
        "Semakin rendah semakin baik",
        "Rata-rata",
        2,
        "3",
        ["3,5", "3", "2,8", "2,5"],
    ),
    (
        "IK-03",
        1,
        "Jumlah musyawarah desa yang difasilitasi",
        "kegiatan",
        "Semakin tinggi semakin baik",
        "Kumulatif",
        0,
        "12",
        ["2", "3", "4", "2"],
    ),
]


def tulis_indikator(page, index, indikator):
    kode, sasaran, nama, satuan, arah, tipe, presisi, target, _ = indikator
    page.get_by_text("+ Tambah indikator sasaran").nth(sasaran).click()
    page.get_by_label("Kode").fill(kode)
    page.get_by_label("Nama", exact=True).fill(nama)
    page.get_by_label("Satuan").fill(satuan)
    page.get_by_label("Arah").select_option(label=arah)
    page.get_by_label("Tipe penghitungan").select_option(label=tipe)
    page.get_by_label("Presisi").fill(str(presisi))
    page.get_by_label("IKU (indikator kinerja utama)").check()
    page.get_by_label("Formulasi pengukuran").fill("Realisasi dibandingkan target.")
    page.get_by_label("Sumber data").fill("Laporan seksi pelayanan")
    page.get_by_label(str(TAHUN), exact=True).fill(target)
    page.get_by_label("Target akhir").fill(target)
    page.get_by_role("button", name="Simpan indikator").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Susun Renstra")
    expect(page.locator("main")).to_contain_text(nama)


# the DPA: (kode, uraian, pagu of a sub-kegiatan, its TW I–IV realisations)
POHON = [
    ("7.01.01", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA", None, None),
    (
        "7.01.01.2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        None,
        None,
    ),
    (
        "7.01.01.2.01.0001",
        "Penyusunan Dokumen Perencanaan Perangkat Daerah",
        25_000_000,
        [5_000_000, 7_500_000, 6_000_000, 5_500_000],
    ),
    (
        "7.01.01.2.01.0006",
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        15_000_000,
        [0, 4_000_000, 5_000_000, 4_500_000],
    ),
    ("7.01.01.2.02", "Administrasi Keuangan Perangkat Daerah", None, None),
    ("7.01.01.2.02.0001", "Penyediaan Gaji dan Tunjangan ASN", 1_200_000_000, [290_000_000] * 4),
    ("7.01.02", "PROGRAM PENYELENGGARAAN PEMERINTAHAN DAN PELAYANAN PUBLIK", None, None),
    (
        "7.01.02.2.02",
        "Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan "
        "dengan Perangkat Daerah dan Instansi Vertikal Terkait",
        None,
        None,
    ),
    (
        "7.01.02.2.02.0001",
        "Sinkronisasi Pelaksanaan Urusan Pemerintahan di Wilayah Kecamatan",
        40_000_000,
        [8_000_000, 10_000_000, 12_000_000, 9_250_000],
    ),
]
DIKETIK = ("IK-03", 4)  # the one figure typed on the quarter page: the rest is imported


def unduh(page, link_name) -> bytes:
    # a PDF is converted by LibreOffice while the browser waits: up to a minute on a busy machine
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("link", name=link_name).first.click(no_wait_after=True)
    return open(info.value.path(), "rb").read()


def unggah(page, content: bytes, nama: str):
    page.get_by_label("Berkas XLSX").set_input_files(
        {"name": nama, "mimeType": XLSX, "buffer": content}
    )
    page.get_by_role("button", name=re.compile("Unggah")).click()


def tingkat(kode: str) -> str:
    return {3: "Program", 5: "Kegiatan", 6: "Sub-kegiatan"}[len(kode.split("."))]


def impor_pohon(page, shot):
    """The tree page's template, filled in as a planner fills it from the DPA, and imported."""
    page.goto(f"/opd/{OPD}/{TAHUN}/pohon-anggaran/")
    book = load_workbook(BytesIO(unduh(page, "Unduh XLSX")))
    sheet = book["Pohon Anggaran"]
    header = [cell.value for cell in sheet[1]]
    for kode, uraian, pagu, _ in POHON:
        row = [None] * len(header)
        row[0], row[1], row[2] = tingkat(kode), kode, uraian
        if pagu is not None:
            row[3] = pagu
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    page.get_by_role("link", name="Impor XLSX").first.click()
    unggah(page, buffer.getvalue(), "DPA 2025 Kecamatan Contoh.xlsx")
    expect(page.locator("#jumlah")).to_contain_text(f"{len(POHON)} baru · 0 berubah")
    shot(page, "baru-05-pohon-pratinjau.png")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator(".messages")).to_contain_text(f"{len(POHON)} baris diimpor")


def impor_realisasi(page, triwulan, shot):
    """The quarter's XLSX, downloaded from the quarter page, filled in and imported."""
    page.goto(f"/opd/{OPD}/{TAHUN}/triwulan/{triwulan}/")
    book = load_workbook(BytesIO(unduh(page, "Unduh XLSX")))
    kinerja = {i[0]: i[8][triwulan - 1] for i in INDIKATOR}
    anggaran = {p[0]: p[3][triwulan - 1] for p in POHON if p[3]}
    isi(book[f"Kinerja TW {triwulan}"], f"Realisasi TW {triwulan}", kinerja, triwulan)
    isi(book[f"Anggaran TW {triwulan}"], None, anggaran, triwulan)
    buffer = BytesIO()
    book.save(buffer)
    page.get_by_role("link", name="Impor XLSX").first.click()
    unggah(page, buffer.getvalue(), f"realisasi tw{triwulan}.xlsx")
    shot(page, f"baru-06-realisasi-tw{triwulan}.png")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.locator(".messages")).to_contain_text("baris diimpor")


def isi(sheet, judul, values: dict, triwulan):
    header = [cell.value for cell in sheet[1]]
    column = (
        header.index(judul)
        if judul
        else next(i for i, h in enumerate(header) if h and str(h).startswith("Realisasi"))
    )
    keterangan = header.index("Keterangan") if "Keterangan" in header else None
    for row in sheet.iter_rows(min_row=2):
        kode = row[0].value
        if kode in values and (kode, triwulan) != DIKETIK:
            row[column].value = values[kode]
            if keterangan is not None:
                row[keterangan].value = "Sesuai laporan seksi."


def ketik_satu(page, shot):
    kode, triwulan = DIKETIK
    nama, nilai = next((i[2], i[8][triwulan - 1]) for i in INDIKATOR if i[0] == kode)
    page.goto(f"/opd/{OPD}/{TAHUN}/triwulan/{triwulan}/")
    row = page.locator("tr", has_text=nama)
    row.get_by_label("Realisasi", exact=True).fill(nilai)
    row.locator("summary", has_text="Keterangan").click()
    row.get_by_label("Keterangan").fill("Satu musyawarah desa diundur ke Januari.")
    row.get_by_role("button", name="Simpan").click()
    expect(row.get_by_role("status")).to_have_text("Tersimpan")
    shot(page, "baru-08-ketik.png")


def angka_id(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def realisasi_tahunan(tipe: str, values: list[str]) -> Decimal:
    numbers = [angka_id(v) for v in values]
    if tipe == "Kumulatif":
        return sum(numbers)
    if tipe == "Rata-rata":
        return sum(numbers) / len(numbers)
    return numbers[-1]  # posisi akhir


def capaian(arah: str, target: Decimal, realisasi: Decimal) -> Decimal:
    if arah.startswith("Semakin tinggi"):
        return realisasi / target * 100
    return (2 * target - realisasi) / target * 100


def periksa_lkjip(docx: bytes, pdf: bytes):
    """Every capaian of Tabel 3.2 and every budget line of Tabel 3.8 recomputed from the figures
    typed and imported above, with the regulation's formulas written out here."""
    tables = captioned(Document(BytesIO(docx)))
    scale = read_scale(tables["3.1"][0])
    rows = {row[2]: row for row in body_rows(tables["3.2"][0])}
    assert set(rows) == {i[2] for i in INDIKATOR}
    pdf_text = pdf_teks(pdf)
    for _kode, sasaran, nama, _satuan, arah, tipe, presisi, target, values in INDIKATOR:
        row = rows[nama]
        t, r = angka_id(target), realisasi_tahunan(tipe, values)
        assert row[1] == SASARAN[sasaran][1]
        assert angka(row[4]) == t and angka(row[5]) == round(r, presisi), row
        assert row[6] == shown(capaian(arah, t, r)) + " %", row
        assert [label for label, c in scale if in_band(angka(row[6]), c)] == [row[7]], row
        assert row[6] in pdf_text

    budget = {row[0]: row for row in body_rows(tables["3.8"][0])}
    total = budget.pop("JUMLAH")
    subs = {kode: (pagu, sum(tw)) for kode, _, pagu, tw in POHON if pagu is not None}
    for kode, uraian, _, _ in POHON:
        pagu = sum(p for k, (p, _) in subs.items() if k == kode or k.startswith(kode + "."))
        real = sum(r for k, (_, r) in subs.items() if k == kode or k.startswith(kode + "."))
        row = budget[kode]
        assert row[1].startswith(uraian[:40])
        assert [angka(x) for x in row[2:5]] == [pagu, real, pagu - real], row
        assert row[5] == shown(Decimal(real) / pagu * 100) + " %", row
    pagu = sum(p for p, _ in subs.values())
    real = sum(r for _, r in subs.values())
    assert total[2:] == [rupiah(pagu), rupiah(real), rupiah(pagu - real), "96,62 %"]
    assert shown(Decimal(real) / pagu * 100) == "96,62"
    for figure in (rupiah(pagu), rupiah(real), "96,62 %"):
        assert figure in pdf_text


def rupiah(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def pdf_teks(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def masuk(page, username, password):
    page.goto("/masuk/")
    page.get_by_label("Nama akun").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(lambda url: "/masuk/" not in url)


def keluar(page):
    page.locator("header").get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk/")


def pemda_baru() -> tuple[str, str]:
    out = StringIO()
    call_command("pemda_baru", PEMDA, "Kabupaten Contoh", "kabupaten", stdout=out)
    text = out.getvalue()
    return (
        re.search(r"Nama akun:\s+(\S+)", text).group(1),
        re.search(r"Kata sandi:\s+(\S+)", text).group(1),
    )


def buat_akun(page, username, peran, nama, nip, pangkat, jabatan) -> str:
    page.goto("/pemda/akun/")
    page.get_by_label("Nama akun").fill(username)
    page.get_by_label("Peran").select_option(label=peran)
    page.get_by_label("OPD (untuk operator dan pimpinan)").select_option(label="Kecamatan Contoh")
    page.get_by_label("Nama lengkap").fill(nama)
    page.get_by_label("NIP").fill(nip)
    page.get_by_label("Pangkat/golongan").fill(pangkat)
    page.get_by_label("Jabatan").fill(jabatan)
    page.get_by_role("button", name="Buat akun dan kata sandi").click()
    return page.locator("#kata-sandi-baru").inner_text()


def test_kabupaten_baru_sampai_lkjip(page, shot):
    admin, sandi_admin = pemda_baru()
    masuk(page, admin, sandi_admin)
    page.goto("/pemda/opd/")
    page.get_by_label("Jenis").select_option(label="Kecamatan")
    page.get_by_label("Nama", exact=True).fill("Kecamatan Contoh")
    page.get_by_label("Urusan").fill("Kewilayahan")
    page.get_by_label("Nama kepala OPD").fill("Drs. BUDI SANTOSO, M.Si")
    page.get_by_label("NIP kepala").fill("197003151995031004")
    page.get_by_label("Pangkat/golongan kepala").fill("Pembina Tk. I (IV/b)")
    page.get_by_label("Jabatan kepala").fill("Camat Contoh")
    page.get_by_role("button", name="Tambah OPD").click()
    expect(page.locator("main")).to_contain_text("Kecamatan Contoh")
    shot(page, "baru-01-opd.png")
    sandi_operator = buat_akun(
        page,
        "operator-contoh",
        "Operator OPD",
        "SITI RAHAYU, S.E.",
        "198505202010012015",
        "Penata (III/c)",
        "Kepala Subbagian Perencanaan dan Keuangan",
    )
    sandi_pimpinan = buat_akun(
        page,
        "camat-contoh",
        "Pimpinan OPD",
        "Drs. BUDI SANTOSO, M.Si",
        "197003151995031004",
        "Pembina Tk. I (IV/b)",
        "Camat Contoh",
    )
    shot(page, "baru-02-akun.png")
    keluar(page)

    masuk(page, "operator-contoh", sandi_operator)
    page.goto(f"/opd/{OPD}/renstra/baru/")
    page.get_by_label("Tahun awal").fill(str(TAHUN))
    page.get_by_label("Nomor dokumen Renstra").fill("Peraturan Camat Contoh Nomor 1 Tahun 2025")
    page.get_by_role("button", name="Buat Renstra").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Susun Renstra Murni 2025–2029")
    tambah = page.locator("form[action$='/tujuan/tambah/']")
    tambah.get_by_label("Kode").fill("T1")
    tambah.get_by_label("Uraian").fill("Meningkatnya kualitas pelayanan publik kecamatan")
    tambah.get_by_role("button", name="Tambah tujuan").click()
    expect(page.locator(".messages")).to_contain_text("Tujuan ditambahkan")
    for kode, uraian in SASARAN:
        page.get_by_text("+ Tambah sasaran").click()
        form = page.locator("form[action$='/sasaran/tambah/']")
        form.get_by_label("Kode").fill(kode)
        form.get_by_label("Uraian").fill(uraian)
        form.get_by_role("button", name="Tambah sasaran").click()
        expect(page.locator("main")).to_contain_text(uraian)
    for index, indikator in enumerate(INDIKATOR):
        tulis_indikator(page, index, indikator)
    shot(page, "baru-03-renstra.png")
    page.goto(f"/opd/{OPD}/{TAHUN}/pk/")
    page.get_by_role("button", name="Susun PK dari Renstra").click()
    expect(page.locator(".messages")).to_contain_text("disusun dari Renstra")
    page.get_by_role("button", name="Isi dari akun").click()
    expect(page.get_by_label("NIP pihak pertama")).to_have_value("197003151995031004")
    page.get_by_label("Tanggal").fill(f"{TAHUN}-01-06")
    page.get_by_label("Tempat").fill("Contoh")
    page.get_by_label("Nama pihak kedua").fill("H. ARIEF RAHMAN, S.H., M.M.")
    page.get_by_label("Jabatan pihak kedua").fill("Bupati Contoh")
    page.get_by_role("button", name="Simpan penandatangan").click()
    expect(page.locator(".messages")).to_contain_text("Data penandatangan tersimpan")
    shot(page, "baru-04-pk.png")
    keluar(page)
    masuk(page, "camat-contoh", sandi_pimpinan)
    page.goto(f"/opd/{OPD}/{TAHUN}/pk/")
    page.get_by_role("button", name="Tandai sudah ditandatangani").click()
    expect(page.locator("main")).to_contain_text("Ditandatangani")
    keluar(page)

    masuk(page, "operator-contoh", sandi_operator)
    impor_pohon(page, shot)
    for triwulan in (1, 2, 3, 4):
        impor_realisasi(page, triwulan, shot)
    ketik_satu(page, shot)
    for triwulan in (1, 2, 3, 4):
        page.goto(f"/opd/{OPD}/{TAHUN}/triwulan/{triwulan}/")
        page.get_by_role("button", name="Ajukan ke pimpinan").click()
        expect(page.locator("#status-periode")).to_have_text("Diajukan")
    keluar(page)

    masuk(page, "camat-contoh", sandi_pimpinan)
    for triwulan in (1, 2, 3, 4):
        page.goto(f"/opd/{OPD}/{TAHUN}/triwulan/{triwulan}/")
        page.get_by_role("button", name="Verifikasi").click()
        expect(page.locator("#status-periode")).to_have_text("Diverifikasi")
    page.goto(f"/opd/{OPD}/{TAHUN}/")
    # the pemda's scale is its own, started from the demo's bands: not named after Blora
    expect(page.locator("main")).to_contain_text("skala: Skala predikat Kabupaten Contoh")
    shot(page, "baru-07-dasbor.png")
    page.goto(f"/opd/{OPD}/{TAHUN}/laporan/")
    docx = unduh(page, "Unduh Word (DOCX)")
    pdf = unduh(page, "Unduh PDF")
    periksa_lkjip(docx, pdf)
    periksa_riwayat()


def periksa_riwayat():
    """What was imported keeps its history with the file's name; the typed figure its typist."""
    from sakip.pengukuran.models import RealisasiKinerja
    from sakip.perencanaan.models import Pagu, SubKegiatan

    pagu = Pagu.objects.get(sub_kegiatan__kode="7.01.02.2.02.0001", versi_anggaran__tahun=TAHUN)
    assert pagu.history.earliest().history_change_reason == ("impor DPA 2025 Kecamatan Contoh.xlsx")
    assert SubKegiatan.history.filter(history_change_reason__startswith="impor").count() == 4
    kode, triwulan = DIKETIK
    typed = RealisasiKinerja.objects.get(indikator__kode=kode, tahun=TAHUN, triwulan=triwulan)
    assert typed.history.latest().history_user.username == "operator-contoh"
    imported = RealisasiKinerja.objects.get(indikator__kode=kode, tahun=TAHUN, triwulan=3)
    assert imported.history.latest().history_change_reason == "impor realisasi tw3.xlsx"
