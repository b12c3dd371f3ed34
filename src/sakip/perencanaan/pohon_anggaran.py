"""The whole program → kegiatan → sub-kegiatan tree of one OPD-year, every node (with or
without pagu), its indicators and targets, and the pagu of each DPA version, loaded in a fixed
number of queries. The sums of kegiatan, program and OPD are the formula engine's BudgetLine."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sakip.formulas.anggaran import BudgetLine
from sakip.perencanaan import kode as kodes
from sakip.perencanaan.models import Indikator, Pagu, Program, TargetTahunan, VersiAnggaran


@dataclass
class Simpul:
    tingkat: str
    obj: object
    indikator: list = field(default_factory=list)  # (Indikator, TargetTahunan | None)
    pagu: list = field(default_factory=list)  # per version: Pagu | None (sub-kegiatan)
    jumlah: list = field(default_factory=list)  # per version: BudgetLine | None
    children: list = field(default_factory=list)
    forms: dict = field(default_factory=dict)  # filled by the page

    @property
    def kode(self) -> str:
        return self.obj.kode

    @property
    def nama(self) -> str:
        return self.obj.nama


@dataclass
class Pohon:
    versions: list
    programs: list
    jumlah: list  # per version: BudgetLine of the OPD | None

    def rows(self):
        """Every node, parents before their children, as the page lists them."""
        for program in self.programs:
            yield program
            for kegiatan in program.children:
                yield kegiatan
                yield from kegiatan.children

    def of(self, tingkat: str) -> list:
        return [node for node in self.rows() if node.tingkat == tingkat]

    @property
    def sub_kegiatan(self) -> list:
        return [node.obj for node in self.of(kodes.SUB_KEGIATAN)]


def muat_catatan(opd, tahun: int):
    """The year's DPA versions, their pagu by (versi id, sub-kegiatan id), the annual targets by
    indicator id and the node indicators by (tingkat, node id): four queries, whatever the size
    (also used by sakip.perencanaan.tree)."""
    versions = list(
        VersiAnggaran.objects.filter(pemda=opd.pemda, opd=opd, tahun=tahun).order_by("urutan")
    )
    pagu = {
        (p.versi_anggaran_id, p.sub_kegiatan_id): p
        for p in Pagu.objects.filter(pemda=opd.pemda, versi_anggaran__in=versions)
    }
    targets = {
        t.indikator_id: t
        for t in TargetTahunan.objects.filter(pemda=opd.pemda, indikator__opd=opd, tahun=tahun)
    }
    indicators = defaultdict(list)
    for ind in Indikator.objects.filter(pemda=opd.pemda, opd=opd).exclude(
        program=None, kegiatan=None, sub_kegiatan=None
    ):
        indicators[(ind.tingkat, ind.sub_kegiatan_id or ind.kegiatan_id or ind.program_id)].append(
            ind
        )
    return versions, pagu, targets, indicators


def muat_pohon(opd, tahun: int) -> Pohon:
    versions, pagu, targets, indicators = muat_catatan(opd, tahun)
    programs = Program.objects.filter(pemda=opd.pemda, opd=opd).prefetch_related(
        "kegiatan__sub_kegiatan"
    )

    def node(tingkat, obj):
        found = indicators[(tingkat, obj.pk)]
        return Simpul(tingkat, obj, indikator=[(i, targets.get(i.pk)) for i in found])

    tree = []
    for program in programs:
        p_node = node(kodes.PROGRAM, program)
        for kegiatan in program.kegiatan.all():
            k_node = node(kodes.KEGIATAN, kegiatan)
            for sub in kegiatan.sub_kegiatan.all():
                s_node = node(kodes.SUB_KEGIATAN, sub)
                s_node.pagu = [pagu.get((v.pk, sub.pk)) for v in versions]
                s_node.jumlah = [
                    BudgetLine.leaf(sub.kode, sub.nama, row.jumlah, None) if row else None
                    for row in s_node.pagu
                ]
                k_node.children.append(s_node)
            k_node.jumlah = _sums(k_node.kode, k_node.nama, k_node.children, len(versions))
            p_node.children.append(k_node)
        p_node.jumlah = _sums(program.kode, program.nama, p_node.children, len(versions))
        tree.append(p_node)
    return Pohon(versions, tree, _sums("", _("JUMLAH"), tree, len(versions)))


def _sums(kode: str, nama: str, children: list, count: int) -> list:
    """Per version: the BudgetLine summing the children that have pagu in it, or None."""
    lines = []
    for i in range(count):
        with_pagu = [c.jumlah[i] for c in children if c.jumlah and c.jumlah[i] is not None]
        lines.append(BudgetLine.parent(kode, nama, with_pagu) if with_pagu else None)
    return lines
