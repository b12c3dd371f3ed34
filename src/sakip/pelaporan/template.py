"""Builds the default Word template of the LKjIP (`templates/lkjip.docx`) with python-docx.

The template is the frame a pemda may restyle in Word: page setup (A4), fonts and spacing of
the styles, the cover page, header and footer (page numbers), and the table of contents. The
content comes from `sakip.pelaporan.docx`, which fills these placeholders (docxtpl):

- on the cover and in the header: ``{{ opd }}``, ``{{ pemda }}``, ``{{ tahun }}``,
  ``{{ tahun_terbit }}`` (the year after the reported one, when the LKjIP is published);
- ``{{p kata_pengantar }}``, ``{{p daftar_isi }}`` (the entries inside the TOC field),
  ``{{p bab1 }}`` … ``{{p bab4 }}``, ``{{p lampiran }}``: one subdocument each.

Sections: the cover (no header, no page number), the front matter (Kata Pengantar, Daftar Isi;
page numbers start at 1, as in the seed) and the body from Bab I (numbering continues). Wide
tables get their own landscape sections, which the renderer inserts inside the chapters.

Styles the renderer uses (a pemda template should keep their names; a missing one falls back
to Normal): Normal, Body Text, Heading 1–4, Title, Subtitle, Caption, TOC Heading, toc 1–3,
Header, Footer, "Butir" and "Butir 2" (list items with a hanging indent), "Isi Tabel",
"Angka Tabel", "Kepala Tabel", "Keterangan Tabel", "Tanda Tangan", "Gambar", and the table
style "Tabel LKjIP".

Rebuild after changing this file:

    .venv/bin/python -m sakip.pelaporan.template            # templates/lkjip.docx and pk.docx
    .venv/bin/python -m sakip.pelaporan.template OTHER.docx # the LKjIP one somewhere else

The output is deterministic (fixed document properties), so an unchanged generator gives an
unchanged file in git.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

TEMPLATE_PATH = Path(__file__).parent / "templates" / "lkjip.docx"
PK_TEMPLATE_PATH = Path(__file__).parent / "templates" / "pk.docx"

FONT = "Arial"  # LibreOffice renders it with the metric-compatible Liberation Sans
PAGE_WIDTH, PAGE_HEIGHT = Cm(21.0), Cm(29.7)  # A4
MARGIN_LEFT, MARGIN_RIGHT = Cm(3.0), Cm(2.5)
MARGIN_TOP, MARGIN_BOTTOM = Cm(2.5), Cm(2.5)
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
HEADER_FILL = "D9E2F3"  # header rows of tables, also used by the renderer

W = nsdecls("w")
SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)  # CT_Settings children that come after w:updateFields, in schema order


def twips(length) -> int:
    return int(round(length / 635))  # EMU -> twentieths of a point


def build_template(path: str | Path = TEMPLATE_PATH) -> Path:
    document = docx.Document()
    _drop_thumbnail(document)
    _properties(document)
    _settings(document)
    _styles(document)
    _body(document)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip_dates(buffer.getvalue()))
    return path


def _fixed_zip_dates(data: bytes) -> bytes:
    """The same package with every entry dated 2025-01-01, so a rebuild changes no byte."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


# --- package and settings --------------------------------------------------------------------


def _drop_thumbnail(document) -> None:
    """python-docx's default package carries a thumbnail of another document."""
    rels = document.part.package.rels
    for key, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[key]


def _properties(document) -> None:
    props = document.core_properties
    props.title = "Laporan Kinerja Instansi Pemerintah"
    props.subject = "LKjIP"
    props.author = "sakip"
    props.last_modified_by = "sakip"
    props.keywords = "LKjIP, SAKIP"
    props.comments = "Templat LKjIP bawaan sakip; gaya, sampul, kop dan margin boleh diubah."
    props.revision = 1
    fixed = dt.datetime(2025, 1, 1)
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed


def ensure_update_fields(settings) -> None:
    """`<w:updateFields w:val="true"/>`: Word offers to update the TOC and page references."""
    existing = settings.find(qn("w:updateFields"))
    if existing is not None:
        existing.set(qn("w:val"), "true")
        return
    element = parse_xml(f'<w:updateFields {W} w:val="true"/>')
    for child in settings:
        if child.tag.split("}")[-1] in SETTINGS_AFTER_UPDATE_FIELDS:
            child.addprevious(element)
            return
    settings.append(element)


def _settings(document) -> None:
    settings = document.settings.element
    ensure_update_fields(settings)
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        found = settings.find(qn(tag))
        if found is not None:
            found.set(qn("w:val"), value)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "id-ID")


# --- styles ----------------------------------------------------------------------------------


