"""Renstra authoring in the browser (issue 11 part 2), through the real views and actions: a
planner writes a Renstra from nothing and the measurement sees it; others are refused; deletes
that would lose realisations, a PK or a locked quarter are refused with the reason and change
nothing; the perubahan copies the murni and the page lists what changed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from sakip.dataset import load_data
from sakip.organisasi.models import Pemda, PerangkatDaerah
from sakip.pengukuran.measurement import measure
from sakip.pengukuran.models import PeriodeLaporan
from sakip.perencanaan.forms_renstra import penjelasan_from_text, penjelasan_to_text
from sakip.perencanaan.models import (
    Indikator,
    IndikatorRenstra,
    Renstra,
    Sasaran,
    TargetRenstra,
    Tujuan,
)
from sakip.perencanaan.renstra_beda import DIHAPUS, DITAMBAH, IndikatorData, RenstraData, beda
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db
OPD = "kecamatan-contoh"


def _opd():
    return PerangkatDaerah.objects.select_related("pemda").get(slug=OPD)


@pytest.fixture
def kosong():
    """The test OPD with its indicator IKM and its budget, but no Renstra, PK or realisation."""
    load_data(dataset(renstra=[], perjanjian_kinerja=[], realisasi_kinerja=[]))
    return _opd()


@pytest.fixture
def terisi():
    """The test OPD as loaded: Renstra murni 2021–2026 with T1 → IKM, a signed PK 2024 and
    realisations of IKM in 2024."""
    load_data(dataset())
    return _opd()


def url(name, *args):
    return reverse(name, args=[OPD, *args])


def snapshot():
    """Everything a refused write must leave as it was."""
    return (
        list(Renstra.objects.values_list("pk", "versi", "visi_opd")),
        list(Tujuan.objects.values_list("pk", "kode", "urutan", "uraian")),
        list(Sasaran.objects.values_list("pk", "kode", "urutan", "uraian", "tujuan_id")),
        list(IndikatorRenstra.objects.values_list("pk", "indikator_id", "urutan", "target_akhir")),
        list(TargetRenstra.objects.values_list("pk", "tahun", "target")),
        list(Indikator.objects.values_list("pk", "kode")),
    )


def indikator_post(kode, nama, targets, akhir, **sheet):
    data = {
        "ind-kode": kode,
        "ind-nama": nama,
        "ind-satuan": "%",
        "ind-arah": "naik",
        "ind-tipe_penghitungan": "posisi_akhir",
        "ind-frekuensi": "triwulanan",
        "ind-sumber_realisasi": "manual",
        "ind-presisi": "2",
        "ind-skala_min": "0",
        "ind-skala_max": "100",
        "ind-iku": "on",
        "ind-formulasi": "jumlah layanan sesuai SOP / seluruh layanan × 100",
        "target-akhir": akhir,
    }
    data.update({f"target-t{year}": value for year, value in targets.items()})
    data.update({f"ind-{k}": v for k, v in sheet.items()})
    return data


def test_the_planner_writes_a_renstra_and_the_measurement_sees_it(client, kosong):
    client.force_login(make_user(kosong.pemda, "operator", kosong))
    page = client.get(url("renstra")).content.decode()
    assert reverse("renstra_baru", args=[OPD]) in page

    response = client.post(url("renstra_baru"), {"tahun_awal": "2024", "nomor": "12/2024"})
    renstra = Renstra.objects.get(opd=kosong)
    assert response.status_code == 302
    assert (renstra.versi, renstra.tahun_awal, renstra.tahun_akhir) == ("murni", 2024, 2028)

    narasi = {
        "narasi-nomor": "12/2024",
        "narasi-visi_opd": "Kecamatan yang melayani",
        "narasi-misi_opd": "Melayani cepat\nMelayani ramah\n",
        "narasi-penjelasan_visi_pemda": "Unggul\n- berdaya saing\n- mandiri\nSejahtera",
    }
    assert client.post(url("renstra_narasi", renstra.pk), narasi).status_code == 302
    client.post(
        url("renstra_tujuan_tambah", renstra.pk),
        {"tb-kode": "T1", "tb-uraian": "Meningkatnya pelayanan"},
    )
    tujuan = Tujuan.objects.get(renstra=renstra)
    for kode, uraian in (("S1", "Layanan sesuai SOP"), ("S2", "Administrasi tertib")):
        response = client.post(
            url("renstra_sasaran_tambah", renstra.pk, tujuan.pk),
            {f"sb{tujuan.pk}-kode": kode, f"sb{tujuan.pk}-uraian": uraian},
        )
        assert response.status_code == 302
    s1, s2 = Sasaran.objects.filter(renstra=renstra).order_by("urutan")
    for goal, kode, nama, target in (
        (s1, "SOP", "Persentase layanan sesuai SOP", "90"),
        (s1, "ADU", "Persentase pengaduan ditindaklanjuti", "80,5"),
        (s2, "ADM", "Persentase administrasi tertib", "100"),
    ):
        response = client.post(
            url("renstra_indikator_tambah", renstra.pk, "sasaran", goal.pk),
            indikator_post(kode, nama, {2024: target, 2025: "95"}, "99"),
        )
        assert response.status_code == 302, response.content.decode()

    renstra.refresh_from_db()
    assert renstra.misi_opd == ["Melayani cepat", "Melayani ramah"]
    assert renstra.penjelasan_visi_pemda == [
        {"judul": "Unggul", "poin": ["berdaya saing", "mandiri"]},
        "Sejahtera",
    ]
    sop = Indikator.objects.get(opd=kosong, kode="SOP")
    assert sop.iku and sop.formulasi.startswith("jumlah layanan")
    # the measurement of 2024 (no PK yet) takes the three targets of the new Renstra
    m = measure(kosong, 2024)
    assert {(row.kode, row.target.lower) for row in m.kinerja} == {
        ("SOP", Decimal("90")),
        ("ADU", Decimal("80.5")),
        ("ADM", Decimal("100")),
    }
    assert [row.sasaran for row in m.kinerja][:1] == ["Layanan sesuai SOP"]
    page = client.get(url("renstra")).content.decode()
    assert "Persentase pengaduan ditindaklanjuti" in page and "Kecamatan yang melayani" in page
    # and the PK of the year is drafted from it, in the Renstra's order
    client.post(reverse("pk_buat", args=[OPD, 2025]))
    assert [row.kode for row in measure(kosong, 2025).kinerja] == ["SOP", "ADU", "ADM"]


def test_a_refused_indicator_keeps_what_was_typed_and_creates_nothing(client, kosong):
    client.force_login(make_user(kosong.pemda, "pimpinan", kosong))
    client.post(url("renstra_baru"), {"tahun_awal": "2025"})
    renstra = Renstra.objects.get(opd=kosong)
    client.post(url("renstra_tujuan_tambah", renstra.pk), {"tb-kode": "T1", "tb-uraian": "Tujuan"})
    tujuan = Tujuan.objects.get(renstra=renstra)
    before = snapshot()
    response = client.post(
        url("renstra_indikator_tambah", renstra.pk, "tujuan", tujuan.pk),
        indikator_post("BARU", "Indikator yang ditolak", {2025: "150"}, "90"),
    )
    body = response.content.decode()
    assert response.status_code == 422
    assert "di luar skala" in body and "Indikator yang ditolak" in body
    # the kode of an existing indicator of the OPD is refused too
    response = client.post(
        url("renstra_indikator_tambah", renstra.pk, "tujuan", tujuan.pk),
        indikator_post("IKM", "Lain", {2025: "50"}, ""),
    )
    assert response.status_code == 422
    assert "sudah dipakai indikator" in response.content.decode()
    assert snapshot() == before


def test_a_duplicate_kode_is_refused_beside_the_field(client, kosong):
    client.force_login(make_user(kosong.pemda, "operator", kosong))
    client.post(url("renstra_baru"), {"tahun_awal": "2025"})
    renstra = Renstra.objects.get(opd=kosong)
    client.post(url("renstra_tujuan_tambah", renstra.pk), {"tb-kode": "T1", "tb-uraian": "Satu"})
    before = snapshot()
    response = client.post(
        url("renstra_tujuan_tambah", renstra.pk),
        {"tb-kode": "T1", "tb-uraian": "Uraian yang diketik"},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Kode T1 sudah dipakai" in body and "Uraian yang diketik" in body
    assert snapshot() == before


def test_an_overlapping_period_is_refused(client, terisi):
    client.force_login(make_user(terisi.pemda, "operator", terisi))
    before = snapshot()
    response = client.post(url("renstra_baru"), {"tahun_awal": "2024"})
    assert response.status_code == 422
    assert "bertumpang tindih" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("peran", ["evaluator", "viewer"])
def test_only_the_planners_of_the_opd_write(client, kosong, peran):
    client.force_login(make_user(kosong.pemda, peran, None))
    assert client.post(url("renstra_baru"), {"tahun_awal": "2025"}).status_code == 403
    assert not Renstra.objects.exists()


def test_a_planner_of_another_opd_or_pemda_is_refused(client, terisi):
    renstra = Renstra.objects.get(opd=terisi)
    tujuan = Tujuan.objects.get(renstra=renstra)
    other = dataset()
    other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
    load_data(other)
    neighbour = PerangkatDaerah.objects.get(slug="dinas-lain")
    far = dataset()
    far["pemda"] = {**far["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
    load_data(far)
    stranger = PerangkatDaerah.objects.get(pemda=Pemda.objects.get(slug="kota-lain"))
    before = snapshot()
    post = {f"t{tujuan.pk}-kode": "X9", f"t{tujuan.pk}-uraian": "Diubah orang lain"}
    target = url("renstra_butir_ubah", renstra.pk, "tujuan", tujuan.pk)
    client.force_login(make_user(neighbour.pemda, "operator", neighbour, name="tetangga"))
    assert client.post(target, post).status_code == 403
    assert (
        client.post(url("renstra_butir_hapus", renstra.pk, "tujuan", tujuan.pk)).status_code == 403
    )
    client.force_login(make_user(stranger.pemda, "operator", stranger, name="jauh"))
    assert client.post(target, post).status_code == 404
    assert client.post(url("renstra_perubahan", renstra.pk)).status_code == 404
    assert client.get(url("renstra_susun", renstra.pk)).status_code == 404
    assert snapshot() == before


# --- refused deletes -----------------------------------------------------------------------------


def test_a_tujuan_with_realisations_is_not_deleted(client, terisi):
    client.force_login(make_user(terisi.pemda, "operator", terisi))
    tujuan = Tujuan.objects.get(renstra__opd=terisi)
    before = snapshot()
    response = client.post(url("renstra_butir_hapus", tujuan.renstra_id, "tujuan", tujuan.pk))
    assert response.status_code == 422
    assert (
        "Tujuan ini tidak dapat dihapus: indikator Indeks Kepuasan Masyarakat sudah punya "
        "realisasi TW II 2024." in response.content.decode()
    )
    link = IndikatorRenstra.objects.get(renstra=tujuan.renstra)
    response = client.post(url("renstra_indikator_hapus", tujuan.renstra_id, link.pk))
    assert "Indikator ini tidak dapat dihapus dari Renstra: indikator Indeks" in (
        response.content.decode()
    )
    assert snapshot() == before


def test_an_indicator_of_a_pk_is_not_deleted(client):
    load_data(dataset(realisasi_kinerja=[]))
    opd = _opd()
    client.force_login(make_user(opd.pemda, "pimpinan", opd))
    link = IndikatorRenstra.objects.get(renstra__opd=opd)
    before = snapshot()
    response = client.post(url("renstra_indikator_hapus", link.renstra_id, link.pk))
    assert response.status_code == 422
    assert "dipakai di Perjanjian Kinerja 2024 revisi 0" in response.content.decode()
    assert snapshot() == before


def test_a_target_of_a_locked_quarter_is_not_deleted(client):
    load_data(dataset(realisasi_kinerja=[], perjanjian_kinerja=[]))
    opd = _opd()
    PeriodeLaporan.objects.create(
        pemda=opd.pemda, opd=opd, tahun=2024, triwulan=1, status="dikunci"
    )
    client.force_login(make_user(opd.pemda, "operator", opd))
    tujuan = Tujuan.objects.get(renstra__opd=opd)
    before = snapshot()
    response = client.post(url("renstra_butir_hapus", tujuan.renstra_id, "tujuan", tujuan.pk))
    assert response.status_code == 422
    assert "dipakai TW I 2024 yang sudah dikunci" in response.content.decode()
    assert snapshot() == before


def test_an_unused_sasaran_goes_with_its_new_indicator(client, terisi):
    client.force_login(make_user(terisi.pemda, "operator", terisi))
    renstra = Renstra.objects.get(opd=terisi)
    tujuan = Tujuan.objects.get(renstra=renstra)
    client.post(
        url("renstra_sasaran_tambah", renstra.pk, tujuan.pk),
        {f"sb{tujuan.pk}-kode": "S9", f"sb{tujuan.pk}-uraian": "Sasaran sementara"},
    )
    sasaran = Sasaran.objects.get(renstra=renstra, kode="S9")
    client.post(
        url("renstra_indikator_tambah", renstra.pk, "sasaran", sasaran.pk),
        indikator_post("TMP", "Indikator sementara", {2025: "50"}, "60"),
    )
    assert Indikator.objects.filter(kode="TMP").exists()
    response = client.post(url("renstra_butir_hapus", renstra.pk, "sasaran", sasaran.pk))
    assert response.status_code == 302
    assert not Sasaran.objects.filter(kode="S9").exists()
    assert not Indikator.objects.filter(kode="TMP").exists()
    assert IndikatorRenstra.objects.filter(renstra=renstra).count() == 1  # IKM stays


# --- editing and order ---------------------------------------------------------------------------


def test_tujuan_are_reordered_and_an_edit_on_a_stale_page_is_refused(client, terisi):
    client.force_login(make_user(terisi.pemda, "operator", terisi))
    renstra = Renstra.objects.get(opd=terisi)
    client.post(url("renstra_tujuan_tambah", renstra.pk), {"tb-kode": "T2", "tb-uraian": "Kedua"})
    t1, t2 = Tujuan.objects.filter(renstra=renstra).order_by("urutan")
    page = client.get(url("renstra_susun", renstra.pk)).content.decode()
    seen = page.split(f'name="t{t1.pk}-sidik" value="')[1].split('"')[0]
    assert (
        client.post(url("renstra_butir_geser", renstra.pk, "tujuan", t2.pk, "naik")).status_code
        == 302
    )
    assert list(
        Tujuan.objects.filter(renstra=renstra).order_by("urutan").values_list("kode", flat=True)
    ) == ["T2", "T1"]
    # someone renames T1 meanwhile; the stale form is refused and T1 keeps the new text
    client.post(
        url("renstra_butir_ubah", renstra.pk, "tujuan", t1.pk),
        {f"t{t1.pk}-kode": "T1", f"t{t1.pk}-uraian": "Diubah lebih dulu", f"t{t1.pk}-sidik": seen},
    )
    response = client.post(
        url("renstra_butir_ubah", renstra.pk, "tujuan", t1.pk),
        {f"t{t1.pk}-kode": "T1", f"t{t1.pk}-uraian": "Dari halaman lama", f"t{t1.pk}-sidik": seen},
    )
    assert response.status_code == 422
    assert "baru saja diubah orang lain" in response.content.decode()
    assert Tujuan.objects.get(pk=t1.pk).uraian == "Diubah lebih dulu"


def test_a_sasaran_moves_to_another_tujuan(client, terisi):
    client.force_login(make_user(terisi.pemda, "operator", terisi))
    renstra = Renstra.objects.get(opd=terisi)
    client.post(url("renstra_tujuan_tambah", renstra.pk), {"tb-kode": "T2", "tb-uraian": "Kedua"})
    t1 = Tujuan.objects.get(renstra=renstra, kode="T1")
    t2 = Tujuan.objects.get(renstra=renstra, kode="T2")
    client.post(
        url("renstra_sasaran_tambah", renstra.pk, t1.pk),
        {f"sb{t1.pk}-kode": "S1", f"sb{t1.pk}-uraian": "Sasaran"},
    )
    s1 = Sasaran.objects.get(renstra=renstra, kode="S1")
    response = client.post(
        url("renstra_butir_ubah", renstra.pk, "sasaran", s1.pk),
        {f"s{s1.pk}-kode": "S1.1", f"s{s1.pk}-uraian": "Sasaran", f"s{s1.pk}-tujuan": t2.pk},
    )
    assert response.status_code == 302
    s1.refresh_from_db()
    assert (s1.kode, s1.tujuan_id) == ("S1.1", t2.pk)


# --- the Renstra perubahan -----------------------------------------------------------------------


def test_the_perubahan_copies_the_murni_and_the_page_lists_an_edited_target(client, terisi):
    client.force_login(make_user(terisi.pemda, "operator", terisi))
    murni = Renstra.objects.get(opd=terisi)
    Renstra.objects.filter(pk=murni.pk).update(visi_opd="Visi murni", misi_opd=["Misi satu"])
    response = client.post(url("renstra_perubahan", murni.pk))
    perubahan = Renstra.objects.get(opd=terisi, versi="perubahan")
    assert response.status_code == 302
    assert response["Location"].startswith(url("renstra_susun", perubahan.pk))
    assert (perubahan.tahun_awal, perubahan.tahun_akhir, perubahan.visi_opd) == (
        2021,
        2026,
        "Visi murni",
    )
    assert list(Tujuan.objects.filter(renstra=perubahan).values_list("kode", "uraian")) == list(
        Tujuan.objects.filter(renstra=murni).values_list("kode", "uraian")
    )
    link = IndikatorRenstra.objects.get(renstra=perubahan)
    assert (link.indikator.kode, link.target_akhir, link.tujuan.renstra_id) == (
        "IKM",
        Decimal("90"),
        perubahan.pk,
    )
    assert dict(
        TargetRenstra.objects.filter(indikator_renstra=link).values_list("tahun", "target")
    ) == {
        2024: Decimal("85"),
        2025: Decimal("88"),
    }
    # a second perubahan of the same murni is refused
    assert client.post(url("renstra_perubahan", murni.pk)).status_code == 422
    assert Renstra.objects.filter(opd=terisi).count() == 2

    # edited like the murni: a target (through the Renstra page's form) and a new tujuan
    client.post(
        reverse("simpan_target_renstra", args=[OPD, link.pk]),
        {"t2024": "85", "t2025": "91,5", "akhir": "90", "versi": link.versi},
    )
    client.post(
        url("renstra_tujuan_tambah", perubahan.pk),
        {"tb-kode": "T2", "tb-uraian": "Birokrasi bersih"},
    )
    body = client.get(url("renstra_beda", perubahan.pk)).content.decode()
    assert "target 2025" in body and "88,00" in body and "91,50" in body
    assert "Birokrasi bersih" in body and "ditambah" in body
    assert TargetRenstra.objects.get(indikator_renstra__renstra=murni, tahun=2025).target == 88
    # the perubahan is the Renstra in force: without a PK, 2025 is measured against it
    assert measure(terisi, 2025).kinerja[0].target.lower == Decimal("91.5")


# --- plain functions -----------------------------------------------------------------------------


def test_the_diff_lists_added_removed_and_changed():
    lama = RenstraData(
        teks={"Visi OPD": "Lama"},
        tujuan={"T1": "Satu", "T2": "Dua"},
        sasaran={"S1": ("Sasaran", "T1")},
        indikator={
            "A": IndikatorData("Indikator A", "S1", Decimal("90"), {2024: Decimal("80")}),
            "B": IndikatorData("Indikator B", "T2"),
        },
    )
    baru = RenstraData(
        teks={"Visi OPD": "Baru"},
        tujuan={"T1": "Satu diubah", "T3": "Tiga"},
        sasaran={"S1": ("Sasaran", "T3")},
        indikator={
            "A": IndikatorData(
                "Indikator A", "S1", Decimal("95"), {2024: Decimal("80.00"), 2025: Decimal("85")}
            ),
            "C": IndikatorData("Indikator C", "T3"),
        },
    )
    found = {
        (b.bagian, b.jenis, b.kode, b.apa, b.tahun): (b.lama, b.baru) for b in beda(lama, baru)
    }
    assert found == {
        ("teks", "diubah", "", "Visi OPD", None): ("Lama", "Baru"),
        ("tujuan", "diubah", "T1", "uraian", None): ("Satu", "Satu diubah"),
        ("tujuan", DITAMBAH, "T3", "", None): (None, None),
        ("tujuan", DIHAPUS, "T2", "", None): (None, None),
        ("sasaran", "diubah", "S1", "tujuan", None): ("T1", "T3"),
        ("indikator", "diubah", "A", "target", 2025): (None, Decimal("85")),
        ("indikator", "diubah", "A", "target_akhir", None): (Decimal("90"), Decimal("95")),
        ("indikator", DITAMBAH, "C", "", None): (None, "T3"),
        ("indikator", DIHAPUS, "B", "", None): ("T2", None),
    }
    assert beda(baru, baru) == []


def test_the_explanation_of_a_visi_is_read_as_typed_and_written_back_the_same():
    text = "Unggul\n- berdaya saing\n• mandiri\n\nSejahtera"
    items = penjelasan_from_text(text)
    assert items == [{"judul": "Unggul", "poin": ["berdaya saing", "mandiri"]}, "Sejahtera"]
    assert penjelasan_from_text(penjelasan_to_text(items)) == items
    with pytest.raises(Exception, match="belum punya judul"):
        penjelasan_from_text("- poin tanpa judul")
