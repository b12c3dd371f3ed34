"""The LHE of an evaluation taken through the real flow (open, self-assessment, submit,
evaluator grades, review, publish): its figures are the ones the publication froze and the
worksheet shows, and a draft is marked as one."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document

from sakip.evaluasi import actions, scoring, worksheet
from sakip.evaluasi.lhe_build import build_lhe
from sakip.evaluasi.models import JawabanKriteria
from sakip.evaluasi.rekap import rekap_pemda
from sakip.formulas.numbers import format_angka
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
    # one number everywhere: the stored total is the engine's, a sum of 2-decimal scores
    assert engine.total == engine.total.quantize(Decimal("0.01"))
    assert evaluasi.nilai_akhir == engine.total
    assert sheet.evaluator.total == evaluasi.nilai_akhir
    assert build_lhe(evaluasi).total == evaluasi.nilai_akhir
    assert rekap_pemda(evaluasi.pemda, 2024).baris[0].total == evaluasi.nilai_akhir
    assert engine.predikat == evaluasi.predikat
    for user in (users["operator"], users["pimpinan"], users["viewer"], users["admin"]):
        status, text, header = lhe_text(client, user, opd)
        assert status == 200 and "DRAF" not in header
        total = format_angka(evaluasi.nilai_akhir, 2)
        assert f"memperoleh nilai {total} dengan predikat \u201c{evaluasi.predikat}\u201d" in text
    for component in sheet.evaluator.components:
        assert format_angka(component.score, 2) in text


def test_outputs_of_a_published_evaluation_read_its_frozen_total_and_predikat(client, flow):
    opd, users, evaluasi = flow
    actions.langkah(users["evaluator"], evaluasi, "reviu")
    evaluasi = actions.langkah(users["ketua"], evaluasi, "publikasikan").evaluasi
    evaluasi.refresh_from_db()
    frozen = (evaluasi.nilai_akhir, evaluasi.predikat)
    # grades changed behind the flow's back (a repair, an import): the published result stands
    JawabanKriteria.objects.filter(evaluasi=evaluasi).update(nilai_evaluator="AA")
    assert scoring.score(evaluasi, scoring.rows_of(evaluasi), scoring.EVALUATOR).total == 100
    lhe = build_lhe(evaluasi)
    assert (lhe.total, lhe.predikat) == frozen
    row = rekap_pemda(evaluasi.pemda, 2024).baris[0]
    assert (row.total, row.predikat) == frozen
    sheet = worksheet.build(evaluasi, akun_of(users["admin"]), users["admin"])
    assert (sheet.evaluator.total, sheet.evaluator.predikat) == frozen
    status, text, _header = lhe_text(client, users["operator"], opd)
    assert f"memperoleh nilai {format_angka(frozen[0], 2)}" in text
