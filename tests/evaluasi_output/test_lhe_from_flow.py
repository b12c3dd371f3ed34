"""The LHE of an evaluation taken through the real flow (open, self-assessment, submit,
evaluator grades, review, publish): its figures are the ones the publication froze and the
worksheet shows, and a draft is marked as one."""

import io

import pytest
from django.urls import reverse
from docx import Document

from sakip.evaluasi import actions, scoring, worksheet
from sakip.formulas.numbers import format_angka, round_half_up
from sakip.organisasi.access import akun_of
from tests.evaluasi.helpers import grade_all, opened, team
from tests.evaluasi_output.factories import opd_named

pytestmark = pytest.mark.django_db

GRADES = ("AA", "A", "BB", "B", "CC", "C", "D")


def varied(jawaban) -> str:
    return GRADES[jawaban.pk % len(GRADES)]


@pytest.fixture
def flow():
    opd = opd_named("kecamatan-contoh", "Kecamatan Contoh")
    users = team(opd)
    evaluasi = opened(opd, users)
    grade_all(evaluasi, users["operator"], "mandiri", "A")
    actions.langkah(users["operator"], evaluasi, "ajukan")
    grade_all(evaluasi, users["evaluator"], "nilai", varied)
    return opd, users, evaluasi


def lhe_text(client, user, opd) -> tuple[int, str, str]:
    client.force_login(user)
    response = client.get(reverse("evaluasi_lhe", args=[opd.slug, 2024, "docx"]))
    if response.status_code != 200:
        return response.status_code, "", ""
    document = Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    header = "\n".join(p.text for s in document.sections for p in s.header.paragraphs)
    return 200, "\n".join(parts), header


def test_the_published_lhe_says_what_the_publication_froze(client, flow):
    opd, users, evaluasi = flow
    assert lhe_text(client, users["operator"], opd)[0] == 403  # not yet published
    status, draft, header = lhe_text(client, users["evaluator"], opd)
    assert status == 200 and "DRAF" in header
    actions.langkah(users["evaluator"], evaluasi, "reviu")
    moved = actions.langkah(users["ketua"], evaluasi, "publikasikan")
    evaluasi = moved.evaluasi
    evaluasi.refresh_from_db()  # the frozen total as stored
    sheet = worksheet.build(evaluasi, akun_of(users["operator"]), users["operator"])
    engine = scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR)
    assert sheet.evaluator.total == engine.total  # the worksheet's figure is the engine's
    assert round_half_up(engine.total, 2) == round_half_up(evaluasi.nilai_akhir, 2)
    assert engine.predikat == evaluasi.predikat
    for user in (users["operator"], users["pimpinan"], users["viewer"], users["admin"]):
        status, text, header = lhe_text(client, user, opd)
        assert status == 200 and "DRAF" not in header
        total = format_angka(evaluasi.nilai_akhir, 2)
        assert f"memperoleh nilai {total} dengan predikat \u201c{evaluasi.predikat}\u201d" in text
    for component in sheet.evaluator.components:
        assert format_angka(component.score, 2) in text
