from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from sakip.dataset import DatasetError, load_file


class Command(BaseCommand):
    @property
    def help(self):  # argparse needs a str, not a lazy translation: translated when asked
        return _(
            "Muat data satu OPD dari berkas YAML (docs/data-format.md). Semua atau tidak sama "
            "sekali: bila satu baris salah, tidak ada yang disimpan. Nilai di berkas menggantikan "
            "nilai di basis data, dan triwulan yang kosong di berkas dihapus."
        )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--data-dir", help=_("folder data (default ./sakip-data)"))

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            report = load_file(options["file"])
        except DatasetError as exc:
            raise CommandError(_("Tidak ada yang disimpan. %(error)s") % {"error": exc}) from exc
        except FileNotFoundError as exc:
            raise CommandError(
                _("Berkas tidak ditemukan: %(file)s") % {"file": options["file"]}
            ) from exc
        self.stdout.write(
            _(
                "%(opd)s (%(pemda)s): %(ditulis)s baris ditulis, %(sama)s tidak berubah, "
                "%(dihapus)s dihapus."
            )
            % {
                "opd": report.opd,
                "pemda": report.pemda,
                "ditulis": sum(report.written.values()),
                "sama": sum(report.unchanged.values()),
                "dihapus": report.removed,
            }
        )
