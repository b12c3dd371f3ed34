"""The XLSX file between preview and "Terapkan": stored under a name sakip chooses in the pemda's
folder inside MEDIA_ROOT, its original name only shown (escaped), removed once applied, when the
user uploads another for the period, or when abandoned for a day."""

import os
import re
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip.survei import impor
from sakip.survei.models import Respons
from tests.survei.test_impor import GOOD, filled_template

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}\.xlsx$")


def unggah(client, opd, periode, name="kuesioner.xlsx"):
    content = filled_template(opd, [GOOD])
    return client.post(
        reverse("skm_impor", args=[opd.slug, periode.pk]),
        {"berkas": SimpleUploadedFile(name, content)},
    )


def stored(settings) -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def test_an_upload_named_like_a_path_waits_under_a_token(
    client, opd, operator, periode, layanan, settings, tmp_path
):
    client.force_login(operator)
    response = unggah(client, opd, periode, name="../../etc/<script>.xlsx")
    [waiting] = stored(settings)
    folder = (Path(settings.MEDIA_ROOT) / "skm-impor" / str(opd.pemda_id)).resolve()
    assert waiting.parent == folder and TOKEN.fullmatch(waiting.name)
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [waiting]  # nothing elsewhere
    page = client.get(response["Location"]).content.decode()
    assert "Pratinjau impor · &lt;script&gt;.xlsx" in page
    assert "<script>" not in page


def test_applying_removes_the_waiting_file(client, opd, operator, periode, layanan, settings):
    client.force_login(operator)
    preview = unggah(client, opd, periode)["Location"]
    assert client.post(preview).status_code == 302
    assert Respons.objects.count() == 1
    # only the empty marker that tells a second click it was applied already
    assert [(p.suffix, p.stat().st_size) for p in stored(settings)] == [(".diterapkan", 0)]


def test_a_new_upload_for_the_period_removes_the_one_left_before(
    client, opd, operator, periode, layanan, settings
):
    client.force_login(operator)
    first = unggah(client, opd, periode)["Location"]
    second = unggah(client, opd, periode)["Location"]
    [waiting] = stored(settings)
    assert waiting.stem in second and waiting.stem not in first
    gone = client.get(first, follow=True).content.decode()
    assert "tidak ditemukan atau kedaluwarsa" in gone


def test_a_file_abandoned_for_a_day_is_swept_at_the_next_upload(
    client, opd, operator, periode, layanan, settings
):
    client.force_login(operator)
    unggah(client, opd, periode)
    [abandoned] = stored(settings)
    day_ago = time.time() - impor.SIMPAN_JAM * 3600 - 60
    os.utime(abandoned, (day_ago, day_ago))
    token = impor.simpan_unggahan(b"PK\x03\x04", opd.pemda_id)  # anyone's next upload
    assert not abandoned.exists()
    assert [p.stem for p in stored(settings)] == [token]


def test_a_token_never_reaches_outside_the_pemda_folder(opd, settings):
    token = impor.simpan_unggahan(b"PK\x03\x04", opd.pemda_id)
    assert impor.baca_unggahan(token, opd.pemda_id) == b"PK\x03\x04"
    assert impor.baca_unggahan(token, opd.pemda_id + 1) is None  # another pemda's folder
    for bad in ("../" + token, f"{opd.pemda_id}/{token}", "..", ""):
        assert impor.baca_unggahan(bad, opd.pemda_id) is None
