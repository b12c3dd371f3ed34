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
    _fixed_zip_dates,
    _page_numbers,
    _properties,
    _settings,
    _styles,
    empty_body,
    page_frame,
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
    empty_body(document)
    page_frame(document, "Laporan Hasil SKM {{ opd }} – {{ periode }}")
    _page_numbers(document.element.body.sectPr, restart=True)

    add = document.add_paragraph
    add("LAPORAN HASIL", "Title")
    add("SURVEI KEPUASAN MASYARAKAT", "Title")
    add("{{ periode|upper }}", "Subtitle")
    add("{{ opd|upper }}", "Subtitle")
    add("{{ pemda|upper }}", "Subtitle")
    add("", "Normal").paragraph_format.space_after = Pt(12)
    add("{{p isi }}", "Body Text")