def _plain_fonts(rpr) -> None:
    """Replace theme fonts and colours by FONT and black, so the style shows what it says."""
    for tag in ("w:rFonts", "w:color"):
        for element in rpr.findall(qn(tag)):
            rpr.remove(element)
    rpr.insert(
        0,
        parse_xml(
            f'<w:rFonts {W} w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        ),
    )


def _paragraph_style(
    document,
    name,
    base="Normal",
    *,
    size=None,
    bold=None,
    italic=None,
    align=None,
    before=None,
    after=None,
    line=None,
    keep_next=None,
    page_break=None,
    left=None,
    first=None,
    hanging=None,
    outline=None,
):
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    if base is not None and style.name != base:
        style.base_style = styles[base]
    rpr = style.element.get_or_add_rPr()
    _plain_fonts(rpr)
    font = style.font
    font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    fmt = style.paragraph_format
    if align is not None:
        fmt.alignment = align
    if before is not None:
        fmt.space_before = Pt(before)
    if after is not None:
        fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing = line
    if keep_next is not None:
        fmt.keep_with_next = keep_next
    if page_break is not None:
        fmt.page_break_before = page_break
    if left is not None:
        fmt.left_indent = left
    if first is not None:
        fmt.first_line_indent = first
    if hanging is not None:
        fmt.first_line_indent = -hanging
    ppr = style.element.get_or_add_pPr()
    if outline is not None:
        for element in ppr.findall(qn("w:outlineLvl")):
            ppr.remove(element)
        ppr.append(parse_xml(f'<w:outlineLvl {W} w:val="{outline}"/>'))
    for element in rpr.findall(qn("w:kern")) + rpr.findall(qn("w:spacing")):
        rpr.remove(element)
    for element in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:contextualSpacing")):
        ppr.remove(element)
    return style


def _tab_stops(style, *stops) -> None:
    ppr = style.element.get_or_add_pPr()
    for element in ppr.findall(qn("w:tabs")):
        ppr.remove(element)
    tabs = "".join(
        f'<w:tab w:val="{kind}" w:leader="{leader}" w:pos="{pos}"/>' for kind, leader, pos in stops
    )
    # w:tabs comes early in pPr (after keepNext/keepLines/pageBreakBefore… and numPr/pBdr/shd)
    element = parse_xml(f"<w:tabs {W}>{tabs}</w:tabs>")
    anchor = None
    for tag in ("w:spacing", "w:ind", "w:jc", "w:outlineLvl"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(element)
    else:
        ppr.append(element)


def _table_style(document) -> None:
    styles = document.styles.element
    border = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    borders = "".join(
        border.format(side=side)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    styles.append(
        parse_xml(
            f'<w:style {W} w:type="table" w:customStyle="1" w:styleId="TabelLKjIP">'
            '<w:name w:val="Tabel LKjIP"/><w:basedOn w:val="TableNormal"/>'
            '<w:uiPriority w:val="59"/><w:qFormat/>'
            '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
            f"<w:tblPr><w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr></w:style>"
        )
    )


def _styles(document) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _plain_fonts(rpr)
    rpr.find(qn("w:lang")).set(qn("w:val"), "id-ID")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    ppr.find(qn("w:spacing")).set(qn("w:after"), "0")

    left, center, right, justify = (
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.RIGHT,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    _paragraph_style(document, "Normal", None, size=11, after=0, line=1.15)
    _paragraph_style(
        document, "Body Text", size=11, align=justify, after=6, line=1.3, first=Cm(1.0)
    )
    _paragraph_style(
        document,
        "Heading 1",
        size=14,
        bold=True,
        align=center,
        before=0,
        after=18,
        line=1.15,
        keep_next=True,
        page_break=True,
        outline=0,
    )
    _paragraph_style(
        document,
        "Heading 2",
        "Normal",
        size=12,
        bold=True,
        align=left,
        before=14,
        after=6,
        keep_next=True,
        outline=1,
    )
    _paragraph_style(
        document,
        "Heading 3",
        "Normal",
        size=11,
        bold=True,
        align=left,
        before=10,
        after=4,
        keep_next=True,
        outline=2,
    )
    _paragraph_style(
        document,
        "Heading 4",
        "Normal",
        size=11,
        bold=True,
        italic=False,
        align=left,
        before=8,
        after=3,
        keep_next=True,
        outline=3,
    )
    _paragraph_style(
        document, "Title", "Normal", size=18, bold=True, align=center, before=0, after=6, line=1.15
    )
    _paragraph_style(
        document,
        "Subtitle",
        "Normal",
        size=14,
        bold=True,
        italic=False,
        align=center,
        before=0,
        after=4,
        line=1.15,
    )
    _paragraph_style(
        document,
        "TOC Heading",
        "Normal",
        size=14,
        bold=True,
        align=center,
        before=0,
        after=18,
        keep_next=True,
        page_break=True,
        outline=9,
    )
    toc = []
    for level in (1, 2, 3):
        style = _paragraph_style(
            document,
            f"toc {level}",
            "Normal",
            size=11,
            bold=level == 1,
            before=5 if level == 1 else 0,
            after=1,
            line=1.0,
            left=Cm(0.6 * (level - 1)),
        )
        _tab_stops(style, ("right", "dot", twips(TEXT_WIDTH)))
        toc.append(style)
    _paragraph_style(
        document,
        "Caption",
        "Normal",
        size=10,
        bold=True,
        align=center,
        before=10,
        after=6,
        line=1.0,
        keep_next=True,
    )
    _paragraph_style(
        document, "Butir", "Body Text", align=justify, after=3, left=Cm(1.0), hanging=Cm(0.6)
    )
    _paragraph_style(
        document, "Butir 2", "Body Text", align=justify, after=2, left=Cm(1.6), hanging=Cm(0.6)
    )
    _paragraph_style(
        document, "Isi Tabel", "Normal", size=9, align=left, before=0, after=0, line=1.0
    )
    _paragraph_style(document, "Angka Tabel", "Isi Tabel", align=right)
    _paragraph_style(document, "Kepala Tabel", "Isi Tabel", bold=True, align=center, keep_next=True)
    _paragraph_style(
        document, "Keterangan Tabel", "Normal", size=8, italic=True, align=left, before=2, after=8
    )
    _paragraph_style(
        document,
        "Tanda Tangan",
        "Normal",
        size=11,
        align=center,
        before=0,
        after=0,
        line=1.15,
        left=Cm(8.0),
    )
    _paragraph_style(
        document, "Gambar", "Normal", align=center, before=6, after=0, line=1.0, keep_next=True
    )
    _paragraph_style(document, "Header", "Normal", size=8, italic=True, align=right)
    _paragraph_style(document, "Footer", "Normal", size=9, align=center)
    _table_style(document)


# --- body ------------------------------------------------------------------------------------


def _page_setup(section) -> None:
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = section.footer_distance = Cm(1.25)


def _field(paragraph, instruction: str, shown: str = "") -> None:
    p = paragraph._p
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>'))
    p.append(
        parse_xml(f'<w:r {W}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>')
    )
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    if shown:
        p.append(parse_xml(f"<w:r {W}><w:t>{shown}</w:t></w:r>"))
    p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))


def _page_numbers(sect_pr, restart: bool) -> None:
    for element in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(element)
    start = ' w:start="1"' if restart else ""
    element = parse_xml(f'<w:pgNumType {W} w:fmt="decimal"{start}/>')
    # pgNumType follows pgSz, pgMar, paperSrc, pgBorders, lnNumType
    anchor = sect_pr.find(qn("w:pgMar"))
    anchor.addnext(element)


def empty_body(document) -> None:
    """Every body element removed but the section properties: a template starts blank."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def page_frame(document, header_text: str):
    """Page setup, a running header with `header_text` and the page number in the footer, for
    every template built here. Returns the header paragraph."""
    section = document.sections[0]
    _page_setup(section)
    section.header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run(header_text)
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    _field(footer, "PAGE", "1")
    return header


def bottom_rule(paragraph, size: int, space: int, color: str = "000000") -> None:
    """A line under the paragraph (w:sz in eighths of a point, w:space in points)."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:pBdr {W}><w:bottom w:val="single" w:sz="{size}" w:space="{space}" '
            f'w:color="{color}"/></w:pBdr>'
        )
    )


