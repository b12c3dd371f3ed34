"""SKM rows for the results tests: services, a period, and responses with chosen unsur totals."""

import datetime
import secrets

from sakip.dataset import load_data
from sakip.organisasi.models import PerangkatDaerah
from sakip.survei.models import Layanan, PeriodeSurvei, Respons
from tests.factories import dataset


def world(slug: str = "kecamatan-contoh"):
    """The test dataset's OPD (loaded once per test database)."""
    if not PerangkatDaerah.objects.filter(slug=slug).exists():
        load_data(dataset())
    return PerangkatDaerah.objects.select_related("pemda").get(slug=slug)


def layanan(opd, kode: str = "ktp", nama: str = "KTP dan KK", urutan: int = 0) -> Layanan:
    return Layanan.objects.create(
        pemda=opd.pemda, opd=opd, kode=kode, nama=nama, urutan=urutan, token=secrets.token_hex(8)
    )


def periode(opd, tahun: int = 2024, jenis: str = "tahun", populasi=None, **extra) -> PeriodeSurvei:
    return PeriodeSurvei.objects.create(
        pemda=opd.pemda,
        opd=opd,
        tahun=tahun,
        jenis=jenis,
        mulai=datetime.date(tahun, 1, 1),
        selesai=datetime.date(tahun, 12, 31),
        populasi=populasi,
        **extra,
    )


def answers_for_totals(totals, n: int) -> list[list[int]]:
    """n rows of nine answers 1–4 whose column sums are `totals`."""
    columns = []
    for total in totals:
        base, extra = divmod(total, n)
        assert 1 <= base <= 4 and (base < 4 or extra == 0), (total, n)
        columns.append([base + 1 if r < extra else base for r in range(n)])
    return [list(row) for row in zip(*columns, strict=True)]


def totals_for_sum(total: int) -> list[int]:
    """Nine unsur totals adding up to `total`, as even as can be."""
    base, extra = divmod(total, 9)
    return [base + 1 if i < extra else base for i in range(9)]


def add_responses(periode, layanan, rows, **profile) -> list[Respons]:
    made = [
        Respons(
            pemda=periode.pemda,
            opd=periode.opd,
            periode=periode,
            layanan=layanan,
            saluran=profile.get("saluran", "kertas"),
            jenis_kelamin=profile.get("jenis_kelamin", "L"),
            usia=profile.get("usia", 35),
            pendidikan=profile.get("pendidikan", "sma"),
            pekerjaan=profile.get("pekerjaan", "swasta"),
            saran=profile.get("saran", ""),
            dibatalkan=profile.get("dibatalkan", False),
            **{f"u{i + 1}": answer for i, answer in enumerate(row)},
        )
        for row in rows
    ]
    return Respons.objects.bulk_create(made, batch_size=500)


WORKED_TOTALS = [105, 101, 100, 116, 102, 105, 106, 105, 115]  # DOMAIN.md: 29 respondents
