"""Kecamatan Jati's Evaluasi AKIP 2024, published, arriving at its Nilai SAKIP from criterion
grades (docs/evaluasi.md, docs/data-kecamatan-jati.md).

The LKjIP reports 73,36 (BB). A sub-component score is rounded to 2 decimals and the total
adds those scores (sakip.formulas.lke), so every total is a whole number of cents, and
`reachable.nearest` finds grades that give exactly 73,36 (BB). The search is steered to a
plausible profile (keberadaan ≈ 85, kualitas ≈ 72, pemanfaatan ≈ 68) and each sub-component's
sum is split into criterion grades. The OPD's own self-assessment is one grade higher on every
other criterion (the usual optimism). Three recommendations: one follow-up accepted and closed,
one waiting for the evaluator, one open.
Loaded once: nothing changes if the 2024 evaluation exists."""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from sakip.evaluasi import reachable
from sakip.evaluasi.actions import event_key, tuliskan_nilai_sakip
from sakip.evaluasi.instrument import shipped_for
from sakip.evaluasi.models import (
    BuktiDukung,
    Evaluasi,
    JawabanKriteria,
    KriteriaLke,
    Rekomendasi,
    TindakLanjut,
)
from sakip.evaluasi.scoring import EVALUATOR, frozen_total, rows_of, score
from sakip.formulas.numbers import format_angka
from sakip.organisasi.models import Akun, Peristiwa

TAHUN = 2024
TARGET = Fraction(7336, 100)  # the Nilai SAKIP 2024 in the LKjIP
PROFIL = {"keberadaan": 85, "kualitas": 72, "pemanfaatan": 68}
TIM = (("evaluator", "evaluator"), ("ketua-tim", "ketua_tim"))  # name prefix, role in the team
WAKTU = {
    "diajukan_pada": datetime.datetime(2025, 2, 10, 2, 0, tzinfo=datetime.UTC),
    "direviu_pada": datetime.datetime(2025, 3, 5, 3, 0, tzinfo=datetime.UTC),
    "dipublikasikan_pada": datetime.datetime(2025, 3, 12, 3, 0, tzinfo=datetime.UTC),
}
RUJUKAN = {  # criterion kode → evidence linked to a record of sakip (evidence.pilihan_rujukan)
    "1.a.3": "renstra",
    "1.a.4": "pk:0",
    "1.c.3": "pengukuran",
    "2.b.4": "realisasi:4",
    "3.a.1": "lkjip",
}
CATATAN = {  # evaluator's note on a criterion graded below BB, by dimension
    "keberadaan": "Dokumen ada, tetapi belum ditetapkan/ditandatangani secara formal.",
    "kualitas": "Bukti dukung belum menunjukkan kualitas yang diminta kriteria; lengkapi analisisnya.",
    "pemanfaatan": "Belum ada bukti pemanfaatan yang nyata (notulen, perubahan kebijakan/anggaran).",
}
REKOMENDASI = (  # (komponen kode, text, follow-up, accepted)
    (
        "1",
        "Agar menetapkan Standar Operasional Prosedur bagi tahapan perencanaan dan pelaksanaan "
        "program dan kegiatan, didukung koordinasi, pengawasan dan evaluasi yang lebih ketat.",
        "SOP perencanaan dan pelaksanaan kegiatan ditetapkan dengan Keputusan Camat dan "
        "disosialisasikan kepada seluruh pegawai.",
        True,
    ),
    (
        "2",
        "Agar melaksanakan evaluasi periodik (triwulanan) atas Perjanjian Kinerja masing-masing "
        "individu dan memanfaatkan hasilnya dalam pemberian penghargaan dan sanksi.",
        "Rapat evaluasi Perjanjian Kinerja individu triwulan I 2025 telah dilaksanakan.",
        False,
    ),
    (
        "4",
        "Agar menindaklanjuti seluruh rekomendasi evaluasi internal dan mendokumentasikan "
        "perbaikan yang dihasilkan.",
        None,
        None,
    ),
)
HIGHER = {"A": "AA", "BB": "A", "B": "BB", "CC": "B", "C": "CC", "D": "C", "E": "D", "AA": "AA"}


