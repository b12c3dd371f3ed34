"""Every URL pattern, for every persona: own OPD, another OPD of the same pemda, another pemda.
A new URL fails `test_every_url_is_in_the_matrix` until it is added here."""

import pytest
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sakip.dataset import load_data
from sakip.organisasi.models import Pemda, PerangkatDaerah
from tests.factories import dataset
from tests.personas import make_user

pytestmark = pytest.mark.django_db

Q = ["kecamatan-contoh", 2024, 1]
OTHER_OPD = ["dinas-lain", 2024, 1]
SUB = "7.01.02.2.01.0001"

# name: (method, args in own OPD, args in the other OPD or None when the URL has no OPD)
URLS = {
    "home": ("get", [], None),
    "pengukuran": ("get", Q[:2], OTHER_OPD[:2]),
    "pengukuran_xlsx": ("get", Q[:2], OTHER_OPD[:2]),
    "triwulan": ("get", Q, OTHER_OPD),
    "simpan_kinerja": ("post", [*Q, "IKM"], [*OTHER_OPD, "IKM"]),
    "riwayat_kinerja": ("get", [*Q, "IKM"], [*OTHER_OPD, "IKM"]),
    "simpan_anggaran": ("post", [*Q, SUB], [*OTHER_OPD, SUB]),
    "riwayat_anggaran": ("get", [*Q, SUB], [*OTHER_OPD, SUB]),
    "alur": ("post", [*Q, "ajukan"], [*OTHER_OPD, "ajukan"]),
    # quarterly realisations as XLSX (pengukuran.views_impor)
    "realisasi_unduh": ("get", Q, OTHER_OPD),
    "realisasi_impor": ("get", Q, OTHER_OPD),
    "realisasi_impor_terapkan": (
        "get",
        [*Q, "token-tidak-dikenal-1"],
        [*OTHER_OPD, "token-tidak-dikenal-1"],
    ),
    "perjanjian_kinerja": ("get", Q[:2], OTHER_OPD[:2]),
    # PK targets as XLSX (perencanaan.views_impor_pk)
    "target_pk_unduh": ("get", Q[:2], OTHER_OPD[:2]),
    "target_pk_impor": ("get", Q[:2], OTHER_OPD[:2]),
    "target_pk_impor_terapkan": (
        "get",
        [*Q[:2], "token-tidak-dikenal-1"],
        [*OTHER_OPD[:2], "token-tidak-dikenal-1"],
    ),
    # the program tree with its DPA pagu as XLSX (perencanaan.views_impor_pohon)
    "pohon_unduh": ("get", Q[:2], OTHER_OPD[:2]),
    "pohon_impor": ("get", Q[:2], OTHER_OPD[:2]),
    "pohon_impor_terapkan": (
        "get",
        [*Q[:2], "token-tidak-dikenal-1"],
        [*OTHER_OPD[:2], "token-tidak-dikenal-1"],
    ),
    "pk_buat": ("post", Q[:2], OTHER_OPD[:2]),
    "pk_target": ("post", [*Q[:2], "<target_pk>"], [*OTHER_OPD[:2], "<target_pk>"]),
    "pk_penandatangan": ("post", [*Q[:2], 0], [*OTHER_OPD[:2], 0]),
    "pk_pihak_pertama_akun": ("post", [*Q[:2], 0], [*OTHER_OPD[:2], 0]),
    "pk_langkah": ("post", [*Q[:2], 0, "tandatangani"], [*OTHER_OPD[:2], 0, "tandatangani"]),
    "anggaran": ("get", Q[:2], OTHER_OPD[:2]),
    "simpan_pagu": ("post", [*Q[:2], "<pagu>"], [*OTHER_OPD[:2], "<pagu>"]),
    "simpan_target_tahunan": ("post", [*Q[:2], "IKM"], [*OTHER_OPD[:2], "IKM"]),
    "renstra": ("get", Q[:1], OTHER_OPD[:1]),
    "simpan_target_renstra": ("post", [Q[0], "<renstra_link>"], [OTHER_OPD[0], "<renstra_link>"]),
    "indikator": ("get", [Q[0], "IKM"], [OTHER_OPD[0], "IKM"]),
    # Renstra authoring (perencanaan.urls_renstra)
    "renstra_baru": ("get", Q[:1], OTHER_OPD[:1]),
    **{
        name: (method, [Q[0], "<renstra>", *rest], [OTHER_OPD[0], "<renstra>", *rest])
        for name, method, rest in [
            ("renstra_susun", "get", []),
            ("renstra_narasi", "post", []),
            ("renstra_tujuan_tambah", "post", []),
            ("renstra_sasaran_tambah", "post", ["<tujuan>"]),
            ("renstra_butir_ubah", "post", ["tujuan", "<tujuan>"]),
            ("renstra_butir_geser", "post", ["tujuan", "<tujuan>", "naik"]),
            ("renstra_butir_hapus", "post", ["tujuan", "<tujuan>"]),
            ("renstra_indikator_tambah", "get", ["tujuan", "<tujuan>"]),
            ("renstra_indikator_hapus", "post", ["<renstra_link>"]),
            ("renstra_perubahan", "post", []),
            ("renstra_beda", "get", []),
            # the Renstra as XLSX (perencanaan.urls_impor_renstra)
            ("renstra_unduh", "get", []),
            ("renstra_impor", "get", []),
            ("renstra_impor_terapkan", "get", ["token-tidak-dikenal-1"]),
        ]
    },
    # program tree and DPA (perencanaan.urls_pohon_anggaran)
    **{
        name: (method, [*Q[:2], *rest], [*OTHER_OPD[:2], *rest])
        for name, method, rest in [
            ("pohon_anggaran", "get", []),
            ("pohon_tambah_program", "post", []),
            ("pohon_tambah", "post", ["program", "7.01.02"]),
            ("pohon_ubah", "post", ["kegiatan", "7.01.02.2.01"]),
            ("pohon_pindah", "post", ["sub_kegiatan", SUB]),
            ("pohon_hapus", "post", ["program", "7.01.02"]),
            ("pohon_indikator_tambah", "post", ["sub_kegiatan", SUB]),
            ("pohon_indikator_ubah", "post", ["IKM"]),
            ("pohon_indikator_hapus", "post", ["IKM"]),
            ("pohon_dpa", "get", []),
            ("pohon_dpa_murni", "post", []),
            ("pohon_dpa_perubahan", "post", []),
            ("pohon_dpa_pagu", "post", []),
        ]
    },
    # starting the next year (perencanaan.urls_tahun_baru): the year in the URL is the new one
    "tahun_baru": ("get", [Q[0], 2025], [OTHER_OPD[0], 2025]),
    "tahun_baru_mulai": ("post", [Q[0], 2025], [OTHER_OPD[0], 2025]),
    "riwayat": ("get", [Q[0], "pagu", "<pagu>"], [OTHER_OPD[0], "pagu", "<pagu>"]),
    # the OPD profile of Bab I (organisasi.views_profil)
    "profil_opd": ("get", Q[:1], OTHER_OPD[:1]),
    "profil_opd_simpan": ("post", Q[:1], OTHER_OPD[:1]),
    "profil_unit_tambah": ("post", Q[:1], OTHER_OPD[:1]),
    "profil_unit": ("get", [Q[0], "<unit_kerja>"], [OTHER_OPD[0], "<unit_kerja>"]),
    "profil_unit_simpan": ("post", [Q[0], "<unit_kerja>"], [OTHER_OPD[0], "<unit_kerja>"]),
    "profil_unit_hapus": ("post", [Q[0], "<unit_kerja>"], [OTHER_OPD[0], "<unit_kerja>"]),
    "profil_unit_geser": (
        "post",
        [Q[0], "<unit_kerja>", "naik"],
        [OTHER_OPD[0], "<unit_kerja>", "naik"],
    ),
    "riwayat_struktur": ("get", Q[:1], OTHER_OPD[:1]),
    "profil_tahunan": ("get", Q[:2], OTHER_OPD[:2]),
    "profil_tahunan_simpan": ("post", Q[:2], OTHER_OPD[:2]),
    "profil_tabel": ("post", [*Q[:2], "sarpras"], [*OTHER_OPD[:2], "sarpras"]),
    "profil_salin": ("post", Q[:2], OTHER_OPD[:2]),
    "riwayat_profil": ("get", Q[:2], OTHER_OPD[:2]),
    "laporan": ("get", Q[:2], OTHER_OPD[:2]),
    "lkjip_docx": ("get", Q[:2], OTHER_OPD[:2]),
    "lkjip_pdf": ("get", Q[:2], OTHER_OPD[:2]),
    "pk_dokumen": ("get", [*Q[:2], 0, "docx"], [*OTHER_OPD[:2], 0, "docx"]),
    "dokumen_pemda": ("get", [2024], None),
    "pekerjaan_dokumen": ("get", ["<job>"], None),
    "unduh_pekerjaan": ("get", ["<job>"], None),
    "templat": ("get", [], None),
    "unduh_templat": ("get", ["lkjip"], None),
    "akun_list": ("get", [], None),
    "akun_reset": ("post", ["<akun>"], None),
    "akun_status": ("post", ["<akun>"], None),
    "akun_ubah": ("get", ["<akun>"], None),
    # pemda set-up (organisasi.views_pemda)
    "opd_daftar": ("get", [], None),
    "opd_ubah": ("get", Q[:1], OTHER_OPD[:1]),
    "opd_status": ("post", Q[:1], OTHER_OPD[:1]),
    "pengaturan_pemda": ("get", [], None),
    "pengaturan_skala": ("post", [], None),
    "ringkasan_pemda": ("get", [2024], None),
    "ringkasan_pemda_xlsx": ("get", [2024], None),
    "evaluasi_lhe": ("get", [*Q[:2], "<lhe_terbit>"], [*OTHER_OPD[:2], "<lhe_terbit>"]),
    "evaluasi_rekap": ("get", [2024], None),
    "evaluasi_rekap_xlsx": ("get", [2024], None),
    # Evaluasi AKIP flow ("<ev_...>": tests.evaluasi.helpers.matrix_placeholder)
    "evaluasi_daftar": ("get", [2024], None),
    "evaluasi_buka": ("post", [2024], None),
    "evaluasi": ("get", Q[:2], OTHER_OPD[:2]),
    **{
        name: (method, [*Q[:2], token], [*OTHER_OPD[:2], token])
        for name, method, token in [
            ("evaluasi_mandiri", "post", "<ev_jawaban>"),
            ("evaluasi_nilai", "post", "<ev_jawaban>"),
            ("evaluasi_bukti_tambah", "post", "<ev_jawaban>"),
            ("evaluasi_riwayat", "get", "<ev_jawaban>"),
            ("evaluasi_bukti", "get", "<ev_bukti>"),
            ("evaluasi_bukti_hapus", "post", "<ev_bukti>"),
            ("evaluasi_tindak_lanjut", "post", "<ev_rekomendasi>"),
            ("evaluasi_tindak_lanjut_nilai", "post", "<ev_rekomendasi>"),
        ]
    },
    "evaluasi_langkah": (
        "post",
        [Q[0], "<ev_tahun>", "ajukan"],
        [OTHER_OPD[0], "<ev_tahun>", "ajukan"],
    ),
    "evaluasi_reviu": ("get", [Q[0], "<ev_tahun>"], [OTHER_OPD[0], "<ev_tahun>"]),
    "evaluasi_rekomendasi": ("get", [Q[0], "<ev_tahun>"], [OTHER_OPD[0], "<ev_tahun>"]),
    "evaluasi_rekomendasi_tambah": ("post", [Q[0], "<ev_tahun>"], [OTHER_OPD[0], "<ev_tahun>"]),
    # SKM results
    "skm_hasil_daftar": ("get", Q[:1], OTHER_OPD[:1]),
    "skm_hasil": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_hasil_xlsx": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_respons_xlsx": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_laporan": (
        "get",
        [Q[0], "<periode_skm>", "docx"],
        [OTHER_OPD[0], "<periode_skm>", "docx"],
    ),
    "skm_perbarui_realisasi": (
        "post",
        [Q[0], "<periode_skm>"],
        [OTHER_OPD[0], "<periode_skm>"],
    ),
    "skm_pemda": ("get", [2024], None),
    "skm_pemda_xlsx": ("get", [2024], None),
    # SKM collection
    "skm": ("get", Q[:2], OTHER_OPD[:2]),
    "skm_periode_tambah": ("post", Q[:2], OTHER_OPD[:2]),
    "skm_layanan_tambah": ("post", Q[:1], OTHER_OPD[:1]),
    "skm_layanan_ubah": ("post", [Q[0], "<layanan_skm>"], [OTHER_OPD[0], "<layanan_skm>"]),
    "skm_poster": ("get", [Q[0], "<layanan_skm>"], [OTHER_OPD[0], "<layanan_skm>"]),
    "skm_poster_opd": ("get", Q[:1], OTHER_OPD[:1]),
    "skm_unsur": ("get", Q[:1], OTHER_OPD[:1]),
    "skm_periode": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_kode": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_kode_cetak": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_kertas": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_kertas_simpan": ("post", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_batal": ("post", [Q[0], "<respons_skm>"], [OTHER_OPD[0], "<respons_skm>"]),
    "skm_impor_templat": ("get", Q[:1], OTHER_OPD[:1]),
    "skm_impor": ("get", [Q[0], "<periode_skm>"], [OTHER_OPD[0], "<periode_skm>"]),
    "skm_impor_terapkan": (
        "get",
        [Q[0], "<periode_skm>", "token-tidak-dikenal-1"],
        [OTHER_OPD[0], "<periode_skm>", "token-tidak-dikenal-1"],
    ),
}
PUBLIC = {
    "login",
    "logout",
    "skm_publik_hasil",
    "skm_form",
    "skm_terima_kasih",
    "skm_pilih_layanan",
    "sehat",  # for monitors, without login (tests/test_sehat.py)
}

