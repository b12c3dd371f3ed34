"""Two sources writing the same linked realisation at once (two SKM submissions arriving
together, each recomputing the IKM): the second waits for the quarter's lock and then finds the
row the first one made, instead of inserting a second one (a 500 on the unique constraint that
bench/beban.py met on PostgreSQL). Needs real concurrent transactions: PostgreSQL only."""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections, transaction

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pengukuran.linked import record_linked_realisasi
from sakip.pengukuran.models import PeriodeLaporan, RealisasiKinerja
from sakip.perencanaan.models import Indikator
from tests.factories import dataset

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ikm():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions: the in-memory SQLite test database cannot")
    data = dataset()
    data["indikator"][0]["sumber_realisasi"] = "skm"
    data["realisasi_kinerja"] = []
    load_data(data)
    opd = PerangkatDaerah.objects.get(slug="kecamatan-contoh")
    PeriodeLaporan.objects.get_or_create(pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4)
    return Indikator.objects.select_related("opd__pemda").get(opd=opd, kode="IKM")


def test_a_write_waiting_for_the_quarter_finds_the_row_made_meanwhile(ikm):
    opd = ikm.opd
    outcome = {}

    def second_submission():
        try:
            outcome["result"] = record_linked_realisasi(ikm, 2024, 4, Decimal("90"), "SKM B")
        except Exception as error:  # the assertion below names it
            outcome["error"] = error
        finally:
            connections.close_all()

    with transaction.atomic():  # the first submission holds the quarter while it writes
        PeriodeLaporan.objects.select_for_update().get(
            pemda=opd.pemda, opd=opd, tahun=2024, triwulan=4
        )
        other = threading.Thread(target=second_submission)
        other.start()
        other.join(timeout=1.5)
        assert other.is_alive(), "the second write did not wait for the quarter's lock"
        RealisasiKinerja.objects.create(
            pemda=opd.pemda, indikator=ikm, tahun=2024, triwulan=4, nilai=Decimal("89")
        )
    other.join(timeout=30)
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"].written
    row = RealisasiKinerja.objects.get(indikator=ikm, tahun=2024, triwulan=4)
    assert (row.nilai, row.sumber) == (Decimal("90"), "SKM B")
