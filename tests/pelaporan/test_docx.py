"""The LKjIP Word renderer, read back with python-docx: every table of the seed is there, every
figure agrees with the others, missing data says so, user text stays literal; and the PDF."""

import io
import operator
import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from sakip.dataset import load_file
from sakip.organisasi.models import PerangkatDaerah, ProfilTahunan
from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.docx import render_lkjip
from sakip.pelaporan.models import LaporanTahunan
from sakip.pengukuran.models import RealisasiAnggaran, RealisasiKinerja

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "sakip" / "demo" / "data" / "kecamatan-jati.yaml"
ARTIFACTS = REPO / "test-artifacts" / "lkjip"
BELUM = "data belum tersedia"
SEED_TABLES = ["2.1", "2.3-1", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"]
NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
YEAR = re.compile(r"(?:19|20)\d\d")


# --- reading the document back ---------------------------------------------------------------


@pytest.fixture
def opd():
    load_file(DEMO)
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-jati")


def render(opd, tahun=2024, **kwargs):
    return Document(io.BytesIO(render_lkjip(build_lkjip(opd, tahun), **kwargs)))


def blocks(document):
    """The body in order: Paragraph and Table objects."""
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document._body)
        elif child.tag == qn("w:tbl"):
            yield Table(child, document._body)


def is_header(row) -> bool:
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(qn("w:tblHeader")) is not None


def captioned(document) -> dict[str, tuple[Table, list[Paragraph]]]:
    """{"3.2": (table, body paragraphs after it up to the next heading, caption or table)}."""
    found, caption, current = {}, None, None
    for block in blocks(document):
        if isinstance(block, Paragraph):
            style = block.style.name if block.style is not None else ""
            match = re.match(r"Tabel (\S+)\n", block.text)
            if match:
                caption, current = match.group(1), None
            elif style.startswith("Heading") or block.text.startswith("Gambar "):
                current = None
            elif current is not None and style == "Body Text" and block.text.strip():
                current[1].append(block)
        else:
            if caption is not None:
                current = found[caption] = (block, [])
                caption = None
            else:
                current = None
    return found


def body_rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows if not is_header(row)]


def angka(text: str) -> Decimal:
    """An Indonesian number as shown in a cell: "1.866.543.961", "93,33 %"."""
    return Decimal(text.replace("%", "").strip().replace(".", "").replace(",", "."))


def shown(value: Decimal, places: int = 2) -> str:
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{rounded:,f}".translate(str.maketrans({",": ".", ".": ","}))
    return text


def numbers_in(text: str) -> list[Decimal]:
    """The figures a sentence states: quoted names and years left out."""
    text = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", text)
    return [angka(m) for m in NUMBER.findall(text) if not YEAR.fullmatch(m)]


# --- the tests -------------------------------------------------------------------------------


def test_every_table_of_the_seed_is_there_with_its_header_repeated_and_rows_unsplit(opd):
    tables = captioned(render(opd))
    for number in [*SEED_TABLES, "1.1", "1.2", "1.3", "1.4", "2.2", "2.3", "4.1", "L.1"]:
        assert number in tables, f"Tabel {number} hilang"
    for number in SEED_TABLES:
        table = tables[number][0]
        assert is_header(table.rows[0])
        assert all(
            row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
            for row in table.rows
        )
        assert body_rows(table), f"Tabel {number} kosong"