READ = {200, 302}
# Writes and the roles that may make them, in their own OPD only (the admin: in every OPD).
OPD_STAFF = {"operator", "pimpinan"}
# the plan: the OPD's operator and pimpinan, and the pemda's admin (actions.is_planner_of)
PLANNERS = {*OPD_STAFF, "admin_pemda"}
WRITES = {
    "simpan_kinerja": {"operator"},
    "simpan_anggaran": {"operator"},
    "alur": {"operator"},  # the step tested is "ajukan"
    "pk_buat": PLANNERS,
    "pk_target": PLANNERS,
    "pk_penandatangan": PLANNERS,
    "pk_pihak_pertama_akun": PLANNERS,
    "pk_langkah": {"pimpinan"},  # the step tested is "tandatangani"
    "simpan_pagu": PLANNERS,
    "simpan_target_tahunan": PLANNERS,
    "simpan_target_renstra": PLANNERS,
    **dict.fromkeys(
        [
            "renstra_narasi",
            "renstra_tujuan_tambah",
            "renstra_sasaran_tambah",
            "renstra_butir_ubah",
            "renstra_butir_geser",
            "renstra_butir_hapus",
            "renstra_indikator_hapus",
            "renstra_perubahan",
        ],
        PLANNERS,
    ),
    # the program tree and DPA: the OPD's planners, and the pemda's admin in every OPD
    **dict.fromkeys(
        [
            "pohon_tambah_program",
            "pohon_tambah",
            "pohon_ubah",
            "pohon_pindah",
            "pohon_hapus",
            "pohon_indikator_tambah",
            "pohon_indikator_ubah",
            "pohon_indikator_hapus",
            "pohon_dpa_murni",
            "pohon_dpa_perubahan",
            "pohon_dpa_pagu",
        ],
        {"operator", "pimpinan", "admin_pemda"},
    ),
    # starting a new year: the OPD's planners, as the PK it creates
    "tahun_baru_mulai": PLANNERS,
    "akun_reset": {"admin_pemda"},
    "evaluasi_buka": {"admin_pemda"},
    **dict.fromkeys(
        ["evaluasi_mandiri", "evaluasi_bukti_tambah", "evaluasi_bukti_hapus", "evaluasi_langkah"],
        OPD_STAFF,  # evaluasi_langkah: the step tested is "ajukan"
    ),
    "evaluasi_tindak_lanjut": OPD_STAFF,
    "evaluasi_nilai": {"evaluator"},
    "evaluasi_rekomendasi_tambah": {"evaluator"},
    "evaluasi_tindak_lanjut_nilai": {"evaluator"},
    "akun_status": {"admin_pemda"},
    "opd_status": {"admin_pemda"},
    "pengaturan_skala": {"admin_pemda"},
    "skm_perbarui_realisasi": OPD_STAFF,
    # the OPD profile: its planners, as its plan (actions_profil.require_profile_editor)
    **dict.fromkeys(
        [
            "profil_opd_simpan",
            "profil_unit_tambah",
            "profil_unit_simpan",
            "profil_unit_hapus",
            "profil_unit_geser",
            "profil_tahunan_simpan",
            "profil_tabel",
            "profil_salin",
        ],
        PLANNERS,
    ),
    # the SKM's managers: the OPD's operator and pimpinan, and the pemda's admin in every OPD
    **dict.fromkeys(
        ["skm_periode_tambah", "skm_layanan_tambah", "skm_layanan_ubah", "skm_kertas_simpan"],
        {"operator", "pimpinan", "admin_pemda"},
    ),
    "skm_batal": {"operator", "pimpinan", "admin_pemda"},
}
WRITE_DONE = {200, 302, 422}  # saved, redirected, or refused for its content (not its author)
# Pages only some roles may read.
PEMDA_READERS = {"admin_pemda", "evaluator", "viewer"}
READERS = {
    "templat": {"admin_pemda"},
    "unduh_templat": {"admin_pemda"},
    "dokumen_pemda": PEMDA_READERS,
    "pekerjaan_dokumen": PEMDA_READERS,
    "unduh_pekerjaan": PEMDA_READERS,
    "akun_list": {"admin_pemda"},
    **dict.fromkeys(["akun_ubah", "opd_daftar", "opd_ubah", "pengaturan_pemda"], {"admin_pemda"}),
    # the Renstra authoring pages are for its planners; everyone reads the Renstra page
    **dict.fromkeys(["renstra_baru", "renstra_susun", "renstra_indikator_tambah"], PLANNERS),
    "tahun_baru": PLANNERS,  # the confirmation page of starting a new year
    "ringkasan_pemda": {"admin_pemda", "evaluator", "viewer"},
    "ringkasan_pemda_xlsx": {"admin_pemda", "evaluator", "viewer"},
    "evaluasi_rekap": PEMDA_READERS,
    "evaluasi_daftar": PEMDA_READERS,
    "evaluasi_rekap_xlsx": PEMDA_READERS,
    "skm_pemda": PEMDA_READERS,
    "skm_pemda_xlsx": PEMDA_READERS,
    **dict.fromkeys(
        ["skm_kode", "skm_kode_cetak", "skm_impor", "skm_impor_terapkan"],
        {"operator", "pimpinan", "admin_pemda"},
    ),
    # importing realisations: the OPD's operator, as the quarter page's own writes
    **dict.fromkeys(["realisasi_impor", "realisasi_impor_terapkan"], {"operator"}),
    # importing PK targets: the OPD's planners, as the PK page's own target writes
    **dict.fromkeys(["target_pk_impor", "target_pk_impor_terapkan"], PLANNERS),
    # importing a Renstra: its planners, as the Renstra authoring pages
    **dict.fromkeys(["renstra_impor", "renstra_impor_terapkan"], PLANNERS),
    # importing the program tree and DPA pagu: as the tree and DPA pages' own writes
    **dict.fromkeys(
        ["pohon_impor", "pohon_impor_terapkan"], {"operator", "pimpinan", "admin_pemda"}
    ),
}


