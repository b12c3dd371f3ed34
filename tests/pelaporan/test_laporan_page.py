import pytest
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.pelaporan.models import LaporanTahunan
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
URL = reverse("laporan", args=["kecamatan-contoh", 2024])


@pytest.fixture
def opd():
    load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


def form(versi, **changes):
    return {
        "versi": versi,
        "tempat": "Contoh",
        "tanggal": "2025-04-10",
        "kata_pengantar": "Paragraf satu.\nParagraf dua.",
        "penyebab": "",
        "permasalahan": "",
        "langkah_antisipatif": "",
        "rekomendasi": "Rekomendasi pertama",
        **changes,
    }


def test_operator_writes_the_parts_one_paragraph_per_line_with_history(client, opd):
    client.force_login(make_user(opd.pemda, "operator", opd))
    page = client.get(URL).content.decode()
    assert "Rekomendasi (Bab IV) belum ditulis" in page  # what is still missing
    assert client.post(URL, form(0)).status_code == 302
    row = LaporanTahunan.objects.get()
    assert row.kata_pengantar == ["Paragraf satu.", "Paragraf dua."]
    assert row.rekomendasi == ["Rekomendasi pertama"]
    assert row.history.count() == 1
    stale = client.post(URL, form(0, rekomendasi="Lain"))
    assert stale.status_code == 422 and "diubah orang lain" in stale.content.decode()


def test_readers_cannot_write(client, opd):
    client.force_login(make_user(opd.pemda, "evaluator"))
    assert client.get(URL).status_code == 200
    assert client.post(URL, form(0)).status_code == 403
    assert not LaporanTahunan.objects.exists()


def test_the_latar_belakang_written_here_is_the_one_the_report_uses(client, opd):
    from sakip.pelaporan.build import build_lkjip

    client.force_login(make_user(opd.pemda, "operator", opd))
    client.post(URL, form(0, latar_belakang="Paragraf latar baru."))
    assert build_lkjip(opd, 2024).bab1.latar_belakang == ["Paragraf latar baru."]


def test_downloads_are_real_word_and_pdf_files(client, opd):
    import shutil

    client.force_login(make_user(opd.pemda, "viewer"))
    lkjip = client.get(reverse("lkjip_docx", args=["kecamatan-contoh", 2024]))
    assert (
        lkjip.content[:2] == b"PK"
        and "lkjip-kecamatan-contoh-2024.docx" in lkjip["Content-Disposition"]
    )
    pk = client.get(reverse("pk_dokumen", args=["kecamatan-contoh", 2024, 0, "docx"]))
    assert pk.content[:2] == b"PK"
    assert (
        client.get(reverse("pk_dokumen", args=["kecamatan-contoh", 2030, 0, "docx"])).status_code
        == 404
    )
    if shutil.which("soffice"):
        pdf = client.get(reverse("pk_dokumen", args=["kecamatan-contoh", 2024, 0, "pdf"]))
        assert pdf.content[:4] == b"%PDF"
