"""The LKjIP as a Word document: the report model (`sakip.pelaporan.model.Lkjip`) rendered into
the Word template (`templates/lkjip.docx`, built by `sakip.pelaporan.template`, or a pemda's
own template with the same placeholders and style names).

docxtpl fills the template's placeholders: the cover and header variables (escaped, never
evaluated: user text cannot inject template code) and one `Fragment` per ``{{p name }}``
(Kata Pengantar, the entries of the Daftar Isi, Bab I–IV, Lampiran): WordprocessingML built
here with python-docx's oxml elements in the template's styles. A fragment does what
`tpl.new_subdoc()` does, without docxtpl's optional docxcompose dependency and without a
python-docx Document per part. Text goes into runs as literal text (lxml escapes it).
Known limit: docxtpl rewrites "{_{" in its output to "{{"; fragments protect user text from
it, the cover/header variables (the OPD and pemda names) do not.

Figures are formatted only by `sakip.formulas.numbers` and `sakip.pelaporan.narasi`: numbers
right-aligned in Indonesian format, rupiah without "Rp" in columns whose header says "(Rp)",
a missing figure as "data belum tersedia" (never 0). Every sentence that states a figure comes
from `narasi`; the only figures computed here are the totals of the pegawai tables (sums of
their rows).

Layout: tables repeat their header rows on every page and never split a row; wide tables sit
in landscape sections, which the renderer opens and closes inside the chapters (a paragraph
carrying the section properties, cloned from the template's last section so header, footer
and margins follow the template). The Daftar Isi is a real TOC field (Word offers to update
it on opening: `w:updateFields`), pre-filled with the headings and PAGEREF fields; with
`for_pdf=True` the TOC field wrapper is dropped so LibreOffice, which does not rebuild a TOC
on conversion, computes the page numbers of the PAGEREF fields itself.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Twips
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from lxml import etree
from lxml.etree import SubElement

from sakip.dokumen import templat
from sakip.formulas.anggaran import BudgetLine
from sakip.formulas.numbers import format_angka, format_persen
from sakip.formulas.predikat import Band
from sakip.formulas.result import Result
from sakip.organisasi.orang import tulis_nip
from sakip.pelaporan import model as m
from sakip.pelaporan import narasi
from sakip.pelaporan.drafts import PERLU
from sakip.pelaporan.template import HEADER_FILL, TEMPLATE_PATH, ensure_update_fields, twips

W = nsdecls("w")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
BELUM = narasi.BELUM
NO = "No."  # not gettext("No"): Django's catalogue translates it to "Tidak"
TOTAL_FILL = "F2F2F2"
PROGRAM_FILL = "EEF3FA"
KEEP_TOGETHER_ROWS = 12
CHART_WIDTH = Cm(16)  # the charts' own width: drawn at 16 cm, 150 dpi
CHART_WIDTH_LANDSCAPE = Cm(11.5)  # so a chart fits under its table on a landscape page
BOOKMARK_BASE = 9000  # bookmark ids of the headings; the template itself has none

LEFT, CENTER, RIGHT = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
JC = {LEFT: "left", CENTER: "center", RIGHT: "right", WD_ALIGN_PARAGRAPH.JUSTIFY: "both"}

STYLES = {  # what the renderer calls a style: (name in the template, fallback name)
    "normal": ("Normal", None),
    "body": ("Body Text", "Normal"),
    "h1": ("Heading 1", "Normal"),
    "h2": ("Heading 2", "Normal"),
    "h3": ("Heading 3", "Normal"),
    "h4": ("Heading 4", "Normal"),
    "caption": ("Caption", "Normal"),
    "toc1": ("toc 1", "Normal"),
    "toc2": ("toc 2", "Normal"),
    "toc3": ("toc 3", "Normal"),
    "butir": ("Butir", "Body Text"),
    "butir2": ("Butir 2", "Body Text"),
    "cell": ("Isi Tabel", "Normal"),
    "num": ("Angka Tabel", "Isi Tabel"),
    "head": ("Kepala Tabel", "Isi Tabel"),
    "note": ("Keterangan Tabel", "Normal"),
    "sign": ("Tanda Tangan", "Normal"),
    "figure": ("Gambar", "Normal"),
}
TABLE_STYLE = ("Tabel LKjIP", "Table Grid")

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARKER = re.compile(r"^(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s+", re.IGNORECASE)


def render_lkjip(
    lkjip: m.Lkjip,
    template_path: str | Path | None = None,
    *,
    for_pdf: bool = False,
    charts: bool = True,
) -> bytes:
    """The LKjIP as DOCX bytes.

    `template_path`: a pemda's own template (default: the built-in one). `for_pdf`: drop the
    TOC field wrapper so LibreOffice shows live page numbers in the Daftar Isi (see the module
    docstring). `charts`: draw the three charts (matplotlib; most of the render time).
    """
    template = DocxTemplate(str(template_path or TEMPLATE_PATH))
    renderer = _Renderer(template, lkjip, charts=charts)
    context = {
        "opd": clean(lkjip.opd),  # escaped by docxtpl (autoescape); control characters dropped
        "pemda": clean(lkjip.pemda),
        "tahun": lkjip.tahun,
        "tahun_terbit": lkjip.tahun + 1,
        "kata_pengantar": renderer.kata_pengantar(),
        "bab1": renderer.bab1(),
        "bab2": renderer.bab2(),
        "bab3": renderer.bab3(),
        "bab4": renderer.bab4(),
        "lampiran": renderer.lampiran(),
    }
    context["daftar_isi"] = renderer.daftar_isi()  # after the chapters: it lists their headings
    templat.render(template, context, "lkjip")
    document = template.docx  # not get_docx(): after rendering it reloads the template
    renderer.finish(document, for_pdf=for_pdf)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


# --- small helpers ---------------------------------------------------------------------------


def clean(text: object) -> str:
    """User text as it can stand in XML: characters XML 1.0 forbids are dropped."""
    return _XML_ILLEGAL.sub("", unicodedata.normalize("NFC", str(text)))


def or_belum(text: str | None) -> str:
    return text if text and str(text).strip() else BELUM


def rupiah(value: Decimal | None) -> str:
    """An amount in a column whose header says (Rp): no "Rp", no decimals."""
    return BELUM if value is None else format_angka(value, 0)


def persen(result: Result) -> str:
    return narasi.hasil(result, persen=True)


def jumlah(value: Decimal | int | None, places: int = 0) -> str:
    return BELUM if value is None else format_angka(value, places)


def band_text(band: Band) -> str:
    """A predikat band's interval in words: "> 100 %", "85 % ≤ c ≤ 100 %", "< 50 %"."""

    def bound(value: Decimal) -> str:
        places = 0 if value == value.to_integral_value() else 2
        return format_persen(value, places)

    low, high = band.lower, band.upper
    if low is not None and high is not None:
        if low == high:
            return f"c = {bound(low)}"
        return (
            f"{bound(low)} {'≤' if band.lower_inclusive else '<'} c "
            f"{'≤' if band.upper_inclusive else '<'} {bound(high)}"
        )
    if low is not None:
        return f"{'≥' if band.lower_inclusive else '>'} {bound(low)}"
    if high is not None:
        return f"{'≤' if band.upper_inclusive else '<'} {bound(high)}"
    return _("semua nilai")


