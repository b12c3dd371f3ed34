"""The PK's pihak pertama from the OPD's pimpinan account: a new PK takes it when the account
has nama lengkap and NIP (else the OPD's kepala), and the signatory form fills it from a chosen
account, server-side; the Word document then names that person with the NIP."""

import io

import pytest
from django.urls import reverse
from docx import Document

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.perencanaan.models import PerjanjianKinerja
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"


@pytest.fixture
def opd():
    load_data(dataset(perjanjian_kinerja=[]))
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


def person(user, nama, nip, pangkat="", jabatan=""):
    user.first_name = nama
    user.save()
    akun = user.akun
    akun.nip, akun.pangkat_golongan, akun.jabatan = nip, pangkat, jabatan
    akun.save()
    return user


@pytest.fixture
def camat(opd):
    return person(
        make_user(opd.pemda, "pimpinan", opd, name="camat"),
        "SUGENG RIYADI, S.Sos.",
        "197104152000031002",
        "Pembina Tingkat I (IV/b)",
        "Camat Contoh",
    )


def url(name, *args):
    return reverse(name, args=[OPD, 2025, *args])


def pk_2025():
    return PerjanjianKinerja.objects.get(opd__slug=OPD, tahun=2025)


def docx_text(client) -> str:
    response = client.get(url("pk_dokumen", 0, "docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_a_new_pk_takes_the_pimpinan_account_with_nama_and_nip(client, opd, camat):
    client.force_login(make_user(opd.pemda, "operator", opd))
    client.post(url("pk_buat"))
    pk = pk_2025()
    assert (
        pk.pihak_pertama_nama,
        pk.pihak_pertama_nip,
        pk.pihak_pertama_pangkat,
        pk.pihak_pertama_jabatan,
    ) == ("SUGENG RIYADI, S.Sos.", "197104152000031002", "Pembina Tingkat I (IV/b)", "Camat Contoh")
    assert pk.pihak_kedua_jabatan == "Bupati Contoh"  # the Bupati stays as the pemda has him


def test_without_a_named_pimpinan_account_the_kepala_of_the_opd_signs(client, opd):
    # a pimpinan without NIP and an operator with both do not count
    person(make_user(opd.pemda, "pimpinan", opd, name="sekcam"), "TANPA NIP", "")
    person(make_user(opd.pemda, "operator", opd), "OPERATOR", "198001012005011001")
    client.force_login(opd.akun.get(peran="operator").user)
    client.post(url("pk_buat"))
    pk = pk_2025()
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_nip) == ("Camat Contoh", "1")


def test_choosing_a_pimpinan_account_fills_the_signatory_and_the_document_names_them(
    client, opd, camat
):
    operator = make_user(opd.pemda, "operator", opd)
    client.force_login(operator)
    client.post(url("pk_buat"))
    pk = pk_2025()
    # a new Camat takes office: the admin has made his account
    baru = person(
        make_user(opd.pemda, "pimpinan", opd, name="camat-baru"),
        "RINA KARTIKASARI, S.STP., M.Si.",
        "198506222004122001",
        "Pembina (IV/a)",
    )
    page = client.get(url("perjanjian_kinerja")).content.decode()
    assert "RINA KARTIKASARI, S.STP., M.Si., NIP. 19850622 200412 2 001" in page
    assert "onchange" not in page  # a plain form post: the page's CSP runs no inline script
    response = client.post(
        url("pk_pihak_pertama_akun", 0), {"versi": pk.versi, "akun": baru.akun.pk}
    )
    assert response.status_code == 302
    pk.refresh_from_db()
    assert (pk.pihak_pertama_nama, pk.pihak_pertama_nip, pk.pihak_pertama_pangkat) == (
        "RINA KARTIKASARI, S.STP., M.Si.",
        "198506222004122001",
        "Pembina (IV/a)",
    )
    assert pk.pihak_pertama_jabatan == "Camat Contoh"  # her account has none: the post stays
    assert pk.history.first().history_change_reason == "pihak pertama diisi dari akun camat-baru"
    text = docx_text(client)
    assert "RINA KARTIKASARI, S.STP., M.Si." in text
    assert "NIP. 19850622 200412 2 001" in text
    assert "SUGENG RIYADI" not in text


def test_only_a_named_pimpinan_of_the_opd_can_be_chosen(client, opd, camat):
    operator = person(
        make_user(opd.pemda, "operator", opd), "OPERATOR CONTOH", "198001012005011001"
    )
    client.force_login(operator)
    client.post(url("pk_buat"))
    other = dataset()
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(other)
    neighbour = person(
        make_user(opd.pemda, "pimpinan", PerangkatDaerah.objects.get(slug="dinas-lain")),
        "KEPALA DINAS LAIN",
        "197001012000011001",
    )
    before = pk_2025().pihak_pertama_nama
    for chosen in (operator, neighbour):
        response = client.post(
            url("pk_pihak_pertama_akun", 0), {"versi": pk_2025().versi, "akun": chosen.akun.pk}
        )
        assert response.status_code == 422
        assert "Pilih salah satu akun pimpinan OPD ini." in response.content.decode()
    assert pk_2025().pihak_pertama_nama == before


def test_a_stale_form_or_a_signed_pk_is_refused(client, opd, camat):
    client.force_login(camat)
    client.post(url("pk_buat"))
    pk = pk_2025()
    stale = client.post(
        url("pk_pihak_pertama_akun", 0), {"versi": pk.versi - 1, "akun": camat.akun.pk}
    )
    assert stale.status_code == 422
    assert "baru saja diubah orang lain" in stale.content.decode()
    pk.status = PerjanjianKinerja.Status.DITANDATANGANI
    pk.save()
    signed = client.post(
        url("pk_pihak_pertama_akun", 0), {"versi": pk.versi, "akun": camat.akun.pk}
    )
    assert signed.status_code == 422
    assert "PK 2025 revisi 0 sudah ditandatangani: targetnya terkunci" in signed.content.decode()


def test_the_viewer_cannot_fill_the_signatory(client, opd, camat):
    client.force_login(camat)
    client.post(url("pk_buat"))
    pk = pk_2025()
    client.force_login(make_user(opd.pemda, "viewer"))
    response = client.post(
        url("pk_pihak_pertama_akun", 0), {"versi": pk.versi, "akun": camat.akun.pk}
    )
    assert response.status_code == 403
    assert pk_2025().versi == pk.versi
