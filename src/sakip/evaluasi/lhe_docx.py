"""The LHE AKIP as a Word document: the model (`sakip.evaluasi.lhe.Lhe`) rendered into
`templates/lhe.docx` (built by `sakip.evaluasi.lhe_template`) or a pemda's own template with
the same placeholders and style names.

The report: A. dasar evaluasi, B. tujuan, C. ruang lingkup and method (instrument, its
components and weights, fieldwork dates), D. the team, E. the results (the total and its
predikat, the comparison with the latest published earlier year, a table of components and
sub-components with weight, score, share of the weight and predikat, the predikat scale, a
chart of each component's share), F. strengths and weaknesses, G. recommendations, H. closing
and the signatures of the Ketua Tim and the Inspektur. Lampiran: every criterion with the
evaluator's grade and note. A draft (not published) says "DRAF" on every page (header).

Built with the LKjIP renderer's building blocks (`sakip.pelaporan.docx`): literal runs (user
text cannot inject template code), tables whose header rows repeat and whose rows never split.
Figures are formatted only by `sakip.formulas.numbers`; none is computed here.
"""

from __future__ import annotations

import io
from pathlib import Path

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from sakip.dokumen import templat
from sakip.evaluasi.lhe import INTERPRETASI, KomponenLhe, Lhe, Pembanding, angka_ringkas
from sakip.evaluasi.lhe_template import LHE_TEMPLATE_PATH
from sakip.formulas.numbers import format_angka, format_persen, round_half_up
from sakip.formulas.predikat import Band

# the LKjIP renderer and its table helpers are private to docx.py; reused, not copied
from sakip.organisasi.orang import tulis_nip
from sakip.pelaporan.docx import (
    CENTER,
    LEFT,
    NO,
    NO_COL,
    PROGRAM_FILL,
    RIGHT,
    TOTAL_FILL,
    Cell,
    Col,
    Table,
    _borderless,
    _Renderer,
    clean,
    num,
)
from sakip.pelaporan.model import Pejabat

KOSONG = "……………"  # to fill in by hand
SIGN_SPACE = 4  # empty lines for the signature (and the seal)


def render_lhe(lhe: Lhe, template_path: str | Path | None = None, *, charts: bool = True) -> bytes:
    """The LHE as DOCX bytes (`template_path`: a pemda's own template; default the built-in;
    `charts`: draw the chart of the components, matplotlib)."""
    template = DocxTemplate(str(template_path or LHE_TEMPLATE_PATH))
    renderer = _LheRenderer(template, lhe, charts=charts)
    context = {
        "opd": clean(lhe.opd),  # escaped by docxtpl (autoescape); control characters dropped
        "pemda": clean(lhe.pemda),
        "tahun": lhe.tahun,
        "nomor": clean(lhe.nomor),
        "draf": lhe.draf,
        "isi": renderer.isi(),
        "lampiran": renderer.lampiran(),
    }
    templat.render(template, context, "lhe")
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def tanggal(value) -> str:
    return date_format(value, "j F Y") if value else KOSONG


def nilai(value) -> str:
    return _("belum dinilai") if value is None else format_angka(value, 2)


def rentang(band: Band) -> str:
    """A band as the regulation writes it: "> 90 – 100", "0 – 30"."""
    low = angka_ringkas(band.lower) if band.lower is not None else "…"
    high = angka_ringkas(band.upper) if band.upper is not None else "…"
    return f"{'' if band.lower_inclusive else '> '}{low} – {high}"


def persen(value) -> str:
    return "–" if value is None else format_persen(value)


