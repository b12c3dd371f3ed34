"""`sakip cadangkan [--keluaran BERKAS]`: one archive of the database and the stored files."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from sakip.cadangan import CadanganError
from sakip.cadangan.arsip import VENDOR_NAMES
from sakip.cadangan.cadangkan import cadangkan


class Command(BaseCommand):
    requires_system_checks = []  # reads and writes data only; no URL or model checks needed

    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return _(
            "Tulis satu berkas cadangan (basis data, berkas unggahan dan templat pemda) yang "
            "dapat dipulihkan dengan `sakip pulihkan`."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keluaran",
            help=_(
                "berkas atau folder tujuan (bawaan: <folder data>/cadangan/"
                "sakip-cadangan-<host>-<tanggal-jam>.tar.gz)"
            ),
        )
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def handle(self, *args, **options):
        keluaran = Path(options["keluaran"]) if options["keluaran"] else None
        try:
            hasil = cadangkan(keluaran)
        except CadanganError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Cadangan ditulis: %(berkas)s (%(ukuran)s): basis data %(vendor)s, %(n)s berkas.")
            % {
                "berkas": hasil.berkas,
                "ukuran": filesizeformat(hasil.ukuran),
                "vendor": VENDOR_NAMES[hasil.vendor],
                "n": hasil.jumlah_berkas,
            }
        )
