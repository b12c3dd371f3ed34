from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from sakip.dataset import DatasetError, load_file


class Command(BaseCommand):
    help = (
        "Muat data satu OPD dari berkas YAML (docs/data-format.md). Semua atau tidak sama sekali: "
        "bila satu baris salah, tidak ada yang disimpan. Nilai di berkas menggantikan nilai di "
        "basis data, dan triwulan yang kosong di berkas dihapus."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--data-dir", help="folder data (default ./sakip-data)")

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        try:
            report = load_file(options["file"])
        except DatasetError as exc:
            raise CommandError(f"Tidak ada yang disimpan. {exc}") from exc
        except FileNotFoundError as exc:
            raise CommandError(f"Berkas tidak ditemukan: {options['file']}") from exc
        written = sum(report.written.values())
        self.stdout.write(
            f"{report.opd} ({report.pemda}): {written} baris ditulis, "
            f"{sum(report.unchanged.values())} tidak berubah, {report.removed} dihapus."
        )
