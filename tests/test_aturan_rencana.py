"""One rule for who changes an OPD's plan (perencanaan.actions.require_planner_of): the OPD's
operator or pimpinan, or the admin SAKIP of its pemda. Everyone else is refused and nothing is
written; what is not the plan (LKjIP text, signing the PK, the quarter) keeps its own rule."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.actions_profil import simpan_profil_opd
from sakip.organisasi.models import PerangkatDaerah
from sakip.pelaporan.actions import simpan_laporan
from sakip.pengukuran.actions import simpan_realisasi_kinerja
from sakip.perencanaan import actions
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Pagu,
    PerjanjianKinerja,
)
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def opd():
    load_data(dataset(perjanjian_kinerja=[]))
    return PerangkatDaerah.objects.select_related("pemda").get(slug="kecamatan-contoh")


@pytest.fixture
def other_pemda_admin():
    far = dataset()
    far["pemda"] = {**far["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    far["opd"] = {**far["opd"], "slug": "dinas-lain", "nama": "Dinas Lain Kota"}
    load_data(far)
    theirs = PerangkatDaerah.objects.get(slug="dinas-lain")
    return make_user(theirs.pemda, "admin_pemda", name="admin-kota-lain")


def plan_writes(opd):
    """Every kind of plan write, each a call taking the user, with what it would change."""
    indikator = Indikator.objects.get(opd=opd, kode="IKM")
    pagu = Pagu.objects.filter(versi_anggaran__opd=opd).order_by("pk").first()
    link = IndikatorRenstra.objects.get(renstra__opd=opd, indikator=indikator)
    return {
        "PK": lambda u: actions.buat_pk_dari_renstra(u, opd, 2025),
        "target Renstra": lambda u: actions.simpan_target_renstra(
            u, link, {2025: Decimal(91)}, link.target_akhir, link.versi
        ),
        "indikator": lambda u: actions.simpan_indikator(
            u, indikator, {"nama": "Diubah"}, indikator.versi
        ),
        "pagu": lambda u: actions.simpan_pagu(u, pagu, Decimal(900000), pagu.versi),
        "profil": lambda u: simpan_profil_opd(u, opd, {"alamat": "Jl. Diubah"}),
    }


def snapshot(opd):
    indikator = Indikator.objects.get(opd=opd, kode="IKM")
    opd.refresh_from_db()
    return (
        PerjanjianKinerja.objects.filter(opd=opd).count(),
        indikator.nama,
        list(Pagu.objects.filter(versi_anggaran__opd=opd).values_list("jumlah", flat=True)),
        opd.alamat,
    )


def assert_refused(user, opd) -> list[str]:
    """Every plan write refused for `user`, nothing changed; the refusals."""
    before = snapshot(opd)
    refusals = []
    for write in plan_writes(opd).values():
        with pytest.raises(PermissionDenied) as refused:
            write(user)
        refusals.append(str(refused.value))
    assert snapshot(opd) == before
    assert not actions.is_planner_of(user.akun, opd)
    return refusals


def test_the_admin_of_the_pemda_changes_the_plan_of_its_opd(opd):
    admin = make_user(opd.pemda, "admin_pemda")
    for write in plan_writes(opd).values():
        write(admin)  # nothing raised
    assert PerjanjianKinerja.objects.filter(opd=opd, tahun=2025).exists()
    assert Indikator.objects.get(opd=opd, kode="IKM").nama == "Diubah"
    assert Pagu.objects.filter(versi_anggaran__opd=opd, jumlah=900000).exists()
    opd.refresh_from_db()
    assert opd.alamat == "Jl. Diubah"
    assert actions.is_planner_of(admin.akun, opd)


@pytest.mark.parametrize("peran", ["evaluator", "viewer"])
def test_the_evaluator_and_the_viewer_are_refused_with_the_roles_that_may(opd, peran):
    for message in assert_refused(make_user(opd.pemda, peran), opd):
        assert "Operator OPD, Pimpinan OPD, Admin SAKIP pemda" in message, message


def test_the_admin_of_another_pemda_is_refused(opd, other_pemda_admin):
    assert_refused(other_pemda_admin, opd)


def test_through_the_pages_the_admin_of_another_pemda_finds_nothing(client, opd, other_pemda_admin):
    client.force_login(other_pemda_admin)
    assert client.post(reverse("pk_buat", args=[opd.slug, 2025])).status_code == 404
    assert not PerjanjianKinerja.objects.filter(opd=opd, tahun=2025).exists()


def test_the_operator_of_another_opd_of_the_pemda_is_refused(opd):
    same = dataset()
    same["opd"] = {**same["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(same)
    neighbour = make_user(
        opd.pemda, "operator", PerangkatDaerah.objects.get(slug="dinas-lain"), name="tetangga"
    )
    for message in assert_refused(neighbour, opd):
        assert "OPD Anda sendiri" in message, message


def test_the_pages_show_the_admin_the_plan_forms(client, opd):
    client.force_login(make_user(opd.pemda, "admin_pemda"))
    page = client.get(reverse("perjanjian_kinerja", args=[opd.slug, 2025])).content.decode()
    assert reverse("pk_buat", args=[opd.slug, 2025]) in page
    client.force_login(make_user(opd.pemda, "viewer"))
    page = client.get(reverse("perjanjian_kinerja", args=[opd.slug, 2025])).content.decode()
    assert reverse("pk_buat", args=[opd.slug, 2025]) not in page


def test_what_is_not_the_plan_keeps_its_own_rule(opd):
    admin = make_user(opd.pemda, "admin_pemda")
    indikator = Indikator.objects.get(opd=opd, kode="IKM")
    with pytest.raises(
        PermissionDenied, match="Hanya Operator OPD, Pimpinan OPD yang dapat menulis"
    ):
        simpan_laporan(admin, opd, 2024, {}, None)  # the LKjIP is the OPD's report
    with pytest.raises(PermissionDenied):
        simpan_realisasi_kinerja(admin, indikator, 2024, 1, Decimal(80), "", None)
    pk = actions.buat_pk_dari_renstra(admin, opd, 2025)
    with pytest.raises(PermissionDenied, match="Pimpinan OPD"):
        actions.tandatangani_pk(admin, pk)  # signing is the head of the OPD's
    pk.refresh_from_db()
    assert pk.status == "draft"