class _LheRenderer(_Renderer):
    """`self.r` is the Lhe (the LKjIP renderer's helpers read only `self.r.opd`)."""

    def isi(self):
        fragment = self._new()
        self._dasar()
        self._tujuan()
        self._ruang_lingkup()
        self._tim()
        self._hasil()
        self._kekuatan_kelemahan()
        self._rekomendasi()
        self._penutup()
        return fragment

    # -- A-D --

    def _dasar(self) -> None:
        self.heading(2, _("A. DASAR EVALUASI"))
        self.items(self.r.dasar or [KOSONG], "angka")

    def _tujuan(self) -> None:
        self.heading(2, _("B. TUJUAN EVALUASI"))
        self.para(_("Evaluasi atas implementasi SAKIP bertujuan untuk:"))
        self.items(
            [
                _("memperoleh informasi tentang implementasi SAKIP pada %(opd)s;")
                % {"opd": self.r.opd},
                _("menilai tingkat akuntabilitas kinerja %(opd)s tahun %(tahun)s;")
                % {"opd": self.r.opd, "tahun": self.r.tahun},
                _(
                    "memberikan saran perbaikan untuk peningkatan kinerja dan penguatan "
                    "akuntabilitas; dan"
                ),
                _("memonitor tindak lanjut rekomendasi hasil evaluasi periode sebelumnya."),
            ],
            "angka",
        )

    def _ruang_lingkup(self) -> None:
        r = self.r
        self.heading(2, _("C. RUANG LINGKUP DAN METODOLOGI"))
        self.para(
            _(
                "Evaluasi dilakukan atas implementasi SAKIP %(opd)s tahun %(tahun)s dengan "
                "%(instrumen)s menurut %(dasar)s, melalui reviu dokumen, wawancara dan "
                "pengamatan atas bukti dukung. Evaluasi dilaksanakan pada %(mulai)s sampai "
                "dengan %(selesai)s."
            )
            % {
                "opd": r.opd,
                "tahun": r.tahun,
                "instrumen": r.instrumen_nama,
                "dasar": r.instrumen_dasar,
                "mulai": tanggal(r.tanggal_mulai),
                "selesai": tanggal(r.tanggal_selesai),
            }
        )
        self.para(_("Komponen yang dievaluasi dan bobotnya:"))
        self.items(
            [
                _("%(nama)s (bobot %(bobot)s), terdiri dari sub-komponen %(sub)s.")
                % {
                    "nama": k.nama,
                    "bobot": angka_ringkas(k.bobot),
                    "sub": ", ".join(f"{s.nama} ({angka_ringkas(s.bobot)})" for s in k.sub),
                }
                for k in r.komponen
            ],
            "angka",
        )

    def _tim(self) -> None:
        self.heading(2, _("D. TIM EVALUASI"))
        rows = [
            [num(str(i)), Cell(a.nama), Cell(a.peran), Cell(tulis_nip(a.nip) if a.nip else "–")]
            for i, a in enumerate(self.r.tim, start=1)
        ] or [[Cell(_("Tim evaluasi belum ditetapkan."), span=4, italic=True)]]
        self._add(
            self._table_element(
                Table(
                    [NO_COL, Col(_("Nama"), 5), Col(_("Peran dalam Tim"), 3.5), Col("NIP", 4)],
                    rows,
                )
            )
        )

    # -- E. results --

    def _hasil(self) -> None:
        r = self.r
        self.heading(2, _("E. HASIL EVALUASI"))
        if r.total is None:
            self.para(
                _(
                    "Nilai akhir evaluasi atas %(opd)s tahun %(tahun)s belum dapat ditetapkan "
                    "karena belum semua kriteria dinilai."
                )
                % {"opd": r.opd, "tahun": r.tahun}
            )
        else:
            self.para(
                _(
                    "Hasil evaluasi atas akuntabilitas kinerja %(opd)s tahun %(tahun)s "
                    "memperoleh nilai %(total)s dengan predikat \u201c%(predikat)s\u201d "
                    "(%(arti)s)."
                )
                % {
                    "opd": r.opd,
                    "tahun": r.tahun,
                    "total": format_angka(r.total, 2),
                    "predikat": r.predikat,
                    "arti": INTERPRETASI.get(r.predikat or "", "–"),
                }
            )
        if r.tahun_lalu is not None:
            self.para(self._dibanding(r.tahun_lalu))
        self.para(_("Rincian nilai per komponen dan sub-komponen:"), keep_next=True)
        self.table("1", _("Nilai Evaluasi AKIP per Komponen"), self._score_table(r.komponen))
        for text in r.catatan:
            self.note(text)
        self.para(_("Predikat ditetapkan menurut nilai akhir sebagai berikut:"), keep_next=True)
        scale = [
            [
                Cell(band.label, align=CENTER, bold=band.label == r.predikat),
                Cell(rentang(band)),
                Cell(INTERPRETASI.get(band.label, "")),
            ]
            for band in r.skala.bands
        ]
        self.table(
            "2",
            _("Predikat Nilai Evaluasi AKIP"),
            Table(
                [
                    Col(_("Predikat"), 1.5, CENTER),
                    Col(_("Rentang nilai"), 4),
                    Col(_("Interpretasi"), 4),
                ],
                scale,
            ),
        )
        title = _("Capaian Nilai per Komponen (persen dari bobot)")
        items = [(f"{k.kode}. {k.nama}", k.persen) for k in r.komponen]
        png = self._draw("serapan_per_program", items, title)
        if png is not None:
            self.para(_("Capaian nilai tiap komponen terhadap bobotnya:"), keep_next=True)
            self.chart(png, "1", title)

    @staticmethod
    def _dibanding(lalu: Pembanding) -> str:
        earlier = {
            "tahun": lalu.tahun,
            "nilai": format_angka(lalu.nilai, 2),
            "predikat": lalu.predikat or "–",
        }
        if lalu.selisih is None:
            return (
                _("Hasil evaluasi tahun %(tahun)s: nilai %(nilai)s, predikat %(predikat)s.")
                % earlier
            )
        change = round_half_up(lalu.selisih, 2)
        if change == 0:
            return _("Nilai ini sama dengan hasil tahun %(tahun)s (%(nilai)s, %(predikat)s).") % (
                earlier
            )
        text = (
            _("Nilai ini naik %(selisih)s dari hasil tahun %(tahun)s (%(nilai)s, %(predikat)s).")
            if change > 0
            else _(
                "Nilai ini turun %(selisih)s dari hasil tahun %(tahun)s (%(nilai)s, %(predikat)s)."
            )
        )
        return text % {**earlier, "selisih": format_angka(abs(change), 2)}

    def _score_table(self, komponen: tuple[KomponenLhe, ...]) -> Table:
        rows: list[list[Cell]] = []
        for k in komponen:
            bold = {"bold": True, "fill": PROGRAM_FILL}
            rows.append(
                [
                    Cell(k.kode, align=CENTER, **bold),
                    Cell(k.nama, **bold),
                    num(angka_ringkas(k.bobot), **bold),
                    num(nilai(k.nilai), **bold),
                    num(persen(k.persen), **bold),
                    Cell(k.predikat or "–", align=CENTER, **bold),
                ]
            )
            for s in k.sub:
                rows.append(
                    [
                        Cell(s.kode, align=CENTER),
                        Cell(s.nama, indent=0.4),
                        num(angka_ringkas(s.bobot)),
                        num(nilai(s.nilai)),
                        num(persen(s.persen)),
                        Cell(s.predikat or "–", align=CENTER),
                    ]
                )
        total = {"bold": True, "fill": TOTAL_FILL}
        rows.append(
            [
                Cell(_("NILAI AKHIR"), span=2, align=CENTER, **total),
                num(angka_ringkas(sum((k.bobot for k in komponen), start=0)), **total),
                num(nilai(self.r.total), **total),
                num("", **total),
                Cell(self.r.predikat or "–", align=CENTER, **total),
            ]
        )
        return Table(
            [
                Col(_("Kode"), 0, CENTER, cm=1.2),
                Col(_("Komponen / Sub-komponen"), 6),
                Col(_("Bobot"), 1.4, RIGHT),
                Col(_("Nilai"), 1.5, RIGHT),
                Col(_("Capaian"), 1.7, RIGHT),
                Col(_("Predikat"), 1.5, CENTER),
            ],
            rows,
        )

    # -- F-H --

    def _kekuatan_kelemahan(self) -> None:
        self.heading(2, _("F. KEKUATAN DAN KELEMAHAN"))
        for title, texts in (
            (_("Kekuatan:"), self.r.kekuatan),
            (_("Kelemahan:"), self.r.kelemahan),
        ):
            self.label(title)
            self.items(texts or [_("Belum dapat disimpulkan: belum ada nilai.")], "angka")

    def _rekomendasi(self) -> None:
        self.heading(2, _("G. REKOMENDASI"))
        if not self.r.rekomendasi:
            self.para(_("Belum ada rekomendasi."))
            return
        self.para(
            _("Rekomendasi untuk meningkatkan akuntabilitas kinerja %(opd)s:") % {"opd": self.r.opd}
        )
        for i, rec in enumerate(self.r.rekomendasi, start=1):
            runs = [(f"{i}.\t", "")]
            if rec.komponen:
                runs.append((f"{rec.komponen}: ", "i"))
            self.para([*runs, (rec.uraian, "")], "butir")

    def _penutup(self) -> None:
        r = self.r
        self.heading(2, _("H. PENUTUP"))
        self.para(
            _(
                "Demikian laporan hasil evaluasi ini disampaikan. Tindak lanjut atas rekomendasi "
                "di atas agar dilaporkan kepada Inspektur %(pemda)s."
            )
            % {"pemda": r.pemda}
        )
        self.para("", "body", keep_next=True)
        date_line = f"{r.tempat.strip() or KOSONG}, {tanggal(r.tanggal_laporan)}"
        left = self._pejabat_lines("", _("Ketua Tim Evaluasi,"), r.ketua_tim)
        right = self._pejabat_lines(
            date_line, _("INSPEKTUR %(pemda)s,") % {"pemda": r.pemda.upper()}, r.inspektur
        )
        table = Table(
            [Col("", 1, CENTER), Col("", 1, CENTER)],
            [[Cell(left, align=CENTER), Cell(right, align=CENTER)]],
            header=[],
        )
        element = self._table_element(table)
        _borderless(element)
        # full-size text: no table style (its 9 pt would win) and the Normal paragraph style
        tblpr = element.find(qn("w:tblPr"))
        for style in tblpr.findall(qn("w:tblStyle")):
            tblpr.remove(style)
        for p_style in element.iter(qn("w:pStyle")):
            p_style.set(qn("w:val"), self.style_ids.get("normal") or "Normal")
        self._add(element)

    @staticmethod
    def _pejabat_lines(date_line: str, role: str, pejabat: Pejabat | None) -> list:
        lines = [[(date_line, "")], [(role, "b")]]
        lines += [[("", "")]] * SIGN_SPACE
        if pejabat is None or not pejabat.nama:
            lines.append([("(" + "." * 40 + ")", "")])
            return lines
        lines.append([(pejabat.nama, "bu")])
        if pejabat.pangkat:
            lines.append([(pejabat.pangkat, "")])
        if pejabat.nip:
            lines.append([(f"NIP. {tulis_nip(pejabat.nip)}", "")])
        return lines

    # -- Lampiran --

    def lampiran(self):
        fragment = self._new()
        r = self.r
        self.heading(
            1,
            _("LAMPIRAN\nRINCIAN PENILAIAN %(instrumen)s")
            % {"instrumen": r.instrumen_nama.upper()},
        )
        self.para(
            _(
                "Nilai tiap kriteria adalah nilai akhir evaluator (AA, A, BB, B, CC, C, D, E), "
                "dengan catatan evaluator."
            )
        )
        rows: list[list[Cell]] = []
        for k in r.komponen:
            rows.append(
                [Cell(f"{k.kode}. {k.nama}", span=4, align=LEFT, bold=True, fill=PROGRAM_FILL)]
            )
            for s in k.sub:
                rows.append(
                    [
                        Cell(
                            [
                                f"{s.kode} {s.nama} – {_('nilai')} {nilai(s.nilai)}",
                                *([[(s.uraian, "i")]] if s.uraian else []),
                            ],
                            span=4,
                            align=LEFT,
                            bold=True,
                            fill=TOTAL_FILL,
                        )
                    ]
                )
                for c in s.kriteria:
                    rows.append(
                        [
                            Cell(c.nomor, align=CENTER),
                            Cell(c.uraian),
                            Cell(c.nilai or "–", align=CENTER),
                            Cell(c.catatan or "–"),
                        ]
                    )
                if not s.kriteria:
                    rows.append([Cell(_("Belum ada kriteria."), span=4, italic=True)])
        self.caption(_("Tabel"), "L.1", _("Nilai dan Catatan per Kriteria"))
        table = self._table_element(
            Table(
                [
                    Col(NO, 0, CENTER, cm=1.4),
                    Col(_("Kriteria"), 6),
                    Col(_("Nilai"), 1.2, CENTER),
                    Col(_("Catatan Evaluator"), 4.5),
                ],
                rows,
            )
        )
        _keep_group_rows_with_next(table)
        self._add(table)
        return fragment


def _keep_group_rows_with_next(tbl) -> None:
    """A component's or sub-component's row (one cell across the table) stays on the page of
    its first criterion."""
    for tr in tbl.findall(qn("w:tr")):
        cells = tr.findall(qn("w:tc"))
        if len(cells) == 1 and cells[0].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is not None:
            for ppr in cells[0].iter(qn("w:pPr")):
                if ppr.find(qn("w:keepNext")) is None:
                    keep = OxmlElement("w:keepNext")
                    style = ppr.find(qn("w:pStyle"))
                    if style is not None:
                        style.addnext(keep)
                    else:
                        ppr.insert(0, keep)
