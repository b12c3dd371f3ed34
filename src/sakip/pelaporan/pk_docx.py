"""The Perjanjian Kinerja as a Word document (PermenPAN-RB 53/2014, Lampiran I and II): the PK
model (`sakip.pelaporan.pk.DokumenPK`) rendered into `templates/pk.docx` (built by
`sakip.pelaporan.template.build_pk_template`) or a pemda's own template with the same
placeholders and style names.

Page 1: the title (OPD, pemda, "REVISI n" for a revision, "DRAF" while the PK is not signed),
the statement and the signatures side by side (Pihak Kedua left, Pihak Pertama right under
"tempat, tanggal"). Then the Lampiran: sasaran, indicators and targets (with their satuan);
programs and their budgets with the JUMLAH row and the source; the signatures again.

Built with the LKjIP renderer's building blocks (`sakip.pelaporan.docx`): literal runs, tables
whose header rows repeat and whose rows never split, figures formatted by
`sakip.formulas.numbers` and `sakip.pelaporan.narasi` only. The JUMLAH figure is
`DokumenPK.jumlah_anggaran`, never summed here.
"""

from __future__ import annotations

import io
from itertools import groupby
from pathlib import Path

from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from sakip.dokumen import templat

# the LKjIP renderer and its table helper are private to docx.py; reused, not copied
from sakip.organisasi.orang import tulis_nip
from sakip.pelaporan import narasi
from sakip.pelaporan.docx import (
    BELUM,
    CENTER,
    NO_COL,
    RIGHT,
    TOTAL_FILL,
    Cell,
    Col,
    Table,
    _borderless,
    _Renderer,
    clean,
    num,
    or_belum,
    rupiah,
)
from sakip.pelaporan.model import Pejabat
from sakip.pelaporan.pk import DokumenPK

# pk.py's wording for a missing name (private there), so statement and signature agree
from sakip.pelaporan.pk import _name as nama_pejabat
from sakip.pelaporan.template import PK_TEMPLATE_PATH

TANGGAL_KOSONG = "…………… 20.."  # a date to fill in by hand
PARTIES = (1, 2)  # the statement's paragraphs naming pihak pertama and pihak kedua (pk.statement)
SIGN_SPACE = 4  # empty lines for the signature (and the seal)


def render_pk(
    doc: DokumenPK, template_path: str | Path | None = None, *, for_pdf: bool = False
) -> bytes:
    """The PK as DOCX bytes. `template_path`: a pemda's own template (default: the built-in
    one). `for_pdf` is accepted for symmetry with `render_lkjip`: the PK has no table of
    contents, so the DOCX for LibreOffice is the same."""
    template = DocxTemplate(str(template_path or PK_TEMPLATE_PATH))
    renderer = _PkRenderer(template, doc)
    context = {
        "opd": clean(doc.opd),  # escaped by docxtpl (autoescape); control characters dropped
        "pemda": clean(doc.pemda),
        "tahun": doc.tahun,
        "revisi": doc.revisi,
        "draf": not doc.ditandatangani,
        "pernyataan": renderer.pernyataan(),
        "lampiran": renderer.lampiran(),
    }
    templat.render(template, context, "pk")
    document = template.docx  # not get_docx(): after rendering it reloads the template
    renderer.finish(document, for_pdf=for_pdf)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