def _names(patterns=None):
    """Every named URL, those of included apps (survei, evaluasi) too."""
    names = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace != "admin":
            names |= _names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    assert _names() - PUBLIC == set(URLS)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Loaded once for the module (each test's own writes roll back), flushed at the end."""
    with django_db_blocker.unblock():
        load_data(dataset())
        other = dataset()
        other["pemda"] = {**other["pemda"], "slug": "kota-lain", "nama": "Kota Lain"}
        other["opd"] = {**other["opd"], "slug": "dinas-lain", "nama": "Dinas Lain Kota"}
        load_data(other)
        same = dataset()
        same["opd"] = {**same["opd"], "slug": "dinas-lain", "nama": "Dinas Lain"}
        load_data(same)
        home = Pemda.objects.get(slug="kabupaten-contoh")
        yield {"home": home, "other_pemda": Pemda.objects.get(slug="kota-lain")}
        call_command("flush", interactive=False, verbosity=0)


PERSONAS = ["operator", "pimpinan", "admin_pemda", "evaluator", "viewer"]


def persona(world, peran, other_pemda=False):
    pemda = world["other_pemda"] if other_pemda else world["home"]
    opd = None
    if peran in ("operator", "pimpinan"):
        opd = PerangkatDaerah.objects.get(
            pemda=pemda, slug="kecamatan-contoh" if not other_pemda else "dinas-lain"
        )
    return make_user(pemda, peran, opd, name=f"{peran}-{pemda.slug}")


def _finished_job() -> int:
    """A finished batch of the home pemda, with its ZIP on disk (where batch.run puts it: only a
    file inside MEDIA_ROOT/dokumen is served)."""
    from pathlib import Path

    from django.conf import settings

    from sakip.pelaporan.models import PekerjaanDokumen

    archive = Path(settings.MEDIA_ROOT) / "dokumen" / "matriks" / "lkjip.zip"
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_bytes(b"PK")
    home = Pemda.objects.get(slug="kabupaten-contoh")
    return PekerjaanDokumen.objects.create(
        pemda=home, tahun=2024, status="selesai", berkas=str(archive)
    ).pk


def _periode_skm(opd_slug) -> int:
    """A survey period of the OPD (made on first use)."""
    import datetime

    from sakip.survei.models import PeriodeSurvei

    opd = PerangkatDaerah.objects.get(pemda__slug="kabupaten-contoh", slug=opd_slug)
    day = datetime.date(2024, 1, 1)
    return PeriodeSurvei.objects.get_or_create(
        pemda=opd.pemda, opd=opd, tahun=2024, jenis="tahun", defaults={"mulai": day, "selesai": day}
    )[0].pk


def _skm_row(value, opd_slug) -> int:
    """A service (or a paper response to it) of the OPD, made on first use."""
    from sakip.survei.models import Layanan, PeriodeSurvei, Respons

    opd = PerangkatDaerah.objects.get(pemda__slug="kabupaten-contoh", slug=opd_slug)
    layanan = Layanan.objects.get_or_create(
        pemda=opd.pemda, opd=opd, kode="ktp", defaults={"nama": "KTP", "token": f"t-{opd.pk}"}
    )[0]
    if value == "<layanan_skm>":
        return layanan.pk
    periode = PeriodeSurvei.objects.get(pk=_periode_skm(opd_slug))
    answers = {f"u{i}": 3 for i in range(1, 10)}
    profile = {"jenis_kelamin": "L", "usia": 30, "pendidikan": "sma", "pekerjaan": "swasta"}
    return Respons.objects.create(
        pemda=opd.pemda,
        opd=opd,
        periode=periode,
        layanan=layanan,
        saluran="kertas",
        **profile,
        **answers,
    ).pk


def _unit_kerja(opd_slug) -> int:
    """A unit of the OPD's struktur organisasi (made on first use)."""
    from sakip.organisasi.models import UnitKerja

    opd = PerangkatDaerah.objects.get(pemda__slug="kabupaten-contoh", slug=opd_slug)
    return UnitKerja.objects.get_or_create(
        pemda=opd.pemda, opd=opd, nama="Sekretariat", defaults={"urutan": 1}
    )[0].pk


def _placeholder(value, opd_slug):
    """Ids of rows in the OPD named by the URL's first argument (the other OPD's own rows,
    so a refusal is about the OPD and not about a missing row)."""
    from sakip.organisasi.models import Akun
    from sakip.perencanaan.models import IndikatorRenstra, Pagu, Renstra, TargetPK, Tujuan

    home = {"pemda__slug": "kabupaten-contoh"}
    found = {
        "<target_pk>": TargetPK.objects.filter(sasaran_pk__perjanjian__opd__slug=opd_slug, **home),
        "<pagu>": Pagu.objects.filter(versi_anggaran__opd__slug=opd_slug, **home),
        "<renstra_link>": IndikatorRenstra.objects.filter(renstra__opd__slug=opd_slug, **home),
        "<renstra>": Renstra.objects.filter(opd__slug=opd_slug, **home),
        "<tujuan>": Tujuan.objects.filter(renstra__opd__slug=opd_slug, **home),
        "<akun>": Akun.objects.filter(**home),
    }
    if isinstance(value, str) and value.startswith("<ev_"):  # Evaluasi AKIP flow
        from tests.evaluasi.helpers import matrix_placeholder

        return matrix_placeholder(value, opd_slug)
    if value == "<lhe_terbit>":  # a published evaluation of that OPD; the LHE as Word
        from tests.evaluasi_output.factories import evaluation

        evaluation(PerangkatDaerah.objects.get(slug=opd_slug, **home))
        return "docx"
    if value == "<job>":
        return _finished_job()
    if value in ("<layanan_skm>", "<respons_skm>"):
        return _skm_row(value, opd_slug)
    if value == "<periode_skm>":
        return _periode_skm(opd_slug)
    if value == "<unit_kerja>":
        return _unit_kerja(opd_slug)
    if value not in found:
        return value
    row = found[value].order_by("pk").first()
    return row.pk if row else 999999


@pytest.fixture(autouse=True)
def quick_documents(monkeypatch):
    """Who may download is what these tests check; rendering has its own tests."""
    monkeypatch.setattr("sakip.pelaporan.views._lkjip_docx", lambda *args: b"PK")
    monkeypatch.setattr("sakip.pelaporan.views._pk_docx", lambda *args: b"PK")
    monkeypatch.setattr("sakip.evaluasi.views_output._lhe_docx", lambda *args: b"PK")
    monkeypatch.setattr("sakip.survei.views_hasil._laporan_docx", lambda *args: b"PK")
    monkeypatch.setattr(
        "sakip.pelaporan.pdf.docx_to_pdf",
        lambda source, target, **kw: (target.write_bytes(b"%PDF"), target)[1],
    )


def call(client, name, args):
    method, _, _ = URLS[name]
    args = [_placeholder(a, args[0] if args else None) for a in args]
    return getattr(client, method)(reverse(name, args=args))


@pytest.mark.parametrize("name", sorted(URLS))
def test_anonymous_is_sent_to_login(client, world, name):
    _, own, _ = URLS[name]
    response = call(client, name, own)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("peran", PERSONAS)
@pytest.mark.parametrize("name", sorted(URLS))
def test_persona_in_own_opd(client, world, name, peran):
    client.force_login(persona(world, peran))
    _, own, _ = URLS[name]
    status = call(client, name, own).status_code
    if name in WRITES:
        assert status in (WRITE_DONE if peran in WRITES[name] else {403}), status
    elif name in READERS:
        assert status in (READ if peran in READERS[name] else {403}), status
    else:
        assert status in READ, status


@pytest.mark.parametrize("peran", PERSONAS)
@pytest.mark.parametrize("name", sorted(n for n, (_, _, other) in URLS.items() if other))
def test_persona_in_another_opd_of_the_same_pemda(client, world, name, peran):
    client.force_login(persona(world, peran))
    _, _, other = URLS[name]
    status = call(client, name, other).status_code
    allowed = WRITES.get(name, READERS.get(name))
    if peran in ("operator", "pimpinan") or (allowed is not None and peran not in allowed):
        assert status == 403, status
    else:  # an admin writes where WRITES names it, in every OPD of its pemda
        assert status in (WRITE_DONE if name in WRITES else READ), status


@pytest.mark.parametrize("peran", PERSONAS)
@pytest.mark.parametrize("name", sorted(n for n, (_, _, other) in URLS.items() if other))
def test_persona_of_another_pemda_sees_nothing(client, world, name, peran):
    """Users of Kota Lain ask for Kabupaten Contoh's OPD: it does not exist for them."""
    client.force_login(persona(world, peran, other_pemda=True))
    _, own, _ = URLS[name]
    assert call(client, name, own).status_code == 404


@pytest.mark.parametrize("name", ["home", "ringkasan_pemda"])
def test_the_other_pemda_never_sees_our_opd(client, world, name):
    client.force_login(persona(world, "admin_pemda", other_pemda=True))
    body = client.get(reverse(name, args=URLS[name][1])).content.decode()
    assert "Dinas Lain Kota" in body  # its own OPD
    assert "Kecamatan Contoh" not in body


def test_an_admin_of_another_pemda_cannot_touch_our_accounts(client, world):
    ours = persona(world, "operator")
    client.force_login(persona(world, "admin_pemda", other_pemda=True))
    assert client.post(reverse("akun_reset", args=[ours.akun.pk])).status_code == 404
    assert client.post(reverse("akun_status", args=[ours.akun.pk])).status_code == 404
    ours.refresh_from_db()
    assert ours.is_active and ours.check_password("x")


def test_another_pemda_cannot_see_or_download_our_documents(client, world):
    job = _finished_job()
    client.force_login(persona(world, "admin_pemda", other_pemda=True))
    assert client.get(reverse("pekerjaan_dokumen", args=[job])).status_code == 404
    assert client.get(reverse("unduh_pekerjaan", args=[job])).status_code == 404
