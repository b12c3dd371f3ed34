"""The program → kegiatan → sub-kegiatan tree of one OPD-year, with indicators and their
annual targets, and the pagu of every DPA version, loaded in a fixed number of queries.
Sums of parents come from the formula engine's BudgetLine, as everywhere else."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sakip.formulas.anggaran import BudgetLine
from sakip.perencanaan.forms import PaguForm, TargetForm
from sakip.perencanaan.models import Program
from sakip.perencanaan.pohon_anggaran import muat_catatan


@dataclass
class Node:
    kode: str
    nama: str
    level: str  # program | kegiatan | sub_kegiatan
    indikator: list = field(default_factory=list)  # (Indikator, TargetTahunan | None, form)
    pagu: list = field(default_factory=list)  # per version: (Pagu | None, form) on leaves
    totals: list = field(default_factory=list)  # per version: BudgetLine
    children: list = field(default_factory=list)


@dataclass
class Tree:
    versions: list
    programs: list
    totals: list  # per version: BudgetLine of the whole OPD


def budget_tree(opd, tahun: int, bound: dict | None = None) -> Tree:
    """`bound`: posted forms by prefix ("p12", "i7") to show instead of fresh ones, with the
    user's typed value and its error."""
    bound = bound or {}
    versions, pagu, targets, indicators = muat_catatan(opd, tahun)
    used = {sub_id for (_, sub_id) in pagu}
    programs = Program.objects.filter(pemda=opd.pemda, opd=opd).prefetch_related(
        "kegiatan__sub_kegiatan"
    )

    def with_indicators(node, level, pk):
        for ind in indicators[(level, pk)]:
            target = targets.get(ind.pk)
            form = TargetForm(
                prefix=f"i{ind.pk}",
                initial={
                    "target": target.target if target else None,
                    "target_atas": target.target_atas if target else None,
                    "versi": target.versi if target else 0,
                },
            )
            form.fields["target"].places = ind.presisi
            node.indikator.append((ind, target, bound.get(form.prefix, form)))
        return node

    def leaf_lines(sub):
        return [
            BudgetLine.leaf(sub.kode, sub.nama, pagu[(v.pk, sub.pk)].jumlah, None)
            if (v.pk, sub.pk) in pagu
            else BudgetLine.leaf(sub.kode, sub.nama, 0, None)
            for v in versions
        ]

    tree = []
    for program in programs:
        p_node = with_indicators(Node(program.kode, program.nama, "program"), "program", program.pk)
        for kegiatan in program.kegiatan.all():
            k_node = with_indicators(
                Node(kegiatan.kode, kegiatan.nama, "kegiatan"), "kegiatan", kegiatan.pk
            )
            for sub in kegiatan.sub_kegiatan.all():
                if sub.pk not in used:
                    continue
                s_node = with_indicators(
                    Node(sub.kode, sub.nama, "sub_kegiatan"), "sub_kegiatan", sub.pk
                )
                for v in versions:
                    row = pagu.get((v.pk, sub.pk))
                    s_node.pagu.append(
                        (
                            row,
                            bound.get(
                                f"p{row.pk}",
                                PaguForm(
                                    prefix=f"p{row.pk}",
                                    initial={"jumlah": row.jumlah, "versi": row.versi},
                                ),
                            )
                            if row
                            else None,
                        )
                    )
                s_node.totals = leaf_lines(sub)
                k_node.children.append(s_node)
            if k_node.children:
                k_node.totals = _sum_children(k_node, versions)
                p_node.children.append(k_node)
        if p_node.children:
            p_node.totals = _sum_children(p_node, versions)
            tree.append(p_node)
    totals = [
        BudgetLine.parent("", _("JUMLAH"), [p.totals[i] for p in tree]) if tree else None
        for i in range(len(versions))
    ]
    return Tree(versions, tree, totals)


def _sum_children(node, versions):
    return [
        BudgetLine.parent(node.kode, node.nama, [c.totals[i] for c in node.children])
        for i in range(len(versions))
    ]
