"""Every OPD's LKjIP in one job: progress per OPD, one ZIP, through the real renderer. The task
runs as it is enqueued here; in a real worker, killed and taken over: tests/test_worker.py."""

import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import Pemda
from sakip.pelaporan.models import PekerjaanDokumen
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pemda(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_data(dataset())
    other = dataset()
    other["opd"] = {**other["opd"], "slug": "dinas-contoh", "nama": "Dinas Contoh"}
    load_data(other)
    return Pemda.objects.get()


def test_admin_makes_every_opds_lkjip_in_one_zip(client, pemda):
    client.force_login(make_user(pemda, "admin_pemda"))
    response = client.post(reverse("dokumen_pemda", args=[2024]))  # Word only: fast
    job = PekerjaanDokumen.objects.get()
    assert response["Location"] == reverse("pekerjaan_dokumen", args=[job.pk])
    assert (job.status, job.selesai, job.total) == ("selesai", 2, 2)
    names = zipfile.ZipFile(Path(job.berkas)).namelist()
    assert names == ["lkjip-dinas-contoh-2024.docx", "lkjip-kecamatan-contoh-2024.docx"]
    page = client.get(reverse("pekerjaan_dokumen", args=[job.pk])).content.decode()
    assert "Unduh ZIP" in page and "100 %" in page
    download = client.get(reverse("unduh_pekerjaan", args=[job.pk]))
    assert download["Content-Disposition"].startswith("attachment")


def test_a_failing_job_says_why(client, pemda, monkeypatch):
    from sakip.pelaporan import pdf

    def no_libreoffice(*args, **kwargs):
        raise pdf.PdfError("LibreOffice tidak ditemukan: pasang paket libreoffice-writer-nogui")

    monkeypatch.setattr(pdf, "convert_many", no_libreoffice)
    client.force_login(make_user(pemda, "admin_pemda"))
    client.post(reverse("dokumen_pemda", args=[2024]), {"pdf": "1"})
    job = PekerjaanDokumen.objects.get()
    assert job.status == "gagal" and "libreoffice-writer-nogui" in job.pesan
    assert (
        "libreoffice-writer-nogui"
        in client.get(reverse("pekerjaan_dokumen", args=[job.pk])).content.decode()
    )


def test_only_the_admin_starts_a_job(client, pemda):
    client.force_login(make_user(pemda, "evaluator"))
    assert client.post(reverse("dokumen_pemda", args=[2024])).status_code == 403
    assert not PekerjaanDokumen.objects.exists()