def test_budget_table_adds_up_and_every_selisih_and_serapan_follow_from_the_row(opd):
    rows = body_rows(captioned(render(opd))["3.8"][0])
    *lines, total = rows
    assert total[0] == "JUMLAH"
    assert total[2:] == ["2.000.000.000", "1.866.543.961", "133.456.039", "93,33 %"]
    by_kode = {row[0]: row for row in lines}
    assert len(by_kode) == len(lines) >= 40  # 6 programs, 13 kegiatan, 30 sub kegiatan

    programs = [k for k in by_kode if not any(k.startswith(p + ".") for p in by_kode if p != k)]
    assert len(programs) == 6
    for kode, row in by_kode.items():
        anggaran, realisasi, selisih = (angka(row[i]) for i in (2, 3, 4))
        kids = _direct_children(kode, by_kode)
        if kids:
            assert anggaran == sum(angka(by_kode[k][2]) for k in kids), kode
            assert realisasi == sum(angka(by_kode[k][3]) for k in kids), kode
        assert selisih == anggaran - realisasi, kode
        if anggaran == 0:
            assert row[5] == "tidak dapat dihitung", kode
        else:
            assert row[5] == shown(realisasi / anggaran * 100) + " %", kode
    assert angka(total[2]) == sum(angka(by_kode[k][2]) for k in programs)
    assert angka(total[3]) == sum(angka(by_kode[k][3]) for k in programs)


def _parents_between(parent: str, kode: str) -> list[str]:
    parts = kode.split(".")
    start = parent.count(".") + 1
    return [".".join(parts[: i + 1]) for i in range(start, len(parts) - 1)]


def _direct_children(kode: str, by_kode: dict) -> list[str]:
    """Lines whose nearest listed ancestor (by code prefix) is `kode`."""
    found = []
    for other in by_kode:
        if other == kode or not other.startswith(kode + "."):
            continue
        if not any(p in by_kode for p in _parents_between(kode, other)):
            found.append(other)
    return found


def test_summary_table_agrees_with_the_budget_tree(opd):
    tables = captioned(render(opd))
    summary = body_rows(tables["3.7"][0])
    tree = {row[0]: row for row in body_rows(tables["3.8"][0])}
    *programs, total = summary
    assert total[2:] == ["2.000.000.000", "1.866.543.961", "133.456.039", "93,33 %"]
    for row in programs:
        kode = row[1].split(" ")[0]
        assert row[2:] == tree[kode][2:]


COMPARE = {"<": operator.lt, "≤": operator.le, ">": operator.gt, "≥": operator.ge, "=": operator.eq}


def read_scale(table: Table) -> list[tuple[str, list]]:
    """Tabel 3.1 back into (predikat, conditions on c), from its words: "85 % ≤ c ≤ 100 %"
    gives [(85, ≤, c), (c, ≤, 100)]; "> 100 %" gives [(c, >, 100)]."""
    bands = []
    for row in body_rows(table):
        text, label = row[1], row[2]
        numbers = [angka(n) for n in NUMBER.findall(text)]
        ops = re.findall(r"≤|<|≥|>|=", text)
        if len(numbers) == 2:
            conditions = [(numbers[0], ops[0], "c"), ("c", ops[1], numbers[1])]
        else:
            conditions = [("c", ops[0], numbers[0])]
        bands.append((label, conditions))
    return bands


def in_band(capaian: Decimal, conditions: list) -> bool:
    return all(
        COMPARE[op](capaian if a == "c" else a, capaian if b == "c" else b)
        for a, op, b in conditions
    )


def test_capaian_follows_from_target_and_realisasi_and_predikat_from_the_scale(opd):
    lkjip = build_lkjip(opd, 2024)
    arah = {a.indikator: a.arah for a in lkjip.bab3.analisis}
    tables = captioned(Document(io.BytesIO(render_lkjip(lkjip))))
    scale = read_scale(tables["3.1"][0])
    assert [label for label, _conditions in scale] == [
        "Sangat Baik",
        "Baik",
        "Cukup",
        "Kurang",
        "Sangat Kurang",
    ]
    rows = body_rows(tables["3.2"][0])
    assert len(rows) == 2
    for row in rows:
        indikator, target, realisasi, capaian, predikat = row[2], row[4], row[5], row[6], row[7]
        t, r = angka(target), angka(realisasi)
        expected = r / t * 100 if arah[indikator] == "naik" else (2 * t - r) / t * 100
        assert capaian == shown(expected) + " %"
        matching = [label for label, conditions in scale if in_band(angka(capaian), conditions)]
        assert matching == [predikat]
    sakip = next(row for row in rows if row[2] == "Nilai SAKIP")
    assert sakip[4:] == ["70,00", "73,36", "104,80 %", "Sangat Baik"]


