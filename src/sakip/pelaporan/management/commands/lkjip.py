from django.utils.translation import gettext as _

from sakip.pelaporan.build import build_lkjip
from sakip.pelaporan.document_command import DocumentCommand
from sakip.pelaporan.docx import render_lkjip


class Command(DocumentCommand):
    jenis = "lkjip"

    def describe(self):
        return _(
            "Susun LKjIP satu OPD untuk satu tahun sebagai DOCX atau PDF (menurut akhiran "
            "berkas --out)."
        )

    def make(self, opd, options, template, for_pdf):
        lkjip = build_lkjip(opd, options["tahun"])
        notes = [_("Perlu dilengkapi: %(catatan)s") % {"catatan": note} for note in lkjip.catatan]
        return render_lkjip(lkjip, template, for_pdf=for_pdf), notes