def _body(document) -> None:
    empty_body(document)
    # header and footer (shared by the front matter and the body; the cover has none)
    header = page_frame(document, "Laporan Kinerja Instansi Pemerintah {{ opd }} Tahun {{ tahun }}")
    bottom_rule(header, 4, 1, "808080")

    add = document.add_paragraph
    # cover: title on top, a free space (for the pemda's logo), the OPD at the bottom
    for _ in range(5):
        add("", "Normal")
    add("LAPORAN KINERJA", "Title")
    add("INSTANSI PEMERINTAH", "Title")
    add("(LKjIP)", "Subtitle")
    year = add("TAHUN {{ tahun }}", "Subtitle")
    bottom_rule(year, 12, 12)
    year.paragraph_format.left_indent = Cm(3)
    year.paragraph_format.right_indent = Cm(3)
    for _ in range(24):
        add("", "Normal")
    add("{{ opd|upper }}", "Subtitle")
    add("{{ pemda|upper }}", "Subtitle")
    add("{{ tahun_terbit }}", "Subtitle")
    cover_end = add("", "Normal")

    # front matter: Kata Pengantar and Daftar Isi; page 1 is the Kata Pengantar, as in the seed
    # (one arabic numbering throughout, so the Daftar Isi's page references read the same in
    # Word and LibreOffice)
    add("{{p kata_pengantar }}", "Body Text")
    add("DAFTAR ISI", "TOC Heading")
    toc_start = add("", "toc 1")
    toc_start.paragraph_format.space_before = Pt(0)
    toc_start.paragraph_format.space_after = Pt(0)
    toc_p = toc_start._p
    toc_p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'))
    toc_p.append(
        parse_xml(
            f'<w:r {W}><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
        )
    )
    toc_p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>'))
    add("{{p daftar_isi }}", "toc 1")
    toc_end = add("", "toc 1")
    toc_end.paragraph_format.space_before = Pt(0)
    toc_end._p.append(parse_xml(f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'))
    front_end = add("", "Normal")

    # body from Bab I, numbering continued
    for name in ("bab1", "bab2", "bab3", "bab4", "lampiran"):
        add("{{p " + name + " }}", "Body Text")

    body_sect = document.element.body.sectPr
    _page_numbers(body_sect, restart=False)
    # the section properties of the cover and the front matter live in their last paragraph
    front_sect = copy.deepcopy(body_sect)
    _page_numbers(front_sect, restart=True)
    front_end._p.get_or_add_pPr().append(front_sect)
    cover_sect = copy.deepcopy(body_sect)
    for tag in ("w:headerReference", "w:footerReference", "w:pgNumType"):
        for element in cover_sect.findall(qn(tag)):
            cover_sect.remove(element)
    line = '<w:{side} w:val="double" w:sz="6" w:space="24" w:color="000000"/>'
    sides = "".join(line.format(side=side) for side in ("top", "left", "bottom", "right"))
    cover_sect.find(qn("w:pgMar")).addnext(
        parse_xml(f'<w:pgBorders {W} w:offsetFrom="page">{sides}</w:pgBorders>')
    )
    cover_end._p.get_or_add_pPr().append(cover_sect)


# --- the Perjanjian Kinerja template ---------------------------------------------------------
#
# `templates/pk.docx`, filled by `sakip.pelaporan.pk_docx`: the same page setup and styles as
# the LKjIP (Normal, Body Text, Heading 1 for the Lampiran's title, Subtitle for the title
# lines, "Isi Tabel"…, table style "Tabel LKjIP"), no cover and no table of contents.
# Placeholders: ``{{ tahun }}``, ``{{ opd }}``, ``{{ pemda }}``, ``{{ revisi }}`` (0: no
# "REVISI" line), ``{{ draf }}`` (a PK not yet signed: "DRAF" in the title and the header),
# ``{{p pernyataan }}`` (statement and signatures) and ``{{p lampiran }}`` (the annex).


def build_pk_template(path: str | Path = PK_TEMPLATE_PATH) -> Path:
    document = docx.Document()
    _drop_thumbnail(document)
    _pk_properties(document)
    _settings(document)
    # no fields to update (no TOC): Word need not ask on opening
    settings = document.settings.element
    for element in settings.findall(qn("w:updateFields")):
        settings.remove(element)
    _styles(document)
    _pk_body(document)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip_dates(buffer.getvalue()))
    return path


def _pk_properties(document) -> None:
    _properties(document)
    props = document.core_properties
    props.title = "Perjanjian Kinerja"
    props.subject = "Perjanjian Kinerja"
    props.keywords = "Perjanjian Kinerja, PK, SAKIP"
    props.comments = "Templat Perjanjian Kinerja bawaan sakip; gaya, kop dan margin boleh diubah."


def _pk_body(document) -> None:
    empty_body(document)
    header = page_frame(document, "{% if draf %}DRAF – belum ditandatangani{% endif %}")
    header.runs[0].bold = True
    _page_numbers(document.element.body.sectPr, restart=True)

    add = document.add_paragraph
    add("{%p if draf %}", "Subtitle")
    add("DRAF", "Subtitle")
    add("{%p endif %}", "Subtitle")
    add("PERJANJIAN KINERJA TAHUN {{ tahun }}", "Subtitle")
    add("{{ opd|upper }}", "Subtitle")
    add("{{ pemda|upper }}", "Subtitle")
    add("{%p if revisi %}", "Subtitle")
    add("REVISI {{ revisi }}", "Subtitle")
    add("{%p endif %}", "Subtitle")
    add("", "Normal").paragraph_format.space_after = Pt(12)
    add("{{p pernyataan }}", "Body Text")
    add("{{p lampiran }}", "Body Text")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    paths = [build_template(args[0])] if args else [build_template(), build_pk_template()]
    for path in paths:
        print(f"{path} ({path.stat().st_size:,} bytes)".replace(",", "."))


if __name__ == "__main__":
    main()
