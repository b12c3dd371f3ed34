"""What the worksheet shows for one evaluation and one reader: the criteria of a component with
both grades, the evidence, and the scores (self-assessment and evaluator side by side, the
evaluator's only for those who may read it), computed by the formulas engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from sakip.evaluasi import actions, evidence
from sakip.evaluasi.access import can_see_result
from sakip.evaluasi.instrument import formula_instrument
from sakip.evaluasi.models import BuktiDukung, Evaluasi, KomponenLke
from sakip.evaluasi.scoring import EVALUATOR, MANDIRI, as_published, grades_of, rows_of
from sakip.formulas.lke import LkeResult, lke_total
from sakip.organisasi.models import Akun

Status = Evaluasi.Status


@dataclass
class Row:
    jawaban: object
    bukti: list
    errors: dict = field(default_factory=dict)
    posted: dict = field(default_factory=dict)


@dataclass
class SubScore:
    kode: str
    nama: str
    dimensi: str
    bobot: object
    mandiri: object
    evaluator: object


@dataclass
class Sheet:
    evaluasi: Evaluasi
    komponen: list
    aktif: KomponenLke | None
    rows: list[Row]
    mandiri: LkeResult
    evaluator: LkeResult | None
    skor: list  # (component score mandiri, component score evaluator, [SubScore])
    grades: list[str]
    can_self: bool
    can_grade: bool
    see_result: bool
    pilihan_rujukan: list
    terisi_mandiri: int
    terisi_evaluator: int
    jumlah: int


def _by_kode(result: LkeResult | None) -> dict:
    found = {}
    if result is None:
        return found
    for component in result.components:
        found[component.kode] = component.score
        for sub in component.subcomponents:
            found[sub.kode] = sub.score
    return found


def build(evaluasi: Evaluasi, akun: Akun, user, komponen_kode: str | None = None) -> Sheet:
    bukti = BuktiDukung.objects.order_by("dibuat_pada", "pk")
    rows = list(rows_of(evaluasi).prefetch_related(Prefetch("bukti", queryset=bukti)))
    instrument, values = formula_instrument(evaluasi.instrumen)
    see = can_see_result(akun, evaluasi)
    mandiri = lke_total(grades_of(rows, MANDIRI), instrument, values)
    evaluator = (
        as_published(evaluasi, lke_total(grades_of(rows, EVALUATOR), instrument, values))
        if see
        else None
    )
    komponen = list(
        KomponenLke.objects.filter(pemda_id=evaluasi.pemda_id, instrumen=evaluasi.instrumen_id)
    )
    aktif = next(
        (k for k in komponen if k.kode == komponen_kode), komponen[0] if komponen else None
    )
    m, e = _by_kode(mandiri), _by_kode(evaluator)
    skor = []
    subs_of: dict = {}
    for row in rows:
        sub = row.kriteria.sub_komponen
        subs_of.setdefault(sub.komponen_id, {})[sub.pk] = sub
    for k in komponen:
        subs = [
            SubScore(s.kode, s.nama, s.get_dimensi_display(), s.bobot, m.get(s.kode), e.get(s.kode))
            for s in subs_of.get(k.pk, {}).values()
        ]
        skor.append((k, m.get(k.kode), e.get(k.kode), subs))
    shown = [
        Row(r, list(r.bukti.all()))
        for r in rows
        if aktif is not None and r.kriteria.sub_komponen.komponen_id == aktif.pk
    ]
    opd_writer = akun.peran in actions.OPD_WRITERS and akun.opd_id == evaluasi.opd_id
    return Sheet(
        evaluasi=evaluasi,
        komponen=komponen,
        aktif=aktif,
        rows=shown,
        mandiri=mandiri,
        evaluator=evaluator,
        skor=skor,
        grades=list(values),
        can_self=opd_writer and evaluasi.status == Status.PENILAIAN_MANDIRI,
        can_grade=akun.peran == Akun.Peran.EVALUATOR
        and actions.is_assigned(user, evaluasi)
        and evaluasi.status in (Status.DIAJUKAN, Status.DIEVALUASI),
        see_result=see,
        pilihan_rujukan=evidence.pilihan_rujukan(evaluasi) if opd_writer else [],
        terisi_mandiri=sum(1 for r in rows if r.nilai_mandiri),
        terisi_evaluator=sum(1 for r in rows if r.nilai_evaluator),
        jumlah=len(rows),
    )
