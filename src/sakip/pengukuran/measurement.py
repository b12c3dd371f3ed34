"""The measurement of one OPD-year: records → a few set-based queries → formulas → a plain
report model that every renderer (CLI text, JSON, pages, documents) shows as it is.

No figure is computed anywhere else."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from sakip.formulas.anggaran import BudgetLine
from sakip.formulas.capaian import Arah, Target, capaian
from sakip.formulas.predikat import SKALA_BLORA, Band, PredikatScale, predikat
from sakip.formulas.result import FormulaInputError, Result
from sakip.formulas.triwulan import TipePenghitungan, aggregate_quarters
from sakip.organisasi.models import PerangkatDaerah, RentangPredikat
from sakip.pengukuran.models import RealisasiAnggaran, RealisasiKinerja
from sakip.perencanaan.models import (
    Indikator,
    Pagu,
    PerjanjianKinerja,
    TargetPK,
    TargetRenstra,
    TargetTahunan,
    VersiAnggaran,
)


@dataclass(frozen=True)
class BarisKinerja:
    """One indicator's row of the performance table."""

    kode: str
    nama: str
    satuan: str
    sasaran: str
    tingkat: str
    arah: str
    tipe_penghitungan: str
    frekuensi: str
    presisi: int
    target: Target | None
    triwulan: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    realisasi: Result
    capaian: Result
    predikat: str | None
    warna: str


@dataclass(frozen=True)
class Pengukuran:
    pemda: str
    opd: str
    opd_slug: str
    tahun: int
    skala: PredikatScale
    sumber_target: str
    kinerja: list[BarisKinerja]
    kinerja_program: list[BarisKinerja]
    versi_anggaran: str
    anggaran: BudgetLine | None
    catatan: list[str] = field(default_factory=list)


def scale_for(pemda) -> PredikatScale:
    """The pemda's active predicate scale, or the seed's Tabel 3.1 when it has none."""
    bands = list(
        RentangPredikat.objects.filter(pemda=pemda, skala__aktif=True)
        .select_related("skala")
        .order_by("urutan")
    )
    if not bands:
        return SKALA_BLORA
    return PredikatScale(
        name=bands[0].skala.nama,
        bands=tuple(
            Band(
                label=b.label,
                lower=b.batas_bawah,
                lower_inclusive=b.bawah_inklusif,
                upper=b.batas_atas,
                upper_inclusive=b.atas_inklusif,
                color=b.warna,
            )
            for b in bands
        ),
    )


def stored_target(lower, upper) -> Target | None:
    """A stored target as the engine's Target; none stored (lower None) or an impossible one
    (upper below lower) is no target, so one bad row never takes a page down."""
    if lower is None:
        return None
    try:
        return Target(lower, upper)
    except FormulaInputError:
        return None


def _choose_pk(revisions):
    """The latest signed revision; a draft only when nothing is signed."""
    signed = [pk for pk in revisions if pk.status == PerjanjianKinerja.Status.DITANDATANGANI]
    return max(signed or revisions, key=lambda pk: pk.revisi, default=None)


def pk_in_force(opd: PerangkatDaerah, tahun: int) -> PerjanjianKinerja | None:
    return _choose_pk(list(PerjanjianKinerja.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun)))


def target_for(indikator: Indikator, tahun: int) -> Target | None:
    """One indicator's target for a year: exactly the one its row of `measure` shows."""
    m = measure(indikator.opd, tahun)
    for row in (*m.kinerja, *m.kinerja_program):
        if row.kode == indikator.kode:
            return row.target
    return None


# annual targets are for program, kegiatan and sub-kegiatan indicators; strategic ones are
# targeted by the PK (or, without one, the Renstra)
PROGRAM_LEVEL = (
    Q(indikator__program__isnull=False)
    | Q(indikator__kegiatan__isnull=False)
    | Q(indikator__sub_kegiatan__isnull=False)
)

# "perubahan" sorts after "murni": descending puts the revised Renstra first
LATEST_RENSTRA_FIRST = ("-indikator_renstra__renstra__versi", "indikator_renstra__urutan")


@dataclass
class YearRecords:
    """Everything the measurement of some OPDs of one pemda for one year needs, loaded in a
    fixed number of queries whatever the number of OPDs, indicators or sub-kegiatan."""

    scale: PredikatScale
    pk: dict = field(default_factory=dict)  # opd id -> PK in force
    pk_targets: dict = field(default_factory=lambda: defaultdict(list))  # pk id -> [TargetPK]
    renstra_targets: dict = field(default_factory=lambda: defaultdict(list))  # opd id -> [...]
    annual_targets: dict = field(default_factory=lambda: defaultdict(list))  # opd id -> [...]
    quarters: dict = field(default_factory=lambda: defaultdict(dict))  # indikator id -> {tw: v}
    versi: dict = field(default_factory=dict)  # opd id -> VersiAnggaran in force
    pagu: dict = field(default_factory=lambda: defaultdict(list))  # opd id -> [Pagu]
    spent: dict = field(default_factory=dict)  # sub-kegiatan id -> realisasi of the year


