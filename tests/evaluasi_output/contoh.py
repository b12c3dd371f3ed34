"""A hand-built LHE: DOMAIN.md's constructed example (Perencanaan 90/80/70, Pengukuran 90/70/60,
Pelaporan 100/80/70, Evaluasi 80/70/60 -> 72,40 BB), two criteria per sub-component."""

from datetime import date

from sakip.evaluasi.lhe import (
    AnggotaTim,
    KriteriaLhe,
    Lhe,
    Rekomendasi,
    catatan_belum_dinilai,
    ringkasan,
    susun_hasil,
)
from sakip.formulas.lke import LKE_88_2021
from sakip.pelaporan.model import Pejabat

# two grades per sub-component whose mean is the example's value
GRADES = {
    "1.a": ("AA", "BB"),  # 90
    "1.b": ("BB", "BB"),  # 80
    "1.c": ("A", "CC"),  # 75 … the example's 70 is B, B
    "2.a": ("A", "A"),
    "2.b": ("B", "B"),
    "2.c": ("CC", "CC"),
    "3.a": ("AA", "AA"),
    "3.b": ("BB", "BB"),
    "3.c": ("B", "B"),
    "4.a": ("BB", "BB"),
    "4.b": ("B", "B"),
    "4.c": ("CC", "CC"),
}
GRADES["1.c"] = ("B", "B")


def kriteria(grades=GRADES, catatan="") -> dict[str, list[KriteriaLhe]]:
    return {
        kode: [
            KriteriaLhe(
                f"{kode}.{i}",
                f"Kriteria {i} sub-komponen {kode}: dokumen tersedia dan dimanfaatkan",
                grade,
                catatan or ("Bukti dukung lengkap." if grade in ("AA", "A") else ""),
            )
            for i, grade in enumerate(values, start=1)
        ]
        for kode, values in grades.items()
    }


def contoh_lhe(draf: bool = False, grades=GRADES, **changes) -> Lhe:
    items = kriteria(grades)
    result, komponen = susun_hasil(items, LKE_88_2021)
    kekuatan, kelemahan = ringkasan(komponen)
    values = {
        "pemda": "Kabupaten Contoh",
        "opd": "Kecamatan Contoh",
        "tahun": 2024,
        "instrumen_nama": LKE_88_2021.nama,
        "instrumen_dasar": LKE_88_2021.kode,
        "komponen": komponen,
        "total": result.total,
        "predikat": result.predikat,
        "draf": draf,
        "nomor": "700/LHE-12/Itkab/2025",
        "dasar": (
            "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja "
            "Instansi Pemerintah;",
            "Peraturan Menteri PANRB Nomor 88 Tahun 2021 tentang Evaluasi Akuntabilitas "
            "Kinerja Instansi Pemerintah;",
            "Surat Tugas Inspektur Kabupaten Contoh Nomor 700/ST-45/Itkab/2025.",
        ),
        "tim": (
            AnggotaTim("Drs. Bambang Sutrisno, M.Si.", "Pengendali Teknis", "196805121994031006"),
            AnggotaTim("Siti Rahmawati, S.E.", "Ketua Tim", "198203152006042011"),
            AnggotaTim("Andi Pratama, S.Kom.", "Anggota"),
        ),
        "tanggal_mulai": date(2025, 2, 3),
        "tanggal_selesai": date(2025, 2, 14),
        "tanggal_laporan": date(2025, 3, 3),
        "tempat": "Contoh",
        "kekuatan": kekuatan,
        "kelemahan": kelemahan,
        "rekomendasi": (
            Rekomendasi(
                "Menyusun cascading kinerja sampai tingkat individu", "Perencanaan Kinerja"
            ),
            Rekomendasi("Memantau capaian kinerja tiap triwulan dan menindaklanjutinya"),
        ),
        "inspektur": Pejabat(
            "Ir. Hendra Wijaya, M.M.",
            "Inspektur",
            "Pembina Utama Muda (IV/c)",
            "196901011995031002",
        ),
        "ketua_tim": Pejabat("Siti Rahmawati, S.E.", "Ketua Tim", "", "198203152006042011"),
        "catatan": catatan_belum_dinilai(komponen),
    }
    values.update(changes)
    return Lhe(**values)
