"""What `sakip lkjip` and `sakip pk` share: the options, checks before the work, DOCX or PDF
by the output's suffix, and clear errors. A command supplies `describe`, `make` and `notes`."""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from jinja2 import TemplateError

from sakip.formulas.numbers import format_angka
from sakip.organisasi.lookup import find_opd
from sakip.pelaporan.pdf import PdfError, docx_to_pdf, find_soffice

PDF_TIMEOUT = 180  # seconds; a first LibreOffice start on a slow machine takes a while


def check_template_file(path: Path, jenis: str) -> None:
    """A template given on the command line passes the same check as an upload."""
    from django.core.exceptions import ValidationError

    from sakip.pelaporan.templates_pemda import check_template

    try:
        check_template(path.read_bytes(), jenis)
    except ValidationError as error:
        raise CommandError("\n".join(error.messages)) from error


class DocumentCommand(BaseCommand):
    jenis = ""  # the document's key in sakip.dokumen.templat.VARIABEL

    def describe(self) -> str:
        raise NotImplementedError

    def add_document_arguments(self, parser):
        """Options of this document only."""

    def make(self, opd, options, template, for_pdf: bool) -> tuple[bytes, list[str]]:
        """The DOCX bytes, and notes for the person (what is missing, a draft...)."""
        raise NotImplementedError

    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return self.describe()

    def add_arguments(self, parser):
        parser.add_argument("--opd", required=True, help=_("slug OPD, mis. kecamatan-jati"))
        parser.add_argument("--tahun", required=True, type=int)
        self.add_document_arguments(parser)
        parser.add_argument("--out", required=True, help=_("berkas keluaran, .docx atau .pdf"))
        parser.add_argument(
            "--pemda", help=_("slug pemda, bila slug OPD ada di lebih dari satu pemda")
        )
        parser.add_argument(
            "--template", help=_("templat Word milik pemda (default: templat bawaan sakip)")
        )
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def handle(self, *args, **options):
        out = Path(options["out"])
        kind = out.suffix.lower()
        if kind not in (".docx", ".pdf"):
            raise CommandError(
                _("Berkas keluaran harus berakhiran .docx atau .pdf, bukan %(nama)s")
                % {"nama": out.name}
            )
        template = options.get("template")
        if template and not Path(template).is_file():
            raise CommandError(_("Templat tidak ditemukan: %(path)s") % {"path": template})
        if template:
            check_template_file(Path(template), self.jenis)
        if kind == ".pdf":
            try:
                find_soffice()  # before the work, so a missing LibreOffice is said at once
            except PdfError as exc:
                raise CommandError(
                    _("%(error)s, atau simpan sebagai .docx.") % {"error": exc}
                ) from exc
        try:
            opd = find_opd(options["opd"], options.get("pemda"))
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        try:
            data, notes = self.make(opd, options, template, kind == ".pdf")
        except TemplateError as exc:
            raise CommandError(
                _("Templat %(path)s tidak dapat diisi: %(error)s")
                % {"path": template or _("bawaan"), "error": exc}
            ) from exc
        out.parent.mkdir(parents=True, exist_ok=True)
        if kind == ".docx":
            out.write_bytes(data)
        else:
            with tempfile.TemporaryDirectory(prefix="sakip-dokumen-") as workdir:
                docx = Path(workdir) / f"{out.stem}.docx"
                docx.write_bytes(data)
                try:
                    docx_to_pdf(docx, out, timeout=PDF_TIMEOUT)
                except PdfError as exc:
                    raise CommandError(str(exc)) from exc
        for note in notes:
            self.stderr.write(note)
        self.stdout.write(
            _("%(path)s (%(ukuran)s byte)")
            % {"path": out.resolve(), "ukuran": format_angka(out.stat().st_size)}
        )