class _PkRenderer(_Renderer):
    """`self.r` is the DokumenPK (the LKjIP renderer's helpers read only `self.r.opd`)."""

    def pernyataan(self):
        fragment = self._new()
        for i, text in enumerate(self.r.pernyataan):
            if i in PARTIES:  # the two parties: indented, as on the form
                self.para(text, "body", indent=1.0)
            else:
                self.para(text)
        self.para("", "body", keep_next=True)
        self._signatures()
        return fragment

    def lampiran(self):
        fragment = self._new()
        d = self.r
        title = [_("LAMPIRAN"), _("PERJANJIAN KINERJA TAHUN %(tahun)s") % {"tahun": d.tahun}]
        title += [d.opd.upper(), d.pemda.upper()]
        if d.revisi:
            title.append(_("REVISI %(revisi)s") % {"revisi": d.revisi})
        if not d.ditandatangani:
            title.append(_("DRAF"))
        self.para("\n".join(title), "h1")
        self._sasaran_table()
        self.para("", "note")
        self._program_table()
        self.para("", "body", keep_next=True)
        self._signatures()
        return fragment

    # -- tables --

    def _sasaran_table(self) -> None:
        rows: list[list[Cell]] = []
        for number, (sasaran, group) in enumerate(
            groupby(self.r.baris, key=lambda b: b.sasaran), start=1
        ):
            for i, baris in enumerate(group):
                merge = "restart" if i == 0 else "continue"
                target = narasi.target(baris.target, baris.presisi)
                if baris.target is not None and baris.satuan:
                    target = f"{target} {baris.satuan}"
                rows.append(
                    [
                        num(str(number), vmerge=merge),
                        Cell(or_belum(sasaran), vmerge=merge),
                        Cell(or_belum(baris.indikator)),
                        Cell(target, align=CENTER),
                    ]
                )
        self._add(
            self._table_element(
                Table(
                    [
                        NO_COL,
                        Col(_("Sasaran Strategis"), 4.5),
                        Col(_("Indikator Kinerja"), 4.5),
                        Col(_("Target"), 3.4, CENTER),
                    ],
                    rows or [[Cell(BELUM, span=4, italic=True)]],
                )
            )
        )

    def _program_table(self) -> None:
        d = self.r
        rows = [
            [
                num(str(i)),
                Cell(f"{p.kode} {p.nama}".strip()),
                num(rupiah(p.anggaran)),
            ]
            for i, p in enumerate(d.program, start=1)
        ]
        if not rows:
            rows = [[Cell(BELUM, span=3, italic=True)]]
        total = {"bold": True, "fill": TOTAL_FILL}
        rows.append(
            [
                Cell(_("JUMLAH"), span=2, align=CENTER, **total),
                num(rupiah(d.jumlah_anggaran), **total),
            ]
        )
        self._add(
            self._table_element(
                Table(
                    [NO_COL, Col(_("Program"), 9), Col(_("Anggaran (Rp)"), 3.2, RIGHT)],
                    rows,
                )
            )
        )
        self.note(_("Sumber: %(sumber)s") % {"sumber": or_belum(d.sumber_anggaran)})

    # -- signatures --

    def _signatures(self) -> None:
        d = self.r
        tempat = d.tempat.strip() if d.tempat else ""
        date_line = f"{tempat or '……………'}, {d.tanggal or TANGGAL_KOSONG}"
        table = Table(
            [Col("", 1, CENTER), Col("", 1, CENTER)],
            [
                [
                    Cell(self._pihak("", _("PIHAK KEDUA,"), d.pihak_kedua), align=CENTER),
                    Cell(
                        self._pihak(date_line, _("PIHAK PERTAMA,"), d.pihak_pertama), align=CENTER
                    ),
                ]
            ],
            header=[],
        )
        element = self._table_element(table)
        _borderless(element)
        # full-size text: no table style (its 9 pt would win) and the Normal paragraph style
        tblpr = element.find(qn("w:tblPr"))
        for style in tblpr.findall(qn("w:tblStyle")):
            tblpr.remove(style)
        normal = self.style_ids.get("normal")
        for p_style in element.iter(qn("w:pStyle")):
            if normal:
                p_style.set(qn("w:val"), normal)
            else:
                p_style.getparent().remove(p_style)
        self._add(element)

    @staticmethod
    def _pihak(date_line: str, role: str, pejabat: Pejabat) -> list:
        lines = [[(date_line, "")], [(role, "")], [(or_belum(pejabat.jabatan).upper(), "b")]]
        lines += [[("", "")]] * SIGN_SPACE
        lines.append([(nama_pejabat(pejabat), "bu" if pejabat.nama else "i")])
        if pejabat.pangkat:
            lines.append([(pejabat.pangkat, "")])
        if pejabat.nip:
            lines.append([(f"NIP. {tulis_nip(pejabat.nip)}", "")])
        return lines

    def finish(self, document, for_pdf: bool) -> None:
        """Nothing to do after docxtpl: no landscape sections, no table of contents."""
