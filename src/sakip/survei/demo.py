"""Kecamatan Jati's SKM demo: five services, the regulation's questions, an annual survey for
2023 and 2024, and deterministic synthetic responses whose IKM is the realisation the demo
reports (2024: NIK 86,66; 2023: 85,00). The IKM indicators are linked to the SKM
(`sumber_realisasi: skm` in the demo file), so their realisation is then written from these
responses, with its source.

Construction (docs/data-kecamatan-jati.md): NIK = 25 × S / (9 × n) for n respondents whose
answers add up to S. 2024: n = 400, S = 12.479 → 86,6597 → 86,66. 2023: n = 380, S = 11.628 →
85,00 exactly. S is split over the nine unsur by a fixed profile (U4 Biaya high: the services
are free; U8 Penanganan Pengaduan lowest), each unsur total is spread over the respondents by a
seeded random walk that keeps every answer in 1–4 and the total exact, and respondents are
assigned to services and profiles with a fixed seed. Loaded once: nothing changes if the 2024
period already exists."""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.formulas.numbers import format_angka
from sakip.survei.actions import layanan_baru, siapkan_unsur
from sakip.survei.models import Layanan, PeriodeSurvei, Respons

SEED = 14_2017
LAYANAN = (  # (kode, nama, share of respondents)
    ("ktp-kk", "Pengantar KTP-el dan Kartu Keluarga", 35),
    ("sktm", "Surat Keterangan Tidak Mampu", 20),
    ("dispensasi-nikah", "Dispensasi Nikah", 15),
    ("ahli-waris", "Surat Keterangan Ahli Waris", 15),
    ("skck", "Rekomendasi SKCK", 15),
)
# NRR offset of each unsur from the mean (sums to 0): the shape of a kecamatan's results
PROFIL_UNSUR = ("0.05", "-0.02", "-0.10", "0.30", "0.00", "0.02", "0.08", "-0.25", "-0.08")
PERIODE = (
    # tahun, populasi (services delivered in the year), respondents, total of all answers
    (2023, 10_000, 380, 11_628),  # NIK 85,00
    (2024, 12_000, 400, 12_479),  # NIK 86,66
)
SARAN = (
    "Ruang tunggu agar ditambah kursi dan kipas angin.",
    "Mohon informasi persyaratan ditempel di depan loket.",
    "Pelayanan sudah cepat, petugas ramah. Pertahankan.",
    "Kotak pengaduan belum jelas tindak lanjutnya.",
    "Parkir sepeda motor perlu peneduh.",
    "Antrean pagi cukup panjang, mohon loket dibuka tepat waktu.",
    "Terima kasih, pengurusan dispensasi nikah daring sangat membantu.",
    "Nomor WhatsApp pengaduan sebaiknya dicantumkan di papan informasi.",
    "Toilet umum perlu lebih bersih.",
    "Petugas menjelaskan dengan sabar, terima kasih.",
)
USIA = ((17, 25, 20), (26, 35, 28), (36, 45, 25), (46, 55, 17), (56, 75, 10))
PENDIDIKAN = (("sd", 22), ("smp", 25), ("sma", 35), ("d3", 6), ("s1", 11), ("s2", 1))
PEKERJAAN = (
    ("petani", 34),
    ("wirausaha", 20),
    ("swasta", 18),
    ("pelajar", 8),
    ("pns", 5),
    ("lainnya", 15),
)


def load_demo(opd) -> list[str]:
    """Load the demo rows for `opd` once; return lines to print (empty when nothing changed)."""
    from sakip.survei.tautan import perbarui_realisasi

    if PeriodeSurvei.objects.filter(pemda=opd.pemda, opd=opd, tahun=2024, jenis="tahun").exists():
        return []
    rng = random.Random(SEED)
    lines = []
    with transaction.atomic():
        siapkan_unsur(opd)
        services = _layanan(opd)
        for tahun, populasi, n, total in PERIODE:
            periode = _annual(opd, tahun, populasi=populasi, dibuka=False)  # past: closed
            _responses(periode, services, unsur_totals(n, total), n, rng)
            for result in perbarui_realisasi(periode):
                if result.message:
                    lines.append(result.message)
            lines.append(
                _("SKM demo %(periode)s: %(n)s responden dari populasi %(populasi)s.")
                % {"periode": periode, "n": n, "populasi": format_angka(populasi)}
            )
        lines += _open_this_year(opd)
    return lines


