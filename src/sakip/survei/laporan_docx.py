"""The "Laporan Hasil SKM" as a Word document, with the LKjIP renderer's building blocks
(`sakip.pelaporan.docx`: literal runs, tables with repeated headers, charts, signature) in the
frame of `sakip.survei.laporan_template`.

Parts: I Pendahuluan (latar belakang, dasar hukum, maksud dan tujuan); II Metode (unsur,
skala, rumus, Krejcie–Morgan sample); III Hasil (profil responden, NRR per unsur with a chart,
IKM NI/NIK/mutu/kinerja, IKM per layanan, tren with a chart); IV Analisis (prioritas perbaikan,
saran dan masukan); V Rencana tindak lanjut ("perlu dilengkapi" while empty); signature.
Every figure comes computed from the model and is only formatted here."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from sakip.dokumen import templat
from sakip.formulas.numbers import format_angka

# the LKjIP renderer and its table helpers are private to docx.py; reused, not copied
from sakip.pelaporan.docx import (
    CENTER,
    NO_COL,
    RIGHT,
    TOTAL_FILL,
    Cell,
    Col,
    Table,
    _Renderer,
    clean,
    num,
)
from sakip.pelaporan.drafts import PERLU
from sakip.survei.laporan import LaporanSkm
from sakip.survei.laporan_template import template_file

BELUM_ADA = "–"


def render_laporan(doc: LaporanSkm, *, charts: bool = True) -> bytes:
    template = DocxTemplate(template_file())
    renderer = _SkmRenderer(template, doc, charts=charts)
    context = {
        "opd": clean(doc.opd),
        "pemda": clean(doc.pemda),
        "periode": clean(doc.periode),
        "isi": renderer.isi(),
    }
    templat.render(template, context, "laporan_skm")
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _angka(value, places: int) -> str:
    return BELUM_ADA if value is None else format_angka(value, places)


class _SkmRenderer(_Renderer):
    """`self.r` is the LaporanSkm (the base class's helpers read only `self.r.opd`)."""

    def isi(self):
        fragment = self._new()
        self._pendahuluan()
        self._metode()
        self._hasil()
        self._analisis()
        self._tindak_lanjut()
        self.signature(self.r.kepala, self.r.tempat, "")
        return fragment

    def _pendahuluan(self) -> None:
        d = self.r
        self.heading(2, _("I. PENDAHULUAN"))
        self.label(_("A. Latar Belakang"))
        self.para(
            _(
                "Survei Kepuasan Masyarakat (SKM) adalah kegiatan pengukuran secara komprehensif "
                "tentang tingkat kepuasan masyarakat terhadap kualitas layanan yang diberikan "
                "%(opd)s. Hasilnya menjadi bahan penilaian terhadap unsur pelayanan yang masih "
                "perlu perbaikan dan menjadi pendorong peningkatan kualitas pelayanan."
            )
            % {"opd": d.opd}
        )
        self.label(_("B. Dasar Hukum"))
        self.items(
            [
                _("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;"),
                _(
                    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi "
                    "Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat "
                    "Unit Penyelenggara Pelayanan Publik."
                ),
            ],
            "angka",
        )
        self.label(_("C. Maksud dan Tujuan"))
        self.para(
            _(
                "Mengetahui tingkat kepuasan masyarakat terhadap pelayanan %(opd)s pada periode "
                "%(periode)s (%(mulai)s s.d. %(selesai)s) sebagai dasar perbaikan pelayanan."
            )
            % {
                "opd": d.opd,
                "periode": d.periode,
                "mulai": d.mulai.strftime("%d-%m-%Y"),
                "selesai": d.selesai.strftime("%d-%m-%Y"),
            }
        )
        if d.layanan_aktif:
            self.para(_("Jenis layanan yang disurvei:"))
            self.items(d.layanan_aktif, "angka")

    def _metode(self) -> None:
        d, h = self.r, self.r.hasil
        self.heading(2, _("II. METODE"))
        self.para(
            _(
                "Kuesioner memuat sembilan unsur pelayanan dengan empat pilihan jawaban "
                "(1 = tidak baik sampai 4 = sangat baik). Nilai rata-rata per unsur (NRR) adalah "
                "jumlah nilai unsur dibagi jumlah responden; Nilai Indeks (NI) adalah jumlah NRR "
                "dikali bobot 1/9; IKM dalam Nilai Interval Konversi (NIK) adalah NI × 25."
            )
        )
        self.table(
            "2.1",
            _("Unsur pelayanan"),
            Table(
                [NO_COL, Col(_("Kode"), 1), Col(_("Unsur"), 6)],
                [
                    [num(str(i)), Cell(kode), Cell(nama)]
                    for i, (kode, nama) in enumerate(h.unsur, start=1)
                ],
            ),
        )
        self.table(
            "2.2",
            _("Nilai persepsi, interval IKM dan mutu pelayanan"),
            Table(
                [Col(_("Mutu"), 1, CENTER), Col(_("NIK"), 2, CENTER), Col(_("Kinerja"), 3)],
                [
                    [Cell(m, align=CENTER), Cell(r, align=CENTER), Cell(k)]
                    for m, r, k in d.skala_mutu
                ],
            ),
        )
        if h.sampel is None:
            self.para(
                _(
                    "Besar sampel minimum (Krejcie–Morgan) belum dapat dihitung karena populasi "
                    "penerima layanan periode ini belum diisi. %(perlu)s"
                )
                % {"perlu": PERLU}
            )
        else:
            self.para(
                _(
                    "Populasi penerima layanan %(n)s orang; besar sampel minimum menurut "
                    "Krejcie–Morgan (tingkat kepercayaan 95 %%) adalah %(s)s responden. Jumlah "
                    "responden %(r)s, sehingga sampel %(cukup)s."
                )
                % {
                    "n": format_angka(h.populasi),
                    "s": format_angka(h.sampel),
                    "r": format_angka(h.ikm.responden),
                    "cukup": _("telah memenuhi") if h.sampel_cukup else _("belum memenuhi"),
                }
            )

    def _hasil(self) -> None:
        d, h = self.r, self.r.hasil
        ikm = h.ikm
        self.heading(2, _("III. HASIL SURVEI"))
        self.label(_("A. Profil Responden"))
        self.table(
            "3.1",
            _("Profil responden"),
            Table(
                [
                    Col(_("Aspek"), 2),
                    Col(_("Kelompok"), 3),
                    Col(_("Jumlah"), 1, RIGHT),
                    Col(_("Persen"), 1, RIGHT),
                ],
                [
                    [
                        Cell(dem.judul if i == 0 else "", bold=i == 0),
                        Cell(b.label),
                        num(format_angka(b.jumlah)),
                        num(_angka(b.persen, 2)),
                    ]
                    for dem in h.demografi
                    for i, b in enumerate(dem.baris)
                ],
            ),
        )
        self.label(_("B. Nilai per Unsur Pelayanan"))
        rows = [
            [
                Cell(kode),
                Cell(nama),
                num(format_angka(total)),
                num(_angka(nrr, 2)),
                Cell(_("prioritas") if low else "", bold=low),
            ]
            for kode, nama, total, nrr, low in h.baris_unsur
        ]
        total = {"bold": True, "fill": TOTAL_FILL}
        rows.append(
            [
                Cell(_("IKM (NIK)"), span=3, **total),
                num(_angka(ikm.nik, 2), **total),
                Cell(ikm.mutu or "", **total),
            ]
        )
        self.table(
            "3.2",
            _("Jumlah nilai dan NRR per unsur"),
            Table(
                [
                    Col(_("Kode"), 1),
                    Col(_("Unsur"), 5),
                    Col(_("Jumlah nilai"), 2, RIGHT),
                    Col(_("NRR"), 1.5, RIGHT),
                    Col("", 1.8),
                ],
                rows,
            ),
        )
        if ikm.is_computed and self.charts:
            from sakip.survei.grafik import nrr_png

            self.chart(
                nrr_png(h.baris_unsur, _("NRR per unsur pelayanan")),
                "3.1",
                _("NRR per unsur pelayanan"),
            )
        self.label(_("C. Indeks Kepuasan Masyarakat"))
        self.table(
            "3.3",
            _("Indeks Kepuasan Masyarakat"),
            Table(
                [Col(_("Uraian"), 3), Col(_("Nilai"), 2, RIGHT)],
                [
                    [Cell(_("Jumlah responden")), num(format_angka(ikm.responden))],
                    [Cell(_("Nilai Indeks (NI, 1–4)")), num(_angka(ikm.ni, 4))],
                    [Cell(_("IKM (NIK, 25–100)")), num(_angka(ikm.nik, 2))],
                    [Cell(_("Mutu pelayanan")), num(ikm.mutu or BELUM_ADA)],
                    [Cell(_("Kinerja unit pelayanan")), num(ikm.kinerja or BELUM_ADA)],
                ],
            ),
            note=d.ringkasan,
        )
        self.label(_("D. IKM per Layanan"))
        self.table(
            "3.4",
            _("IKM per jenis layanan"),
            Table(
                [
                    NO_COL,
                    Col(_("Layanan"), 5),
                    Col(_("Responden"), 1.5, RIGHT),
                    Col(_("IKM"), 1.5, RIGHT),
                    Col(_("Mutu"), 1, CENTER),
                ],
                [
                    [
                        num(str(i)),
                        Cell(b.nama),
                        num(format_angka(b.ikm.responden)),
                        num(_angka(b.ikm.nik, 2)),
                        Cell(b.ikm.mutu or BELUM_ADA, align=CENTER),
                    ]
                    for i, b in enumerate(h.layanan, start=1)
                ]
                or [[Cell(_("Belum ada respons."), span=5, italic=True)]],
            ),
        )
        self.label(_("E. Tren IKM"))
        self.table(
            "3.5",
            _("IKM per periode survei"),
            Table(
                [
                    Col(_("Periode"), 3),
                    Col(_("Responden"), 1.5, RIGHT),
                    Col(_("IKM"), 1.5, RIGHT),
                    Col(_("Mutu"), 1, CENTER),
                ],
                [
                    [
                        Cell(t.label),
                        num(format_angka(t.ikm.responden)),
                        num(_angka(t.ikm.nik, 2)),
                        Cell(t.ikm.mutu or BELUM_ADA, align=CENTER),
                    ]
                    for t in h.tren
                ],
            ),
        )
        if len(h.tren) > 1 and self.charts:
            from sakip.survei.grafik import tren_png

            self.chart(tren_png(h.tren, _("Tren IKM")), "3.2", _("Tren IKM per periode"))

    def _analisis(self) -> None:
        d, h = self.r, self.r.hasil
        self.heading(2, _("IV. ANALISIS"))
        self.label(_("A. Prioritas Perbaikan"))
        if h.prioritas:
            self.para(_("Unsur dengan NRR terendah, yang menjadi prioritas perbaikan:"))
            self.items(
                [f"{kode} {nama} (NRR {format_angka(nrr, 2)})" for kode, nama, nrr in h.prioritas],
                "angka",
            )
        elif h.ikm.is_computed:
            self.para(_("NRR kesembilan unsur sama; tidak ada unsur yang menonjol lebih rendah."))
        else:
            self.para(_("Belum ada respons untuk menentukan prioritas perbaikan."))
        self.label(_("B. Saran dan Masukan Masyarakat"))
        if d.saran:
            self.items([f"{saran} ({layanan})" for layanan, saran in d.saran], "angka")
            if d.saran_total > len(d.saran):
                self.note(
                    _("%(n)s saran lain ada pada unduhan XLSX hasil SKM.")
                    % {"n": format_angka(d.saran_total - len(d.saran))}
                )
        else:
            self.para(_("Tidak ada saran tertulis dari responden pada periode ini."))

    def _tindak_lanjut(self) -> None:
        self.heading(2, _("V. RENCANA TINDAK LANJUT"))
        if self.r.tindak_lanjut:
            self.items(self.r.tindak_lanjut, "angka")
        else:
            self.para(
                _(
                    "Rencana tindak lanjut atas unsur prioritas perbaikan dan saran masyarakat "
                    "%(perlu)s: kegiatan, waktu, dan penanggung jawab."
                )
                % {"perlu": PERLU}
            )
