"""The Laporan Hasil SKM read back from the Word file: its figures are the engine's."""

import shutil
from io import BytesIO

import docx
import pytest
from django.urls import reverse

from sakip.survei.laporan import build_laporan
from sakip.survei.laporan_docx import render_laporan
from tests.personas import make_user
from tests.survei_hasil.helpers import (
    WORKED_TOTALS,
    add_responses,
    answers_for_totals,
    layanan,
    periode,
    world,
)

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


@pytest.fixture
def filled():
    opd = world()
    periode(opd, tahun=2023)
    p = periode(opd, populasi=100)
    add_responses(
        p, layanan(opd), answers_for_totals(WORKED_TOTALS, 29), saran="Tambah kursi tunggu"
    )
    return p


def test_the_report_carries_the_engine_figures(filled):
    text, tables = _text(render_laporan(build_laporan(filled), charts=False))
    assert "SURVEI KEPUASAN MASYARAKAT" in text and "KECAMATAN CONTOH" in text
    assert "besar sampel minimum menurut Krejcie–Morgan" in text and "80 responden" in text
    assert "belum memenuhi" in text  # 29 < 80
    nrr = next(t for t in tables if t[0][:2] == ["Kode", "Unsur"] and len(t[0]) == 5)
    assert [row[2] for row in nrr[1:10]] == [str(t) for t in WORKED_TOTALS]
    assert nrr[3][3] == "3,45" and nrr[3][4] == "prioritas"  # U3 100 / 29
    assert nrr[-1][-2:] == ["91,48", "A"]
    ikm = next(t for t in tables if t[0] == ["Uraian", "Nilai"])
    assert ["Nilai Indeks (NI, 1–4)", "3,6590"] in ikm
    assert "Tambah kursi tunggu" in text
    assert "RENCANA TINDAK LANJUT" in text and "[perlu dilengkapi]" in text


def test_the_report_with_charts_and_without_population():
    opd = world()
    p = periode(opd)
    add_responses(p, layanan(opd), [[3] * 9] * 5)
    data = render_laporan(build_laporan(p))
    text, _tables = _text(data)
    assert "populasi penerima layanan periode ini belum diisi" in text
    assert "NRR kesembilan unsur sama" in text  # all answers 3: no priority unsur
    assert "prioritas perbaikan:" not in text
    assert b"word/media/" in data  # the NRR chart


def test_the_word_download(client, filled):
    client.force_login(make_user(filled.pemda, "operator", filled.opd))
    response = client.get(reverse("skm_laporan", args=[filled.opd.slug, filled.pk, "docx"]))
    assert response.status_code == 200
    assert "91,48" in _text(response.content)[0] + str(_text(response.content)[1])
    assert (
        client.get(reverse("skm_laporan", args=[filled.opd.slug, filled.pk, "odt"])).status_code
        == 404
    )


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice tidak terpasang")
def test_the_pdf_download(client, filled):
    client.force_login(make_user(filled.pemda, "viewer"))
    response = client.get(reverse("skm_laporan", args=[filled.opd.slug, filled.pk, "pdf"]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
