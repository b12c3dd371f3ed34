"""`sakip pulihkan BERKAS [--paksa]`: an archive of `sakip cadangkan` back into this install."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from sakip.cadangan import CadanganError
from sakip.cadangan.arsip import VENDOR_NAMES
from sakip.cadangan.pulihkan import pulihkan


class Command(BaseCommand):
    requires_system_checks = []  # reads and writes data only; no URL or model checks needed

    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return _(
            "Pulihkan berkas cadangan `sakip cadangkan` ke instalasi yang kosong (basis data "
            "dan berkas). Hentikan aplikasi lebih dulu."
        )

    def add_arguments(self, parser):
        parser.add_argument("berkas", help=_("berkas cadangan (.tar.gz)"))
        parser.add_argument(
            "--paksa",
            action="store_true",
            help=_("timpa instalasi yang sudah berisi data (semua isinya diganti)"),
        )
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def handle(self, *args, **options):
        try:
            hasil = pulihkan(Path(options["berkas"]), paksa=options["paksa"])
        except CadanganError as error:
            raise CommandError(str(error)) from error
        manifest = hasil.manifest
        self.stdout.write(
            _(
                "Cadangan dipulihkan: %(berkas)s, dibuat %(dibuat)s di %(host)s (sakip %(versi)s); "
                "basis data %(vendor)s, %(n)s berkas."
            )
            % {
                "berkas": options["berkas"],
                "dibuat": _waktu(manifest.get("created_at")),
                "host": manifest.get("host", "?"),
                "versi": manifest.get("sakip_version", "?"),
                "vendor": VENDOR_NAMES[manifest["database"]["vendor"]],
                "n": hasil.jumlah_berkas,
            }
        )
        if hasil.migrasi:
            self.stdout.write(
                _("Cadangan lebih lama dari kode: %(n)s migrasi dijalankan (%(daftar)s).")
                % {"n": len(hasil.migrasi), "daftar": ", ".join(hasil.migrasi)}
            )
        else:
            self.stdout.write(_("Skema basis data sudah sesuai dengan kode; tidak ada migrasi."))


def _waktu(iso) -> str:
    """The archive's time in this installation's time zone, as dd-mm-yyyy hh:mm."""
    try:
        return f"{timezone.localtime(datetime.fromisoformat(iso)):%d-%m-%Y %H:%M}"
    except (TypeError, ValueError):
        return str(iso)
