from decimal import Decimal
from pathlib import Path

import pytest

from sakip.dataset import load_file
from sakip.organisasi.lookup import find_opd
from sakip.pelaporan.pk import NoPK, build_pk

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "src/sakip/demo/data/kecamatan-jati.yaml"


def test_pk_2024_statement_and_annex_from_the_records():
    load_file(DEMO)
    doc = build_pk(find_opd("kecamatan-jati"), 2024)
    assert doc.ditandatangani and doc.revisi == 0
    assert [r.indikator for r in doc.baris][1] == "Nilai SAKIP"
    assert doc.baris[1].target.lower == 70
    assert len(doc.program) == 6
    assert doc.jumlah_anggaran == sum(p.anggaran for p in doc.program) == Decimal(2000000000)
    assert doc.sumber_anggaran == "DPA Perubahan 2024"
    assert "TULUS SETYONO" in doc.pernyataan[1]
    assert "[nama belum diisi]" in doc.pernyataan[2]  # the seed never names the Bupati


def test_a_year_without_pk_says_so():
    load_file(DEMO)
    with pytest.raises(NoPK):
        build_pk(find_opd("kecamatan-jati"), 2030)