def _team(opd):
    """The Inspektorat team of the demo evaluation: the demo accounts `evaluator-<pemda>` and
    `ketua-tim-<pemda>` (sakip.demo.accounts, made first by `sakip demo`); when missing (the
    loader called alone) they are made without a password (`sakip changepassword NAMA`)."""
    User = get_user_model()
    pemda = opd.pemda.slug.split("-")[-1]
    found = {}
    for prefix, role in TIM:
        username = f"{prefix}-{pemda}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=None)
            Akun.objects.create(user=user, pemda=opd.pemda, peran=Akun.Peran.EVALUATOR)
        found[role] = user
    return found


def demo_grades(instrumen) -> tuple[Fraction, dict[str, str]]:
    """The total reached and criterion kode → evaluator grade; the total is TARGET when
    reachable (it is with the shipped LKE), else the nearest reachable."""
    kriteria = list(
        KriteriaLke.objects.filter(
            pemda=instrumen.pemda, sub_komponen__komponen__instrumen=instrumen
        )
        .select_related("sub_komponen__komponen")
        .order_by("sub_komponen__komponen__urutan", "sub_komponen__urutan", "urutan")
    )
    per_sub: dict = {}
    for k in kriteria:
        per_sub.setdefault(k.sub_komponen, []).append(k)
    letters = {int(j.nilai): j.huruf for j in instrumen.jawaban.all()}
    values = sorted(letters)
    subs = [
        reachable.Sub(sub.kode, Fraction(str(sub.bobot)), len(items))
        for sub, items in per_sub.items()
    ]
    prefer = {sub.kode: PROFIL[sub.dimensi] for sub in per_sub}
    total, sums = reachable.nearest(subs, values, TARGET, prefer)
    grades = {}
    for sub, items in per_sub.items():
        split = reachable.split(sums[sub.kode], len(items), values, sums[sub.kode] // len(items))
        for k, value in zip(items, split, strict=True):
            grades[k.kode] = letters[value]
    return total, grades


def load_demo(opd) -> list[str]:
    """Load the demo rows for `opd` once; return lines to print (empty when nothing changed)."""
    if Evaluasi.objects.filter(pemda=opd.pemda, opd=opd, tahun=TAHUN).exists():
        return []
    with transaction.atomic():
        instrumen = shipped_for(opd.pemda)
        team = _team(opd)
        evaluasi = Evaluasi(
            pemda=opd.pemda,
            opd=opd,
            tahun=TAHUN,
            instrumen=instrumen,
            status=Evaluasi.Status.DIPUBLIKASIKAN,
            **team,
            **WAKTU,
        )
        evaluasi._change_reason = _("demo: evaluasi AKIP 2024")
        evaluasi.save()
        _total, grades = demo_grades(instrumen)
        kriteria = KriteriaLke.objects.filter(
            pemda=opd.pemda, sub_komponen__komponen__instrumen=instrumen
        ).select_related("sub_komponen")
        rows = []
        for i, k in enumerate(kriteria):
            grade = grades[k.kode]
            low = grade not in ("AA", "A", "BB")
            rows.append(
                JawabanKriteria(
                    pemda=opd.pemda,
                    evaluasi=evaluasi,
                    kriteria=k,
                    nilai_mandiri=HIGHER[grade] if i % 2 == 0 else grade,
                    penjelasan_mandiri=_("Tersedia: %(bukti)s.")
                    % {"bukti": "; ".join(k.bukti_dukung) or "-"},
                    nilai_evaluator=grade,
                    catatan_evaluator=CATATAN[k.sub_komponen.dimensi] if low else _("Sesuai."),
                )
            )
        bulk_create_with_history(
            rows, JawabanKriteria, default_user=team["evaluator"], default_change_reason="demo"
        )
        _evidence(evaluasi)
        result = score(evaluasi, rows_of(evaluasi), EVALUATOR)
        evaluasi.nilai_akhir, evaluasi.predikat = frozen_total(result.total), result.predikat
        evaluasi._change_reason = _("demo: hasil dipublikasikan")
        evaluasi.save()
        _recommendations(evaluasi, team["evaluator"])
        for jenis, when, internal in (
            (Peristiwa.Jenis.EVALUASI_DIBUKA, None, False),
            (Peristiwa.Jenis.EVALUASI_DIAJUKAN, None, False),
            (Peristiwa.Jenis.EVALUASI_DIREVIU, team["evaluator"], True),
            (Peristiwa.Jenis.EVALUASI_DIPUBLIKASIKAN, team["ketua_tim"], False),
        ):
            Peristiwa.objects.create(
                pemda=opd.pemda,
                opd=opd,
                jenis=jenis,
                oleh=when,
                objek=event_key(TAHUN, internal),
            )
        lines = [
            _("Evaluasi AKIP demo %(tahun)s: nilai %(nilai)s (%(predikat)s) dari 80 kriteria.")
            % {
                "tahun": TAHUN,
                "nilai": format_angka(result.total, 2),
                "predikat": result.predikat,
            }
        ]
        lines += [link.message for link in tuliskan_nilai_sakip(evaluasi) if link.message]
    return lines


def _evidence(evaluasi) -> None:
    from sakip.evaluasi.evidence import pilihan_rujukan

    labels = dict(pilihan_rujukan(evaluasi))
    renstra = next((key for key in labels if key.startswith("renstra:")), None)
    for jawaban in evaluasi.jawaban.select_related("kriteria"):
        if jawaban.kriteria.kode not in RUJUKAN:
            continue
        kunci = RUJUKAN[jawaban.kriteria.kode]
        kunci = renstra if kunci == "renstra" else kunci
        if kunci not in labels:
            continue
        bukti = BuktiDukung(
            pemda=evaluasi.pemda,
            jawaban=jawaban,
            jenis=BuktiDukung.Jenis.RUJUKAN,
            rujukan=kunci,
            judul=labels[kunci],
        )
        bukti._change_reason = "demo"
        bukti.save()


def _recommendations(evaluasi, evaluator) -> None:
    komponen = {k.kode: k for k in evaluasi.instrumen.komponen.all()}
    for urutan, (kode, uraian, tindak, diterima) in enumerate(REKOMENDASI, start=1):
        if tindak is None:
            status = Rekomendasi.Status.TERBUKA
        else:
            status = Rekomendasi.Status.SELESAI if diterima else Rekomendasi.Status.MENUNGGU
        rekomendasi = Rekomendasi(
            pemda=evaluasi.pemda,
            evaluasi=evaluasi,
            komponen=komponen.get(kode),
            urutan=urutan,
            uraian=uraian,
            status=status,
        )
        rekomendasi._change_reason = "demo"
        rekomendasi.save()
        if tindak is None:
            continue
        tindak_lanjut = TindakLanjut(
            pemda=evaluasi.pemda,
            rekomendasi=rekomendasi,
            uraian=tindak,
            status=TindakLanjut.Status.DITERIMA if diterima else TindakLanjut.Status.DIAJUKAN,
            catatan_evaluator=_("Bukti penetapan SOP diterima.") if diterima else "",
        )
        tindak_lanjut._change_reason = "demo"
        tindak_lanjut.save()
        if diterima:
            Peristiwa.objects.create(
                pemda=evaluasi.pemda,
                opd=evaluasi.opd,
                jenis=Peristiwa.Jenis.TINDAK_LANJUT_DITUTUP,
                oleh=evaluator,
                alasan=_("Rekomendasi %(n)s") % {"n": urutan},
                objek=event_key(evaluasi.tahun),
            )