@pytest.mark.parametrize("number", ["3.2", "3.3", "3.4", "3.5", "3.7"])
def test_every_figure_in_the_text_under_a_table_is_in_that_table(opd, number):
    table, paragraphs = captioned(render(opd))[number]
    cells = {
        angka(m) for row in table.rows for cell in row.cells for m in NUMBER.findall(cell.text)
    }
    assert paragraphs, f"tidak ada uraian di bawah Tabel {number}"
    stated = [n for p in paragraphs for n in numbers_in(p.text)]
    assert stated, f"uraian Tabel {number} tidak menyebut angka"
    for value in stated:
        assert value in cells, f"{value} di uraian Tabel {number} tidak ada di tabelnya"


def test_pegawai_totals_are_the_sums_of_their_rows(opd):
    tables = captioned(render(opd))
    *golongan, total = body_rows(tables["1.1"][0])
    assert total[0] == "JUMLAH"
    assert angka(total[-1]) == sum(angka(row[2]) for row in golongan) == 12
    *jabatan, total = body_rows(tables["1.2"][0])
    assert angka(total[-2]) == sum(angka(row[3]) for row in jabatan) == 21
    assert angka(total[-1]) == sum(angka(row[4]) for row in jabatan) == 21


def test_a_missing_realisasi_is_written_as_missing_never_as_zero(opd):
    RealisasiKinerja.objects.filter(indikator__nama="Nilai SAKIP", tahun=2024).delete()
    sub = RealisasiAnggaran.objects.filter(tahun=2024).values_list("sub_kegiatan", flat=True)[0]
    RealisasiAnggaran.objects.filter(tahun=2024, sub_kegiatan=sub).delete()
    tables = captioned(render(opd))

    sakip = next(row for row in body_rows(tables["3.2"][0]) if row[2] == "Nilai SAKIP")
    assert sakip[4] == "70,00"
    assert sakip[5:] == [BELUM, BELUM, BELUM]
    text = " ".join(p.text for p in tables["3.2"][1])
    assert 'Realisasi indikator "Nilai SAKIP" tahun 2024 belum tersedia' in text

    tree = body_rows(tables["3.8"][0])
    missing = [row for row in tree if row[3] == BELUM]
    assert len(missing) >= 3  # the sub kegiatan, its kegiatan, its program
    for row in missing:
        assert row[4:] == [BELUM, BELUM]
    assert tree[-1][3:] == [BELUM, BELUM, BELUM]
    for row in [*missing, tree[-1], sakip]:
        assert "0" not in [cell.strip() for cell in row]


def test_user_text_is_written_literally(opd):
    name = "Kec. <Jati> & {{ 7*7 }} {% if true %}X{% endif %} ]]>\x0b"
    text = "Teks <b>tebal</b> & {{ opd }} {% for x in y %}{_{ lama }_}{_% x %_}{% endfor %}\x0b"
    PerangkatDaerah.objects.filter(pk=opd.pk).update(nama=name)
    profil = ProfilTahunan.objects.get(opd=opd, tahun=2024)
    profil.latar_belakang = [text, *profil.latar_belakang]
    profil.save()
    laporan = LaporanTahunan.objects.get(opd=opd, tahun=2024)
    laporan.kata_pengantar = [f"Pengantar {name}"]
    laporan.save()
    opd.refresh_from_db()

    document = render(opd)  # python-docx parses every part: the XML is valid
    texts = [p.text for p in document.paragraphs]
    name, text = name.replace("\x0b", ""), text.replace("\x0b", "")  # not allowed in XML
    assert name.upper() in texts  # the cover, from {{ opd|upper }}
    assert text in texts  # Bab I, first paragraph of the latar belakang
    assert f"Pengantar {name}" in texts
    assert f"Pemerintah {name} Tahun" in document.sections[-1].header.paragraphs[0].text
    assert not any("49" in t for t in texts if "Kec." in t)


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice tidak terpasang (scripts/bootstrap --test memasang libreoffice-writer-nogui)",
)


