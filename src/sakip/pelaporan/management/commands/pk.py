from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from sakip.pelaporan.document_command import DocumentCommand
from sakip.pelaporan.pk import NoPK, build_pk
from sakip.pelaporan.pk_docx import render_pk


class Command(DocumentCommand):
    jenis = "pk"

    def describe(self):
        return _(
            "Susun Perjanjian Kinerja satu OPD untuk satu tahun sebagai DOCX atau PDF (menurut "
            "akhiran berkas --out)."
        )

    def add_document_arguments(self, parser):
        parser.add_argument("--revisi", type=int, help=_("nomor revisi (default: PK yang berlaku)"))

    def make(self, opd, options, template, for_pdf):
        try:
            pk = build_pk(opd, options["tahun"], options.get("revisi"))
        except NoPK as exc:
            raise CommandError(str(exc)) from exc
        notes = (
            []
            if pk.ditandatangani
            else [_("Perjanjian Kinerja ini masih draf (belum ditandatangani).")]
        )
        return render_pk(pk, template, for_pdf=for_pdf), notes
