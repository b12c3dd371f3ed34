"""Builds the default Word template of the LHE AKIP (`templates/lhe.docx`) with python-docx.

The frame a pemda may restyle in Word: the page setup, styles, header and footer of the LKjIP
template (`sakip.pelaporan.template`, whose style names the renderer uses), a letterhead line
for the Inspektorat and the title block. The content comes from `sakip.evaluasi.lhe_docx`,
which fills these placeholders (docxtpl):

- ``{{ pemda }}``, ``{{ opd }}``, ``{{ tahun }}``, ``{{ nomor }}`` (empty: no "Nomor" line);
- ``{{ draf }}``: the evaluation is not published yet; "DRAF" under the letterhead and in the
  header, so on every page;
- ``{{p isi }}``: the report (dasar, tujuan, ruang lingkup, tim, hasil, kekuatan and
  kelemahan, rekomendasi, penutup and signatures);
- ``{{p lampiran }}``: the grades and notes per criterion.

Rebuild after changing this file (deterministic: an unchanged generator gives the same bytes):

    .venv/bin/python -m sakip.evaluasi.lhe_template
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt

# the PK template has the LKjIP's page setup, styles, footer and no TOC: the LHE starts from it
from sakip.pelaporan.template import (
    _fixed_zip_dates,
    _properties,
    bottom_rule,
    build_pk_template,
    empty_body,
)

LHE_TEMPLATE_PATH = Path(__file__).parent / "templates" / "lhe.docx"


def build_lhe_template(path: str | Path = LHE_TEMPLATE_PATH) -> Path:
    with tempfile.TemporaryDirectory(prefix="sakip-lhe-") as folder:
        document = docx.Document(str(build_pk_template(Path(folder) / "pk.docx")))
    _lhe_properties(document)
    _lhe_body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_fixed_zip_dates(buffer.getvalue()))
    return path


def _lhe_properties(document) -> None:
    _properties(document)
    props = document.core_properties
    props.title = "Laporan Hasil Evaluasi AKIP"
    props.subject = "LHE AKIP"
    props.keywords = "LHE, Evaluasi AKIP, SAKIP"
    props.comments = "Templat LHE AKIP bawaan sakip; gaya, kop dan margin boleh diubah."


def _lhe_body(document) -> None:
    """The PK's body and header text replaced by the LHE's (footer and page setup kept)."""
    empty_body(document)
    header = document.sections[0].header.paragraphs[0]
    for run in list(header.runs):
        run._r.getparent().remove(run._r)
    header.add_run("{% if draf %}DRAF – belum dipublikasikan · {% endif %}").bold = True
    header.add_run("Laporan Hasil Evaluasi AKIP {{ opd }} Tahun {{ tahun }}")

    add = document.add_paragraph
    kop = add("INSPEKTORAT {{ pemda|upper }}", "Subtitle")
    bottom_rule(kop, 12, 4)
    add("", "Normal").paragraph_format.space_after = Pt(12)
    add("{%p if draf %}", "Subtitle")
    add("DRAF", "Subtitle")
    add("{%p endif %}", "Subtitle")
    add("LAPORAN HASIL EVALUASI", "Subtitle")
    add("AKUNTABILITAS KINERJA INSTANSI PEMERINTAH", "Subtitle")
    add("{{ opd|upper }}", "Subtitle")
    add("TAHUN {{ tahun }}", "Subtitle")
    add("{%p if nomor %}", "Normal")
    number = add("Nomor: {{ nomor }}", "Normal")
    number.alignment = 1  # centre
    add("{%p endif %}", "Normal")
    add("", "Normal").paragraph_format.space_after = Pt(12)
    add("{{p isi }}", "Body Text")
    add("{{p lampiran }}", "Body Text")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = build_lhe_template(args[0]) if args else build_lhe_template()
    print(f"{path} ({path.stat().st_size:,} bytes)".replace(",", "."))


if __name__ == "__main__":
    main()
