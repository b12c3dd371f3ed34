"""The demo accounts are people: nama lengkap, a NIP that reads right, pangkat/golongan and
jabatan; a re-run fills only what is still empty; the demo LHE and PK name them with the NIP."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from sakip.dataset import load_file
from sakip.demo.accounts import ensure_demo_accounts
from sakip.demo.management.commands.demo import DEMO_FILE
from sakip.evaluasi import demo as evaluasi_demo
from sakip.organisasi.models import Akun, PerangkatDaerah
from sakip.organisasi.orang import bersihkan_nip

pytestmark = pytest.mark.django_db

USERNAMES = ["admin-blora", "operator-jati", "pimpinan-jati", "evaluator-blora", "ketua-tim-blora"]


@pytest.fixture
def jati():
    load_file(DEMO_FILE)
    opd = PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-jati")
    ensure_demo_accounts(opd)
    return opd


def akun(username) -> Akun:
    return Akun.objects.select_related("user").get(user__username=username)


def document_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def grouped(nip: str) -> str:
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


@pytest.mark.parametrize("username", USERNAMES)
def test_every_demo_account_is_a_person_with_a_nip_that_reads_right(jati, username):
    found = akun(username)
    assert found.user.first_name and found.pangkat_golongan and found.jabatan
    nip = found.nip
    assert bersihkan_nip(nip) == nip and len(nip) == 18
    lahir = datetime.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))  # a real date
    diangkat = datetime.date(int(nip[8:12]), int(nip[12:14]), 1)
    assert datetime.date(1955, 1, 1) < lahir and diangkat.year - lahir.year >= 18
    assert diangkat <= datetime.date(2024, 12, 1)
    assert nip[14] in "12" and nip[15:] != "000"  # 1 laki-laki, 2 perempuan; nomor urut


def test_the_camat_is_the_seeds_and_the_team_are_auditors_of_the_inspektorat(jati):
    camat = akun("pimpinan-jati")
    assert (camat.user.first_name, camat.nip, camat.pangkat_golongan, camat.jabatan) == (
        "TULUS SETYONO, S.Pt",
        "196705071989031012",
        "Pembina (IV/a)",
        "Camat Jati",
    )
    assert "Subbagian Program dan Keuangan Kecamatan Jati" in akun("operator-jati").jabatan
    assert "Bagian Organisasi" in akun("admin-blora").jabatan
    assert akun("ketua-tim-blora").jabatan.startswith("Auditor Ahli Madya, Inspektorat")
    assert "Inspektorat Kabupaten Blora" in akun("evaluator-blora").jabatan


def test_a_rerun_fills_only_what_is_empty(jati):
    operator = akun("operator-jati")
    operator.user.first_name = "Nama Yang Diketik"
    operator.user.save()
    operator.jabatan = ""
    operator.nip = "199001012015031001"
    operator.save()
    again = ensure_demo_accounts(jati)
    assert all(a.password is None for a in again)  # nothing else about the accounts changed
    operator = akun("operator-jati")
    assert operator.user.first_name == "Nama Yang Diketik"
    assert operator.nip == "199001012015031001"
    assert operator.jabatan == "Kepala Subbagian Program dan Keuangan Kecamatan Jati"


def test_the_demo_lhe_names_the_team_by_nama_and_nip(client, jati):
    evaluasi_demo.load_demo(jati)
    client.force_login(akun("evaluator-blora").user)
    response = client.get(reverse("evaluasi_lhe", args=[jati.slug, 2024, "docx"]))
    assert response.status_code == 200
    text = document_text(response.content)
    for username in ("ketua-tim-blora", "evaluator-blora"):
        person = akun(username)
        assert person.user.first_name in text, username
        assert grouped(person.nip) in text, username
    assert "ketua-tim-blora" not in text and "evaluator-blora" not in text


def test_the_demo_pk_names_the_camat_by_nama_and_nip(client, jati):
    client.force_login(akun("operator-jati").user)
    response = client.get(reverse("pk_dokumen", args=[jati.slug, 2024, 0, "docx"]))
    assert response.status_code == 200
    text = document_text(response.content)
    assert "TULUS SETYONO, S.Pt" in text and "NIP. 19670507 198903 1 012" in text
