"""Paper questionnaires from the XLSX template: preview with every problem (row, column,
message), then apply all rows in one transaction, or none."""

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sakip.organisasi.models import Peristiwa
from sakip.survei import actions, impor
from sakip.survei.forms import UKURAN_IMPOR_MAKS
from sakip.survei.models import Respons

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    """Uploads wait in the test's own folder, never in the checkout's sakip-data."""
    settings.DATA_DIR = tmp_path
    return tmp_path


GOOD = [
    "KTP dan KK",
    "Perempuan",
    41,
    "SMA/SMK",
    "Petani/nelayan",
    3,
    3,
    4,
    4,
    3,
    3,
    4,
    2,
    3,
    "Bagus",
]


def template(opd) -> bytes:
    return impor.templat(opd, actions.unsur_of(opd))


def filled_template(opd, rows) -> bytes:
    book = load_workbook(BytesIO(template(opd)))
    sheet = book["Kuesioner"]
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, opd, periode, content, name="kuesioner.xlsx"):
    return client.post(
        reverse("skm_impor", args=[opd.slug, periode.pk]),
        {"berkas": SimpleUploadedFile(name, content)},
    )


def test_the_template_has_indonesian_headers_lists_and_instructions(client, opd, operator, layanan):
    client.force_login(operator)
    response = client.get(reverse("skm_impor_templat", args=[opd.slug]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Kuesioner", "Petunjuk", "Pilihan"]
    headers = [c.value for c in book["Kuesioner"][1]]
    assert headers[:6] == [
        "Layanan *",
        "Jenis kelamin *",
        "Usia *",
        "Pendidikan *",
        "Pekerjaan *",
        "U1 *",
    ]
    assert headers[-1] == "Saran"
    rules = {str(dv.sqref): dv for dv in book["Kuesioner"].data_validations.dataValidation}
    assert rules["A2:A1001"].type == "list" and "Pilihan!$A$2:$A$2" in rules["A2:A1001"].formula1
    assert (rules["F2:F1001"].type, rules["F2:F1001"].formula1, rules["F2:F1001"].formula2) == (
        "whole",
        "1",
        "4",
    )
    assert book["Pilihan"]["A2"].value == "KTP dan KK"
    instructions = "\n".join(str(c.value) for c in book["Petunjuk"]["B"] if c.value)
    assert "kesesuaian persyaratan pelayanan" in instructions and "4 = Gratis" in instructions


def test_the_preview_lists_every_problem_and_stores_nothing(
    client, opd, operator, periode, layanan
):
    client.force_login(operator)
    rows = [
        GOOD,
        ["KTP dan KK", "Perempuan", 41, "SMA/SMK", "Petani/nelayan", 3, 5, 4, 4, 3, 3, 4, 2, 3],
        ["Paspor", "L", 30, "S1", "pns", 3, 3, 3, 3, 3, 3, 3, 3, 3],
        [None] * 15,  # an empty row is skipped
        [
            "KTP dan KK",
            "Perempuan",
            "empat puluh",
            "SMA/SMK",
            "Petani/nelayan",
            3,
            3,
            3,
            3,
            3,
            3,
            3,
            3,
            None,
        ],
    ]
    response = upload(client, opd, periode, filled_template(opd, rows))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "4 baris kuesioner dibaca; 3 baris bermasalah; 4 kesalahan seluruhnya." in body
    assert (
        '<td class="num">3</td><td>U2</td><td>Jawaban U2 harus angka 1, 2, 3 atau 4, bukan “5”.</td>'
        in body
    )
    assert "Layanan “Paspor” tidak dikenal di OPD ini" in body
    assert '<td class="num">6</td><td>Usia</td>' in body
    assert "Jawaban U9 wajib diisi (1–4)." in body
    assert "Terapkan" not in body
    # "Terapkan" posted anyway (an old tab): nothing stored
    assert client.post(response["Location"]).status_code == 422
    assert Respons.objects.count() == 0


def test_a_missing_column_is_reported_against_the_header(client, opd, operator, periode, layanan):
    book = Workbook()
    sheet = book.active
    sheet.append(["Layanan", "Jenis kelamin", "Usia", "Pendidikan", "Pekerjaan", "U1", "U2"])
    sheet.append(["KTP dan KK", "L", 30, "SMP", "Lainnya", 3, 3])
    buffer = BytesIO()
    book.save(buffer)
    client.force_login(operator)
    response = upload(client, opd, periode, buffer.getvalue())
    body = client.get(response["Location"]).content.decode()
    assert "Kolom “U3” tidak ada di baris judul." in body and "Kolom “U9” tidak ada" in body
    assert "belum dapat diterapkan" in body


def test_not_a_spreadsheet_and_too_big_are_refused_at_upload(client, opd, operator, periode):
    client.force_login(operator)
    junk = upload(client, opd, periode, b"bukan excel")
    body = client.get(junk["Location"]).content.decode()
    assert "tidak dapat dibaca sebagai XLSX" in body
    big = upload(client, opd, periode, b"0" * (UKURAN_IMPOR_MAKS + 1))
    assert big.status_code == 422
    assert "Berkas terlalu besar" in big.content.decode()
    huge = upload(client, opd, periode, b"0" * (3 * 1024 * 1024))  # refused before reading
    assert huge.status_code == 422
    assert "Berkas terlalu besar; paling besar 2 MB." in huge.content.decode()
    csv = upload(client, opd, periode, b"a,b", name="data.csv")
    assert "Unggah berkas Excel .xlsx" in csv.content.decode()


def test_apply_stores_every_row_in_one_go_and_logs_it(client, opd, operator, periode, layanan):
    client.force_login(operator)
    rows = [
        GOOD,
        [*GOOD[:2], 66, *GOOD[3:]],
        ["ktp-dan-kk", "L", 19, "2", "5", 1, 1, 1, 1, 1, 1, 1, 1, 1],
    ]
    preview = upload(client, opd, periode, filled_template(opd, rows))["Location"]
    assert "Terapkan: simpan 3 kuesioner" in client.get(preview).content.decode()
    applied = client.post(preview)
    assert applied.status_code == 302
    stored = list(Respons.objects.order_by("pk"))
    assert [(r.usia, r.saluran, r.diinput_oleh) for r in stored] == [
        (41, "impor", operator),
        (66, "impor", operator),
        (19, "impor", operator),
    ]
    assert (stored[2].jenis_kelamin, stored[2].pendidikan, stored[2].pekerjaan) == (
        "L",
        "smp",
        "pelajar",
    )
    event = Peristiwa.objects.get(jenis=Peristiwa.Jenis.SKM_IMPOR)
    assert "3 kuesioner" in event.objek and "kuesioner.xlsx" in event.objek
    # the file is gone: applying twice cannot double the responses
    again = client.post(preview)
    assert again.status_code == 302 and Respons.objects.count() == 3


def test_apply_checks_again_and_stores_nothing_when_a_row_went_wrong(
    client, opd, operator, periode, layanan
):
    client.force_login(operator)
    preview = upload(client, opd, periode, filled_template(opd, [GOOD, GOOD]))["Location"]
    actions.ubah_layanan(operator, layanan, "KTP-el", 1, True, layanan.versi)  # meanwhile
    response = client.post(preview)
    assert response.status_code == 422
    assert "Layanan “KTP dan KK” tidak dikenal" in response.content.decode()
    assert Respons.objects.count() == 0


def test_all_or_nothing_when_the_database_refuses_one_row(opd, operator, periode, layanan):
    report = impor.baca_berkas(filled_template(opd, [GOOD, GOOD]), opd)
    rows = report.siap()
    rows[1] = (rows[1][0], {**rows[1][1], "u5": 9})  # past the checks: the database refuses
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError on every database
        actions.terapkan_impor(operator, periode, rows, "x.xlsx")
    assert Respons.objects.count() == 0
    assert not Peristiwa.objects.filter(jenis="skm_impor").exists()


def test_another_users_upload_cannot_be_applied(client, opd, operator, periode, layanan):
    from tests.personas import make_user

    client.force_login(operator)
    preview = upload(client, opd, periode, filled_template(opd, [GOOD]))["Location"]
    client.force_login(make_user(opd.pemda, "pimpinan", opd, name="camat"))
    assert client.post(preview).status_code == 302  # not in this session: back to upload
    assert Respons.objects.count() == 0


def test_a_double_click_on_apply_imports_once(client, opd, operator, periode, layanan, monkeypatch):
    """The second click arrives while the first is applying (its session still lists the
    upload): the stored file is claimed by the first, so the second is told and adds nothing."""
    client.force_login(operator)
    preview = upload(client, opd, periode, filled_template(opd, [GOOD, GOOD]))["Location"]
    second = Client()
    second.cookies = client.cookies  # the same browser, the same session
    original, answers = actions.terapkan_impor, []

    def first_click(*args, **kwargs):
        if not answers:
            answers.append(second.post(preview, follow=True))
        return original(*args, **kwargs)

    monkeypatch.setattr(actions, "terapkan_impor", first_click)
    assert client.post(preview).status_code == 302
    assert Respons.objects.count() == 2
    assert "sudah diterapkan" in answers[0].content.decode()
    assert Peristiwa.objects.filter(jenis=Peristiwa.Jenis.SKM_IMPOR).count() == 1
    again = client.post(preview, follow=True)  # later, once more from the same page
    assert "sudah diterapkan" in again.content.decode()
    assert Respons.objects.count() == 2


def test_a_failed_apply_leaves_the_file_for_another_try(client, opd, operator, periode, layanan):
    client.force_login(operator)
    preview = upload(client, opd, periode, filled_template(opd, [GOOD]))["Location"]
    actions.ubah_layanan(operator, layanan, "KTP-el", 1, True, layanan.versi)
    assert client.post(preview).status_code == 422
    layanan.refresh_from_db()
    actions.ubah_layanan(operator, layanan, "KTP dan KK", 1, True, layanan.versi)
    assert client.post(preview).status_code == 302
    assert Respons.objects.count() == 1


def test_uploads_stay_in_the_media_root(client, opd, operator, periode, layanan, settings):
    client.force_login(operator)
    upload(client, opd, periode, filled_template(opd, [GOOD]))
    folder = settings.MEDIA_ROOT / "skm-impor" / str(opd.pemda_id)
    assert len(list(folder.glob("*.xlsx"))) == 1


def test_a_file_of_many_blank_rows_is_not_walked_to_the_end(opd, layanan):
    book = load_workbook(BytesIO(template(opd)))
    sheet = book["Kuesioner"]
    sheet.append(GOOD)
    sheet.cell(row=200_000, column=1, value="KTP dan KK")
    buffer = BytesIO()
    book.save(buffer)
    assert len(buffer.getvalue()) < 100 * 1024
    report = impor.baca_berkas(buffer.getvalue(), opd)
    assert not report.bisa_diterapkan
    stop = impor.BARIS_MAKS + impor.BARIS_LONGGAR + 2
    assert [(m.baris, m.pesan[:40]) for m in report.masalah_berkas] == [
        (stop, "Lebih dari 5000 baris kuesioner, atau le")
    ]


def test_a_zip_that_unpacks_too_big_is_refused_before_reading(opd, layanan):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (impor.ISI_ZIP_MAKS + 1))
    assert len(buffer.getvalue()) < UKURAN_IMPOR_MAKS
    report = impor.baca_berkas(buffer.getvalue(), opd)
    assert [m.pesan[:44] for m in report.masalah_berkas] == [
        "Isi berkas terlalu besar setelah dibuka (20 "
    ]