def letter(index: int) -> str:
    """a, b, …, z, aa, ab, … for lettered lists."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("a") + rest) + text
    return text


# --- tables as data --------------------------------------------------------------------------


@dataclass
class Cell:
    """One table cell: text (a list gives several paragraphs) and how it is shown."""

    text: str | Sequence[str] | Sequence[tuple[str, str]] = ""
    align: WD_ALIGN_PARAGRAPH | None = None
    bold: bool = False
    italic: bool = False
    span: int = 1
    vmerge: str | None = None  # "restart" | "continue"
    indent: float = 0  # cm
    fill: str | None = None


def num(text: str, **kwargs) -> Cell:
    return Cell(text, align=RIGHT, **kwargs)


@dataclass
class Col:
    header: str
    weight: float  # share of the width left after the fixed columns
    align: WD_ALIGN_PARAGRAPH = LEFT
    cm: float | None = None  # a fixed width instead


NO_COL = Col(NO, 0, RIGHT, cm=1.0)


@dataclass
class Table:
    columns: list[Col]
    rows: list[list[Cell]]
    header: list[list[Cell]] | None = None  # None: one row of the column headers; []: none
    numbered_header: bool = False  # a row "1 2 3 …" under the header, as the seed has


# --- the renderer ----------------------------------------------------------------------------


class Fragment:
    """Body elements that replace a ``{{p name }}`` paragraph of the template.

    What docxtpl's subdocument does, without its docxcompose dependency: Jinja inserts
    `__html__()` unescaped, so the elements go into the document as built (their text was
    escaped by lxml when they were serialised).
    """

    def __init__(self) -> None:
        self.elements: list = []

    def __html__(self) -> str:
        xml = "".join(etree.tostring(e, encoding="unicode") for e in self.elements)
        # docxtpl turns "{_{", "}_}", "{_%", "%_}" of its output into "{{", "}}", "{%", "%}";
        # an underscore written as a character reference keeps such user text literal
        return xml.replace("{_", "{&#95;").replace("_}", "&#95;}")

    __str__ = __html__


@dataclass
class _Toc:
    level: int
    text: str
    bookmark: str


@dataclass
class _Layout:
    portrait_twips: int
    landscape_twips: int
    base_sect: object  # the template's last w:sectPr
    emitted: int = 0  # section breaks inserted so far


class _Renderer:
    def __init__(self, template: DocxTemplate, lkjip: m.Lkjip, charts: bool = True):
        self.tpl = template
        self.r = lkjip
        self.charts = charts
        document = template.get_docx()
        self.style_ids = self._resolve_styles(document)
        self.table_style = self._resolve_table_style(document)
        sect = document.element.body.sectPr
        self.layout = self._read_layout(sect)
        self.landscape_now = False
        self.toc: list[_Toc] = []
        self.fragment = Fragment()

    # -- template facts --

    @staticmethod
    def _resolve_styles(document) -> dict[str, str | None]:
        styles = document.styles
        found = {}

        def style_id(name):
            try:
                return styles[name].style_id
            except KeyError:
                return None

        for key, (name, fallback) in STYLES.items():
            found[key] = style_id(name) or (style_id(fallback) if fallback else None)
        return found

    @staticmethod
    def _resolve_table_style(document) -> str | None:
        for name in TABLE_STYLE:
            try:
                return document.styles[name].style_id
            except KeyError:
                continue
        return None

    @staticmethod
    def _read_layout(sect) -> _Layout:
        size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))

        def read(element, name, default):
            value = element.get(qn(f"w:{name}")) if element is not None else None
            return int(value) if value is not None else default

        width, height = read(size, "w", 11906), read(size, "h", 16838)
        if width > height:
            width, height = height, width
        side = read(margins, "left", 1701) + read(margins, "right", 1417)
        side += read(margins, "gutter", 0)
        return _Layout(width - side, height - side, copy.deepcopy(sect))

    @property
    def width(self) -> int:
        return self.layout.landscape_twips if self.landscape_now else self.layout.portrait_twips

    # -- building blocks --

    def _new(self) -> Fragment:
        self.fragment = Fragment()
        return self.fragment

    def _add(self, element) -> None:
        self.fragment.elements.append(element)

    def _p(
        self,
        text: str | Sequence[tuple[str, str]] = "",
        style: str = "body",
        *,
        align=None,
        bold=False,
        italic=False,
        keep_next: bool | None = None,
        indent: float | None = None,
        hanging: float | None = None,
        page_break: bool = False,
    ):
        """A w:p; `text` may be a list of (text, "b"/"i"/"bu"/"") runs."""
        p = OxmlElement("w:p")
        ppr = SubElement(p, qn("w:pPr"))
        style_id = self.style_ids.get(style)
        if style_id:
            SubElement(ppr, qn("w:pStyle"), {qn("w:val"): style_id})
        if keep_next is not None:
            keep = SubElement(ppr, qn("w:keepNext"))
            if not keep_next:
                keep.set(qn("w:val"), "0")
        if page_break:
            SubElement(ppr, qn("w:pageBreakBefore"))
        if indent is not None or hanging is not None:
            ind = {qn("w:left"): str(twips(Cm(indent or 0)))}
            if hanging:
                ind[qn("w:hanging")] = str(twips(Cm(hanging)))
            else:
                ind[qn("w:firstLine")] = "0"
            SubElement(ppr, qn("w:ind"), ind)
        if align is not None:
            SubElement(ppr, qn("w:jc"), {qn("w:val"): JC[align]})
        runs = [(text, "")] if isinstance(text, str) else list(text)
        for run_text, how in runs:
            self._run(
                p,
                run_text,
                bold=bold or "b" in how,
                italic=italic or "i" in how,
                underline="u" in how,
            )
        return p

    @staticmethod
    def _run(p, text: str, *, bold=False, italic=False, underline=False):
        """A w:r of literal text; tabs and line breaks become w:tab and w:br."""
        r = SubElement(p, qn("w:r"))
        if bold or italic or underline:
            rpr = SubElement(r, qn("w:rPr"))
            if bold:
                SubElement(rpr, qn("w:b"))
                SubElement(rpr, qn("w:bCs"))
            if italic:
                SubElement(rpr, qn("w:i"))
                SubElement(rpr, qn("w:iCs"))
            if underline:
                SubElement(rpr, qn("w:u"), {qn("w:val"): "single"})
        for i, line in enumerate(clean(text).split("\n")):
            if i:
                SubElement(r, qn("w:br"))
            for j, part in enumerate(line.split("\t")):
                if j:
                    SubElement(r, qn("w:tab"))
                if part:
                    t = SubElement(r, qn("w:t"))
                    t.text = part
                    if part != part.strip():
                        t.set(XML_SPACE, "preserve")
        return r

    def para(self, text, style="body", **kwargs):
        p = self._p(text, style, **kwargs)
        self._add(p)
        return p

    def heading(self, level: int, text: str) -> None:
        """A heading with a bookmark, listed in the Daftar Isi when level <= 3."""
        p = self._p(text, f"h{level}")
        if level <= 3:
            bookmark = f"_Toc{BOOKMARK_BASE + len(self.toc):08d}"
            mark_id = str(BOOKMARK_BASE + len(self.toc))
            ppr = p.find(qn("w:pPr"))
            ppr.addnext(parse_xml(f'<w:bookmarkStart {W} w:id="{mark_id}" w:name="{bookmark}"/>'))
            p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="{mark_id}"/>'))
            self.toc.append(_Toc(level, " ".join(text.split()), bookmark))
        self._add(p)

    def items(self, texts: Iterable[str], marker: str = "huruf", level: int = 1) -> None:
        """A list with hanging indent: huruf (a.), angka (1.), kurung (1)), titik (•)."""
        style = "butir" if level == 1 else "butir2"
        for i, text in enumerate(texts):
            label = {
                "huruf": f"{letter(i)}.",
                "angka": f"{i + 1}.",
                "kurung": f"{i + 1})",
                "titik": "•",
            }[marker]
            self.para(f"{label}\t{text}", style)

    def paragraphs(self, texts: Iterable[str]) -> None:
        """Free text the OPD wrote: lines that start with "a." or "1)" become list items."""
        for text in texts:
            found = _MARKER.match(text)
            if found:
                self.para(f"{found.group(0).strip()}\t{text[found.end() :]}", "butir")
            else:
                self.para(text)

    def label(self, text: str) -> None:
        self.para(text, "body", bold=True, keep_next=True, indent=0)

    def caption(self, kind: str, number: str, title: str) -> None:
        # a table's caption keeps with its table; a figure's caption follows its figure and
        # must not pull it onto the next page (the style keeps with next)
        self.para(f"{kind} {number}\n{title}", "caption", keep_next=kind == _("Tabel"))

    def note(self, text: str) -> None:
        self.para(text, "note")

    # -- sections --

    def _sect_paragraph(self, landscape: bool):
        """An empty paragraph ending the current section (portrait unless `landscape`)."""
        sect = copy.deepcopy(self.layout.base_sect)
        _continue_numbering(sect)
        if landscape:
            size = sect.find(qn("w:pgSz"))
            w, h = size.get(qn("w:w")), size.get(qn("w:h"))
            if int(w) < int(h):
                size.set(qn("w:w"), h)
                size.set(qn("w:h"), w)
            size.set(qn("w:orient"), "landscape")
        else:
            size = sect.find(qn("w:pgSz"))
            w, h = size.get(qn("w:w")), size.get(qn("w:h"))
            if int(w) > int(h):
                size.set(qn("w:w"), h)
                size.set(qn("w:h"), w)
            if size.get(qn("w:orient")) is not None:
                del size.attrib[qn("w:orient")]
        self.layout.emitted += 1
        p = OxmlElement("w:p")
        ppr = p.get_or_add_pPr()
        # a tiny, spaceless line, so the break never spills onto a page of its own
        ppr.append(
            parse_xml(f'<w:spacing {W} w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>')
        )
        ppr.append(parse_xml(f'<w:rPr {W}><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'))
        ppr.append(sect)
        return p

    @contextmanager
    def landscape(self):
        """The content written inside sits in a landscape section of its own."""
        self._add(self._sect_paragraph(landscape=False))
        self.landscape_now = True
        try:
            yield
        finally:
            self._add(self._sect_paragraph(landscape=True))
            self.landscape_now = False

    # -- tables --

    def table(self, number: str, title: str, table: Table, note: str = "") -> None:
        self.caption(_("Tabel"), number, title)
        self._add(self._table_element(table))
        if note:
            self.note(note)
        else:
            self.para("", "note")

    def _table_element(self, table: Table):
        total = self.width
        fixed = sum(twips(Cm(c.cm)) for c in table.columns if c.cm)
        weights = sum(c.weight for c in table.columns if not c.cm) or 1
        widths = [
            twips(Cm(c.cm)) if c.cm else int((total - fixed) * c.weight / weights)
            for c in table.columns
        ]
        widths[-1] += total - sum(widths)
        tbl = OxmlElement("w:tbl")
        style = f'<w:tblStyle w:val="{self.table_style}"/>' if self.table_style else ""
        tbl.append(
            parse_xml(
                f'<w:tblPr {W}>{style}<w:tblW w:w="{total}" w:type="dxa"/>'
                '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
                'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            )
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        tbl.append(parse_xml(f"<w:tblGrid {W}>{grid}</w:tblGrid>"))
        # header=None: the column headers; header=[]: no header row (e.g. signature tables)
        header = [[Cell(c.header) for c in table.columns]] if table.header is None else table.header
        if table.numbered_header:
            header = [*header, [Cell(str(i + 1)) for i in range(len(table.columns))]]
        for row in header:
            tbl.append(self._row(row, widths, table.columns, header=True))
        # a short table stays on one page with its caption (keep-with-next on all but the
        # last row); a long one flows, repeating its header rows
        together = len(table.rows) <= KEEP_TOGETHER_ROWS
        last = len(table.rows) - 1
        for i, row in enumerate(table.rows):
            tbl.append(
                self._row(row, widths, table.columns, header=False, keep=together and i < last)
            )
        return tbl

    def _row(
        self,
        cells: list[Cell],
        widths: list[int],
        columns: list[Col],
        header: bool,
        keep: bool = False,
    ):
        tr = OxmlElement("w:tr")
        props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
        tr.append(parse_xml(f"<w:trPr {W}>{props}</w:trPr>"))
        column = 0
        for cell in cells:
            width = sum(widths[column : column + cell.span])
            align = cell.align
            if align is None:
                align = CENTER if header else columns[column].align
            tr.append(self._cell(cell, width, align, header, keep))
            column += cell.span
        return tr

    def _cell(self, cell: Cell, width: int, align, header: bool, keep: bool = False):
        tc = OxmlElement("w:tc")
        props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
        if cell.span > 1:
            props.append(f'<w:gridSpan w:val="{cell.span}"/>')
        if cell.vmerge == "restart":
            props.append('<w:vMerge w:val="restart"/>')
        elif cell.vmerge == "continue":
            props.append("<w:vMerge/>")
        fill = cell.fill or (HEADER_FILL if header else None)
        if fill:
            props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
        props.append(f'<w:vAlign w:val="{"center" if header else "top"}"/>')
        tc.append(parse_xml(f"<w:tcPr {W}>{''.join(props)}</w:tcPr>"))
        style = "head" if header else ("num" if align == RIGHT else "cell")
        texts = [cell.text] if isinstance(cell.text, str) else list(cell.text) or [""]
        if cell.vmerge == "continue":
            texts = [""]
        for text in texts:
            content = [text] if isinstance(text, tuple) else text
            tc.append(
                self._p(
                    content,
                    style,
                    align=align,
                    bold=cell.bold or header,
                    italic=cell.italic,
                    keep_next=True if keep or header else None,
                    indent=cell.indent if cell.indent else None,
                )
            )
        return tc

    # -- signature --

    def signature(self, pejabat: m.Pejabat | None, tempat: str, tanggal: str) -> None:
        self.para("", "sign")
        self.para(f"{or_belum(tempat)}, {tanggal or PERLU}", "sign", keep_next=True)
        if pejabat is None:
            self.para(_("Kepala %(opd)s") % {"opd": self.r.opd}, "sign", keep_next=True)
            for _i in range(4):
                self.para("", "sign", keep_next=True)
            self.para(PERLU, "sign")
            return
        self.para(or_belum(pejabat.jabatan).upper(), "sign", bold=True, keep_next=True)
        for _i in range(4):
            self.para("", "sign", keep_next=True)
        self.para([(or_belum(pejabat.nama), "bu")], "sign", keep_next=True)
        if pejabat.pangkat:
            self.para(pejabat.pangkat, "sign", keep_next=bool(pejabat.nip))
        if pejabat.nip:
            self.para(f"NIP. {tulis_nip(pejabat.nip)}", "sign")

    def _signature_cell(self, role: str, pejabat: m.Pejabat | None) -> list:
        paragraphs = [[(role, "b")]]
        jabatan = pejabat.jabatan if pejabat else ""
        paragraphs.append([(or_belum(jabatan).upper(), "b")])
        paragraphs += [[("", "")]] * 4
        nama = pejabat.nama if pejabat and pejabat.nama else "(" + "." * 40 + ")"
        paragraphs.append([(nama, "bu" if pejabat and pejabat.nama else "")])
        if pejabat and pejabat.pangkat:
            paragraphs.append([(pejabat.pangkat, "")])
        if pejabat and pejabat.nip:
            paragraphs.append([(f"NIP. {tulis_nip(pejabat.nip)}", "")])
        return paragraphs

    # -- charts --

    def chart(self, png: bytes | None, number: str, title: str) -> None:
        if png is None:
            return
        p = self.para("", "figure", align=CENTER, keep_next=True)
        width = min(CHART_WIDTH_LANDSCAPE if self.landscape_now else CHART_WIDTH, Twips(self.width))
        # a Paragraph of the template's body, so the image is stored in the document part
        paragraph = Paragraph(p, self.tpl.get_docx()._body)
        paragraph.add_run().add_picture(io.BytesIO(png), width=width)
        self.caption(_("Gambar"), number, title)

    def _draw(self, function, *args) -> bytes | None:
        if not self.charts:
            return None
        from sakip.pelaporan import charts  # matplotlib: imported only when drawing

        return getattr(charts, function)(*args)

    # === the parts of the report ===========================================================

    def kata_pengantar(self):
        doc = self._new()
        self.heading(1, _("KATA PENGANTAR"))
        for text in self.r.kata_pengantar:
            self.para(text)
        self.signature(self.r.penandatangan, self.r.tempat, self.r.tanggal)
        return doc

    def daftar_isi(self):
        doc = self._new()
        for entry in self.toc:
            p = self._p("", f"toc{entry.level}")
            link = parse_xml(f'<w:hyperlink {W} w:anchor="{entry.bookmark}" w:history="1"/>')
            p.append(link)
            self._run(link, entry.text)
            link.append(parse_xml(f"<w:r {W}><w:tab/></w:r>"))
            link.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
            link.append(
                parse_xml(
                    f'<w:r {W}><w:instrText xml:space="preserve"> PAGEREF {entry.bookmark} \\h '
                    "</w:instrText></w:r>"
                )
            )
            link.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
            link.append(parse_xml(f"<w:r {W}><w:t></w:t></w:r>"))
            link.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
            self._add(p)
        return doc

    # -- Bab I --

    def bab1(self):
        doc = self._new()
        b = self.r.bab1
        self.heading(1, _("BAB I\nPENDAHULUAN"))
        self.heading(2, _("A. LATAR BELAKANG"))
        self.paragraphs(b.latar_belakang or [PERLU])

        self.heading(2, _("B. GAMBARAN UMUM ORGANISASI"))
        self.heading(3, _("1. Dasar Pembentukan"))
        self.para(or_belum(b.dasar_pembentukan))
        self.heading(3, _("2. Tugas dan Fungsi"))
        self.para(or_belum(b.tugas))
        if b.fungsi:
            self.para(
                _("Dalam melaksanakan tugas tersebut, %(opd)s menyelenggarakan fungsi:")
                % {"opd": self.r.opd}
            )
            self.items(b.fungsi)
        self.heading(3, _("3. Susunan Organisasi dan Tugas Unit Kerja"))
        if b.struktur:
            self.para(_("Susunan organisasi %(opd)s terdiri dari:") % {"opd": self.r.opd})
            self.items([u.nama for u in b.struktur], "angka")
            for i, unit in enumerate(b.struktur, start=1):
                self.heading(4, f"3.{i} {unit.nama}")
                if unit.uraian_tugas:
                    self.para(unit.uraian_tugas)
                self.items(unit.tugas)
        else:
            self.para(BELUM)
        self.heading(3, _("4. Sumber Daya Manusia"))
        self._pegawai(b)
        self.heading(3, _("5. Kondisi Umum Wilayah"))
        self._wilayah(b.wilayah)
        self.heading(3, _("6. Sarana dan Prasarana"))
        self._sarpras(b.sarpras)

        self.heading(2, _("C. ASPEK STRATEGIS DAN PERMASALAHAN UTAMA"))
        self.para(or_belum(b.fungsi_strategis))
        for title, texts, marker in (
            (_("Tantangan:"), b.tantangan, "huruf"),
            (_("Peluang:"), b.peluang, "huruf"),
            (_("Isu strategis:"), b.isu_strategis, "kurung"),
        ):
            self.label(title)
            if texts:
                self.items(texts, marker)
            else:
                self.para(BELUM)

        self.heading(2, _("D. LANDASAN HUKUM"))
        self.para(_("Dasar hukum penyusunan LKjIP ini adalah sebagai berikut:"))
        if b.landasan_hukum:
            self.items(b.landasan_hukum, "angka")
        else:
            self.para(BELUM)

        self.heading(2, _("E. SISTEMATIKA PENULISAN"))
        self.para(_("Sistematika penulisan laporan ini adalah sebagai berikut:"))
        for bab, parts in b.sistematika:
            self.label(bab)
            self.items(parts, "huruf")
        return doc

    def _pegawai(self, b: m.BabI) -> None:
        self.para(
            _(
                "Dalam melaksanakan tugas pokok dan fungsinya, %(opd)s didukung oleh pegawai "
                "sebagai berikut:"
            )
            % {"opd": self.r.opd}
        )
        total_style = {"bold": True, "fill": TOTAL_FILL}
        rows = [
            [num(str(i)), Cell(row.uraian), num(jumlah(row.jumlah))]
            for i, row in enumerate(b.pegawai_golongan, start=1)
        ]
        if rows:
            total = sum(row.jumlah for row in b.pegawai_golongan)
            rows.append(
                [
                    Cell(_("JUMLAH"), span=2, align=CENTER, **total_style),
                    num(jumlah(total), **total_style),
                ]
            )
        else:
            rows.append([Cell(BELUM, span=3, italic=True)])
        self.table(
            "1.1",
            _("Pegawai menurut Pangkat/Golongan"),
            Table(
                [NO_COL, Col(_("Pangkat/Golongan"), 8), Col(_("Jumlah (orang)"), 3, RIGHT)],
                rows,
            ),
        )
        rows = [
            [
                num(str(i)),
                Cell(row.uraian),
                Cell(row.eselon or "-", align=CENTER),
                num(jumlah(row.formasi)),
                num(jumlah(row.jumlah)),
            ]
            for i, row in enumerate(b.pegawai_jabatan, start=1)
        ]
        if rows:
            formasi = [row.formasi for row in b.pegawai_jabatan]
            total_formasi = None if None in formasi else sum(formasi)
            total_terisi = sum(row.jumlah for row in b.pegawai_jabatan)
            rows.append(
                [
                    Cell(_("JUMLAH"), span=3, align=CENTER, **total_style),
                    num(jumlah(total_formasi), **total_style),
                    num(jumlah(total_terisi), **total_style),
                ]
            )
        else:
            rows.append([Cell(BELUM, span=5, italic=True)])
        self.table(
            "1.2",
            _("Pegawai menurut Jabatan dan Eselon"),
            Table(
                [
                    NO_COL,
                    Col(_("Jabatan"), 6),
                    Col(_("Eselon"), 1.6),
                    Col(_("Formasi"), 1.6, RIGHT),
                    Col(_("Terisi"), 1.6, RIGHT),
                ],
                rows,
            ),
        )

    def _wilayah(self, wilayah: m.Wilayah | None) -> None:
        if wilayah is None:
            self.para(BELUM)
            return
        self.para(or_belum(wilayah.uraian))
        rows = []
        for i, (label, value) in enumerate(wilayah.angka, start=1):
            places = 2 if isinstance(value, Decimal) and value != value.to_integral_value() else 0
            rows.append([num(str(i)), Cell(label), num(jumlah(value, places))])
        self.table(
            "1.3",
            _("Kondisi Umum Wilayah %(opd)s") % {"opd": self.r.opd},
            Table(
                [NO_COL, Col(_("Uraian"), 8), Col(_("Jumlah"), 3, RIGHT)],
                rows,
            ),
        )
        if wilayah.batas:
            self.para(_("Secara administratif batas wilayah %(opd)s adalah:") % {"opd": self.r.opd})
            self.items(
                [
                    _("Sebelah %(arah)s: %(wilayah)s") % {"arah": arah, "wilayah": nama}
                    for arah, nama in wilayah.batas
                ],
                "titik",
            )

    def _sarpras(self, sarpras: list[m.Sarpras]) -> None:
        self.para(
            _(
                "Untuk mendukung pelaksanaan tugas pokok dan fungsi, %(opd)s memiliki sarana "
                "dan prasarana sebagai berikut:"
            )
            % {"opd": self.r.opd}
        )
        rows = [
            [num(str(i)), Cell(s.nama), num(jumlah(s.jumlah)), Cell(s.satuan), Cell(s.keterangan)]
            for i, s in enumerate(sarpras, start=1)
        ] or [[Cell(BELUM, span=5, italic=True)]]
        self.table(
            "1.4",
            _("Sarana dan Prasarana"),
            Table(
                [
                    NO_COL,
                    Col(_("Nama Barang"), 6.5),
                    Col(_("Jumlah"), 1.5, RIGHT),
                    Col(_("Satuan"), 1.6),
                    Col(_("Keterangan"), 3),
                ],
                rows,
            ),
        )

    # -- Bab II --

    def bab2(self):
        doc = self._new()
        b = self.r.bab2
        self.heading(1, _("BAB II\nPERENCANAAN KINERJA"))
        self.heading(2, _("A. RENCANA STRATEGIS"))
        self.para(
            _(
                "Perencanaan strategis merupakan langkah awal yang harus dilakukan instansi "
                "pemerintah agar mampu menjawab tuntutan lingkungan strategis lokal, nasional "
                "dan global. Rumusan penting dalam perencanaan strategis meliputi visi, misi, "
                "tujuan, strategi dan sasaran."
            )
        )
        self.para([(_("Dokumen acuan: "), "b"), (or_belum(b.renstra), "")])
        self.heading(3, _("1. Visi dan Misi %(pemda)s") % {"pemda": self.r.pemda})
        self.label(_("Visi"))
        self.para(f"“{or_belum(b.visi_pemda)}”", align=CENTER, bold=True, indent=0)
        if b.penjelasan_visi_pemda:
            self.para(_("Penjelasan visi tersebut adalah sebagai berikut:"))
            for item in b.penjelasan_visi_pemda:
                if isinstance(item, dict):
                    self.label(str(item.get("judul", "")))
                    self.items([str(p) for p in item.get("poin", [])], "angka")
                else:
                    self.para(str(item))
        self.label(_("Misi"))
        self.items(b.misi_pemda or [BELUM], "angka")
        self.heading(3, _("2. Visi dan Misi %(opd)s") % {"opd": self.r.opd})
        self.label(_("Visi"))
        self.para(f"“{or_belum(b.visi_opd)}”", align=CENTER, bold=True, indent=0)
        if b.penjelasan_visi_opd:
            self.para(_("Visi tersebut mempunyai makna:"))
            self.paragraphs(b.penjelasan_visi_opd)
        self.label(_("Misi"))
        self.items(b.misi_opd or [BELUM], "angka")

        self.heading(2, _("B. TUJUAN"))
        self.para(
            _(
                "Tujuan merupakan penjabaran misi yang lebih spesifik dan terukur. Tujuan "
                "yang ditetapkan adalah sebagai berikut:"
            )
        )
        self.items(b.tujuan or [BELUM], "angka")
        self.heading(2, _("C. SASARAN"))
        self.para(
            _(
                "Sasaran adalah penjabaran dari tujuan secara terukur, yaitu sesuatu yang "
                "akan dicapai atau dihasilkan secara nyata. Sasaran yang ditetapkan adalah "
                "sebagai berikut:"
            )
        )
        self.items(b.sasaran or [BELUM], "angka")
        self.para(
            _(
                "Tujuan dan sasaran jangka menengah beserta indikator kinerja dan targetnya "
                "disajikan dalam tabel berikut."
            )
        )
        with self.landscape():
            self._target_renstra(b)

        self.heading(2, _("D. INDIKATOR KINERJA UTAMA"))
        self.para(
            _(
                "Indikator Kinerja Utama (IKU) %(opd)s beserta penjelasannya disajikan pada "
                "tabel berikut."
            )
            % {"opd": self.r.opd}
        )
        self._iku(b)

        self.heading(2, _("E. PERJANJIAN KINERJA"))
        self.para(
            _(
                "Perjanjian Kinerja adalah lembar/dokumen yang berisikan penugasan dari "
                "pimpinan instansi yang lebih tinggi kepada pimpinan instansi yang lebih rendah "
                "untuk melaksanakan program/kegiatan yang disertai dengan indikator kinerja. "
                "Melalui Perjanjian Kinerja terwujud komitmen penerima amanah dan kesepakatan "
                "antara penerima dan pemberi amanah atas kinerja terukur tertentu."
            )
        )
        self.para(narasi.perjanjian(b, self.r.opd, self.r.tahun))
        self._pk_table("2.3", b)
        with self.landscape():
            self._program_table(b)
        return doc

    def _target_renstra(self, b: m.BabII) -> None:
        years = b.tahun_renstra
        columns = [
            NO_COL,
            Col(_("Tujuan"), 3.2),
            Col(_("Sasaran"), 3.2),
            Col(_("Indikator Kinerja"), 3.6),
            Col(_("Satuan"), 1.6),
        ]
        columns += [Col(str(y), 1.9, RIGHT) for y in years]
        columns.append(Col(_("Target Akhir"), 1.9, RIGHT))
        header = [
            [Cell(c.header, vmerge="restart") for c in columns[:5]]
            + ([Cell(_("Target Kinerja pada Tahun"), span=len(years))] if years else [])
            + [Cell(columns[-1].header, vmerge="restart")],
            [Cell("", vmerge="continue") for _c in columns[:5]]
            + [Cell(str(y)) for y in years]
            + [Cell("", vmerge="continue")],
        ]
        rows, number, previous = [], 0, None
        for row in b.target_renstra:
            first = row.tujuan != previous
            if first:
                number += 1
            previous = row.tujuan
            rows.append(
                [
                    num(str(number), vmerge="restart" if first else "continue"),
                    Cell(row.tujuan, vmerge="restart" if first else "continue"),
                    Cell(row.sasaran or "-"),
                    Cell(row.indikator),
                    Cell(row.satuan),
                ]
                + [num(narasi.target(t, row.presisi)) for _y, t in row.per_tahun]
                + [num(narasi.target(row.target_akhir, row.presisi))]
            )
        if not rows:
            rows = [[Cell(BELUM, span=len(columns), italic=True)]]
        self.table(
            "2.1",
            _("Tujuan, Sasaran, Indikator dan Target Kinerja %(renstra)s")
            % {"renstra": or_belum(b.renstra)},
            Table(columns, rows, header=header),
        )

    def _iku(self, b: m.BabII) -> None:
        rows = []
        for i, iku in enumerate(b.iku, start=1):
            penjelasan = [
                [(label, "b"), (or_belum(text), "")]
                for label, text in (
                    (_("Satuan: "), iku.satuan),
                    (_("Alasan pemilihan indikator: "), iku.alasan_pemilihan),
                    (_("Formulasi pengukuran: "), iku.formulasi),
                    (_("Definisi operasional: "), iku.definisi_operasional),
                    (_("Tipe penghitungan: "), iku.tipe_penghitungan),
                    (_("Sumber data: "), iku.sumber_data),
                )
            ]
            rows.append([num(str(i)), Cell(iku.sasaran), Cell(iku.indikator), Cell(penjelasan)])
        if not rows:
            rows = [[Cell(BELUM, span=4, italic=True)]]
        self.table(
            "2.2",
            _("Indikator Kinerja Utama %(opd)s") % {"opd": self.r.opd},
            Table(
                [
                    NO_COL,
                    Col(_("Tujuan/Sasaran Strategis"), 3.4),
                    Col(_("Indikator Kinerja Utama"), 3.4),
                    Col(_("Penjelasan"), 8),
                ],
                rows,
            ),
        )

    def _pk_rows(self, b: m.BabII) -> list[list[Cell]]:
        rows = [
            [
                num(str(i)),
                Cell(pk.sasaran),
                Cell(pk.indikator),
                Cell(pk.satuan),
                num(narasi.target(pk.target, pk.presisi)),
            ]
            for i, pk in enumerate(b.pk, start=1)
        ]
        return rows or [[Cell(BELUM, span=5, italic=True)]]

    def _pk_table(self, number: str, b: m.BabII) -> None:
        self.table(
            number,
            _("Perjanjian Kinerja %(opd)s Tahun %(tahun)s")
            % {"opd": self.r.opd, "tahun": self.r.tahun},
            Table(
                [
                    NO_COL,
                    Col(_("Sasaran Strategis"), 5.2),
                    Col(_("Indikator Kinerja"), 5.2),
                    Col(_("Satuan"), 2.2),
                    Col(_("Target"), 1.8, RIGHT),
                ],
                self._pk_rows(b),
            ),
            note=_("Sumber: %(pk)s") % {"pk": or_belum(b.pk_sumber)},
        )

    def _program_table(self, b: m.BabII) -> None:
        rows, number = [], 0
        for line in b.program:
            level = {"program": 0, "kegiatan": 1}.get(line.tingkat, 2)
            if level == 0:
                number += 1
            style = {"bold": level < 2, "fill": PROGRAM_FILL if level == 0 else None}
            names = [i[0] for i in line.indikator] or [BELUM]
            satuan = [i[1] for i in line.indikator] or ["-"]
            targets = [narasi.target(t, p) for _n, _s, t, p in line.indikator] or ["-"]
            rows.append(
                [
                    num(str(number) if level == 0 else "", **style),
                    Cell(line.kode, **style),
                    Cell(line.nama, indent=0.3 * level, **style),
                    Cell(names, **style),
                    Cell(satuan, **style),
                    num(targets, **style),
                    num(rupiah(line.pagu), **style),
                ]
            )
        if not rows:
            rows = [[Cell(BELUM, span=7, italic=True)]]
        self.table(
            "2.3-1",
            _("Program, Kegiatan dan Sub Kegiatan %(opd)s Tahun %(tahun)s")
            % {"opd": self.r.opd, "tahun": self.r.tahun},
            Table(
                [
                    NO_COL,
                    Col(_("Kode"), 3.0),
                    Col(_("Program/Kegiatan/Sub Kegiatan"), 6),
                    Col(_("Indikator Program/Kegiatan/Sub Kegiatan"), 6),
                    Col(_("Satuan"), 1.8),
                    Col(_("Target"), 1.4, RIGHT),
                    Col(_("Pagu (Rp)"), 2.4, RIGHT),
                ],
                rows,
                numbered_header=True,
            ),
            note=_("Sumber: %(versi)s") % {"versi": or_belum(self.r.bab3.versi_anggaran)},
        )

    # -- Bab III --

    def bab3(self):
        doc = self._new()
        b = self.r.bab3
        tahun = self.r.tahun
        self.heading(1, _("BAB III\nAKUNTABILITAS KINERJA TAHUN %(tahun)s") % {"tahun": tahun})
        self.heading(2, _("A. CAPAIAN KINERJA ORGANISASI"))
        self.para(
            _(
                "Pengukuran kinerja merupakan proses sistematis dan berkesinambungan yang "
                "dilakukan dengan cara membandingkan target setiap indikator kinerja sasaran "
                "dengan realisasinya. Untuk menilai keberhasilan pencapaian tujuan dan sasaran "
                "digunakan skala pengukuran sebagai berikut:"
            )
        )
        self.table(
            "3.1",
            _("Skala Pengukuran Kinerja"),
            Table(
                [
                    NO_COL,
                    Col(_("Interval Nilai Capaian Kinerja (c)"), 7, CENTER),
                    Col(_("Kriteria Penilaian (Predikat)"), 5),
                ],
                [
                    [num(str(i)), Cell(band_text(band)), Cell(band.label)]
                    for i, band in enumerate(b.skala.bands, start=1)
                ],
            ),
            note=_("Sumber: %(skala)s") % {"skala": b.skala.name},
        )
        self.para(_("Setiap pernyataan kinerja dianalisis sebagai berikut:"))
        self.items(
            [
                _("membandingkan antara target dan realisasi kinerja tahun ini;"),
                _(
                    "membandingkan antara realisasi kinerja serta capaian kinerja tahun ini dengan tahun "
                    "lalu dan beberapa tahun terakhir;"
                ),
                _(
                    "membandingkan realisasi kinerja sampai dengan tahun ini dengan target jangka "
                    "menengah yang terdapat dalam dokumen perencanaan strategis organisasi;"
                ),
                _("membandingkan realisasi kinerja tahun ini dengan standar nasional (jika ada);"),
                _(
                    "analisis penyebab keberhasilan/kegagalan atau peningkatan/penurunan kinerja serta "
                    "alternatif solusi yang telah dilakukan;"
                ),
                _("analisis atas efisiensi penggunaan sumber daya;"),
                _(
                    "analisis program/kegiatan yang menunjang keberhasilan ataupun kegagalan "
                    "pencapaian pernyataan kinerja."
                ),
            ],
            "kurung",
        )

        self._a1(b, tahun)
        with self.landscape():
            self._a2(b)
        self._a3(b, tahun)
        self.heading(3, _("A.4 Membandingkan Realisasi Kinerja Tahun Ini dengan Standar Nasional"))
        for a in b.analisis:
            self.para(narasi.standar_nasional(a))
        if not b.analisis:
            self.para(BELUM)
        self.heading(3, _("A.5 Analisis Penyebab Keberhasilan/Kegagalan serta Alternatif Solusi"))
        self.para(
            _(
                "Faktor yang memengaruhi pencapaian indikator kinerja dan solusi yang telah "
                "dilakukan adalah sebagai berikut:"
            )
        )
        self.items(b.penyebab or [PERLU], "titik")
        with self.landscape():
            self._a6(b)
            self._a7(b)
            self._realisasi_anggaran(b, tahun)
        return doc

    def _a1(self, b: m.BabIII, tahun: int) -> None:
        self.heading(3, _("A.1 Membandingkan antara Target dan Realisasi Kinerja Tahun Ini"))
        rows = [
            [
                num(str(i)),
                Cell(a.sasaran),
                Cell(a.indikator),
                Cell(a.satuan),
                num(narasi.target(a.target, a.presisi)),
                num(narasi.hasil(a.realisasi, a.presisi)),
                num(persen(a.capaian)),
                Cell(a.predikat or BELUM, align=CENTER),
            ]
            for i, a in enumerate(b.analisis, start=1)
        ] or [[Cell(BELUM, span=8, italic=True)]]
        self.table(
            "3.2",
            _("Target dan Realisasi Kinerja %(opd)s Tahun %(tahun)s")
            % {"opd": self.r.opd, "tahun": tahun},
            Table(
                [
                    NO_COL,
                    Col(_("Sasaran"), 3.0),
                    Col(_("Indikator Kinerja"), 3.0),
                    Col(_("Satuan"), 1.5),
                    Col(_("Target"), 1.6, RIGHT),
                    Col(_("Realisasi"), 1.8, RIGHT),
                    Col(_("Capaian"), 1.8, RIGHT),
                    Col(_("Predikat"), 1.8, CENTER),
                ],
                rows,
                numbered_header=True,
            ),
        )
        for a in b.analisis:
            self.para(narasi.analisis_capaian(a, tahun))
        if b.analisis:
            png = self._draw(
                "target_vs_realisasi",
                [
                    (
                        a.indikator,
                        a.target.lower if a.target else None,
                        a.realisasi.value if a.realisasi.is_computed else None,
                    )
                    for a in b.analisis
                ],
                _("Target dan realisasi per indikator (satuan masing-masing indikator)"),
            )
            self.chart(
                png, "3.1", _("Target dan Realisasi Kinerja Tahun %(tahun)s") % {"tahun": tahun}
            )

    def _a2(self, b: m.BabIII) -> None:
        self.heading(
            3,
            _(
                "A.2 Membandingkan Realisasi serta Capaian Kinerja Tahun Ini dengan "
                "Tahun-Tahun Sebelumnya"
            ),
        )
        years = b.tahun_pembanding
        columns = [NO_COL, Col(_("Sasaran"), 3.0), Col(_("Indikator Kinerja"), 3.0)]
        for _y in years:
            columns += [
                Col(_("Target"), 1.6, RIGHT),
                Col(_("Realisasi"), 1.6, RIGHT),
                Col(_("Capaian"), 1.6, RIGHT),
            ]
        header = [
            [Cell(c.header, vmerge="restart") for c in columns[:3]]
            + [Cell(str(y), span=3) for y in years],
            [Cell("", vmerge="continue") for _c in columns[:3]]
            + [Cell(c.header) for c in columns[3:]],
        ]
        rows = []
        for i, a in enumerate(b.analisis, start=1):
            by_year = {c.tahun: c for c in a.riwayat}
            cells = [num(str(i)), Cell(a.sasaran), Cell(a.indikator)]
            for year in years:
                c = by_year.get(year)
                if c is None:
                    cells += [num(BELUM), num(BELUM), num(BELUM)]
                else:
                    cells += [
                        num(narasi.target(c.target, a.presisi)),
                        num(narasi.hasil(c.realisasi, a.presisi)),
                        num(persen(c.capaian)),
                    ]
            rows.append(cells)
        if not rows:
            rows = [[Cell(BELUM, span=len(columns), italic=True)]]
        span = f"{years[0]}–{years[-1]}" if years else ""
        self.table(
            "3.3",
            _("Target, Realisasi dan Capaian Kinerja %(opd)s Tahun %(tahun)s")
            % {"opd": self.r.opd, "tahun": span},
            Table(columns, rows, header=header),
        )
        for a in b.analisis:
            self.para(narasi.analisis_tren(a))
        if b.analisis and years:
            series = {}
            for a in b.analisis:
                by_year = {c.tahun: c for c in a.riwayat}
                series[a.indikator] = [
                    by_year[y].capaian.value
                    if y in by_year and by_year[y].capaian.is_computed
                    else None
                    for y in years
                ]
            png = self._draw("trend", years, series, _("Capaian kinerja (%) per tahun"))
            self.chart(png, "3.2", _("Capaian Kinerja Tahun %(tahun)s") % {"tahun": span})

    def _a3(self, b: m.BabIII, tahun: int) -> None:
        self.heading(
            3,
            _(
                "A.3 Membandingkan Realisasi Kinerja sampai dengan Tahun Ini dengan "
                "Target Jangka Menengah"
            ),
        )
        akhir = next((a.tahun_akhir for a in b.analisis if a.tahun_akhir), None)
        rows = [
            [
                num(str(i)),
                Cell(a.sasaran),
                Cell(a.indikator),
                Cell(a.satuan),
                num(narasi.hasil(a.realisasi_kemajuan, a.presisi)),
                num(narasi.target(a.target_akhir, a.presisi)),
                num(persen(a.kemajuan)),
            ]
            for i, a in enumerate(b.analisis, start=1)
        ] or [[Cell(BELUM, span=7, italic=True)]]
        self.table(
            "3.4",
            _("Realisasi Kinerja sampai dengan Tahun %(tahun)s dan Target Akhir Renstra")
            % {"tahun": tahun},
            Table(
                [
                    NO_COL,
                    Col(_("Sasaran"), 3.4),
                    Col(_("Indikator Kinerja"), 3.4),
                    Col(_("Satuan"), 1.7),
                    Col(_("Realisasi s.d. %(tahun)s") % {"tahun": tahun}, 1.8, RIGHT),
                    Col(
                        _("Target Akhir Renstra (%(akhir)s)") % {"akhir": akhir or "-"}, 1.9, RIGHT
                    ),
                    Col(_("Tingkat Kemajuan"), 1.8, RIGHT),
                ],
                rows,
            ),
        )
        for a in b.analisis:
            self.para(narasi.analisis_renstra(a, tahun))

    def _a6(self, b: m.BabIII) -> None:
        self.heading(3, _("A.6 Analisis atas Efisiensi Penggunaan Sumber Daya"))
        self.para(
            _(
                "Efisiensi diperoleh dengan membandingkan rata-rata capaian kinerja setiap "
                "sasaran dengan penyerapan anggaran yang mendukungnya, dengan ketentuan:"
            )
        )
        self.items(
            [
                _(
                    "Efisien, apabila rata-rata capaian kinerja sasaran mencapai 100 % atau lebih dan "
                    "persentase penyerapan anggaran lebih kecil daripada rata-rata capaian kinerja;"
                ),
                _(
                    "Tidak Efisien, apabila rata-rata capaian kinerja sasaran kurang dari 100 % dan "
                    "persentase penyerapan anggaran lebih besar daripada rata-rata capaian kinerja."
                ),
            ],
            "titik",
        )
        sisa = b.metode_efisiensi == "sisa_anggaran"
        if sisa:
            self.para(
                _(
                    "Nilai efisiensi anggaran dihitung sebagai 100 % dikurangi persentase "
                    "serapan anggaran, bila target kinerja tercapai."
                )
            )
        columns = [
            NO_COL,
            Col(_("Sasaran"), 4),
            Col(_("Indikator Kinerja"), 4),
            Col(_("Rata-rata Capaian"), 1.8, RIGHT),
            Col(_("Anggaran (Rp)"), 2.6, RIGHT),
            Col(_("Realisasi (Rp)"), 2.6, RIGHT),
            Col(_("Serapan"), 1.7, RIGHT),
            Col(_("Kategori"), 2, CENTER),
        ]
        if sisa:
            columns.append(Col(_("Efisiensi Anggaran"), 1.8, RIGHT))
        rows = []
        for i, e in enumerate(b.efisiensi, start=1):
            cells = [
                num(str(i)),
                Cell(e.sasaran),
                Cell(e.indikator or [BELUM]),
                num(persen(e.rata_rata_capaian)),
                num(rupiah(e.anggaran)),
                num(rupiah(e.realisasi)),
                num(persen(e.serapan)),
                Cell(e.kategori or BELUM, align=CENTER),
            ]
            if sisa:
                cells.append(
                    num(format_persen(e.nilai) if e.nilai is not None else (e.alasan or BELUM))
                )
            rows.append(cells)
        if not rows:
            rows = [[Cell(BELUM, span=len(columns), italic=True)]]
        self.table(
            "3.5",
            _("Analisis Efisiensi Penggunaan Anggaran %(opd)s Tahun %(tahun)s")
            % {"opd": self.r.opd, "tahun": self.r.tahun},
            Table(columns, rows),
        )
        for e in b.efisiensi:
            self.para(narasi.efisiensi(e))

    def _a7(self, b: m.BabIII) -> None:
        self.heading(
            3,
            _(
                "A.7 Analisis Program/Kegiatan yang Menunjang Keberhasilan ataupun "
                "Kegagalan Pencapaian Pernyataan Kinerja"
            ),
        )
        self.para(
            _(
                "Keberhasilan pencapaian target kinerja organisasi sangat bergantung pada "
                "dukungan program/kegiatan. Dukungan program/kegiatan terhadap pencapaian "
                "target kinerja diuraikan dalam tabel berikut."
            )
        )
        rows, number, previous = [], 0, None
        for d in b.dukungan:
            key = (d.sasaran, d.indikator_sasaran)
            first = key != previous
            previous = key
            if first:
                number += 1
            merge = "restart" if first else "continue"
            menunjang = (
                BELUM
                if d.menunjang is None
                else _("Menunjang")
                if d.menunjang
                else _("Tidak menunjang")
            )
            rows.append(
                [
                    num(str(number), vmerge=merge),
                    Cell(d.sasaran, vmerge=merge),
                    Cell(d.indikator_sasaran, vmerge=merge),
                    num(persen(d.capaian_sasaran), vmerge=merge),
                    Cell(
                        d.nama,
                        bold=d.tingkat == "program",
                        indent=0 if d.tingkat == "program" else 0.3,
                    ),
                    Cell(d.indikator),
                    num(persen(d.capaian)),
                    Cell(menunjang, align=CENTER),
                ]
            )
        if not rows:
            rows = [[Cell(BELUM, span=8, italic=True)]]
        self.table(
            "3.6",
            _("Program/Kegiatan yang Menunjang Pencapaian Target Kinerja %(opd)s Tahun %(tahun)s")
            % {"opd": self.r.opd, "tahun": self.r.tahun},
            Table(
                [
                    NO_COL,
                    Col(_("Sasaran"), 3.2),
                    Col(_("Indikator Kinerja"), 2.6),
                    Col(_("Capaian"), 1.6, RIGHT),
                    Col(_("Program/Kegiatan"), 4.4),
                    Col(_("Indikator Program/Kegiatan"), 4.4),
                    Col(_("Capaian"), 1.6, RIGHT),
                    Col(_("Menunjang/Tidak Menunjang"), 2.2, CENTER),
                ],
                rows,
            ),
        )

    def _budget_cells(self, line: BudgetLine, **style) -> list[Cell]:
        selisih = line.selisih
        return [
            num(rupiah(line.pagu), **style),
            num(rupiah(line.realisasi), **style),
            num(BELUM if selisih is None else format_angka(selisih, 0), **style),
            num(persen(line.serapan), **style),
        ]

    def _realisasi_anggaran(self, b: m.BabIII, tahun: int) -> None:
        self.heading(2, _("B. REALISASI ANGGARAN"))
        total = b.anggaran
        versi = _("Sumber: %(versi)s") % {"versi": or_belum(b.versi_anggaran)}
        self.para(
            _(
                "Pelaksanaan tugas pokok dan fungsi didukung anggaran yang bersumber dari "
                "APBD. Ringkasan penggunaan anggaran per program disajikan pada tabel berikut."
            )
        )
        total_style = {"bold": True, "fill": TOTAL_FILL}
        columns = [
            NO_COL,
            Col(_("Uraian"), 8.6),
            Col(_("Anggaran (Rp)"), 2.8, RIGHT),
            Col(_("Realisasi (Rp)"), 2.8, RIGHT),
            Col(_("Selisih (Rp)"), 2.6, RIGHT),
            Col(_("Serapan"), 2.2, RIGHT),
        ]
        if total is None:
            rows = [[Cell(BELUM, span=6, italic=True)]]
        else:
            programs = total.children if total.children else (total,)
            rows = [
                [num(str(i)), Cell(p.label)] + self._budget_cells(p)
                for i, p in enumerate(programs, start=1)
            ]
            rows.append(
                [Cell(_("JUMLAH"), span=2, align=CENTER, **total_style)]
                + self._budget_cells(total, **total_style)
            )
        self.table(
            "3.7",
            _("Ringkasan Realisasi Anggaran %(opd)s Tahun Anggaran %(tahun)s")
            % {"opd": self.r.opd, "tahun": tahun},
            Table(columns, rows),
            note=versi,
        )
        self.para(narasi.realisasi_anggaran(total, tahun))
        self.para(
            _(
                "Rincian penggunaan anggaran per program, kegiatan dan sub kegiatan disajikan "
                "pada tabel berikut."
            ),
            page_break=True,
        )
        rows = []
        if total is not None:
            for program in total.children:
                rows.append(self._budget_row(program, 0))
                for kegiatan in program.children:
                    rows.append(self._budget_row(kegiatan, 1))
                    for sub in kegiatan.children:
                        rows.append(self._budget_row(sub, 2))
            rows.append(
                [Cell(_("JUMLAH"), span=2, align=CENTER, **total_style)]
                + self._budget_cells(total, **total_style)
            )
        else:
            rows = [[Cell(BELUM, span=6, italic=True)]]
        self.table(
            "3.8",
            _(
                "Realisasi Anggaran per Program, Kegiatan dan Sub Kegiatan %(opd)s "
                "Tahun Anggaran %(tahun)s"
            )
            % {"opd": self.r.opd, "tahun": tahun},
            Table(
                [
                    Col(_("Kode"), 3.2),
                    Col(_("Program/Kegiatan/Sub Kegiatan"), 8.6),
                    Col(_("Anggaran (Rp)"), 2.8, RIGHT),
                    Col(_("Realisasi (Rp)"), 2.8, RIGHT),
                    Col(_("Selisih (Rp)"), 2.6, RIGHT),
                    Col(_("Serapan"), 2.2, RIGHT),
                ],
                rows,
                numbered_header=True,
            ),
            note=versi,
        )
        if total is not None and total.children:
            png = self._draw(
                "serapan_per_program",
                [
                    (p.nama, p.serapan.value if p.serapan.is_computed else None)
                    for p in total.children
                ],
                _("Serapan anggaran (%) per program"),
            )
            self.chart(
                png, "3.3", _("Serapan Anggaran per Program Tahun %(tahun)s") % {"tahun": tahun}
            )

    def _budget_row(self, line: BudgetLine, level: int) -> list[Cell]:
        style = {"bold": level < 2, "fill": PROGRAM_FILL if level == 0 else None}
        return [
            Cell(line.kode, **style),
            Cell(line.nama, indent=0.3 * level, **style),
            *self._budget_cells(line, **style),
        ]

    # -- Bab IV --

    def bab4(self):
        doc = self._new()
        b = self.r.bab4
        self.heading(1, _("BAB IV\nPENUTUP"))
        self.heading(2, _("A. KESIMPULAN"))
        self.para(
            _(
                "Laporan Kinerja ini merupakan pertanggungjawaban atas kinerja dalam mencapai "
                "tujuan dan sasaran yang telah ditetapkan dalam Rencana Strategis dan "
                "Perjanjian Kinerja."
            )
        )
        self.para(narasi.kesimpulan(b, self.r.opd, self.r.tahun))
        rows = [
            [
                num(str(i)),
                Cell(k.sasaran),
                Cell(k.indikator),
                num(persen(k.capaian)),
                Cell(k.predikat or BELUM, align=CENTER),
            ]
            for i, k in enumerate(b.kesimpulan, start=1)
        ] or [[Cell(BELUM, span=5, italic=True)]]
        self.table(
            "4.1",
            _("Hasil Pengukuran Pencapaian Sasaran Tahun %(tahun)s") % {"tahun": self.r.tahun},
            Table(
                [
                    NO_COL,
                    Col(_("Sasaran Strategis"), 5.4),
                    Col(_("Indikator Kinerja"), 5.4),
                    Col(_("Capaian Kinerja"), 2, RIGHT),
                    Col(_("Kategori Capaian"), 2.2, CENTER),
                ],
                rows,
                numbered_header=True,
            ),
        )
        self.heading(2, _("B. PERMASALAHAN DAN LANGKAH ANTISIPATIF"))
        self.label(_("Permasalahan:"))
        self.items(b.permasalahan or [PERLU], "angka")
        self.label(_("Langkah antisipatif:"))
        self.items(b.langkah_antisipatif or [PERLU], "angka")
        self.heading(2, _("C. REKOMENDASI"))
        self.para(
            _("Strategi yang diperlukan untuk meningkatkan kinerja di masa mendatang antara lain:")
        )
        self.items(b.rekomendasi or [PERLU], "angka")
        self.para(
            _(
                "Demikian Laporan Kinerja Instansi Pemerintah ini disusun, semoga dapat menjadi "
                "bahan evaluasi untuk peningkatan kinerja di masa mendatang."
            )
        )
        self.signature(self.r.penandatangan, self.r.tempat, self.r.tanggal)
        return doc

    # -- Lampiran --

    def lampiran(self):
        doc = self._new()
        b = self.r.bab2
        self.heading(1, _("LAMPIRAN\nPERJANJIAN KINERJA TAHUN %(tahun)s") % {"tahun": self.r.tahun})
        self.para(_("Sasaran strategis, indikator kinerja dan target yang diperjanjikan:"))
        self._pk_table("L.1", b)
        signatures = Table(
            [Col("", 1, CENTER), Col("", 1, CENTER)],
            [
                [
                    Cell(self._signature_cell(_("PIHAK KEDUA"), b.pihak_kedua), align=CENTER),
                    Cell(self._signature_cell(_("PIHAK PERTAMA"), b.pihak_pertama), align=CENTER),
                ]
            ],
            header=[],
        )
        element = self._table_element(signatures)
        _borderless(element)
        self._add(element)
        if self.r.catatan:
            self.heading(2, _("CATATAN KELENGKAPAN DATA"))
            self.items(self.r.catatan, "titik")
        return doc

    # === after docxtpl ======================================================================

    def finish(self, document, for_pdf: bool) -> None:
        body = document.element.body
        if self.layout.emitted:
            _continue_numbering(body.sectPr)
        ensure_update_fields(document.settings.element)
        if for_pdf:
            _unwrap_toc_field(body)


def _continue_numbering(sect) -> None:
    """A section that continues the page numbers of the one before (no restart, no title page)."""
    for element in sect.findall(qn("w:pgNumType")):
        if element.get(qn("w:start")) is not None:
            del element.attrib[qn("w:start")]
    for element in sect.findall(qn("w:titlePg")):
        sect.remove(element)


def _borderless(tbl) -> None:
    tblpr = tbl.find(qn("w:tblPr"))
    nil = "".join(
        f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tblpr.find(qn("w:jc")).addnext(parse_xml(f"<w:tblBorders {W}>{nil}</w:tblBorders>"))
    for shd in tbl.iter(qn("w:shd")):
        shd.getparent().remove(shd)


def _unwrap_toc_field(body) -> None:
    """Remove the runs that make the TOC a field, keeping its entries (and their PAGEREFs)."""
    stack: list[dict] = []
    for element in list(body.iter(qn("w:fldChar"), qn("w:instrText"))):
        run = element.getparent()
        if element.tag == qn("w:instrText"):
            if stack:
                stack[-1]["instr"] += element.text or ""
                stack[-1]["runs"].append(run)
            continue
        kind = element.get(qn("w:fldCharType"))
        if kind == "begin":
            stack.append({"instr": "", "runs": [run]})
        elif kind == "separate" and stack:
            stack[-1]["runs"].append(run)
        elif kind == "end" and stack:
            field = stack.pop()
            if field["instr"].strip().upper().startswith("TOC"):
                for wrapper in [*field["runs"], run]:
                    parent = wrapper.getparent()
                    if parent is not None:
                        parent.remove(wrapper)