@needs_libreoffice
def test_the_command_writes_a_pdf_with_a_real_table_of_contents(opd, tmp_path, capsys):
    out = tmp_path / "lkjip.pdf"
    call_command("lkjip", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in capsys.readouterr().out
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils tidak terpasang")
    pages = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    toc = next(page for page in pages if "DAFTAR ISI" in page)
    listed = {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^\s*(BAB [IV]+ [A-Z0-9 ]+?)\s*\.{3,}\s*(\d+)\s*$", toc, re.M)
    }
    assert len(listed) == 4, toc
    for title, number in listed.items():
        chapter = title.split(" ", 2)
        heading = re.compile(rf"^\s*{chapter[0]} {chapter[1]}\s*$", re.M)
        index = next(i for i, page in enumerate(pages) if heading.search(page))
        assert number == index, title  # page 1 is the Kata Pengantar, after the cover
        footer = pages[index].strip().splitlines()[-1].strip()
        assert footer == str(number)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    contents = pages.index(toc)
    wanted = {1: "sampul", 2: "kata-pengantar", contents + 1: "daftar-isi"}
    for name, marker in (
        ("bab2", "A. RENCANA STRATEGIS"),
        ("tabel-3-2", "Tabel 3.2"),
        ("tabel-3-8", "Tabel 3.8"),
    ):
        index = next(i for i, page in enumerate(pages) if i > contents and marker in page)
        wanted[index + 1] = name
    for page, name in wanted.items():
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-f",
                str(page),
                "-l",
                str(page),
                "-png",
                "-singlefile",
                str(out),
                str(ARTIFACTS / f"{page:02d}-{name}"),
            ],
            check=True,
        )
    assert len(list(ARTIFACTS.glob("*.png"))) == len(wanted)


def test_the_command_explains_what_went_wrong(opd, tmp_path, monkeypatch):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command(
            "lkjip", "--opd", "tidak-ada", "--tahun", "2024", "--out", str(tmp_path / "x.docx")
        )
    with pytest.raises(CommandError, match=r"\.docx atau \.pdf"):
        call_command(
            "lkjip", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(tmp_path / "x.odt")
        )
    monkeypatch.setenv("PATH", str(tmp_path))  # no LibreOffice on it
    with pytest.raises(CommandError, match="LibreOffice tidak ditemukan"):
        call_command(
            "lkjip", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(tmp_path / "x.pdf")
        )
    out = tmp_path / "lkjip.docx"
    call_command("lkjip", "--opd", "kecamatan-jati", "--tahun", "2024", "--out", str(out))
    assert captioned(Document(str(out)))["3.8"]


def test_a_pemda_template_is_used(opd, tmp_path):
    from sakip.pelaporan.template import build_template

    template = build_template(tmp_path / "pemda.docx")
    pemda = Document(str(template))
    pemda.styles["Heading 1"].font.size = 203200  # 16 pt, a pemda's own choice
    pemda.save(str(template))
    document = render(opd, template_path=template)
    assert document.styles["Heading 1"].font.size == 203200
    assert "3.8" in captioned(document)


def test_wide_tables_sit_in_landscape_sections_and_page_numbers_run_on(opd):
    document = render(opd)
    sections = document.sections
    landscape = [s for s in sections if s.page_width > s.page_height]
    assert len(landscape) == 4  # Tabel 2.1; Tabel 2.3-1; Tabel 3.3; Tabel 3.5 to 3.8
    restarts = [
        s
        for s in sections
        if (n := s._sectPr.find(qn("w:pgNumType"))) is not None and n.get(qn("w:start"))
    ]
    assert len(restarts) == 1  # only the Kata Pengantar starts at page 1
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")).get(qn("w:val")) == "true"
