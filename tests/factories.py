"""A small valid dataset (docs/data-format.md) for tests to change one thing at a time."""

import copy

MINIMAL = {
    "pemda": {
        "slug": "kabupaten-contoh",
        "nama": "Kabupaten Contoh",
        "jenis": "kabupaten",
        "kepala_daerah": {"nama": None, "jabatan": "Bupati Contoh"},
    },
    "opd": {
        "slug": "kecamatan-contoh",
        "nama": "Kecamatan Contoh",
        "jenis": "kecamatan",
        "kepala": {
            "nama": "Camat Contoh",
            "nip": "1",
            "pangkat": "Pembina (IV/a)",
            "jabatan": "Camat Contoh",
        },
    },
    "indikator": [
        {
            "kode": "IKM",
            "nama": "Indeks Kepuasan Masyarakat",
            "satuan": "Nilai",
            "arah": "naik",
            "tipe_penghitungan": "posisi_akhir",
            "presisi": 2,
            "skala_min": "25",
            "skala_max": "100",
            "iku": True,
        },
    ],
    "anggaran": [
        {
            "tahun": 2024,
            "versi": [{"jenis": "murni"}, {"jenis": "perubahan"}],
            "program": [
                {
                    "kode": "7.01.02",
                    "nama": "PROGRAM PELAYANAN",
                    "kegiatan": [
                        {
                            "kode": "7.01.02.2.01",
                            "nama": "Koordinasi",
                            "sub_kegiatan": [
                                {
                                    "kode": "7.01.02.2.01.0001",
                                    "nama": "Rapat",
                                    "pagu": {"murni": 1000000, "perubahan": 800000},
                                    "realisasi": [100000, 200000, None, 300000],
                                },
                                {
                                    "kode": "7.01.02.2.01.0002",
                                    "nama": "Sinergi",
                                    "pagu": {"murni": 500000, "perubahan": 500000},
                                    "realisasi": [None, None, None, None],
                                },
                            ],
                        }
                    ],
                }
            ],
        }
    ],
    "renstra": [
        {
            "versi": "murni",
            "tahun_awal": 2021,
            "tahun_akhir": 2026,
            "tujuan": [
                {
                    "kode": "T1",
                    "uraian": "Meningkatnya kepuasan masyarakat",
                    "indikator": [
                        {"kode": "IKM", "target": {2024: "85", 2025: "88"}, "target_akhir": "90"}
                    ],
                }
            ],
        },
    ],
    "perjanjian_kinerja": [
        {
            "tahun": 2024,
            "status": "ditandatangani",
            "sasaran": [
                {
                    "uraian": "Meningkatnya kepuasan masyarakat",
                    "indikator": [{"kode": "IKM", "target": "85"}],
                }
            ],
        },
    ],
    "realisasi_kinerja": [
        {"kode": "IKM", "tahun": 2024, "triwulan": [None, "80.50", None, "86.86"]},
    ],
}


def dataset(**changes):
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def sub_kegiatan(data, index=0):
    return data["anggaran"][0]["program"][0]["kegiatan"][0]["sub_kegiatan"][index]
