"""sakip.files: the one check that a stored path lies inside MEDIA_ROOT, the user's file name
made safe to show and to send back, and every download of a stored or generated file served
as an attachment with nosniff and a content type sakip chose."""

import pytest
from django.urls import reverse

from sakip import files
from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from tests.factories import dataset
from tests.personas import make_user

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize(
    "given,shown",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\operator\\Desktop\\renstra.pdf", "renstra.pdf"),
        ("<script>.html", "<script>.html"),
        ("laporan\r\n\x00akhir.pdf", "laporanakhir.pdf"),
        ("foto\u202egnp.exe", "fotognp.exe"),  # no right-to-left override to disguise it
        ("   ..  ", files.FALLBACK_NAME),
        ("", files.FALLBACK_NAME),
        (None, files.FALLBACK_NAME),
        ("a" * 300 + ".docx", "a" * 195 + ".docx"),
    ],
)
def test_display_name_keeps_only_a_safe_last_part(given, shown):
    assert files.display_name(given) == shown


@pytest.mark.parametrize(
    "given,header",
    [
        ("lkjip-2024.docx", 'attachment; filename="lkjip-2024.docx"'),
        ('Laporan "akhir".pdf', 'attachment; filename="Laporan \\"akhir\\".pdf"'),
        ("../x/y\r\nSet-Cookie: a=b.pdf", 'attachment; filename="ySet-Cookie: a=b.pdf"'),
        (
            "Capaian Kinerja – Jati.pdf",
            'attachment; filename="Capaian Kinerja _ Jati.pdf"; '
            "filename*=UTF-8''Capaian%20Kinerja%20%E2%80%93%20Jati.pdf",
        ),
        (
            "Évaluasi; ok.pdf",
            "attachment; filename=\"Evaluasi; ok.pdf\"; filename*=UTF-8''%C3%89valuasi%3B%20ok.pdf",
        ),
    ],
)
def test_content_disposition_is_an_attachment_with_a_safe_filename(given, header):
    assert files.content_disposition(given) == header


def test_resolve_keeps_a_stored_path_inside_media_root(settings, tmp_path):
    inside = files.write(files.new_name("bukti-dukung/1/2", ".pdf"), [b"%PDF-"], "bukti-dukung")
    relative = inside.relative_to(files.media_root().resolve() / "bukti-dukung")
    assert files.resolve(str(relative), under="bukti-dukung") == inside
    assert files.resolve(str(inside), under="bukti-dukung") == inside  # absolute, but inside
    outside = tmp_path / "luar.pdf"
    outside.write_bytes(b"%PDF-")
    (files.media_root() / "bukti-dukung" / "tautan.pdf").symlink_to(outside)
    for escape in ("../../luar.pdf", str(outside), "tautan.pdf", "../templat/x.docx", "", None):
        assert files.resolve(escape, under="bukti-dukung") is None
    with pytest.raises(ValueError):
        files.write("../../luar-lagi.pdf", [b"x"], "bukti-dukung")
    assert not (tmp_path / "luar-lagi.pdf").exists()
    assert files.remove("../../luar.pdf", under="bukti-dukung") is False
    assert outside.exists()


def test_a_new_name_is_a_random_token_with_the_given_extension():
    first, second = files.new_name("skm-impor/3", ".xlsx"), files.new_name("skm-impor/3", ".xlsx")
    assert first != second
    assert first.startswith("skm-impor/3/") and first.endswith(".xlsx")
    assert len(first.rsplit("/", 1)[1]) == 32 + len(".xlsx")


# --- document downloads ------------------------------------------------------------------------


@pytest.fixture
def opd(db):
    load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


def assert_download(response, content_type: str, filename: str):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_generated_documents_are_attachments_with_nosniff(client, opd):
    client.force_login(make_user(opd.pemda, "operator", opd))
    assert_download(
        client.get(reverse("lkjip_docx", args=[opd.slug, 2024])),
        DOCX,
        "lkjip-kecamatan-contoh-2024.docx",
    )
    assert_download(
        client.get(reverse("pengukuran_xlsx", args=[opd.slug, 2024])),
        XLSX,
        "pengukuran-kecamatan-contoh-2024.xlsx",
    )
    assert_download(
        client.get(reverse("skm_impor_templat", args=[opd.slug])),
        XLSX,
        "templat-skm-kecamatan-contoh.xlsx",
    )


def test_the_pemda_zip_is_served_only_from_inside_media_root(client, opd, settings, tmp_path):
    from sakip.pelaporan.models import PekerjaanDokumen

    settings.SAKIP_JOBS_SYNC = True
    client.force_login(make_user(opd.pemda, "admin_pemda"))
    client.post(reverse("dokumen_pemda", args=[2024]))
    job = PekerjaanDokumen.objects.get()
    url = reverse("unduh_pekerjaan", args=[job.pk])
    assert_download(client.get(url), "application/zip", "lkjip-kabupaten-contoh-2024.zip")
    outside = tmp_path / "lain.zip"
    outside.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    PekerjaanDokumen.objects.filter(pk=job.pk).update(berkas=str(outside))
    assert client.get(url).status_code == 404