def load_year(pemda, tahun: int, opds) -> YearRecords:
    ids = [opd.pk for opd in opds]
    records = YearRecords(scale=scale_for(pemda))
    revisions = defaultdict(list)
    for pk in PerjanjianKinerja.objects.filter(pemda=pemda, opd_id__in=ids, tahun=tahun):
        revisions[pk.opd_id].append(pk)
    records.pk = {opd_id: _choose_pk(items) for opd_id, items in revisions.items()}
    for t in (
        TargetPK.objects.filter(pemda=pemda, sasaran_pk__perjanjian__in=records.pk.values())
        .select_related("indikator", "sasaran_pk")
        .order_by("sasaran_pk__urutan", "urutan")
    ):
        records.pk_targets[t.sasaran_pk.perjanjian_id].append(t)
    for t in (
        TargetRenstra.objects.filter(
            pemda=pemda,
            tahun=tahun,
            indikator_renstra__renstra__opd_id__in=ids,
            indikator_renstra__renstra__tahun_awal__lte=tahun,
            indikator_renstra__renstra__tahun_akhir__gte=tahun,
        )
        .select_related(
            "indikator_renstra__indikator",
            "indikator_renstra__renstra",
            "indikator_renstra__tujuan",
            "indikator_renstra__sasaran",
        )
        .order_by(*LATEST_RENSTRA_FIRST)
    ):
        records.renstra_targets[t.indikator_renstra.renstra.opd_id].append(t)
    for t in TargetTahunan.objects.filter(
        PROGRAM_LEVEL, pemda=pemda, indikator__opd_id__in=ids, tahun=tahun
    ).select_related(
        "indikator__program",
        "indikator__kegiatan__program",
        "indikator__sub_kegiatan__kegiatan__program",
    ):
        records.annual_targets[t.indikator.opd_id].append(t)
    for indikator_id, triwulan, nilai in RealisasiKinerja.objects.filter(
        pemda=pemda, indikator__opd_id__in=ids, tahun=tahun
    ).values_list("indikator_id", "triwulan", "nilai"):
        records.quarters[indikator_id][triwulan] = nilai
    for versi in VersiAnggaran.objects.filter(pemda=pemda, opd_id__in=ids, tahun=tahun).order_by(
        "urutan"
    ):
        records.versi[versi.opd_id] = versi  # the last one is in force (VersiAnggaran.in_force)
    for row in (
        Pagu.objects.filter(pemda=pemda, versi_anggaran__in=records.versi.values())
        .select_related("sub_kegiatan__kegiatan__program", "versi_anggaran")
        .order_by(
            "sub_kegiatan__kegiatan__program__kode",
            "sub_kegiatan__kegiatan__kode",
            "sub_kegiatan__kode",
        )
    ):
        records.pagu[row.versi_anggaran.opd_id].append(row)
    records.spent = dict(
        RealisasiAnggaran.objects.filter(
            pemda=pemda, sub_kegiatan__kegiatan__program__opd_id__in=ids, tahun=tahun
        )
        .values("sub_kegiatan_id")
        .annotate(total=Sum("jumlah"))
        .values_list("sub_kegiatan_id", "total")
    )
    return records


def measure(opd: PerangkatDaerah, tahun: int) -> Pengukuran:
    return assemble(opd, tahun, load_year(opd.pemda, tahun, [opd]))


def measure_all(pemda, tahun: int, opds) -> list[Pengukuran]:
    opds = list(opds)
    records = load_year(pemda, tahun, opds)
    return [assemble(opd, tahun, records) for opd in opds]