def _annual(opd, tahun: int, **fields) -> PeriodeSurvei:
    return PeriodeSurvei.objects.create(
        pemda=opd.pemda,
        opd=opd,
        tahun=tahun,
        jenis=PeriodeSurvei.Jenis.TAHUN,
        mulai=datetime.date(tahun, 1, 1),
        selesai=datetime.date(tahun, 12, 31),
        **fields,
    )


def _open_this_year(opd) -> list[str]:
    """An open annual period of the current year, still without answers, so that the demo's
    public form and posters can be tried at once."""
    tahun = timezone.localdate().year
    if tahun <= PERIODE[-1][0]:
        return []
    periode = _annual(opd, tahun, dibuka=True)
    return [
        _(
            "SKM demo %(periode)s: formulir publik dibuka dan belum ada jawaban (poster dan "
            "tautannya di menu Survei (SKM))."
        )
        % {"periode": periode}
    ]


def unsur_totals(n: int, total: int) -> list[int]:
    """Nine unsur totals following PROFIL_UNSUR, adding up to `total` exactly."""
    mean = Decimal(total) / (9 * n)
    totals = [int(((mean + Decimal(d)) * n).to_integral_value(ROUND_HALF_UP)) for d in PROFIL_UNSUR]
    totals[4] += total - sum(totals)  # U5 takes the rounding remainder
    assert all(n <= t <= 4 * n for t in totals)
    return totals


def spread(total: int, n: int, rng: random.Random) -> list[int]:
    """n answers 1–4 adding up to `total`: drawn around the mean, then nudged one at a time."""
    mean = total / n
    answers = [min(4, max(1, round(rng.gauss(mean, 0.55)))) for _i in range(n)]
    diff = total - sum(answers)
    while diff:
        i = rng.randrange(n)
        step = 1 if diff > 0 else -1
        if 1 <= answers[i] + step <= 4:
            answers[i] += step
            diff -= step
    return answers


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _w in weighted], [w for _v, w in weighted])[0]


def _layanan(opd) -> list[tuple[Layanan, int]]:
    found = []
    for urutan, (kode, nama, share) in enumerate(LAYANAN, start=1):
        layanan = Layanan.objects.filter(pemda=opd.pemda, opd=opd, kode=kode).first()
        if layanan is None:
            layanan = layanan_baru(opd, kode, nama, urutan)
            layanan.save()
        found.append((layanan, share))
    return found


def _responses(periode, services, totals, n, rng) -> None:
    columns = [spread(t, n, rng) for t in totals]
    start = datetime.datetime(periode.tahun, 1, 2, 8, tzinfo=datetime.UTC)
    rows = []
    for i in range(n):
        low, high = _pick(rng, [((lo, hi), w) for lo, hi, w in USIA])
        rows.append(
            Respons(
                pemda=periode.pemda,
                opd=periode.opd,
                periode=periode,
                layanan=_pick(rng, services),
                saluran=_pick(rng, (("daring", 45), ("kertas", 55))),
                jenis_kelamin=_pick(rng, (("L", 52), ("P", 48))),
                usia=rng.randint(low, high),
                pendidikan=_pick(rng, PENDIDIKAN),
                pekerjaan=_pick(rng, PEKERJAAN),
                saran=rng.choice(SARAN) if rng.random() < 0.07 else "",
                **{f"u{u + 1}": columns[u][i] for u in range(9)},
            )
        )
    made = Respons.objects.bulk_create(rows, batch_size=500)
    # spread over the working days of the year (auto_now_add stamped them now)
    for i, respons in enumerate(made):
        respons.diterima = start + datetime.timedelta(days=i * 360 // n, hours=i % 7)
    Respons.objects.bulk_update(made, ["diterima"], batch_size=500)
