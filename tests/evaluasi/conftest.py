import copy

import pytest

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from tests.evaluasi.helpers import opened, team
from tests.factories import dataset


def with_nilai_sakip(data, target="70"):
    """The test dataset with a Nilai SAKIP indicator that takes its realisation from the LKE."""
    data = copy.deepcopy(data)
    data["indikator"].append(
        {
            "kode": "SAKIP",
            "nama": "Nilai SAKIP",
            "satuan": "Nilai (0–100)",
            "arah": "naik",
            "tipe_penghitungan": "posisi_akhir",
            "frekuensi": "tahunan",
            "presisi": 2,
            "skala_min": "0",
            "skala_max": "100",
            "iku": True,
            "sumber_realisasi": "lke",
        }
    )
    data["renstra"][0]["tujuan"][0]["indikator"].append(
        {"kode": "SAKIP", "target": {2024: target}, "target_akhir": "80"}
    )
    data["perjanjian_kinerja"][0]["sasaran"][0]["indikator"].append(
        {"kode": "SAKIP", "target": target}
    )
    return data


@pytest.fixture
def opd(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    load_data(with_nilai_sakip(dataset()))
    return PerangkatDaerah.objects.get(slug="kecamatan-contoh")


@pytest.fixture
def users(opd):
    return team(opd)


@pytest.fixture
def evaluasi(opd, users):
    return opened(opd, users)