def assemble(opd: PerangkatDaerah, tahun: int, records: YearRecords) -> Pengukuran:
    scale = records.scale
    catatan: list[str] = []
    if scale is SKALA_BLORA:
        catatan.append(
            _(
                "Pemda ini belum menetapkan skala predikat; predikat memakai skala contoh "
                "Inspektorat Kabupaten Blora."
            )
        )
    pk = records.pk.get(opd.pk)
    if pk is not None:
        sumber = _("Perjanjian Kinerja %(tahun)s revisi %(revisi)s (%(status)s)") % {
            "tahun": tahun,
            "revisi": pk.revisi,
            "status": pk.get_status_display(),
        }
        if pk.status != PerjanjianKinerja.Status.DITANDATANGANI:
            catatan.append(
                _("Perjanjian Kinerja %(tahun)s belum ditandatangani.") % {"tahun": tahun}
            )
        strategic = [
            (t.indikator, t.sasaran_pk.uraian, stored_target(t.target, t.target_atas))
            for t in records.pk_targets[pk.pk]
        ]
    else:
        sumber, strategic = _renstra_targets(records.renstra_targets[opd.pk])
        catatan.append(
            _("Belum ada Perjanjian Kinerja %(tahun)s; target diambil dari %(sumber)s.")
            % {"tahun": tahun, "sumber": sumber}
        )
    program_level = sorted(
        (
            (t.indikator, _owner_name(t.indikator), stored_target(t.target, t.target_atas))
            for t in records.annual_targets[opd.pk]
        ),
        key=lambda row: (_owner_code(row[0]), row[0].kode),
    )

    def rows(items):
        return [
            _row(ind, label, target, records.quarters.get(ind.pk, {}), scale)
            for ind, label, target in items
        ]

    kinerja = rows(strategic)
    for row in kinerja:
        if not row.realisasi.is_computed:
            catatan.append(
                _("Realisasi %(indikator)s %(tahun)s belum diisi.")
                % {"indikator": row.nama, "tahun": tahun}
            )
    versi = records.versi.get(opd.pk)
    anggaran = _budget(records.pagu[opd.pk], records.spent) if versi else None
    if anggaran is None:
        catatan.append(_("Belum ada DPA %(tahun)s.") % {"tahun": tahun})
    return Pengukuran(
        pemda=opd.pemda.nama,
        opd=opd.nama,
        opd_slug=opd.slug,
        tahun=tahun,
        skala=scale,
        sumber_target=sumber,
        kinerja=kinerja,
        kinerja_program=rows(program_level),
        versi_anggaran=versi.get_jenis_display() if versi else "",
        anggaran=anggaran,
        catatan=catatan,
    )


def _renstra_targets(targets):
    """Without a PK: the year's targets of the latest Renstra version covering the year
    (`targets` come latest version first)."""
    if not targets:
        return _("Renstra (tidak ada target)"), []
    renstra = targets[0].indikator_renstra.renstra
    items = []
    for t in targets:
        link = t.indikator_renstra
        if link.renstra_id != renstra.pk:
            continue
        goal = link.sasaran or link.tujuan
        items.append((link.indikator, goal.uraian, stored_target(t.target, t.target_atas)))
    return str(renstra), items


def _owner_name(ind: Indikator) -> str:
    owner = ind.sub_kegiatan or ind.kegiatan or ind.program
    return owner.nama if owner else ""


def _owner_code(ind: Indikator) -> str:
    owner = ind.sub_kegiatan or ind.kegiatan or ind.program
    return owner.kode if owner else ""


def _row(ind: Indikator, label: str, target: Target, filled: dict, scale) -> BarisKinerja:
    values = tuple(filled.get(q) for q in (1, 2, 3, 4))
    realisasi = aggregate_quarters(values, TipePenghitungan(ind.tipe_penghitungan))
    result = capaian(realisasi.value if realisasi.is_computed else None, target, Arah(ind.arah))
    label_predikat = predikat(result, scale)
    return BarisKinerja(
        kode=ind.kode,
        nama=ind.nama,
        satuan=ind.satuan,
        sasaran=label,
        tingkat=ind.tingkat,
        arah=ind.arah,
        tipe_penghitungan=ind.tipe_penghitungan,
        frekuensi=ind.frekuensi,
        presisi=ind.presisi,
        target=target,
        triwulan=values,
        realisasi=realisasi,
        capaian=result,
        predikat=label_predikat,
        warna=_color(scale, label_predikat),
    )


def _color(scale: PredikatScale, label: str | None) -> str:
    for band in scale.bands:
        if band.label == label:
            return band.color
    return ""


def _budget(pagu_rows, spent) -> BudgetLine | None:
    if not pagu_rows:
        return None
    programs: dict = {}
    for row in pagu_rows:
        sub = row.sub_kegiatan
        keg = sub.kegiatan
        leaf = BudgetLine.leaf(sub.kode, sub.nama, row.jumlah, spent.get(sub.pk))
        programs.setdefault(keg.program, {}).setdefault(keg, []).append(leaf)
    lines = [
        BudgetLine.parent(
            prog.kode,
            prog.nama,
            [BudgetLine.parent(keg.kode, keg.nama, subs) for keg, subs in kegiatan.items()],
        )
        for prog, kegiatan in programs.items()
    ]
    return BudgetLine.parent("", _("JUMLAH"), lines)
