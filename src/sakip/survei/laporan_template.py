"""The Word frame of the "Laporan Hasil SKM": the LKjIP template's page setup, fonts and styles
(`sakip.pelaporan.template`), a title block and one placeholder ``{{p isi }}`` that
`sakip.survei.laporan_docx` fills. Built in memory (deterministic, cached): no generated file
is committed. Placeholders: ``{{ opd }}``, ``{{ pemda }}``, ``{{ periode }}``."""

from __future__ import annotations

import functools
import io

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

# the LKjIP template's building blocks, reused rather than copied
from sakip.pelaporan.template import (
    _drop_thumbnail,
    _field,
    _fixed_zip_dates,
    _page_numbers,
    _page_setup,
    _properties,
    _settings,
    _styles,
)


@functools.cache
def template_bytes() -> bytes:
    document = docx.Document()
    _drop_thumbnail(document)
    _properties(document)
    props = document.core_properties
    props.title = props.subject = "Laporan Hasil Survei Kepuasan Masyarakat"
    props.keywords = "SKM, IKM, PermenPAN-RB 14/2017"
    props.comments = "Templat Laporan Hasil SKM bawaan sakip."
    _settings(document)
    settings = document.settings.element
    for element in settings.findall(qn("w:updateFields")):  # no TOC: nothing to update
        settings.remove(element)
    _styles(document)
    _body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip_dates(buffer.getvalue())


def template_file() -> io.BytesIO:
    return io.BytesIO(template_bytes())


def _body(document) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    section = document.sections[0]
    _page_setup(section)
    section.header.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.add_run("Laporan Hasil SKM {{ opd }} – {{ periode }}")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    _field(footer, "PAGE", "1")
    _page_numbers(body.sectPr, restart=True)

    add = document.add_paragraph
    add("LAPORAN HASIL", "Title")
    add("SURVEI KEPUASAN MASYARAKAT", "Title")
    add("{{ periode|upper }}", "Subtitle")
    add("{{ opd|upper }}", "Subtitle")
    add("{{ pemda|upper }}", "Subtitle")
    add("", "Normal").paragraph_format.space_after = Pt(12)
    add("{{p isi }}", "Body Text")
